// The PDFs of the sample plans: pdftotext gives their seed's words in order,
// the PDF says exactly what the DOCX says, fonts are embedded subsets, and
// building twice gives the same bytes.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { loadFonts, renderPdf, type FontSet } from "../src/render/pdf/index.ts";
import { docxText } from "./helpers/docx-text.ts";
import { tempDir } from "./helpers/run.ts";
import { has, pdfPages, pdfText } from "./helpers/tools.ts";
import { similarity, words } from "./helpers/words.ts";
import { SAMPLES } from "./fixtures/samples.ts";

const poppler = has("pdftotext") && has("pdffonts") && has("pdfinfo");
let fonts: FontSet;
let dir: string;
beforeAll(async () => {
  fonts = await loadFonts();
  dir = tempDir("kehoach-pdf-");
});

describe.each(SAMPLES)("$plan as PDF", ({ plan: file, seed, min }) => {
  let pdfPath = "";
  let docxWords: string[] = [];
  let bytes: Uint8Array;
  beforeAll(async () => {
    const { plan } = await loadPlan(file);
    const doc = planToDocument(plan);
    bytes = await renderPdf(doc, fonts);
    docxWords = words(docxText(await renderDocx(doc)));
    pdfPath = join(dir, file.replace(/^data\//, "").replace(/\.yaml$/, ".pdf"));
    writeFileSync(pdfPath, bytes);
  });

  it.skipIf(!poppler)(`pdftotext gives NFC Vietnamese with seed ${seed.slice(0, 3)}'s words (≥ ${min})`, () => {
    const text = pdfText(pdfPath);
    expect(text).toBe(text.normalize("NFC"));
    const sim = similarity(words(text), words(readFileSync(`test/fixtures/seeds/${seed}`, "utf8")));
    console.log(`${file}: PDF similarity ${sim.toFixed(4)}`);
    expect(sim).toBeGreaterThanOrEqual(min);
  });

  it.skipIf(!poppler)("carries the same words in the same order as the DOCX", () => {
    const pdfWords = words(pdfText(pdfPath));
    // in order: only a table row split across pages interleaves its cells' lines
    expect(similarity(docxWords, pdfWords)).toBeGreaterThanOrEqual(0.98);
    // the same words: every DOCX word as often in the PDF, which adds only what
    // pagination adds (page numbers, the repeated table header row)
    const count = (ws: string[]) => ws.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
    const inPdf = count(pdfWords);
    const header = new Set(words("TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp Thời gian hoàn thành Chỉ tiêu Đơn vị tính"));
    for (const [w, n] of count(docxWords)) {
      const m = inPdf.get(w) ?? 0;
      expect(m, w).toBeGreaterThanOrEqual(n);
      if (m > n) expect(/^\d+$/.test(w) || header.has(w), `extra "${w}" in the PDF`).toBe(true);
    }
  });

  it.skipIf(!poppler)("embeds only subset fonts", () => {
    const rows = execFileSync("pdffonts", [pdfPath], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(row).toMatch(/^[A-Z]{6}\+/);
      expect(row).toMatch(/\syes\s+yes\s+yes\s/);
    }
  });

  it("is byte-identical when built again", async () => {
    const { plan } = await loadPlan(file);
    const again = await renderPdf(planToDocument(plan), fonts);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const docx1 = await renderDocx(planToDocument(plan));
    const docx2 = await renderDocx(planToDocument(plan));
    expect(Buffer.from(docx1).equals(Buffer.from(docx2))).toBe(true);
  });

  it.skipIf(!poppler)("has PDF metadata: title, author = issuer, language vi-VN", async () => {
    const info = execFileSync("pdfinfo", [pdfPath], { encoding: "utf8" });
    const { plan } = await loadPlan(file);
    expect(info).toMatch(/Title:\s+Kế hoạch/);
    expect(info).toMatch(new RegExp(`Author:\\s+${plan.issuer.fullName}`));
    expect(Buffer.from(bytes).toString("latin1")).toContain("/Lang (vi-VN)");
    expect(pdfPages(pdfPath).length).toBeGreaterThan(3);
  });
});
