// Plans of the hard shapes, written for the project as a published plan reads
// (test/fixtures/shapes/*.txt: letterhead, page numbers, footnotes at the page
// foot, appendix cells as loose lines), encoded from the README alone in data/.
// What the tool prints must say what they say: words ≥ 0.97, and with
// punctuation, numbering and capitals ≥ 0.97, in our PDF and in the DOCX as
// it prints (LibreOffice lays it out: footnotes at the page foot, page
// numbers, the table header repeated, as in the published text).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { loadPlan } from "../src/load/plan.ts";
import { forEachString } from "../src/model/path.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { loadFonts, renderPdf } from "../src/render/pdf/index.ts";
import { tempDir } from "./helpers/run.ts";
import { has, pdfText, sofficeToPdf } from "./helpers/tools.ts";
import { similarity, strictSimilarity, words } from "./helpers/words.ts";

const SHAPES = [
  { plan: "data/dong-nai-qd-nq72.yaml", text: "test/fixtures/shapes/dong-nai-qd-nq72.txt", what: "issued by a decision; grouped appendix, numbers restarting, sub-rows; footnotes" },
  { plan: "data/cao-bang-tyt-2026.yaml", text: "test/fixtures/shapes/cao-bang-tyt-2026.txt", what: "work listed by agency; two appendices; the plan's own deadline and date phrasing" },
] as const;

function measure(ours: string, reference: string) {
  return { words: similarity(words(ours), words(reference)), strict: strictSimilarity(ours, reference) };
}

describe.each(SHAPES)("$plan ($what)", ({ plan: file, text }) => {
  const reference = readFileSync(text, "utf8");

  it("needs the tool: the YAML's own strings, in file order, do not say it", () => {
    const own: string[] = [];
    forEachString(parse(readFileSync(file, "utf8")), (v) => void own.push(v));
    const m = measure(own.join("\n"), reference);
    console.log(`${file}: the YAML's strings alone: words ${m.words.toFixed(4)}, strict ${m.strict.toFixed(4)}`);
    expect(m.strict).toBeLessThan(0.9);
  });

  it.skipIf(!has("soffice") || !has("pdftotext"))("says what the reference plan says, in the DOCX as LibreOffice prints it", async () => {
    const { plan } = await loadPlan(file);
    const dir = tempDir();
    const docx = join(dir, "plan.docx");
    writeFileSync(docx, await renderDocx(planToDocument(plan)));
    const { pdf, log } = sofficeToPdf(docx, dir);
    expect(existsSync(pdf), log).toBe(true);
    const m = measure(pdfText(pdf), reference);
    console.log(`${file}: DOCX (LibreOffice) words ${m.words.toFixed(4)}, strict ${m.strict.toFixed(4)}`);
    expect(m.words).toBeGreaterThanOrEqual(0.97);
    expect(m.strict).toBeGreaterThanOrEqual(0.97);
  }, 240_000);

  it.skipIf(!has("pdftotext"))("says what the reference plan says, in the PDF", async () => {
    const { plan } = await loadPlan(file);
    const pdf = join(tempDir(), "plan.pdf");
    writeFileSync(pdf, await renderPdf(planToDocument(plan), await loadFonts()));
    const m = measure(pdfText(pdf), reference);
    console.log(`${file}: PDF words ${m.words.toFixed(4)}, strict ${m.strict.toFixed(4)}`);
    expect(m.words).toBeGreaterThanOrEqual(0.97);
    expect(m.strict).toBeGreaterThanOrEqual(0.97);
  });
});
