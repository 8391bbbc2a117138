// Appendices (PHỤ LỤC I, II …) → tables of tasks or targets. A DOCX table is
// read cell by cell: the header row names the columns (TT, Nội dung nhiệm vụ,
// Nội dung thực hiện, chủ trì, phối hợp, thời hạn, sản phẩm, kinh phí, ghi
// chú; Chỉ tiêu, Thời hạn), a row spanning the table is a group, rows whose
// first cells continue the one above (vMerge) are sub-rows of one task. Text
// and PDF tables come as loose lines and are cut into rows and cells.
import type { Block, Cell, Para, Where } from "./source.ts";

export interface Line extends Para {
  table?: Block | undefined;
  /** the table is one of indicators (Chỉ tiêu, Đơn vị tính, figures) */
  indicators?: boolean | undefined;
}

export type Unsure = (at: Where, text: string) => void;

/** What a column of a task or target table holds (model/appendix.ts column keys). */
export type ColumnKey = "no" | "content" | "detail" | "lead" | "partners" | "deadline" | "output" | "budget" | "note" | "text" | "milestone";
type Field = "lead" | "partners" | "deadline" | "output" | "budget" | "note";
const FIELDS: Field[] = ["lead", "partners", "deadline", "output", "budget", "note"];

/** A sub-row of a task: its own detail, and the cells it does not share with the task's. */
export interface RSubRow {
  content: string;
  lead?: string | undefined;
  partners?: string | undefined;
  deadline?: string | undefined;
  output?: string | undefined;
  budget?: string | undefined;
  note?: string | undefined;
}

export interface RTaskRow {
  at: Where;
  no: string;
  content: string;
  lead: string;
  partners: string;
  deadline: string;
  output?: string | undefined;
  budget?: string | undefined;
  note?: string | undefined;
  rows?: RSubRow[] | undefined;
  group?: string | undefined;
}

export interface RAppendix {
  heading: string;
  title: string;
  caption?: string | undefined;
  content: "tasks" | "targets";
  /** the columns in order with the header words the table printed */
  columns: { key: ColumnKey; header: string }[];
  rows: RTaskRow[];
  targets: { at: Where; text: string; milestone: string }[];
  groups: string[];
  /** the numbers start again at 1 in each group */
  restart?: boolean | undefined;
}

export const APPENDIX = /^PHỤ LỤC(?:\s+[IVX\d]+)?\s*$|^Phụ lục(?:\s+[IVX\d]+)?$/u;
export const cellText = (c: Cell | undefined) => (c ? c.paras.map((p) => p.text).join(" ").trim() : "");
const NUMERIC = /^\d{1,3}\.?$/u;

/** A header cell → what the column holds. */
export function columnKey(header: string, targets: boolean): ColumnKey | undefined {
  const h = header.toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();
  if (/^(s?tt|số tt|số thứ tự)\.?$/u.test(h)) return "no";
  if (/chủ trì/u.test(h)) return "lead";
  if (/phối hợp/u.test(h)) return "partners";
  if (/sản phẩm|kết quả/u.test(h)) return "output";
  if (/kinh phí|nguồn vốn/u.test(h)) return "budget";
  if (/ghi chú/u.test(h)) return "note";
  if (/thời gian|thời hạn|hoàn thành|tiến độ/u.test(h)) return targets ? "milestone" : "deadline";
  if (targets && /chỉ tiêu|mục tiêu/u.test(h)) return "text";
  if (/nội dung thực hiện|nội dung chi tiết|hoạt động cụ thể/u.test(h)) return "detail";
  if (/nội dung|nhiệm vụ|công việc/u.test(h)) return "content";
  return undefined;
}

/** A table the appendix reader takes whole: tasks (a "chủ trì" column) or targets (Chỉ tiêu + Thời hạn). */
export function isAppendixTable(b: Block): boolean {
  if (b.kind !== "table" || b.rows.length < 2) return false;
  const head = b.rows[0]!.map(cellText).join(" ").toLocaleLowerCase("vi");
  return (/nội dung|nhiệm vụ/u.test(head) && /chủ trì/u.test(head)) || (/chỉ tiêu/u.test(head) && /thời hạn|thời gian/u.test(head) && b.rows[0]!.length <= 4);
}

/** A table of indicators: Chỉ tiêu | Đơn vị tính | figures per column. */
export function isIndicatorTable(b: Block): boolean {
  if (b.kind !== "table" || b.rows.length < 2) return false;
  const head = b.rows[0]!.map(cellText).join(" ").toLocaleLowerCase("vi");
  return /chỉ tiêu/u.test(head) && /đơn vị tính|đvt/u.test(head) && !/chủ trì/u.test(head);
}

/** The lines from the first PHỤ LỤC on → one appendix per heading. */
export function readAppendices(lines: Line[], unsure: Unsure, leftovers: Para[]): RAppendix[] {
  const starts = lines.flatMap((l, i) => (i === 0 || APPENDIX.test(l.text) ? [i] : []));
  const list = starts.map((s, n) => readAppendix(lines.slice(s, starts[n + 1] ?? lines.length), unsure, leftovers));
  for (const a of list) {
    // "1" again at the first task of a later group: numbering restarts per group
    a.restart = a.groups.length > 1 && a.rows.some((r, i) => i > 0 && r.group !== a.rows[i - 1]!.group && Number.parseInt(r.no, 10) === 1);
  }
  return list;
}

function readAppendix(lines: Line[], unsure: Unsure, leftovers: Para[]): RAppendix {
  let i = 0;
  let heading = "PHỤ LỤC";
  if (APPENDIX.test(lines[0]!.text)) heading = lines[i++]!.text;
  const titleLines: string[] = [];
  let caption: string | undefined;
  while (i < lines.length && !lines[i]!.table) {
    const s = lines[i]!.text;
    if (/^\(Kèm theo/u.test(s)) {
      caption = s;
      i++;
      // a caption may wrap
      while (i < lines.length && !lines[i]!.table && !caption.endsWith(")")) caption += ` ${lines[i++]!.text}`;
      break;
    }
    if (/^TT\b|^STT\b/u.test(s)) break;
    titleLines.push(s);
    i++;
  }
  const a: RAppendix = { heading, title: titleLines.join(" "), caption, content: "tasks", columns: [], rows: [], targets: [], groups: [] };
  const t = lines[i]?.table;
  if (t && t.kind === "table") {
    readTable(t, a, unsure);
    i++;
  } else {
    i = readLooseTable(lines, i, a, unsure);
  }
  for (const l of lines.slice(i)) {
    if (l.table) continue;
    unsure(l.at, `dòng sau bảng phụ lục giữ thành đoạn văn: "${l.text.slice(0, 60)}"`);
    leftovers.push(l);
  }
  return a;
}

/** A DOCX table: header row, group rows (a cell spanning the row or a Roman number), task rows with their sub-rows. */
function readTable(t: Extract<Block, { kind: "table" }>, a: RAppendix, unsure: Unsure): void {
  const expand = (row: Cell[]) => row.flatMap((c) => [c, ...Array.from({ length: c.span - 1 }, () => undefined)]);
  const headCells = expand(t.rows[0]!);
  const headTexts = headCells.map(cellText);
  const targets = headTexts.some((h) => /chỉ tiêu/iu.test(h)) && !headTexts.some((h) => /chủ trì/iu.test(h));
  a.content = targets ? "targets" : "tasks";
  const keys = headTexts.map((h) => columnKey(h, targets));
  if (!keys.includes(targets ? "text" : "content")) {
    const d = keys.indexOf("detail");
    if (d >= 0) keys[d] = "content";
  }
  headCells.forEach((c, k) => c && keys[k] && a.columns.push({ key: keys[k]!, header: headTexts[k]! }));
  const col = (key: ColumnKey) => keys.indexOf(key);
  let group: string | undefined;
  // a task and its sub-rows: the rows whose number cell continues the one above
  let block: { at: Where; cells: (Cell | undefined)[][] } | undefined;
  const flush = () => {
    if (!block) return;
    a.rows.push(taskOf(block.cells, block.at, col, group));
    block = undefined;
  };
  for (const row of t.rows.slice(1)) {
    const cells = expand(row);
    const texts = cells.map(cellText);
    const at = row[0]?.paras[0]?.at ?? t.at;
    const filled = texts.filter(Boolean);
    const continues = cells[0]?.continued === true || (texts[0] === "" && block !== undefined && cells[Math.max(col("content"), 0)]?.continued === true);
    if (!continues && filled.length <= 2 && (row.length <= 2 || row.some((c) => c.span >= 3))) {
      flush();
      group = filled.join(" ").replace(/^([IVX]+|\d+)[.\-)]?\s+/u, "");
      a.groups.push(group);
      continue;
    }
    if (targets) {
      const text = texts[col("text")] ?? "";
      if (text) a.targets.push({ at, text, milestone: texts[col("milestone")] ?? "" });
      continue;
    }
    if (continues && block) {
      block.cells.push(cells);
      continue;
    }
    flush();
    if (!texts[col("content")]) {
      unsure(at, "dòng bảng không có nội dung nhiệm vụ, bỏ qua");
      continue;
    }
    block = { at, cells: [cells] };
  }
  flush();
}

/** One task from its rows: cells merged down the rows are the task's, the others its sub-rows'. */
function taskOf(rows: (Cell | undefined)[][], at: Where, col: (k: ColumnKey) => number, group: string | undefined): RTaskRow {
  const value = (k: ColumnKey, i: number): string | undefined => {
    const c = col(k);
    if (c < 0) return undefined;
    // a cell continuing the one above (vMerge) has the value of the row above
    for (let j = i; j >= 0; j--) if (!rows[j]![c]?.continued) return cellText(rows[j]![c]);
    return "";
  };
  const first = rows[0]!;
  const task: RTaskRow = { at, no: cellText(first[0]), content: value("content", 0) ?? "", lead: value("lead", 0) ?? "", partners: value("partners", 0) ?? "", deadline: value("deadline", 0) ?? "", group };
  for (const k of ["output", "budget", "note"] as const) {
    const v = value(k, 0);
    if (v) task[k] = v;
  }
  const hasDetail = col("detail") >= 0;
  // with a "detail" column every row is a sub-row; without it the first row is the task's own
  const subs = hasDetail ? rows.map((_, i) => i) : rows.slice(1).map((_, i) => i + 1);
  if (subs.length === 0 || (hasDetail && rows.length === 1 && !value("detail", 0))) return task;
  task.rows = subs.map((i) => {
    const sub: RSubRow = { content: (hasDetail ? value("detail", i) : value("content", i)) ?? "" };
    for (const k of FIELDS) {
      const v = value(k, i);
      if (v !== undefined && v !== (task[k] ?? "")) sub[k] = v;
    }
    return sub;
  });
  return task;
}

const DANGLING = /(?:^|\s)(sở|ban|ủy ban|uỷ ban|ubnd|các|và|của|với|phòng|trung tâm|mttq|việt|tổ|đơn|cơ quan|hội|bảo hiểm|công an|bộ|chỉ huy)$/iu;
const DEADLINE_START = /^(Nhiệm vụ|Thường xuyên|Hằng năm|Hàng năm|Quý|Trước|Từ|Năm|Theo|Trong|Đến|Giai đoạn|Tháng|Ngày|Hoàn thành|Định kỳ|Sau|Liên tục|\d{4})/u;

/**
 * A table extracted as loose lines (text, PDF): each row starts with its number
 * on a line of its own; the task's lines are long, the agency and deadline
 * cells short. A row split by a page break continues after the deadline.
 */
function readLooseTable(lines: Line[], start: number, a: RAppendix, unsure: Unsure): number {
  const rows = a.rows;
  let i = start;
  // header cells: up to the last header word
  let head = "";
  while (i < lines.length && i - start < 14) {
    if ((lines[i]!.text === "1" || /^[IVX]+\.\s/u.test(lines[i]!.text)) && /chủ trì|thời hạn|thời gian/iu.test(head)) break;
    head += ` ${lines[i]!.text}`;
    i++;
  }
  const targetHead = /chỉ tiêu/iu.test(head) && /thời hạn|thời gian/iu.test(head);
  if (!/chủ trì/iu.test(head) && !targetHead) return start;
  if (lines.slice(start, i).every((l) => l.x !== undefined && l.x2 !== undefined)) return readColumnTable(lines, start, i, a, unsure);
  if (!/chủ trì/iu.test(head)) return start;
  let cur: { at: Where; no: number; lines: Line[] } | undefined;
  const done: { at: Where; no: number; lines: Line[] }[] = [];
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (NUMERIC.test(l.text) && Number.parseInt(l.text, 10) === (cur ? cur.no + 1 : 1)) {
      if (cur) done.push(cur);
      cur = { at: l.at, no: Number.parseInt(l.text, 10), lines: [] };
      continue;
    }
    if (NUMERIC.test(l.text)) continue; // a page number inside the table
    if (!cur) {
      unsure(l.at, `dòng trước nhiệm vụ đầu tiên của bảng: "${l.text.slice(0, 60)}"`);
      continue;
    }
    cur.lines.push(l);
  }
  if (cur) done.push(cur);
  for (const row of done) rows.push(splitLooseRow(row, unsure));
  return lines.length;
}

/**
 * A table from a PDF: each line belongs to the column whose header is nearest
 * to it across the page, so cells split by a page break come back together.
 */
function readColumnTable(lines: Line[], start: number, bodyStart: number, a: RAppendix, unsure: Unsure): number {
  const rows = a.rows;
  // header fragments → columns (fragments that overlap across the page are one column)
  const cols: { x: number; x2: number; text: string }[] = [];
  for (const l of lines.slice(start, bodyStart)) {
    const c = cols.find((k) => l.x! < k.x2 && l.x2! > k.x);
    if (c) {
      c.x = Math.min(c.x, l.x!);
      c.x2 = Math.max(c.x2, l.x2!);
      c.text += ` ${l.text}`;
    } else cols.push({ x: l.x!, x2: l.x2!, text: l.text });
  }
  cols.sort((a, b) => a.x - b.x);
  const headTexts = new Set(lines.slice(start, bodyStart).map((l) => l.text));
  const targets = cols.some((c) => /chỉ tiêu/iu.test(c.text)) && !cols.some((c) => /chủ trì/iu.test(c.text));
  a.content = targets ? "targets" : "tasks";
  const keys = cols.map((c) => columnKey(c.text, targets));
  cols.forEach((c, k) => keys[k] && a.columns.push({ key: keys[k]!, header: c.text.replace(/\s+/g, " ").trim() }));
  const idx = (key: ColumnKey) => keys.indexOf(key);
  // how wide each column's cells are: the lines that overlap its header alone
  const ext = cols.map((c) => ({ x: c.x, x2: c.x2 }));
  for (const l of lines.slice(bodyStart)) {
    if (l.x === undefined) break;
    const over = cols.flatMap((c, k) => (l.x! < c.x2 && l.x2! > c.x ? [k] : []));
    if (over.length !== 1) continue;
    const e = ext[over[0]!]!;
    e.x = Math.min(e.x, l.x);
    e.x2 = Math.max(e.x2, l.x2!);
  }
  // the column whose header the line overlaps (the leftmost: a cell spanning two starts in the first),
  // then whose cells it lies in, else the nearest (a justified word of a narrow cell stands apart)
  const column = (l: Line) => {
    const over = cols.findIndex((c) => l.x! < c.x2 && l.x2! > c.x);
    if (over >= 0) return over;
    const inside = ext.findIndex((c) => l.x! >= c.x - 1 && l.x2! <= c.x2 + 1);
    if (inside >= 0) return inside;
    const dist = (c: { x: number; x2: number }) => (l.x2! < c.x ? c.x - l.x2! : l.x! - c.x2);
    let best = 0;
    for (let k = 1; k < cols.length; k++) if (dist(cols[k]!) < dist(cols[best]!)) best = k;
    return best;
  };
  let group: string | undefined;
  let cur: { at: Where; no: number; cells: Line[][]; group: string | undefined } | undefined;
  const join = (ls: Line[]) => tidy(ls.map((l) => l.text).reduce((x, y) => (x ? joinLoose(x, y) : y), ""));
  const flush = () => {
    if (!cur) return;
    const cell = (key: ColumnKey) => (idx(key) < 0 ? "" : join(cur!.cells[idx(key)]!));
    if (targets) a.targets.push({ at: cur.at, text: cell("text"), milestone: cell("milestone") });
    else {
      const subRows = idx("detail") >= 0 ? blocks(cur.cells[idx("detail")]!) : [];
      if (subRows.length > 1) a.rows.push({ ...taskOf(subRowCells(cur.cells, subRows, keys), cur.at, idx, cur.group), no: String(cur.no) });
      else {
        const row: RTaskRow = { at: cur.at, no: String(cur.no), content: cell("content"), lead: cell("lead"), partners: cell("partners"), deadline: cell("deadline"), group: cur.group };
        for (const k of ["output", "budget", "note"] as const) if (cell(k)) row[k] = cell(k);
        if (cell("detail")) row.rows = [{ content: cell("detail") }];
        rows.push(row);
      }
    }
    cur = undefined;
  };
  let i = bodyStart;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.x === undefined) break;
    if (headTexts.has(l.text)) continue; // the header repeated on a new page
    const k = column(l);
    // a group row: "II. Tên nhóm" from the number column across the next ones
    if (/^[IVX]+\.\s/u.test(l.text) && cols.length > 2 && l.x! < cols[1]!.x && l.x2! > cols[1]!.x2) {
      flush();
      group = l.text.replace(/^[IVX]+\.\s+/u, "");
      a.groups.push(group);
      continue;
    }
    if (k === 0 && NUMERIC.test(l.text)) {
      flush();
      cur = { at: l.at, no: Number.parseInt(l.text, 10), cells: cols.map(() => []), group };
      continue;
    }
    if (!cur) {
      unsure(l.at, `dòng trước nhiệm vụ đầu tiên của bảng: "${l.text.slice(0, 60)}"`);
      continue;
    }
    // the number column holds numbers only: a short last line of the next cell lies nearer its centre
    cur.cells[k === 0 && keys[0] === "no" && cols.length > 1 ? 1 : k]!.push(l);
  }
  flush();
  return i;
}

/** A cell's lines → blocks separated by the wider gap between table rows (PDF baselines). */
function blocks(ls: Line[]): Line[][] {
  const out: Line[][] = [];
  for (const l of ls) {
    const last = out[out.length - 1]?.[out[out.length - 1]!.length - 1];
    const gap = last && last.y !== undefined && l.y !== undefined && last.at.page === l.at.page ? last.y - l.y : 0;
    if (!last || gap > (l.size ?? 13) * 1.4) out.push([l]);
    else out[out.length - 1]!.push(l);
  }
  return out;
}

/**
 * A task's cells in a PDF, split into the sub-rows its detail column shows: a
 * column with one block of text is one merged cell (the task's), one with a
 * block per sub-row gives each its own, others go to the sub-row they stand in.
 */
function subRowCells(cells: Line[][], subRows: Line[][], keys: (ColumnKey | undefined)[]): (Cell | undefined)[][] {
  const n = subRows.length;
  const tops = subRows.map((b) => b[0]!);
  const rowOf = (l: Line) => {
    let g = 0;
    for (let j = 1; j < n; j++) if ((tops[j]!.at.page ?? 0) < (l.at.page ?? 0) || (tops[j]!.at.page === l.at.page && (tops[j]!.y ?? 0) + 2 >= (l.y ?? 0))) g = j;
    return g;
  };
  const out: (Cell | undefined)[][] = subRows.map(() => []);
  const cellOf = (ls: Line[], continued = false): Cell => ({ paras: ls.map((l) => ({ ...l, text: l.text })), span: 1, continued });
  cells.forEach((ls, k) => {
    const bs = keys[k] === "detail" ? subRows : blocks(ls);
    if (keys[k] === "no" || keys[k] === "content" || bs.length <= 1) {
      out.forEach((row, g) => (row[k] = cellOf(g === 0 ? [joinedLine(ls)].filter((x) => x.text) : [], g > 0)));
      return;
    }
    const per: Line[][] = subRows.map(() => []);
    if (bs.length === n) bs.forEach((b, g) => per[g]!.push(...b));
    else for (const b of bs) per[rowOf(b[0]!)]!.push(...b);
    per.forEach((ls2, g) => (out[g]![k] = cellOf([joinedLine(ls2)].filter((x) => x.text))));
  });
  return out;
}

const joinedLine = (ls: Line[]): Line => ({ kind: "p", text: tidy(ls.map((l) => l.text).reduce((x, y) => (x ? joinLoose(x, y) : y), "")), at: ls[0]?.at ?? { line: 0 } });

function splitLooseRow(row: { at: Where; no: number; lines: Line[] }, unsure: Unsure): RTaskRow {
  const LONG = 45;
  const content: string[] = [];
  const short: Line[] = [];
  const after: Line[] = [];
  let phase = 0;
  for (const [j, l] of row.lines.entries()) {
    const s = l.text;
    const prev = row.lines[j - 1]?.text ?? "";
    if (phase === 0 && (s.length >= LONG || content.length === 0 || (/\.$/u.test(s) && prev.length >= LONG && !/[.;]$/u.test(prev)))) {
      content.push(s);
      continue;
    }
    if (phase === 0) phase = 1;
    if (phase === 1) short.push(l);
    else after.push(l);
    // once a full deadline has been read, what follows belongs to an earlier cell (page break)
    if (phase === 1 && deadlineSpan(short) !== undefined && row.lines.slice(j + 1).length > 0 && deadlineComplete(short)) phase = 2;
  }
  let dStart = deadlineSpan(short);
  if (dStart === undefined) {
    dStart = short.length;
    unsure(row.at, `nhiệm vụ ${row.no}: không tách được thời hạn`);
  }
  const cells = short.slice(0, dStart).map((l) => l.text);
  const deadline = short.slice(dStart).map((l) => l.text);
  // agencies: the partner cell starts at the last line that opens a new name after a complete one
  let split = -1;
  for (let j = 1; j < cells.length; j++) {
    const a = cells[j - 1]!;
    if (!/[,;]$/u.test(a) && !DANGLING.test(a) && /^\p{Lu}/u.test(cells[j]!)) split = j;
  }
  if (split < 0 && cells.length > 1) unsure(row.at, `nhiệm vụ ${row.no}: không tách được cơ quan chủ trì và phối hợp`);
  const lead = (split < 0 ? cells : cells.slice(0, split)).join(" ");
  let partners = split < 0 ? "" : cells.slice(split).join(" ");
  let text = content.join(" ");
  for (const l of after) {
    if (l.text.length >= LONG || /^\p{Ll}/u.test(l.text) === false || !/[,]\s*$|\svà$|các$/u.test(partners)) {
      if (partners && /[,]\s*$|\svà$|\scác$/u.test(partners) && l.text.length < LONG) partners = `${partners} ${l.text}`;
      else text = joinLoose(text, l.text);
    } else partners = `${partners} ${l.text}`;
  }
  return { at: row.at, no: String(row.no), content: text, lead: tidy(lead), partners: tidy(partners), deadline: tidy(deadline.join(" ")) };
}

export const joinLoose = (a: string, b: string) => (/[\p{L}\d]-$/u.test(a) && /^[\p{Lu}\d]/u.test(b) ? a + b : `${a} ${b}`);
export const tidy = (s: string) => s.replace(/\s+/g, " ").replace(/\s+([,;.])/g, "$1").trim();

/** Index of the first line of the deadline cell among the short lines, if any. */
function deadlineSpan(short: Line[]): number | undefined {
  const opens = (j: number) => DEADLINE_START.test(short[j]!.text) && (j === 0 || !/[,;]$|\svà$/u.test(short[j - 1]!.text));
  // the earliest start from which the rest reads as a whole deadline ("Quý II năm" + "2024")
  for (let j = 0; j < short.length; j++) if (DEADLINE_START.test(short[j]!.text) && COMPLETE_DEADLINE.test(joined(short.slice(j)))) return j;
  // a page break may put the rest of an earlier cell after a complete deadline
  for (let j = 0; j < short.length; j++) {
    for (let k = j + 1; k <= short.length; k++) if (STRONG_DEADLINE.test(short[j]!.text) && COMPLETE_DEADLINE.test(joined(short.slice(j, k))) && k < short.length) return j;
  }
  for (let j = short.length - 1; j >= 0; j--) if (opens(j) && STRONG_DEADLINE.test(short[j]!.text)) return j;
  for (let j = short.length - 1; j >= 0; j--) if (opens(j)) return j;
  return undefined;
}

const joined = (ls: Line[]) => ls.map((l) => l.text).join(" ").replace(/\s+/g, " ").trim();
const COMPLETE_DEADLINE = /^(Nhiệm vụ thường xuyên|Thường xuyên|Hằng năm|Hàng năm|Quý [IV]+ (?:năm |\/)\d{4}|Trước ngày \d{1,2}\/\d{1,2}\/\d{4}|Từ năm \d{4}|Năm \d{4}|\d{4})$/u;
const STRONG_DEADLINE = /^(Nhiệm vụ|Thường xuyên|Hằng năm|Hàng năm|Quý|Trước|Từ|Năm|Theo|Trong|Đến|Giai đoạn|Định kỳ)/u;

function deadlineComplete(short: Line[]): boolean {
  return COMPLETE_DEADLINE.test(joined(short.slice(deadlineSpan(short)!)));
}

