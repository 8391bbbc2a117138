// PDF (with a text layer) → neutral lines, through pdf.js (pdfjs-dist, the
// maintained extractor Firefox uses). Items come in content-stream order, so
// a table cell's lines stay together; a line ends where pdf.js says so, where
// the baseline moves or where a wide gap separates columns. A line's first-line
// indent and centring are kept: they tell where paragraphs and titles start.
// Page numbers (a number alone above or below the text) are left out.
import { UserError } from "../errors.ts";
import { cleanText, type ImportSource, type Para } from "./source.ts";

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  eol: boolean;
}
interface Line {
  text: string;
  x: number;
  y: number;
  end: number;
}

function toLines(items: Item[]): Line[] {
  const lines: Line[] = [];
  let cur: Line | undefined;
  for (const it of items) {
    const gap = cur ? it.x - cur.end : 0;
    // pdf.js fills the gap between two table cells on one baseline with a wide space
    if (cur && it.str.trim() === "" && it.w > 6 && Math.abs(it.y - cur.y) <= 2) {
      lines.push(cur);
      cur = undefined;
      continue;
    }
    if (cur && (Math.abs(it.y - cur.y) > 2 || gap > 6 || gap < -2) && it.str.trim() !== "") {
      lines.push(cur);
      cur = undefined;
    }
    if (it.str !== "" || cur) {
      if (!cur) cur = { text: "", x: it.x, y: it.y, end: it.x };
      if (cur.text === "" && it.str.trim() === "") cur.x = it.x + it.w;
      cur.text += it.str;
      cur.end = Math.max(cur.end, it.x + it.w);
    }
    if (it.eol && cur) {
      lines.push(cur);
      cur = undefined;
    }
  }
  if (cur) lines.push(cur);
  return lines.filter((l) => l.text.trim() !== "");
}

/** The most frequent rounded x among lines: the left margin of the body. */
function mode(xs: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const x of xs) counts.set(Math.round(x), (counts.get(Math.round(x)) ?? 0) + 1);
  let best: number | undefined;
  let n = 0;
  for (const [x, c] of counts) if (c > n) [best, n] = [x, c];
  return best;
}

export async function readPdf(file: string, bytes: Uint8Array): Promise<ImportSource> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  let doc: Awaited<ReturnType<typeof pdfjs.getDocument>["promise"]>;
  try {
    doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, verbosity: 0, stopAtErrors: false }).promise;
  } catch (e) {
    const name = (e as { name?: string }).name;
    if (name === "PasswordException") throw new UserError("E_IMPORT_ENCRYPTED", "Tệp PDF được đặt mật khẩu: hãy mở khóa rồi nhập lại (encrypted PDF)", { location: { file } });
    throw new UserError("E_IMPORT_CORRUPT", `Tệp PDF hỏng, không đọc được (corrupt PDF): ${(e as Error).message}`, { location: { file } });
  }
  const paras: Para[] = [];
  let lineNo = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!("str" in it)) continue;
        items.push({ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number, w: it.width, eol: it.hasEOL });
      }
      let lines = toLines(items);
      if (lines.length > 1) {
        const top = Math.max(...lines.map((l) => l.y));
        const bottom = Math.min(...lines.map((l) => l.y));
        lines = lines.filter((l) => !(/^\s*\d{1,3}\s*$/.test(l.text) && (l.y === top || l.y === bottom) && lines.filter((o) => o.y === l.y).length === 1));
      }
      // the left margin: the leftmost x that several lines share (a page of short list items
      // has more indented lines than full ones, so the most frequent x would be the indent)
      const counts = new Map<number, number>();
      for (const l of lines) counts.set(Math.round(l.x), (counts.get(Math.round(l.x)) ?? 0) + 1);
      const shared = [...counts].filter(([, c]) => c >= 2).map(([x]) => x);
      const left = shared.length ? Math.min(...shared) : (mode(lines.map((l) => l.x)) ?? 0);
      const indentX = mode(lines.filter((l) => l.x > left + 8 && l.x < left + 60).map((l) => l.x));
      // centre of the text area (margins differ left and right): justified lines end at the right margin
      const right = Math.max(...lines.filter((l) => Math.abs(l.x - left) < 2).map((l) => l.end), view.width / 2 + (view.width / 2 - left));
      const centre = (left + right) / 2;
      for (const l of lines) {
        const text = cleanText(l.text);
        if (!text) continue;
        lineNo++;
        const indent = indentX !== undefined && Math.abs(l.x - indentX) < 3;
        const center = !indent && l.x > left + 15 && Math.abs((l.x + l.end) / 2 - centre) < 8;
        paras.push({ kind: "p", text, at: { line: lineNo, page: p }, indent, center, x: l.x, x2: l.end });
      }
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return { file, format: "pdf", blocks: paras, footnotes: [] };
}
