// The PDF renderer, judged by what a reader of the PDF sees: pages and
// orientation, text that extracts as correct Vietnamese in reading order,
// page breaks that follow Word's rules, embedded subset fonts, same bytes for
// the same input. Poppler checks are skipped only when poppler is missing.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Block, DocumentModel, ParagraphStyle, Table } from "../src/document/model.ts";
import { UserError } from "../src/errors.ts";
import { classifyFontFile } from "../src/render/pdf/fonts.ts";
import { loadFonts, renderPdf, type FontSet } from "../src/render/pdf/index.ts";
import { baseDoc, cell, p, row, samplePlan, section, styles } from "./fixtures/pdf/sample.ts";

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const poppler = has("pdftotext") && has("pdffonts") && has("pdfinfo");
const dir = mkdtempSync(join(tmpdir(), "kehoach-pdf-"));
let seq = 0;

function save(bytes: Uint8Array): string {
  const f = join(dir, `t${++seq}.pdf`);
  writeFileSync(f, bytes);
  return f;
}
const text = (f: string, page?: number) =>
  execFileSync("pdftotext", [...(page ? ["-f", String(page), "-l", String(page)] : []), f, "-"], { encoding: "utf8" });
const pageTexts = (f: string) => text(f).split("\f").slice(0, -1);
const flat = (s: string) => s.replace(/\s+/g, " ").trim();

function pageSizes(f: string): { width: number; height: number }[] {
  const out = execFileSync("pdfinfo", ["-f", "1", "-l", "999", f], { encoding: "utf8" });
  return [...out.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => ({ width: Number(m[1]), height: Number(m[2]) }));
}

interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  t: string;
}
/** Word boxes per page (pdftotext -bbox), y from the page top. */
function words(f: string): { width: number; height: number; words: Word[] }[] {
  const html = execFileSync("pdftotext", ["-bbox", f, "-"], { encoding: "utf8" });
  return html.split("<page ").slice(1).map((pg) => {
    const [, w, h] = /width="([\d.]+)" height="([\d.]+)"/.exec(pg)!;
    const ws = [...pg.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g)].map((m) => ({
      x0: +m[1]!,
      y0: +m[2]!,
      x1: +m[3]!,
      y1: +m[4]!,
      t: m[5]!,
    }));
    return { width: +w!, height: +h!, words: ws };
  });
}

/** Words line by line, left to right (pdftotext's own order reads table columns as blocks). */
const lineOrder = (f: string) =>
  words(f).map((pg) =>
    pg.words
      .sort((a, b) => Math.round(a.y1) - Math.round(b.y1) || a.x0 - b.x0)
      .map((w) => w.t)
      .join(" "),
  );

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFonts();
});

describe("fonts", () => {
  it("parses the four faces once per process and falls back to the bundled Tinos", async () => {
    expect(Object.keys(fonts.faces).sort()).toEqual(["bold", "boldItalic", "italic", "regular"]);
    expect(await loadFonts()).toBe(fonts);
    if (!/Times New Roman/i.test(fonts.name)) expect(fonts.source).toMatch(/templates[/\\]fonts[/\\]tinos$/);
  });

  it("recognises the usual file names of the four faces", () => {
    expect(classifyFontFile("times.ttf")).toEqual({ family: "tnr", face: "regular" });
    expect(classifyFontFile("TIMESBI.TTF")).toEqual({ family: "tnr", face: "boldItalic" });
    expect(classifyFontFile("Times New Roman Bold Italic.ttf")).toEqual({ family: "tnr", face: "boldItalic" });
    expect(classifyFontFile("Times_New_Roman_Italic.ttf")).toEqual({ family: "tnr", face: "italic" });
    expect(classifyFontFile("Times New Roman.ttf")).toEqual({ family: "tnr", face: "regular" });
    expect(classifyFontFile("Tinos-Bold.ttf")).toEqual({ family: "tinos", face: "bold" });
    expect(classifyFontFile("LiberationSerif-Regular.ttf")).toEqual({ family: "liberation", face: "regular" });
    expect(classifyFontFile("LiberationSans-Regular.ttf")).toBeUndefined();
    expect(classifyFontFile("Times.ttc")).toBeUndefined();
  });

  it("rejects a font folder that lacks faces (E_FONT) and names what is missing", async () => {
    const d = mkdtempSync(join(tmpdir(), "kehoach-fonts-"));
    copyFileSync(fonts.faces.regular.file, join(d, "Tinos-Regular.ttf"));
    copyFileSync(fonts.faces.bold.file, join(d, "Tinos-Bold.ttf"));
    const err = await loadFonts({ fontDir: d }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe("E_FONT");
    expect((err as UserError).message).toMatch(/nghiêng/);
    const missing = await loadFonts({ fontDir: join(d, "nope") }).catch((e: unknown) => e);
    expect((missing as UserError).code).toBe("E_FONT");
  });

  it.skipIf(!existsSync("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"))("takes a folder of Liberation Serif faces", async () => {
    const lib = await loadFonts({ fontDir: "/usr/share/fonts/truetype/liberation2" });
    expect(lib.name).toBe("Liberation Serif");
    const pdf = await renderPdf(baseDoc([section([p("body", "Độc lập - Tự do - Hạnh phúc")])]), lib);
    if (poppler) expect(text(save(pdf))).toContain("Độc lập - Tự do - Hạnh phúc");
  });
});

describe.skipIf(!poppler)("a 12-page plan", () => {
  let bytes: Uint8Array;
  let file: string;
  let pages: string[];
  const doc = samplePlan({ chapters: 3 });
  beforeAll(async () => {
    bytes = await renderPdf(doc, fonts);
    file = save(bytes);
    pages = pageTexts(file);
  });

  it("has portrait pages, then landscape appendix pages", () => {
    const sizes = pageSizes(file);
    expect(sizes.length).toBeGreaterThanOrEqual(10);
    expect(sizes.length).toBeLessThanOrEqual(14);
    const firstLandscape = sizes.findIndex((s) => s.width > s.height);
    expect(firstLandscape).toBeGreaterThan(4);
    sizes.forEach((s, i) => {
      if (i < firstLandscape) expect([Math.round(s.width), Math.round(s.height)]).toEqual([595, 842]);
      else expect([Math.round(s.width), Math.round(s.height)]).toEqual([842, 595]);
    });
    expect(sizes.length - firstLandscape).toBeGreaterThanOrEqual(3);
  });

  it("extracts as correct Vietnamese, in reading order", () => {
    const all = flat(text(file));
    for (const s of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Nghiệp vụ ệ ữ ở Đ đ ơ ư Ỷ", "Bắc Kạn, ngày 05 tháng 01 năm 2024", "chữ đậm, chữ nghiêng, đậm nghiêng"]) {
      expect(all).toContain(s);
    }
    const order = ["KẾ HOẠCH", "Thực hiện Kế hoạch số 212-KH/TU", "I. MỤC TIÊU", "1. Nội dung thứ 1", "II. MỤC TIÊU", "III. MỤC TIÊU", "Trên đây là Kế hoạch", "Nơi nhận:", "PHỤ LỤC", "Danh mục nhiệm vụ"];
    const at = order.map((s) => all.indexOf(s));
    expect(at.every((v) => v >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // a long justified paragraph comes out word for word
    const para = doc.sections[0]!.blocks.find((b) => b.type === "paragraph" && b.style === "body" && b.runs[0]!.text.startsWith("b)"));
    const want = flat((para as { runs: { text: string }[] }).runs.map((r) => r.text).join(""));
    expect(all).toContain(want);
  });

  it("numbers pages from 2 at the top, and restarts in the appendix", () => {
    const sizes = pageSizes(file);
    const firstLandscape = sizes.findIndex((s) => s.width > s.height);
    expect(pages[0]!.trim().startsWith("UBND TỈNH BẮC KẠN")).toBe(true);
    expect(pages[1]!.trim().split(/\s+/)[0]).toBe("2");
    expect(pages[firstLandscape - 1]!.trim().split(/\s+/)[0]).toBe(String(firstLandscape));
    expect(pages[firstLandscape]!.trim().startsWith("PHỤ LỤC")).toBe(true);
    expect(pages[firstLandscape + 1]!.trim().split(/\s+/)[0]).toBe("2");
  });

  it("repeats the header row on every table page and keeps every row", () => {
    const sizes = pageSizes(file);
    const firstLandscape = sizes.findIndex((s) => s.width > s.height);
    const pw = words(file);
    const lo = lineOrder(file);
    for (let i = firstLandscape; i < sizes.length; i++) {
      expect(lo[i], `page ${i + 1}`).toMatch(/TT Nội dung nhiệm vụ Cơ quan chủ trì Cơ quan phối hợp/);
      // the header is the first thing below the page number
      const top = pw[i]!.words.filter((w) => w.y0 > 50).sort((a, b) => a.y0 - b.y0)[0]!;
      expect(["TT", "Nội", "Cơ", "Thời", "PHỤ"]).toContain(top.t);
    }
    const appendix = flat(pages.slice(firstLandscape).join(" "));
    for (let n = 1; n <= 40; n++) expect(appendix).toContain(`Nhiệm vụ số ${n}:`);
  });

  it("justifies body text to both margins and never draws text into a margin", () => {
    const m = styles().margins;
    let flush = 0;
    let lines = 0;
    for (const pg of words(file)) {
      const right = pg.width - m.right;
      for (const w of pg.words) {
        expect(w.x0).toBeGreaterThanOrEqual(m.left - 0.01);
        expect(w.x1).toBeLessThanOrEqual(right + 0.01);
        expect(w.y0).toBeGreaterThanOrEqual(m.header - 0.01);
        expect(w.y1).toBeLessThanOrEqual(pg.height - m.bottom + 0.01);
      }
      if (pg.width > pg.height) continue;
      const byLine = new Map<number, number>();
      for (const w of pg.words) byLine.set(Math.round(w.y1), Math.max(byLine.get(Math.round(w.y1)) ?? 0, w.x1));
      for (const x1 of byLine.values()) {
        lines++;
        if (Math.abs(x1 - right) < 0.05) flush++;
      }
    }
    expect(flush / lines).toBeGreaterThan(0.6);
  });

  it("embeds only subset fonts, each face once, with a ToUnicode map", () => {
    const out = execFileSync("pdffonts", [file], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(out.length).toBe(4);
    const names = out.map((l) => l.split(/\s+/)[0]!);
    expect(new Set(names.map((n) => n.slice(7))).size).toBe(4);
    for (const l of out) {
      expect(l).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    }
  });

  it("writes the metadata from the model", () => {
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    expect(info).toMatch(/Title:\s+Kế hoạch mẫu/);
    expect(info).toMatch(/Author:\s+Sở Y tế tỉnh Bắc Kạn/);
    expect(info).toMatch(/Creator:\s+kehoach/);
    expect(info).toMatch(/Producer:\s+kehoach/);
    expect(info).toMatch(/CreationDate:.*2024/);
    expect(new TextDecoder("latin1").decode(bytes)).toContain("/Lang (vi-VN)");
  });

  it("highlights placeholders in yellow", () => {
    const ppm = execFileSync("pdftoppm", ["-r", "20", "-f", "1", "-l", "1", file]);
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(new TextDecoder("latin1").decode(ppm.subarray(0, 40)))!;
    const start = header[0].length;
    let yellow = 0;
    for (let i = start; i + 2 < ppm.length; i += 3) if (ppm[i]! > 200 && ppm[i + 1]! > 200 && ppm[i + 2]! < 90) yellow++;
    expect(yellow).toBeGreaterThan(3);
  });
});

describe("determinism", () => {
  it("gives the same bytes for the same model, whatever was rendered before", async () => {
    const a = samplePlan({ chapters: 1, appendixRows: 5 });
    const b = baseDoc([section([p("body", "Một tài liệu khác với chữ ", { text: "đậm nghiêng ỹ", bold: true, italic: true }, " và dấu ₫ …")])], "Khác");
    const a1 = await renderPdf(a, fonts);
    const a2 = await renderPdf(a, fonts);
    await renderPdf(b, fonts);
    const a3 = await renderPdf(samplePlan({ chapters: 1, appendixRows: 5 }), fonts);
    expect(Buffer.compare(a1, a2)).toBe(0);
    expect(Buffer.compare(a1, a3)).toBe(0);
    expect(new TextDecoder("latin1").decode(a1)).toMatch(/\/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]/);
  });
});

describe("missing glyphs", () => {
  it.each([
    ["😀", "U+1F600"],
    ["中", "U+4E2D"],
  ])("rejects %s with E_MISSING_GLYPH and shows where it is", async (ch, code) => {
    const doc = baseDoc([section([p("body", "Đoạn văn bình thường. ", { text: `Có ký tự lạ ${ch} ở đây`, bold: true }, " và tiếp tục.")])]);
    const err = await renderPdf(doc, fonts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const u = err as UserError;
    expect(u.code).toBe("E_MISSING_GLYPH");
    expect(u.message).toContain(code);
    expect(u.message).toContain(`"${ch}"`);
    expect(u.message).toContain(fonts.name);
    expect(u.details.found).toContain(`Có ký tự lạ ${ch} ở đây`);
    expect(Array.from(u.details.found!).length).toBeLessThanOrEqual(44);
  });
});

// Page-break rules, with a plain style: 20 pt lines, no spacing → 36 lines per A4 page.
describe.skipIf(!poppler)("page breaks", () => {
  const plain: ParagraphStyle = { size: 14, align: "left", firstLineIndent: 0, indentLeft: 0, spaceBefore: 0, spaceAfter: 0, lineHeight: 20 };
  const doc = (blocks: Block[]): DocumentModel => {
    const d = baseDoc([{ ...section(blocks), pageNumbers: { show: false, hideOnFirst: true, restart: false, style: "page-number" } }]);
    d.styles = { ...d.styles, plain, spaced: { ...plain, spaceBefore: 40 }, head: { ...plain, bold: true, keepWithNext: true }, whole: { ...plain, keepLines: true } };
    return d;
  };
  const fill = (n: number) => Array.from({ length: n }, (_, i) => p("plain", `Dòng đệm ${i + 1}`));
  const lines = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}${i + 1}`).join("\n");
  const pagesOf = async (blocks: Block[]) => lineOrder(save(await renderPdf(doc(blocks), fonts)));

  it("fits 36 lines on a page", async () => {
    const pg = await pagesOf(fill(37));
    expect(pg.length).toBe(2);
    expect(pg[0]!.endsWith("Dòng đệm 36")).toBe(true);
  });

  it("never leaves a paragraph's first line alone at a page bottom (orphan)", async () => {
    const pg = await pagesOf([...fill(35), p("plain", lines("A", 4))]);
    expect(pg[0]).not.toContain("A1");
    expect(pg[1]!.startsWith("A1 A2 A3 A4")).toBe(true);
  });

  it("never leaves a paragraph's last line alone at a page top (widow)", async () => {
    const pg = await pagesOf([...fill(33), p("plain", lines("B", 4))]);
    expect(pg[0]!.endsWith("B1 B2")).toBe(true);
    expect(pg[1]!.startsWith("B3 B4")).toBe(true);
  });

  it("keeps a heading with the next paragraph, and keepLines paragraphs whole", async () => {
    let pg = await pagesOf([...fill(34), p("head", "MỤC TIÊU"), p("plain", lines("C", 3))]);
    expect(pg[0]).not.toContain("MỤC TIÊU");
    expect(pg[1]!.startsWith("MỤC TIÊU C1")).toBe(true);
    pg = await pagesOf([...fill(30), p("whole", lines("D", 10))]);
    expect(pg[0]).not.toContain("D1");
    expect(pg[1]!.startsWith("D1")).toBe(true);
  });

  it("drops space before at the top of a page reached by overflow", async () => {
    const pw = words(save(await renderPdf(doc([...fill(36), p("spaced", "E1")]), fonts)));
    const firstTop = (i: number) => Math.min(...pw[i]!.words.map((w) => w.y0));
    expect(pw[1]!.words[0]!.t).toBe("E1");
    expect(firstTop(1)).toBeCloseTo(firstTop(0), 3);
  });

  const grid = (rows: { text: string; cantSplit?: boolean }[]): Table => ({
    type: "table",
    columns: [60, 200, 207.7],
    borders: true,
    headerRows: 1,
    padding: { x: 4, y: 2 },
    rows: [row(["TT", "Việc", "Ghi chú"].map((t) => cell([p("plain", t)]))), ...rows.map((r, i) => row([cell([p("plain", String(i + 1))]), cell([p("plain", r.text)]), cell([p("plain", "x")])], r.cantSplit ?? false))],
  });

  it("moves a cantSplit row whole to the next page, after the repeated header", async () => {
    const pg = await pagesOf([...fill(30), grid([{ text: "R1" }, { text: lines("F", 6), cantSplit: true }])]);
    expect(pg[0]).toContain("R1");
    expect(pg[0]).not.toContain("F1");
    expect(pg[1]!.startsWith("TT Việc Ghi chú 2 F1 x F2 F3 F4 F5 F6")).toBe(true);
  });

  it("splits a tall row across pages, lines continuing under the repeated header", async () => {
    const pg = await pagesOf([...fill(30), grid([{ text: "R1" }, { text: lines("G", 8) }])]);
    expect(pg[0]).toMatch(/2 G1 x G2 G3$/);
    const rest = pg[1]!;
    expect(rest.startsWith("TT Việc Ghi chú G4 G5")).toBe(true);
    expect(rest).toMatch(/G7 G8$/);
    expect(pg.join(" ").match(/G\d/g)).toEqual(["G1", "G2", "G3", "G4", "G5", "G6", "G7", "G8"]);
  });

  it("starts each section on a new page and lays landscape pages wide", async () => {
    const d = doc([p("plain", "Trang dọc")]);
    d.sections.push({ ...d.sections[0]!, orientation: "landscape", blocks: [p("plain", "Trang ngang")] });
    const f = save(await renderPdf(d, fonts));
    const sizes = pageSizes(f);
    expect(sizes.length).toBe(2);
    expect(sizes[0]!.width).toBeLessThan(sizes[0]!.height);
    expect(sizes[1]!.width).toBeGreaterThan(sizes[1]!.height);
    expect(flat(text(f, 2))).toBe("Trang ngang");
  });
});
