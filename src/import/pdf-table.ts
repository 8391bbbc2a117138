// A table of indicators in a PDF comes as loose lines with their place on the
// page. The header (TT | Chỉ tiêu | Đơn vị tính | figures …) gives the
// columns; each line goes to the column whose header it overlaps (else the
// nearest); a row starts with its number, or below the wider gap between
// rows; the table ends at the first line spanning several columns. The lines
// become one table block, read like a DOCX table.
import { cellText, joinLoose, tidy, type Line } from "./appendix.ts";
import type { Cell } from "./source.ts";

interface Column {
  x: number;
  x2: number;
}

const has = (l: Line) => l.x !== undefined && l.x2 !== undefined && l.y !== undefined;

/** The first table of indicators among PDF lines, replaced by one table line. */
export function pdfIndicatorTable(lines: Line[]): Line[] {
  const start = lines.findIndex((l, i) => /^S?TT$/u.test(l.text) && has(l) && lines.slice(i + 1, i + 8).some((m) => /^Chỉ tiêu$/u.test(m.text)) && lines.slice(i + 1, i + 8).some((m) => /^Đơn vị/u.test(m.text)));
  if (start < 0) return lines;
  const size = lines[start]!.size ?? 13;
  const gap = size * 1.35;
  // header: the lines down to the wider gap before the first row
  const cols: (Column & { lines: Line[] })[] = [];
  let bottom = lines[start]!.y!;
  let i = start;
  for (; i < lines.length && has(lines[i]!) && lines[i]!.y! >= bottom - gap && lines[i]!.at.page === lines[start]!.at.page; i++) {
    const l = lines[i]!;
    bottom = Math.min(bottom, l.y!);
    const c = cols.find((k) => l.x! < k.x2 && l.x2! > k.x);
    if (c) {
      c.x = Math.min(c.x, l.x!);
      c.x2 = Math.max(c.x2, l.x2!);
      c.lines.push(l);
    } else cols.push({ x: l.x!, x2: l.x2!, lines: [l] });
  }
  cols.sort((a, b) => a.x - b.x);
  if (cols.length < 4) return lines;
  const headTexts = new Set(lines.slice(start, i).map((l) => l.text));
  const column = (l: Line) => {
    const over = cols.findIndex((c) => l.x! < c.x2 && l.x2! > c.x);
    if (over >= 0) return over;
    const dist = (c: Column) => (l.x2! < c.x ? c.x - l.x2! : l.x! - c.x2);
    let best = 0;
    for (let k = 1; k < cols.length; k++) if (dist(cols[k]!) < dist(cols[best]!)) best = k;
    return best;
  };
  const rows: Line[][][] = [];
  let cur: Line[][] | undefined;
  let rowBottom = bottom;
  let page = lines[start]!.at.page;
  let end = i;
  for (; end < lines.length; end++) {
    const l = lines[end]!;
    if (!has(l)) break;
    if (headTexts.has(l.text) && l.at.page !== lines[start]!.at.page) continue; // the header repeated on a new page
    // a line across several columns: the text after the table
    if (cols.filter((c) => l.x! < c.x2 && l.x2! > c.x).length >= 3) break;
    let k = column(l);
    const numbered = k === 0 && /^\d{1,3}$/u.test(l.text);
    if (k === 0 && !numbered) k = 1;
    const newPage = l.at.page !== page;
    if (!cur || numbered || (l.y! < rowBottom - gap && !newPage) || (newPage && k === 1 && cur[1]!.length > 0 && cur[0]!.length === 0)) {
      cur = cols.map(() => []);
      rows.push(cur);
      rowBottom = l.y!;
    }
    page = l.at.page;
    cur[k]!.push(l);
    rowBottom = Math.min(rowBottom, l.y!);
  }
  const cell = (ls: Line[]): Cell => ({ paras: ls.length ? [{ kind: "p", text: tidy(ls.map((l) => l.text).reduce((a, b) => (a ? joinLoose(a, b) : b), "")), at: ls[0]!.at }] : [], span: 1 });
  const head: Cell[] = cols.map((c) => cell(c.lines));
  if (!head.some((c) => /đơn vị/iu.test(cellText(c)))) return lines;
  const table = { kind: "table" as const, at: lines[start]!.at, rows: [head, ...rows.map((r) => r.map(cell))] };
  return [...lines.slice(0, start), { kind: "p", text: "", at: lines[start]!.at, table, whole: true, indicators: true }, ...lines.slice(end)];
}
