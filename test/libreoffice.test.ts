// Our DOCX opens in LibreOffice and lays out as the seed does: portrait body,
// landscape appendix whose header row repeats, page numbers from page 2.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { tempDir } from "./helpers/run.ts";
import { has, pdfPages, pdfPageText, pdfText, sofficeToPdf } from "./helpers/tools.ts";
import { similarity, words } from "./helpers/words.ts";
import { readFileSync } from "node:fs";

const ready = has("soffice") && has("pdfinfo") && has("pdftotext");

describe.skipIf(!ready)("Bắc Kạn DOCX in LibreOffice", () => {
  let pdf = "";
  let log = "";
  beforeAll(async () => {
    const dir = tempDir("kehoach-lo-");
    const { plan } = await loadPlan("data/bac-kan-ct25.yaml");
    const docx = join(dir, "bac-kan-ct25.docx");
    writeFileSync(docx, await renderDocx(planToDocument(plan)));
    ({ pdf, log } = sofficeToPdf(docx, dir));
  }, 240_000);

  it("converts without complaint", () => {
    // javaldx warnings are about the machine, not about our file
    const complaints = log.split("\n").filter((l) => /error|fail|warn/i.test(l) && !/javaldx/.test(l));
    expect(complaints).toEqual([]);
    expect(pdfPages(pdf).length).toBeGreaterThan(0);
  });

  it("has portrait A4 body pages then landscape appendix pages", () => {
    const pages = pdfPages(pdf);
    const landscape = pages.filter((p) => p.width > p.height);
    const portrait = pages.filter((p) => p.width < p.height);
    expect(portrait.length).toBeGreaterThanOrEqual(6);
    expect(landscape.length).toBeGreaterThanOrEqual(3);
    expect(pages.findIndex((p) => p.width > p.height)).toBe(portrait.length); // appendix comes last
    expect(Math.round(portrait[0]!.width)).toBe(595);
    expect(Math.round(portrait[0]!.height)).toBe(842);
  });

  it("repeats the table header row on every appendix page and numbers pages from 2", () => {
    const pages = pdfPages(pdf);
    const first = pages.findIndex((p) => p.width > p.height);
    for (let i = first; i < pages.length; i++) {
      expect(pdfPageText(pdf, i + 1), `page ${i + 1}`).toMatch(/Nội dung nhiệm vụ/);
    }
    // page 1 has no number; page 2 starts with "2"; the appendix restarts and hides its first number
    expect(pdfPageText(pdf, 1).trim().startsWith("ỦY BAN NHÂN DÂN")).toBe(true);
    expect(pdfPageText(pdf, 2).trim().split(/\s+/)[0]).toBe("2");
    expect(pdfPageText(pdf, first + 2).trim().split(/\s+/)[0]).toBe("2");
  });

  it("still says what seed 001 says (≥ 0.97)", () => {
    const sim = similarity(words(pdfText(pdf)), words(readFileSync("test/fixtures/seeds/001_5b3198c1a597e194.txt", "utf8")));
    expect(sim).toBeGreaterThanOrEqual(0.97);
  });
});
