// PDF (with a text layer) → neutral lines, through pdf.js (pdfjs-dist, the
// maintained extractor Firefox uses). Items come in content-stream order, so
// a table cell's lines stay together; a line ends where pdf.js says so, where
// the baseline moves or where a wide gap separates columns. A line's first-line
// indent and centring are kept: they tell where paragraphs and titles start.
// Page numbers (a number alone above or below the text) are left out.
import { UserError } from "../errors.ts";
import { cleanText, noteMark, type ImportSource, type Para } from "./source.ts";

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  eol: boolean;
  /** font size: a footnote and its marks are smaller than the body */
  size: number;
}
interface Line {
  text: string;
  x: number;
  y: number;
  end: number;
  size: number;
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
      if (!cur) cur = { text: "", x: it.x, y: it.y, end: it.x, size: 0 };
      if (it.str.trim() !== "") cur.size = Math.max(cur.size, it.size);
      if (cur.text === "" && it.str.trim() === "") cur.x = it.x + it.w;
      cur.text += it.str;
      // trailing blanks (some writers pad a cell to the next one) do not widen the line
      if (it.str.trim() !== "") cur.end = Math.max(cur.end, it.x + it.w);
    }
    if (it.eol && cur) {
      lines.push(cur);
      cur = undefined;
    }
  }
  if (cur) lines.push(cur);
  return lines.filter((l) => l.text.trim() !== "");
}

/**
 * Footnotes of a page: a note mark is a small number raised above the line it
 * follows (it becomes noteMark in that line's text, the rest of the line joined
 * back); the notes are the small lines at the foot of the page, each starting
 * with its number. Numbers run through the document, so "p<number>" is a key.
 */
function footnotesOf(lines: Line[], out: Para[], lineNo: number): Line[] {
  const body = mode(lines.map((l) => l.size * 10));
  if (body === undefined) return lines;
  const small = (l: Line) => l.size * 10 < body * 0.9;
  const label = (l: Line) => small(l) && /^\s*\d{1,3}\s*$/.test(l.text);
  // the notes: from the first small number whose next line is small text, to the end of the page
  let foot = lines.length;
  for (let i = lines.length - 2; i >= 0; i--) {
    if (!small(lines[i]!)) break;
    if (label(lines[i]!) && small(lines[i + 1]!) && !label(lines[i + 1]!)) foot = i;
  }
  let note: Para | undefined;
  for (const l of lines.slice(foot)) {
    if (label(l)) {
      note = { kind: "p", text: "", at: { line: lineNo + 1 }, whole: true, note: `p${l.text.trim()}` };
      out.push(note);
    } else if (note) note.text = cleanText(`${note.text} ${l.text}`);
  }
  const kept: Line[] = [];
  for (const l of lines.slice(0, foot)) {
    const prev = kept[kept.length - 1];
    if (prev && label(l) && !small(prev) && l.y > prev.y && l.y - prev.y < prev.size * 0.8 && l.x - prev.end < 3) {
      prev.text += noteMark(`p${l.text.trim()}`);
      prev.end = l.end;
      continue;
    }
    // the rest of a line after its mark
    if (prev && prev.text.endsWith("\ue001") && Math.abs(l.y - prev.y) < 1 && l.x - prev.end < 6) {
      prev.text += l.text;
      prev.end = l.end;
      continue;
    }
    kept.push(l);
  }
  return kept;
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
  const footnotes: Para[] = [];
  let lineNo = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!("str" in it)) continue;
        items.push({ str: it.str, x: it.transform[4] as number, y: it.transform[5] as number, w: it.width, eol: it.hasEOL, size: Math.hypot(it.transform[2] as number, it.transform[3] as number) });
      }
      let lines = toLines(items);
      if (lines.length > 1) {
        const top = Math.max(...lines.map((l) => l.y));
        const bottom = Math.min(...lines.map((l) => l.y));
        lines = lines.filter((l) => !(/^\s*\d{1,3}\s*$/.test(l.text) && (l.y === top || l.y === bottom) && lines.filter((o) => o.y === l.y).length === 1));
      }
      lines = footnotesOf(lines, footnotes, lineNo);
      // the left margin: the leftmost x that several lines share (a page of short list items
      // has more indented lines than full ones, so the most frequent x would be the indent)
      // (an x where only short lines start, a table's narrow column, is not the margin)
      const isLong = (l: Line) => l.end - l.x > view.width * 0.3;
      const counts = new Map<number, { n: number; long: boolean }>();
      for (const l of lines) {
        const c = counts.get(Math.round(l.x)) ?? { n: 0, long: false };
        counts.set(Math.round(l.x), { n: c.n + 1, long: c.long || isLong(l) });
      }
      const shared = [...counts].filter(([, c]) => c.n >= 2 && c.long).map(([x]) => x);
      const left = shared.length ? Math.min(...shared) : (mode(lines.map((l) => l.x)) ?? 0);
      const indented = (ls: Line[]) => ls.filter((l) => l.x > left + 8 && l.x < left + 60).map((l) => l.x);
      const long = lines.filter(isLong);
      const indentX = mode(indented(long).length >= 2 ? indented(long) : indented(lines));
      // centre of the text area (margins differ left and right): justified lines end at the right margin
      const right = Math.max(...lines.filter((l) => Math.abs(l.x - left) < 2).map((l) => l.end), view.width / 2 + (view.width / 2 - left));
      const centre = (left + right) / 2;
      for (const l of lines) {
        const text = cleanText(l.text);
        if (!text) continue;
        lineNo++;
        const indent = indentX !== undefined && Math.abs(l.x - indentX) < 3;
        const center = !indent && l.x > left + 15 && Math.abs((l.x + l.end) / 2 - centre) < 8;
        paras.push({ kind: "p", text, at: { line: lineNo, page: p }, indent, center, x: l.x, x2: l.end, y: l.y, size: l.size });
      }
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return { file, format: "pdf", blocks: paras, footnotes };
}
