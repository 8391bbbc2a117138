// npm run bench (part): how soon the page's preview follows an edit, for the
// largest sample plan (the one with the largest PDF).
//  - server: one edit → POST /api/preview → diagnostics and the new PDF
//    (validate, check, lay out, render), over real HTTP on 127.0.0.1
//  - page (when /usr/bin/chromium exists): typing in the form → the new text
//    is in the preview's text layer (debounce, request, pdf.js drawing)
// Figures are printed, not asserted: machines are shared and noisy.
import { cpSync, existsSync, readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse } from "yaml";

const RUNS = Number(process.env.BENCH_SERVE_RUNS ?? 30);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 8);

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const line = (what: string, xs: number[]) => console.log(`${what}: p50 ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms (${xs.length} edits)`);
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function main(): Promise<void> {
  const { plansUnder } = await import("../../src/batch/inputs.ts");
  const { startServer } = await import("../../src/serve/index.ts");
  const dir = mkdtempSync(join(tmpdir(), "kehoach-bench-serve-"));
  cpSync("data", dir, { recursive: true });
  const server = await startServer(dir);
  const headers = { "Content-Type": "application/json", "X-Kehoach": "1" };
  try {
    // the largest sample: the biggest PDF
    let largest = { path: "", bytes: 0 };
    for (const file of await plansUnder(dir)) {
      const path = relative(dir, file).split("\\").join("/");
      const data = parse(readFileSync(file, "utf8")) as Obj;
      const r = (await (await fetch(`${server.url}api/preview`, { method: "POST", headers, body: JSON.stringify({ path, data }) })).json()) as { pdf?: string };
      const bytes = r.pdf ? Buffer.from(r.pdf, "base64").length : 0;
      if (bytes > largest.bytes) largest = { path, bytes };
    }
    const data = parse(readFileSync(join(dir, largest.path), "utf8")) as Obj;
    const pages = (Buffer.from(((await (await fetch(`${server.url}api/preview`, { method: "POST", headers, body: JSON.stringify({ path: largest.path, data }) })).json()) as { pdf: string }).pdf, "base64").toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(`preview after an edit — ${largest.path} (${pages} pages, ${(largest.bytes / 1024).toFixed(0)} KB PDF)`);
    const field = Array.isArray(data.targets) && data.targets.length ? "targets" : "title";
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const edited = structuredClone(data);
      if (field === "targets") edited.targets[0].text = `${edited.targets[0].text} (${95 + (i % 5)}%)`;
      else edited.title = [...[edited.title].flat(), `lần ${i}`];
      const t = performance.now();
      const r = (await (await fetch(`${server.url}api/preview`, { method: "POST", headers, body: JSON.stringify({ path: largest.path, data: edited }) })).json()) as { pdf?: string };
      times.push(performance.now() - t);
      if (!r.pdf) throw new Error("no PDF in the preview answer");
    }
    line("server (edit → diagnostics + PDF)", times);
    await pageLatency(server.url, largest.path, field);
  } finally {
    await server.close();
  }
}

async function pageLatency(url: string, path: string, field: string): Promise<void> {
  if (!existsSync("/usr/bin/chromium")) {
    console.log("page: skipped (no /usr/bin/chromium)");
    return;
  }
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "kehoach-bench-chromium-"));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    viewport: { width: 1366, height: 768 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(`${url}?plan=${encodeURIComponent(path)}`);
    await page.waitForSelector("[data-testid=preview] .textLayer", { timeout: 120_000 });
    const selector = field === "targets" ? 'textarea[data-path="targets[0].text"]' : 'textarea[data-path="title"]';
    const base = await page.locator(selector).inputValue();
    const times: number[] = [];
    for (let i = 0; i < PAGE_RUNS; i++) {
      const marker = `Mốc${1000 + i}`;
      const t = performance.now();
      await page.locator(selector).fill(`${base} ${marker}`);
      await page.waitForFunction((m) => [...document.querySelectorAll("[data-testid=preview] .textLayer")].some((l) => (l.textContent ?? "").includes(m)), marker, { timeout: 60_000 });
      times.push(performance.now() - t);
    }
    line("page (typing → new text in the preview, Chromium)", times);
  } finally {
    await ctx.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
