// npm run bench: speed and memory figures for the Bắc Kạn plan.
//  - one-time start-up: loading modules, compiling templates, parsing fonts
//  - median ms per plan (warm, one process) for DOCX, PDF, and both
//  - peak memory (max RSS)
//  - when LibreOffice is installed: its per-plan time converting 20 of our
//    DOCX files in one call, measured in the same run, and the ratio
// Figures are printed, not asserted: machines are shared and noisy.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const PLAN = process.argv[2] ?? "data/bac-kan-ct25.yaml";

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

async function main(): Promise<void> {
  const t0 = performance.now();
  const { loadPlan } = await import("../../src/load/plan.ts");
  const { planToDocument } = await import("../../src/pipeline.ts");
  const { renderDocx } = await import("../../src/render/docx/index.ts");
  const tModules = performance.now();
  const { plan } = await loadPlan(PLAN);
  planToDocument(plan); // compiles and caches the templates
  const tTemplates = performance.now();
  const pdf = await import("../../src/render/pdf/index.ts");
  const fonts = await pdf.loadFonts();
  const tFonts = performance.now();
  // first document of each kind: one-time costs inside the renderers (glyph caches, subsets)
  const firstDoc = planToDocument(plan);
  await renderDocx(firstDoc);
  await pdf.renderPdf(firstDoc, fonts);
  const tFirst = performance.now();

  const docx: number[] = [];
  const pdfs: number[] = [];
  const both: number[] = [];
  let docxBytes: Uint8Array = new Uint8Array();
  for (let i = 0; i < RUNS; i++) {
    const a = performance.now();
    const doc = planToDocument(plan);
    docxBytes = await renderDocx(doc);
    const b = performance.now();
    await pdf.renderPdf(doc, fonts);
    const c = performance.now();
    const doc2 = planToDocument(plan);
    await pdf.renderPdf(doc2, fonts);
    const d = performance.now();
    docx.push(b - a);
    pdfs.push(d - c); // model + PDF
    both.push(c - a);
  }
  const maxRss = process.resourceUsage().maxRSS / 1024;

  console.log(`plan: ${PLAN} (${RUNS} warm runs, one process)`);
  console.log(`start-up, once per process:`);
  console.log(`  modules ${fmt(tModules - t0)}, templates ${fmt(tTemplates - tModules)}, PDF library + fonts ${fmt(tFonts - tTemplates)} (${fonts.name}), first document ${fmt(tFirst - tFonts)}`);
  console.log(`median per plan: DOCX ${fmt(median(docx))}, PDF ${fmt(median(pdfs))}, DOCX + PDF ${fmt(median(both))}`);
  console.log(`peak memory (max RSS): ${maxRss.toFixed(0)} MB`);

  const lo = spawnSync("sh", ["-c", "command -v soffice"]).status === 0;
  if (!lo) {
    console.log("LibreOffice: not installed, comparison skipped");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "kehoach-bench-"));
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  try {
    const files: string[] = [];
    for (let i = 0; i < 20; i++) {
      const f = join(dir, `plan-${String(i).padStart(2, "0")}.docx`);
      writeFileSync(f, docxBytes);
      files.push(f);
    }
    // warm LibreOffice's profile once, so the figure is conversion, not first-run setup
    spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", join(dir, "warm"), files[0]!], { encoding: "utf8" });
    const s = performance.now();
    const r = spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", join(dir, "pdf"), ...files], { encoding: "utf8" });
    const total = performance.now() - s;
    const made = readdirSync(join(dir, "pdf")).filter((n) => n.endsWith(".pdf")).length;
    if (r.status !== 0 || made !== 20) {
      console.log(`LibreOffice: conversion failed (${made}/20 PDFs): ${r.stderr.slice(0, 200)}`);
      return;
    }
    const per = total / 20;
    console.log(`LibreOffice DOCX → PDF, 20 files in one call: ${fmt(total)} total, ${fmt(per)} per plan`);
    console.log(`ratio: our DOCX + PDF is ${(per / median(both)).toFixed(1)}× faster than LibreOffice's PDF conversion alone`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
