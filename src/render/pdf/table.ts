// Tables: cell contents are laid out into "stacks" of atoms (lines, rules,
// spacers, nested tables) with fixed offsets, so a row can be cut between any
// two atoms of each cell when it has to continue on the next page.
import type { Block, Footnote, Table } from "../../document/model.ts";
import type { Canvas } from "./paint.ts";
import { paintLine, type Ctx } from "./para.ts";

const EPS = 1e-6;
/** grid line width (FORMAT.md §6) */
export const BORDER = 0.5;

/** Something with a height that paints itself with its top-left corner at (x, y). */
export interface Atom {
  top: number;
  h: number;
  /** footnotes whose marks this atom holds */
  notes?: Footnote[];
  paint(c: Canvas, x: number, y: number): void;
}

/** Blocks laid out in a column: atoms at offsets from the column top. */
export interface Stack {
  atoms: Atom[];
  /** total height including the last paragraph's space after */
  height: number;
}

export interface CellLayout {
  stack: Stack;
  vAlign: "top" | "center";
  /** left edge from the table's left edge, and width, over the columns it spans */
  x0: number;
  w: number;
  merge?: "restart" | "continue" | undefined;
  /** a merged cell: the height of all the rows it spans (set after row heights are final) */
  spanH?: number;
  /** a merged cell: the index of the last row it spans */
  spanEnd?: number;
}

export interface RowLayout {
  cells: CellLayout[];
  /** full height including padding */
  h: number;
  cantSplit: boolean;
  keepWithNext: boolean;
}

export interface TableLayout {
  table: Table;
  /** left edge of each column from the table's left edge, plus the right edge */
  xs: number[];
  width: number;
  rows: RowLayout[];
  headerRows: number;
  headerH: number;
  height: number;
  padX: number;
  padY: number;
  /** border line width (0 when borderless): each row owns its top line, the table its bottom one */
  b: number;
}

const noop = () => {};

export function layoutStack(ctx: Ctx, blocks: Block[], width: number): Stack {
  const atoms: Atom[] = [];
  let y = 0;
  // pending space after the previous block; merges with the next space before (larger wins)
  let after = 0;
  for (const b of blocks) {
    switch (b.type) {
      case "paragraph": {
        const pl = ctx.paragraph(b, width);
        y += Math.max(after, pl.style.spaceBefore);
        for (let i = 0; i < pl.lines.length; i++) {
          const atom: Atom = { top: y, h: pl.lh, paint: (c, x, top) => paintLine(c, pl, i, x, top) };
          if (pl.notes?.[i]?.length) atom.notes = pl.notes[i]!;
          atoms.push(atom);
          y += pl.lh;
        }
        after = pl.style.spaceAfter;
        break;
      }
      case "rule": {
        y += after + b.spaceBefore;
        const w = Math.min(b.width, width);
        atoms.push({ top: y, h: b.thickness, paint: (c, x, top) => c.rect(x + (width - w) / 2, top, w, b.thickness) });
        y += b.thickness;
        after = b.spaceAfter;
        break;
      }
      case "spacer":
        y += after;
        after = 0;
        atoms.push({ top: y, h: b.height, paint: noop });
        y += b.height;
        break;
      case "table": {
        // nested tables are rare (none in our templates) and never split
        y += after;
        after = 0;
        const tl = layoutTable(ctx, b, width);
        atoms.push({ top: y, h: tl.height, paint: (c, x, top) => paintWholeTable(c, tl, x, top) });
        y += tl.height;
        break;
      }
    }
  }
  return { atoms, height: y + after };
}

const tableCache = new WeakMap<Table, { ctx: Ctx; width: number; tl: TableLayout }>();

/** Lays out every cell; columns wider than `avail` in total are scaled down to fit. */
export function layoutTable(ctx: Ctx, t: Table, avail: number): TableLayout {
  const hit = tableCache.get(t);
  if (hit && hit.ctx === ctx && hit.width === avail) return hit.tl;
  const sum = t.columns.reduce((a, b) => a + b, 0);
  const scale = sum > avail + 0.01 ? avail / sum : 1;
  const cols = t.columns.map((c) => c * scale);
  const xs = [0];
  for (const c of cols) xs.push(xs[xs.length - 1]! + c);
  const padX = t.padding.x;
  const padY = t.padding.y;
  // Like LibreOffice (measured): border lines take room of their own, inside
  // the table box, on top of the cell padding.
  const b = t.borders ? BORDER : 0;
  const rows: RowLayout[] = t.rows.map((r) => {
    if (r.cells.length > cols.length) {
      throw new Error(`table row has ${r.cells.length} cells but only ${cols.length} columns`);
    }
    let col = 0;
    const cells = r.cells.map((cell): CellLayout => {
      const span = cell.span ?? 1;
      const x0 = xs[col]!;
      const w = xs[Math.min(col + span, cols.length)]! - x0;
      col += span;
      return { stack: layoutStack(ctx, cell.blocks, Math.max(w - 2 * padX, 1)), vAlign: cell.vAlign, x0, w, merge: cell.merge };
    });
    // a merged cell's text spreads over the rows it spans (below)
    const content = cells.reduce((m, c) => (c.merge === "restart" ? m : Math.max(m, c.stack.height)), 0);
    return { cells, h: content + 2 * padY + b, cantSplit: r.cantSplit, keepWithNext: r.keepWithNext === true };
  });
  mergeSpans(rows, padY, b);
  const headerRows = Math.min(t.headerRows, rows.length);
  let headerH = 0;
  for (let i = 0; i < headerRows; i++) headerH += rows[i]!.h;
  const tl: TableLayout = {
    table: t,
    xs,
    width: xs[xs.length - 1]!,
    rows,
    headerRows,
    headerH,
    height: rows.reduce((s, r) => s + r.h, 0) + b,
    padX,
    padY,
    b,
  };
  tableCache.set(t, { ctx, width: avail, tl });
  return tl;
}

/**
 * Merged cells: the last row a merged cell spans grows when the cell's text
 * is taller than its rows; each merged cell learns the height it spans.
 */
function mergeSpans(rows: RowLayout[], padY: number, b: number): void {
  rows.forEach((row, r) => {
    row.cells.forEach((cell) => {
      if (cell.merge !== "restart") return;
      let end = r;
      while (rows[end + 1]?.cells.some((c) => c.merge === "continue" && Math.abs(c.x0 - cell.x0) < 0.01)) end++;
      const need = cell.stack.height + 2 * padY + b;
      const have = rows.slice(r, end + 1).reduce((h, x) => h + x.h, 0);
      if (need > have) rows[end]!.h += need - have;
      cell.spanH = Math.max(need, have);
      cell.spanEnd = end;
    });
  });
}

/** Where a cell's remaining content starts: its top for a fresh row, else the next atom's top. */
function base(stack: Stack, from: number): number {
  return from === 0 ? 0 : (stack.atoms[from]?.top ?? stack.height);
}

/** Height still needed by a row whose cells continue from atoms `from` (merged cells are painted by span, see paintSpan). */
function restHeight(row: RowLayout, from: number[]): number {
  let m = 0;
  row.cells.forEach((c, i) => {
    const f = from[i]!;
    if (c.merge === "restart") return;
    if (f < c.stack.atoms.length || f === 0) m = Math.max(m, c.stack.height - base(c.stack, f));
  });
  return m;
}

/** The least of a row that must fit for the table to start on this page. */
export function rowStartHeight(tl: TableLayout, row: RowLayout | undefined): number {
  if (!row) return 0;
  if (row.cantSplit) return row.h;
  let m = 0;
  for (const c of row.cells) {
    const a = c.stack.atoms[0];
    if (a) m = Math.max(m, a.top + a.h);
  }
  return Math.min(row.h, m + 2 * tl.padY + tl.b);
}

/**
 * Paints atoms [from, to) of each cell, the fragment's top at y; `whole` = the
 * row is not split here. Merged cells are left to paintSpan unless `merged`.
 */
function paintRowPart(c: Canvas, tl: TableLayout, row: RowLayout, from: number[], to: number[], x: number, y: number, h: number, whole: boolean, merged?: (cell: CellLayout) => void): void {
  row.cells.forEach((cell, i) => {
    if (cell.merge === "restart" && merged) return merged(cell);
    const f = from[i]!;
    const e = to[i]!;
    if (e <= f) return;
    const s = cell.stack;
    const b = base(s, f);
    const boxH = cell.spanH ?? h;
    const off = whole && cell.vAlign === "center" ? (boxH - 2 * tl.padY - tl.b - s.height) / 2 : 0;
    const cx = x + cell.x0 + tl.b + tl.padX;
    for (let j = f; j < e; j++) {
      const a = s.atoms[j]!;
      a.paint(c, cx, y + tl.b + tl.padY + off + a.top - b);
    }
  });
}

/** A painted piece of a row: its top and height; `cont` = it continues merged cells from the row above. */
interface Frag {
  y: number;
  h: number;
  row: RowLayout;
  cont: boolean;
}

/**
 * Grid lines around and between row fragments stacked from frags[0].y down,
 * plus the closing line below the last one. Lines are centred half a line
 * width inside the table box and drawn with square caps, so the outer edges
 * are exactly the box: nothing reaches into the margins. A spanning cell has
 * no inner vertical lines; a merged cell no line above its continued rows.
 */
function paintGrid(c: Canvas, tl: TableLayout, x: number, frags: Frag[]): void {
  if (!tl.b || !frags.length) return;
  const h = tl.b / 2;
  const segs: [number, number, number, number][] = [];
  const right = x + tl.width - h;
  const gx = (v: number) => (Math.abs(v - tl.width) < 0.01 ? right : x + v + h);
  for (const f of frags) {
    const top = f.y + h;
    for (const cell of f.row.cells) {
      if (!(f.cont && cell.merge === "continue")) segs.push([gx(cell.x0), top, gx(cell.x0 + cell.w), top]);
    }
    segs.push([x + h, top, x + h, f.y + f.h + h]);
    for (const cell of f.row.cells) segs.push([gx(cell.x0 + cell.w), top, gx(cell.x0 + cell.w), f.y + f.h + h]);
  }
  const last = frags[frags.length - 1]!;
  const bottom = last.y + last.h + h;
  segs.push([x + h, bottom, right, bottom]);
  c.strokeSegments(segs, tl.b);
}

function zeros(row: RowLayout): number[] {
  return row.cells.map(() => 0);
}

function ends(row: RowLayout): number[] {
  return row.cells.map((c) => c.stack.atoms.length);
}

/** A table that never breaks (nested in a cell). */
export function paintWholeTable(c: Canvas, tl: TableLayout, x: number, y: number): void {
  const frags: Frag[] = [];
  let top = y;
  tl.rows.forEach((row, i) => {
    paintRowPart(c, tl, row, zeros(row), ends(row), x, top, row.h, true);
    frags.push({ y: top, h: row.h, row, cont: i > 0 });
    top += row.h;
  });
  paintGrid(c, tl, x, frags);
}

/** What a table needs from the page flow. */
export interface Flow {
  canvas: Canvas;
  /** current position from the page top */
  y: number;
  /** content area */
  top: number;
  bottom: number;
  x: number;
  width: number;
  /** something has been drawn on the current page */
  placed: boolean;
  /** pending space after the previous block */
  after: number;
  /** the gap above a block with space before `v` (0 at the top of an overflow page) */
  gapBefore(v: number): number;
  newPage(): void;
  /** extra height the page's footnote area needs for these notes when the body ends at `end` */
  noteExtra(notes: Footnote[], end: number): number;
  /** footnotes whose marks were just placed on this page, the body now ending at `end` */
  addNotes(notes: Footnote[], end: number): void;
}

/** A merged cell being placed: where its piece on this page starts and how much of its text is printed. */
interface OpenSpan {
  cell: CellLayout;
  top: number;
  done: number;
  /** where its text goes in the page's content stream: in reading order, before the cells right of it */
  mark: number;
}

/**
 * Paints a merged cell's text in its piece [top, bottom) on one page. A span
 * that breaks across pages has its text on every piece, as a clerk needs it
 * where the rows are: the piece continues the text where the last one could
 * not hold all of it, else repeats it (the lead agency, the deadline). Text
 * is centred in the piece when it all fits (as in a span on one page).
 */
function paintSpan(c: Canvas, tl: TableLayout, span: OpenSpan, x: number, bottom: number, last: boolean): Footnote[] {
  const s = span.cell.stack;
  if (!s.atoms.length) return [];
  const repeat = span.done >= s.atoms.length;
  const start = repeat ? 0 : span.done;
  const b = base(s, start);
  const avail = bottom - span.top - 2 * tl.padY - tl.b;
  let e = start;
  // the last piece takes whatever is left of the text (its rows grew to hold it)
  while (e < s.atoms.length && ((last && !repeat) || s.atoms[e]!.top + s.atoms[e]!.h - b <= avail + EPS)) e++;
  // a piece too short for a line: the text goes on in the next piece; a repeat is all or nothing
  if (e === start || (repeat && e < s.atoms.length)) return [];
  const all = start === 0 && e === s.atoms.length;
  const off = all && span.cell.vAlign === "center" ? Math.max(0, (avail - s.height) / 2) : 0;
  const cx = x + span.cell.x0 + tl.b + tl.padX;
  const notes: Footnote[] = [];
  for (let j = start; j < e; j++) {
    const a = s.atoms[j]!;
    a.paint(c, cx, span.top + tl.b + tl.padY + off + a.top - b);
    if (span.done < s.atoms.length) notes.push(...(a.notes ?? []));
  }
  span.done = Math.max(span.done, e);
  return notes;
}

/** Footnotes of the atoms [from, to) of each cell. */
function notesOf(row: RowLayout, from: number[], to: number[]): Footnote[] {
  const out: Footnote[] = [];
  row.cells.forEach((c, i) => {
    for (let j = from[i]!; j < to[i]!; j++) out.push(...(c.stack.atoms[j]!.notes ?? []));
  });
  return out;
}

/**
 * Places a table at the flow's position, breaking between rows (or inside a
 * row unless it is cantSplit) and repeating the header rows on each new page.
 * `tail` = height that must follow on the same page when keepWithNext.
 */
export function placeTable(flow: Flow, ctx: Ctx, t: Table, tail: number): void {
  const tl = layoutTable(ctx, t, flow.width);
  const pageH = flow.bottom - flow.top;
  // room for rows, keeping space for the closing border line
  const room = () => flow.bottom - flow.y - tl.b;
  // the previous paragraph's space after stays above the table
  flow.y += flow.gapBefore(0);
  flow.after = 0;
  if (t.keepWithNext && flow.placed) {
    const need = tl.height + tail;
    if (need > room() + EPS && need <= pageH) flow.newPage();
  }
  const firstBody = tl.rows[tl.headerRows];
  const start = tl.headerH + rowStartHeight(tl, firstBody) + tl.b;
  if (flow.placed && start > room() + EPS && start <= pageH) flow.newPage();

  const repeat = tl.headerRows > 0 && tl.headerH <= pageH / 2;
  let frags: Frag[] = [];
  let bodyOnPage = false;
  let otherOnPage = flow.placed;
  const x = flow.x;
  // merged cells whose rows are being placed, with the index of their last row
  let spans: { span: OpenSpan; end: number }[] = [];
  /** Paints the pieces of merged cells that end here, each at its place in the content stream. */
  const paintSpans = (closing: OpenSpan[], bottom: number, last: boolean): Footnote[] => {
    const notes: Footnote[] = [];
    // the latest place first, so earlier places stay where they were
    for (const span of [...closing].sort((a, b) => b.mark - a.mark || b.cell.x0 - a.cell.x0)) {
      const moved = flow.canvas.insertAt(span.mark, () => notes.push(...paintSpan(flow.canvas, tl, span, x, bottom, last)));
      for (const o of spans) if (!closing.includes(o.span) && o.span.mark > span.mark) o.span.mark += moved;
    }
    return notes;
  };
  /** Paints a piece of row `r`; `first`/`done` = the row's first/last piece. */
  const emit = (r: number, from: number[], to: number[], h: number, whole: boolean, first: boolean, done: boolean) => {
    const row = tl.rows[r]!;
    const top = flow.y;
    paintRowPart(flow.canvas, tl, row, from, to, x, flow.y, h, whole, (cell) => {
      if (first) spans.push({ span: { cell, top, done: 0, mark: flow.canvas.mark() }, end: cell.spanEnd ?? r });
    });
    frags.push({ y: flow.y, h, row, cont: bodyOnPage });
    flow.y += h;
    const notes = notesOf(row, from, to);
    // merged cells whose last row is now placed: their text goes in
    const closing = done ? spans.filter(({ end }) => end <= r).map(({ span }) => span) : [];
    spans = spans.filter(({ span }) => !closing.includes(span));
    notes.push(...paintSpans(closing, flow.y, true));
    flow.addNotes(notes, flow.y + tl.b);
    flow.placed = true;
  };
  const header = () => {
    for (let i = 0; i < tl.headerRows; i++) {
      const row = tl.rows[i]!;
      emit(i, zeros(row), ends(row), row.h, true, true, true);
    }
  };
  const breakPage = () => {
    // merged cells cut by the page: their piece on this page gets its text
    if (frags.length) flow.addNotes(paintSpans(spans.map(({ span }) => span), flow.y, false), flow.y + tl.b);
    paintGrid(flow.canvas, tl, x, frags);
    frags = [];
    flow.newPage();
    bodyOnPage = false;
    otherOnPage = false;
    if (repeat) header();
    for (const { span } of spans) {
      span.top = flow.y;
      span.mark = flow.canvas.mark();
    }
  };

  header();
  for (let r = tl.headerRows; r < tl.rows.length; r++) {
    const row = tl.rows[r]!;
    // merged cells are painted over their rows by paintSpan: nothing of them is left for the row itself
    let from = row.cells.map((c) => (c.merge === "restart" ? c.stack.atoms.length : 0));
    let first = true;
    // the rows of one group (a task and its sub-rows, a group row and its first task) stay on one page when they fit
    // (checked at the group's first row only: a group already cut by a page goes on where it is)
    const groupStart = r === tl.headerRows || !tl.rows[r - 1]!.keepWithNext;
    if (row.keepWithNext && groupStart && (bodyOnPage || otherOnPage)) {
      let groupH = 0;
      for (let e = r; e < tl.rows.length; e++) {
        groupH += tl.rows[e]!.h;
        if (!tl.rows[e]!.keepWithNext) break;
      }
      if (groupH > room() + EPS && groupH <= pageH - (repeat ? tl.headerH : 0)) breakPage();
    }
    for (;;) {
      const whole = first;
      const h = whole ? row.h : restHeight(row, from) + 2 * tl.padY + tl.b;
      const need = h + flow.noteExtra(notesOf(row, from, ends(row)), flow.y + h + tl.b);
      const movable = bodyOnPage || otherOnPage;
      if (need <= room() + EPS) {
        emit(r, from, ends(row), h, whole, first, true);
        bodyOnPage = true;
        break;
      }
      // a cantSplit row moves whole to the next page, unless nothing could be gained by moving
      const splittable = !row.cantSplit || !movable;
      if (splittable) {
        const avail = room() - 2 * tl.padY - tl.b;
        let progressed = false;
        let used = 0;
        const to = row.cells.map((cell, i) => {
          const s = cell.stack;
          const f = from[i]!;
          const b = base(s, f);
          let j = f;
          while (j < s.atoms.length && s.atoms[j]!.top + s.atoms[j]!.h - b <= avail + EPS) j++;
          // an atom taller than a whole page: place it anyway rather than loop forever
          if (j === f && !movable && f < s.atoms.length) j = f + 1;
          if (j > f) {
            progressed = true;
            used = Math.max(used, s.atoms[j - 1]!.top + s.atoms[j - 1]!.h - b);
          }
          return j;
        });
        if (progressed) {
          const done = to.every((f, i) => f >= row.cells[i]!.stack.atoms.length);
          emit(r, from, to, used + 2 * tl.padY + tl.b, false, first, done);
          first = false;
          bodyOnPage = true;
          from = to;
          if (done) break;
        }
      }
      if (!movable && !bodyOnPage) {
        // nothing left to gain from a new page (a page too small for the row): draw it and go on
        emit(r, from, ends(row), h, whole, first, true);
        bodyOnPage = true;
        break;
      }
      breakPage();
    }
  }
  paintGrid(flow.canvas, tl, x, frags);
  flow.y += tl.b;
}
