// Our PDF object writer (src/render/pdf/writer.ts), judged by what readers of
// the file need: a cross-reference table whose every offset lands on its
// object, a trailer that names the right size and root, strings and names that
// read back as written (Vietnamese included), and the same bytes for the same
// input. Real readers check the result: pdf.js (what `import` uses) and
// poppler (skipped only when poppler is missing).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { loadFonts, renderPdf, type FontSet } from "../src/render/pdf/index.ts";
import { dateString, hexString, literal, name, pdfNumber, PdfWriter, serialize, textString } from "../src/render/pdf/writer.ts";
import { baseDoc, p, samplePlan, section } from "./fixtures/pdf/sample.ts";

const VI = "Kế hoạch ệ ữ ở Đ đ ơ ư Ỷ (số 25) \\ 𝐀";
const AUTHOR = "Ủy ban nhân dân tỉnh Bắc Kạn: ệ ữ ở Đ đ ơ ư Ỷ";
const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const poppler = has("pdfinfo") && has("pdftotext");
const dir = mkdtempSync(join(tmpdir(), "kehoach-writer-"));
const latin1 = (b: Uint8Array) => Buffer.from(b).toString("latin1");

/** Checks the file's structure as a reader finds it from the end; returns the objects' numbers and the trailer. */
function parseStructure(bytes: Uint8Array): { objects: number[]; trailer: string } {
  const s = latin1(bytes);
  expect(s.startsWith("%PDF-1.7\n%")).toBe(true);
  // the binary comment: at least four bytes ≥ 128, so transfer tools treat the file as binary
  expect([...s.slice(10, 14)].every((c) => c.charCodeAt(0) >= 128)).toBe(true);
  expect(s.endsWith("%%EOF\n")).toBe(true);
  const start = /startxref\n(\d+)\n%%EOF\n$/.exec(s);
  expect(start, "startxref").not.toBeNull();
  const xrefAt = Number(start![1]);
  expect(s.slice(xrefAt, xrefAt + 5)).toBe("xref\n");
  const head = /^xref\n0 (\d+)\n/.exec(s.slice(xrefAt))!;
  const count = Number(head[1]);
  const table = s.slice(xrefAt + head[0].length, xrefAt + head[0].length + 20 * count);
  const entries = table.match(/.{20}/gs)!;
  expect(entries).toHaveLength(count);
  expect(entries[0]).toBe("0000000000 65535 f \n");
  const objects: number[] = [];
  for (const [n, e] of entries.entries()) {
    if (n === 0) continue;
    const m = /^(\d{10}) 00000 n \n$/.exec(e);
    expect(m, `entry ${n}: ${JSON.stringify(e)}`).not.toBeNull();
    const at = Number(m![1]);
    expect(s.slice(at, at + `${n} 0 obj`.length + 1), `object ${n} at ${at}`).toBe(`${n} 0 obj\n`);
    objects.push(n);
  }
  const trailer = s.slice(xrefAt + head[0].length + 20 * count);
  expect(trailer.startsWith("trailer\n<<")).toBe(true);
  expect(/\/Size (\d+)/.exec(trailer)?.[1]).toBe(String(count));
  // every object in the file is in the table, and no other
  expect([...s.slice(0, xrefAt).matchAll(/(?<=\n)(\d+) 0 obj\n/g)].map((m) => Number(m[1]))).toEqual(objects);
  return { objects, trailer };
}

describe("values in PDF syntax", () => {
  it("writes names with delimiters, spaces and non-ASCII as #xx", () => {
    expect(name("FlateDecode").pdf).toBe("/FlateDecode");
    expect(name("QTEUJW+Tinos-Bold").pdf).toBe("/QTEUJW+Tinos-Bold");
    expect(name("A B#(x)/").pdf).toBe("/A#20B#23#28x#29#2F");
    expect(name("Đ").pdf).toBe("/#C4#90");
  });

  it("writes ASCII text as a literal with \\ ( ) escaped, anything else as UTF-16BE with a byte-order mark", () => {
    expect(textString("vi-VN").pdf).toBe("(vi-VN)");
    expect(textString("a (b) \\ c").pdf).toBe("(a \\(b\\) \\\\ c)");
    expect(textString("Đơn").pdf).toBe("<FEFF011001A1006E>");
    // outside the BMP: a surrogate pair
    expect(textString("𝐀").pdf).toBe("<FEFFD835DC00>");
    expect(() => literal("Đ")).toThrow();
    expect(hexString("ab01").pdf).toBe("<AB01>");
  });

  it("writes numbers without exponents and dates as D:YYYYMMDDHHmmSSZ in UTC", () => {
    expect(pdfNumber(595.2755905511812)).toBe("595.2755905511812");
    expect(pdfNumber(-216.309)).toBe("-216.309");
    expect(pdfNumber(1e-7)).toBe("0.0000001");
    expect(pdfNumber(-1e-12)).toBe("0");
    expect(() => pdfNumber(Number.NaN)).toThrow();
    expect(dateString(new Date("2024-01-05T07:08:09+07:00")).pdf).toBe("(D:20240105000809Z)");
    expect(serialize({ Type: name("Page"), Box: [0, 0.5, true], Sub: { A: literal("x") } })).toBe("<</Type /Page /Box [0 0.5 true] /Sub <</A (x)>>>>");
  });
});

describe("the file's structure", () => {
  it("points every cross-reference entry at its object and startxref at the table, also for objects written out of order", () => {
    const pdf = new PdfWriter();
    const catalog = pdf.reserve();
    const tree = pdf.reserve();
    const content = pdf.stream({}, new TextEncoder().encode("BT ET\nendstream-lookalike\n"));
    const page = pdf.add({ Type: name("Page"), Parent: tree, MediaBox: [0, 0, 595, 842], Contents: content });
    pdf.set(tree, { Type: name("Pages"), Kids: [page], Count: 1 });
    pdf.set(catalog, { Type: name("Catalog"), Pages: tree });
    const bytes = pdf.finish({ Root: catalog });
    const { objects, trailer } = parseStructure(bytes);
    expect(objects).toEqual([1, 2, 3, 4]);
    expect(trailer).toContain("/Size 5 /Root 1 0 R");
    expect(latin1(bytes)).toContain("3 0 obj\n<</Length 26>>\nstream\nBT ET\nendstream-lookalike\n\nendstream\nendobj\n");
  });

  it("refuses an object reserved but never written, or written twice", () => {
    const pdf = new PdfWriter();
    const r = pdf.reserve();
    expect(() => pdf.finish({})).toThrow(/object 1 reserved but never written/);
    pdf.set(r, 1);
    expect(() => pdf.set(r, 2)).toThrow(/written twice/);
  });
});

describe("a rendered plan", () => {
  let fonts: FontSet;
  let bytes: Uint8Array;
  let file: string;
  beforeAll(async () => {
    fonts = await loadFonts();
    const doc = samplePlan({ chapters: 2, appendixRows: 8 });
    doc.meta = { ...doc.meta, title: VI, subject: VI, author: AUTHOR };
    bytes = await renderPdf(doc, fonts);
    file = join(dir, "plan.pdf");
    writeFileSync(file, bytes);
  });

  it("has a sound cross-reference table, trailer and catalog", () => {
    const { objects, trailer } = parseStructure(bytes);
    const s = latin1(bytes);
    const root = /\/Root (\d+) 0 R/.exec(trailer)![1];
    const info = /\/Info (\d+) 0 R/.exec(trailer)![1];
    expect(objects).toContain(Number(root));
    expect(trailer).toMatch(/\/ID \[<([0-9A-F]{32})> <\1>\]/);
    const catalog = new RegExp(`\\n${root} 0 obj\\n(<<.*?>>)\\nendobj`).exec(s)![1]!;
    expect(catalog).toContain("/Type /Catalog");
    expect(catalog).toContain("/ViewerPreferences <</DisplayDocTitle true>>");
    expect(catalog).toContain("/Lang (vi-VN)");
    const infoDict = new RegExp(`\\n${info} 0 obj\\n(<<.*?>>)\\nendobj`).exec(s)![1]!;
    expect(infoDict).toContain("/Creator (kehoach) /Producer (kehoach) /CreationDate (D:20240105000000Z) /ModDate (D:20240105000000Z)");
    // every stream's /Length is the number of bytes between `stream` and `endstream`, and inflates
    let streams = 0;
    for (const m of s.matchAll(/<<([^\n]*?)\/Length (\d+)>>\nstream\n/g)) {
      const from = m.index + m[0].length;
      const len = Number(m[2]);
      expect(s.slice(from + len, from + len + 11)).toBe("\nendstream\n");
      expect(m[1]).toContain("/Filter /FlateDecode");
      expect(inflateSync(bytes.subarray(from, from + len)).length).toBeGreaterThan(0);
      streams++;
    }
    expect(streams).toBeGreaterThan(8);
  });

  it("opens in pdf.js with its text, title and author as written", async () => {
    const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, verbosity: 0 }).promise;
    const info = (await doc.getMetadata()).info as Record<string, unknown>;
    expect(info.Title).toBe(VI);
    expect(info.Author).toBe(AUTHOR);
    expect(info.Creator).toBe("kehoach");
    expect(info.Language).toBe("vi-VN");
    let text = "";
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += content.items.map((it) => ("str" in it ? it.str : "")).join("");
    }
    await doc.destroy();
    expect(doc.numPages).toBeGreaterThan(1);
    expect(text).toContain("KẾ HOẠCH");
    expect(text).toContain("Nghiệp vụ ệ ữ ở Đ đ ơ ư Ỷ");
  });

  it.skipIf(!poppler)("reads in poppler: title and author in Vietnamese, the text, no complaint", () => {
    const r = spawnSync("pdfinfo", ["-isodates", file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain(`Title:           ${VI}\n`);
    expect(r.stdout).toContain(`Author:          ${AUTHOR}\n`);
    expect(r.stdout).toContain("CreationDate:    2024-01-05T00:00:00Z");
    expect(r.stdout).toMatch(/Page size:\s+595\.276 x 841\.89 pts \(A4\)/);
    const t = spawnSync("pdftotext", [file, "-"], { encoding: "utf8" });
    expect(t.stderr).toBe("");
    expect(t.stdout).toContain("Nghiệp vụ ệ ữ ở Đ đ ơ ư Ỷ");
    expect(execFileSync("pdffonts", [file], { encoding: "utf8" })).toMatch(/[A-Z]{6}\+Tinos-Bold\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });

  it("is the same bytes for the same input, and different for a different title", async () => {
    const again = samplePlan({ chapters: 2, appendixRows: 8 });
    again.meta = { ...again.meta, title: VI, subject: VI, author: AUTHOR };
    expect(Buffer.compare(await renderPdf(again, fonts), bytes)).toBe(0);
    const other = baseDoc([section([p("body", "Một đoạn.")])]);
    const o1 = await renderPdf(other, fonts);
    other.meta = { ...other.meta, title: "Kế hoạch khác" };
    const o2 = await renderPdf(other, fonts);
    expect(Buffer.compare(o1, o2)).not.toBe(0);
    // the ID follows the content: another title, another ID
    const id = (b: Uint8Array) => /\/ID \[<([0-9A-F]{32})>/.exec(latin1(b))![1];
    expect(id(o1)).not.toBe(id(o2));
  });
});
