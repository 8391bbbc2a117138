// What continues from one PDF page to the next: a footnote too long for the
// room left under its mark, and a merged appendix cell whose rows run onto
// another page. Nothing may be lost, nothing may overlap the body.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parsePlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { loadFonts, renderPdf } from "../src/render/pdf/index.ts";
import { MINI } from "./fixtures/mini.ts";
import { tempDir } from "./helpers/run.ts";
import { has } from "./helpers/tools.ts";

const poppler = has("pdftotext");

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  yMax: number;
}

/** Words of each PDF page with their boxes (pdftotext -bbox), pages in order. */
function pdfWords(pdf: Uint8Array, keep?: string): { height: number; words: Word[] }[] {
  const file = join(tempDir(), "x.pdf");
  writeFileSync(file, pdf);
  if (keep) writeFileSync(keep, pdf);
  const html = execFileSync("pdftotext", ["-bbox", file, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  return [...html.matchAll(/<page width="[\d.]+" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    height: Number(m[1]),
    words: [...m[2]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
      text: w[4]!,
      xMin: Number(w[1]),
      yMin: Number(w[2]),
      yMax: Number(w[3]),
    })),
  }));
}

async function pdfOf(yaml: string, keep?: string) {
  const { plan } = parsePlan("plan.yaml", yaml);
  return pdfWords(await renderPdf(planToDocument(plan), await loadFonts()), keep);
}

describe.skipIf(!poppler)("a footnote longer than the room under its mark (PDF)", () => {
  // about two pages of footnote text: 1,300 numbered words
  const N = 1300;
  const note = Array.from({ length: N }, (_, i) => `Đữ${i + 1}`).join(" ");
  const body = Array.from({ length: 40 }, (_, i) => `      - "Nội dung thân văn bản số ${i + 1} về củng cố y tế cơ sở ở thôn, bản, tổ dân phố."`).join("\n");
  const yaml = MINI.replace("requirements: [Bảo đảm tiến độ.]", `requirements: ["Bảo đảm tiến độ[^dai]."]\nfootnotes:\n  dai: "${note}"`).replace(
    "    letters: [",
    `    paragraphs:\n${body}\n    letters: [`,
  );
  let pages: { height: number; words: Word[] }[];
  beforeAll(async () => {
    pages = await pdfOf(yaml, process.env.KEEP_PDF);
  });
  const isNote = (w: Word) => /^Đữ\d+$/.test(w.text);

  it("prints every word of the note once, in order, over the following pages", () => {
    const seen = pages.flatMap((p) => p.words.filter(isNote).map((w) => Number(w.text.slice(2))));
    expect(seen).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    const on = pages.map((p) => p.words.filter(isNote).length);
    // begun on the mark's page and continued on at least two more
    const markPage = pages.findIndex((p) => p.words.some((w) => w.text.startsWith("độ")));
    expect(on[markPage]).toBeGreaterThan(0);
    expect(on.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
  });

  it("keeps the note below every line of body text on each page", () => {
    for (const [i, p] of pages.entries()) {
      const notes = p.words.filter(isNote);
      if (!notes.length) continue;
      const top = Math.min(...notes.map((w) => w.yMin));
      // the note's own number (superscript 1) sits on its first line; everything else is body
      const body = p.words.filter((w) => !isNote(w) && !(w.text === "1" && w.yMin > top - 6));
      const lowest = Math.max(...body.map((w) => w.yMax));
      expect(lowest, `page ${i + 1}`).toBeLessThan(top);
      expect(Math.max(...notes.map((w) => w.yMax)), `page ${i + 1}`).toBeLessThan(p.height - 50);
    }
  });

  it("keeps the body's text whole and in order around the note", () => {
    const text = pages.map((p) => p.words.filter((w) => !isNote(w)).map((w) => w.text).join(" ")).join(" ");
    let at = 0;
    for (let i = 1; i <= 40; i++) {
      const k = text.indexOf(`số ${i} về`, at);
      expect(k, `body line ${i}`).toBeGreaterThan(at - 1);
      at = k;
    }
  });
});

describe.skipIf(!poppler)("a merged appendix cell whose rows run onto the next page (PDF)", () => {
  // one task, 45 sub-rows: far longer than a page; TT, name, lead and deadline are merged over them
  const rows = Array.from({ length: 45 }, (_, i) => `        - { content: "Hạng mục con số ${i + 1} của nhiệm vụ", output: "Sản phẩm ${i + 1}" }`).join("\n");
  const yaml = MINI.replace(
    '  - { id: t1, section: s1, content: "Tổ chức tuyên truyền.", lead: [tyt], partners: [lq], deadline: Q2/2025 }',
    `  - id: t1\n    section: s1\n    content: "Tổ chức tuyên truyền."\n    lead: [tyt]\n    deadline: Q2/2025\n    rows:\n${rows}`,
  ).replace("appendix: { title: Nhiệm vụ cụ thể }", "appendix: { title: Nhiệm vụ cụ thể, columns: [no, content, detail, lead, deadline, output] }");
  let pages: { height: number; words: Word[] }[];
  beforeAll(async () => {
    pages = await pdfOf(yaml, process.env.KEEP_PDF2);
  });

  it("prints the lead agency and the deadline on every page that holds the task's rows, beside them", () => {
    const holding = pages.filter((p) => p.words.some((w) => w.text === "Hạng"));
    expect(holding.length).toBeGreaterThanOrEqual(2);
    for (const [i, p] of holding.entries()) {
      const text = p.words.map((w) => w.text).join(" ");
      expect(text, `piece ${i + 1}`).toContain("Trạm Y tế xã");
      expect(text, `piece ${i + 1}`).toContain("Quý II năm 2025");
      // beside the rows: between the first and the last sub-row of this page, not in the header
      const subs = p.words.filter((w) => w.text === "Hạng");
      const lead = p.words.find((w) => w.text === "Trạm")!;
      expect(lead.yMin).toBeGreaterThanOrEqual(Math.min(...subs.map((w) => w.yMin)) - 1);
      expect(lead.yMax).toBeLessThanOrEqual(Math.max(...subs.map((w) => w.yMax)) + 1);
    }
    // every sub-row printed once, in order
    const words = pages.flatMap((p) => p.words.map((w) => w.text));
    const outputs = words.flatMap((w, i) => (w === "phẩm" && /^\d+$/.test(words[i + 1] ?? "") ? [Number(words[i + 1])] : []));
    expect(outputs).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
  });

  it("fills each page with the task's rows before going on (a group longer than a page is not moved again)", () => {
    const holding = pages.filter((p) => p.words.some((w) => w.text === "Hạng"));
    // all pieces but the last reach the bottom fifth of the page
    for (const p of holding.slice(0, -1)) expect(Math.max(...p.words.map((w) => w.yMax))).toBeGreaterThan(p.height * 0.8);
  });
});
