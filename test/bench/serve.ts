// npm run bench (part): how soon the page's preview follows an edit, for the
// largest sample plan (the one with the largest PDF).
//  - server: one edit → POST /api/preview → diagnostics and the new PDF
//    (validate, check, lay out, render), over real HTTP on 127.0.0.1
//  - page (when /usr/bin/chromium exists), timed in this process from the
//    call that types a new value into a target's text field (Playwright's
//    fill) until (a) the typed words are in the preview's text layer, and
//    (b) the pages on screen show the new PDF on their canvases: the form's
//    re-render, the request, the server's work, pdf.js parsing and drawing
//    (checked every 10 ms, not on every animation frame: frame polling
//    would make the browser draw ~60 extra frames a second, which costs more
//    than the page's own work on a 2-core machine);
//    and (c) typing a word key by key (80 ms apart), from the last key until
//    the whole word is in the text layer (earlier keys' previews are in flight).
// Figures are printed, not asserted: machines are shared and noisy; the load
// average is printed with them.
import { cpSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { parse } from "yaml";

const RUNS = Number(process.env.BENCH_SERVE_RUNS ?? 30);
const PAGE_RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 12);

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const line = (what: string, xs: number[]) => console.log(`${what}: p50 ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms (${xs.length} edits)`);
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * CPU time (ms) used so far by this process's child processes and theirs (the
 * browser), from /proc; undefined where there is no /proc.
 */
function childrenCpuMs(): number | undefined {
  if (!existsSync("/proc/self/stat")) return undefined;
  const procs = new Map<number, { ppid: number; ticks: number }>();
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      // fields after the command name: state ppid … utime(14) stime(15)
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      procs.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  const mine = (pid: number): boolean => {
    for (let p = procs.get(pid)?.ppid; p; p = procs.get(p)?.ppid) if (p === process.pid) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, p] of procs) if (mine(pid)) ticks += p.ticks;
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

async function main(): Promise<void> {
  const { plansUnder } = await import("../../src/batch/inputs.ts");
  const { startServer } = await import("../../src/serve/index.ts");
  const dir = mkdtempSync(join(tmpdir(), "kehoach-bench-serve-"));
  cpSync("data", dir, { recursive: true });
  const server = await startServer(dir);
  const headers = { "Content-Type": "application/json", "X-Kehoach": "1" };
  /** the PDF in a preview answer (after the evaluation's JSON; empty while the plan has errors) */
  const previewPdf = async (path: string, data: unknown): Promise<Buffer> => {
    const r = await fetch(`${server.url}api/preview`, { method: "POST", headers, body: JSON.stringify({ path, data }) });
    const bytes = Buffer.from(await r.arrayBuffer());
    return bytes.subarray(Number(r.headers.get("X-Kehoach-Json-Bytes")));
  };
  try {
    // the largest sample: the biggest PDF
    let largest = { path: "", bytes: 0 };
    for (const file of await plansUnder(dir)) {
      const path = relative(dir, file).split("\\").join("/");
      const data = parse(readFileSync(file, "utf8")) as Obj;
      const bytes = (await previewPdf(path, data)).length;
      if (bytes > largest.bytes) largest = { path, bytes };
    }
    const data = parse(readFileSync(join(dir, largest.path), "utf8")) as Obj;
    const pages = ((await previewPdf(largest.path, data)).toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    console.log(`preview after an edit — ${largest.path} (${pages} pages, ${(largest.bytes / 1024).toFixed(0)} KB PDF); load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    const field = Array.isArray(data.targets) && data.targets.length ? "targets" : "title";
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const edited = structuredClone(data);
      if (field === "targets") edited.targets[0].text = `${edited.targets[0].text} (${95 + (i % 5)}%)`;
      else edited.title = [...[edited.title].flat(), `lần ${i}`];
      const t = performance.now();
      const pdf = await previewPdf(largest.path, edited);
      times.push(performance.now() - t);
      if (pdf.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error("no PDF in the preview answer");
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
    const text: number[] = [];
    const painted: number[] = [];
    const cpu0 = { server: process.cpuUsage(), browser: childrenCpuMs() };
    for (let i = 0; i < PAGE_RUNS; i++) {
      const marker = `Mốc${1000 + i}`;
      // the preview counts the PDFs it has shown (data-shown: the pages on screen drawn)
      const shown = await page.evaluate(() => Number((document.querySelector("[data-testid=preview]") as HTMLElement).dataset.shown ?? 0));
      const t = performance.now();
      await page.locator(selector).fill(`${base} ${marker}`);
      await page.waitForFunction((m) => [...document.querySelectorAll("[data-testid=preview] .textLayer")].some((l) => (l.textContent ?? "").includes(m)), marker, { timeout: 60_000, polling: 10 });
      text.push(performance.now() - t);
      await page.waitForFunction((n) => Number((document.querySelector("[data-testid=preview]") as HTMLElement).dataset.shown ?? 0) > n, shown, { timeout: 60_000, polling: 10 });
      painted.push(performance.now() - t);
      await page.waitForTimeout(200); // the typist pauses: the other pages' text layers are done
    }
    const server = process.cpuUsage(cpu0.server);
    const browser = childrenCpuMs();
    const typed: number[] = [];
    for (let i = 0; i < PAGE_RUNS; i++) {
      const word = `Đợt${2000 + i}`;
      await page.locator(selector).fill(base);
      await page.waitForFunction((b) => ![...document.querySelectorAll("[data-testid=preview] .textLayer")].some((l) => (l.textContent ?? "").includes("Mốc")) || b === "", base, { timeout: 60_000 });
      await page.waitForTimeout(300);
      await page.locator(selector).press("End");
      await page.keyboard.type(` ${word.slice(0, -1)}`, { delay: 80 });
      await page.waitForTimeout(80);
      const t = performance.now();
      await page.keyboard.type(word.slice(-1));
      await page.waitForFunction((m) => [...document.querySelectorAll("[data-testid=preview] .textLayer")].some((l) => (l.textContent ?? "").includes(m)), word, { timeout: 60_000, polling: 10 });
      typed.push(performance.now() - t);
    }
    line("page (typing → the typed words in the preview's text layer, Chromium)", text);
    line("page (typing → the pages on screen drawn from the new PDF, Chromium)", painted);
    line("page (typing a word key by key → last key to the whole word in the text layer)", typed);
    // what an edit costs in CPU, whatever the load: the latency on an idle 2-core machine is near the larger of the two
    const per = (ms: number) => `${(ms / PAGE_RUNS).toFixed(0)} ms`;
    console.log(`CPU per edit (the ${PAGE_RUNS} edits above, with their waits): server ${per((server.user + server.system) / 1000)}, browser (all its processes) ${browser !== undefined && cpu0.browser !== undefined ? per(browser - cpu0.browser) : "unknown"}`);
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  } finally {
    await ctx.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
