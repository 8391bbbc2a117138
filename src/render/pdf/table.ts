// Tables: cell contents are laid out into "stacks" of atoms (lines, rules,
// spacers, nested tables) with fixed offsets, so a row can be cut between any
// two atoms of each cell when it has to continue on the next page.
import type { Block, Table } from "../../document/model.ts";
import type { Canvas } from "./paint.ts";
import { paintLine, type Ctx } from "./para.ts";

const EPS = 1e-6;
/** grid line width (FORMAT.md §6) */
export const BORDER = 0.5;

/** Something with a height that paints itself with its top-left corner at (x, y). */
export interface Atom {
  top: number;
  h: number;
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
}

export interface RowLayout {
  cells: CellLayout[];
  /** full height including padding */
  h: number;
  cantSplit: boolean;
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
          atoms.push({ top: y, h: pl.lh, paint: (c, x, top) => paintLine(c, pl, i, x, top) });
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
    const cells = r.cells.map((cell, i) => ({
      stack: layoutStack(ctx, cell.blocks, Math.max(cols[i]! - 2 * padX, 1)),
      vAlign: cell.vAlign,
    }));
    const content = cells.reduce((m, c) => Math.max(m, c.stack.height), 0);
    return { cells, h: content + 2 * padY + b, cantSplit: r.cantSplit };
  });
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

/** Where a cell's remaining content starts: its top for a fresh row, else the next atom's top. */
function base(stack: Stack, from: number): number {
  return from === 0 ? 0 : (stack.atoms[from]?.top ?? stack.height);
}

/** Height still needed by a row whose cells continue from atoms `from`. */
function restHeight(row: RowLayout, from: number[]): number {
  let m = 0;
  row.cells.forEach((c, i) => {
    const f = from[i]!;
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

/** Paints atoms [from, to) of each cell, the fragment's top at y; `whole` = the row is not split here. */
function paintRowPart(c: Canvas, tl: TableLayout, row: RowLayout, from: number[], to: number[], x: number, y: number, h: number, whole: boolean): void {
  row.cells.forEach((cell, i) => {
    const f = from[i]!;
    const e = to[i]!;
    if (e <= f) return;
    const s = cell.stack;
    const b = base(s, f);
    const off = whole && cell.vAlign === "center" ? (h - 2 * tl.padY - tl.b - s.height) / 2 : 0;
    const cx = x + tl.xs[i]! + tl.b + tl.padX;
    for (let j = f; j < e; j++) {
      const a = s.atoms[j]!;
      a.paint(c, cx, y + tl.b + tl.padY + off + a.top - b);
    }
  });
}

/**
 * Grid lines around and between row fragments stacked from frags[0].y down,
 * plus the closing line below the last one. Lines are centred half a line
 * width inside the table box and drawn with square caps, so the outer edges
 * are exactly the box: nothing reaches into the margins.
 */
function paintGrid(c: Canvas, tl: TableLayout, x: number, frags: { y: number; h: number }[]): void {
  if (!tl.b || !frags.length) return;
  const h = tl.b / 2;
  const segs: [number, number, number, number][] = [];
  const xs = tl.xs.map((v, i) => x + (i === tl.xs.length - 1 ? v - h : v + h));
  const left = xs[0]!;
  const right = xs[xs.length - 1]!;
  for (const f of frags) segs.push([left, f.y + h, right, f.y + h]);
  const last = frags[frags.length - 1]!;
  const bottom = last.y + last.h + h;
  segs.push([left, bottom, right, bottom]);
  for (const gx of xs) segs.push([gx, frags[0]!.y + h, gx, bottom]);
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
  const frags: { y: number; h: number }[] = [];
  let top = y;
  for (const row of tl.rows) {
    paintRowPart(c, tl, row, zeros(row), ends(row), x, top, row.h, true);
    frags.push({ y: top, h: row.h });
    top += row.h;
  }
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
  let frags: { y: number; h: number }[] = [];
  let bodyOnPage = false;
  let otherOnPage = flow.placed;
  const x = flow.x;
  const emit = (row: RowLayout, from: number[], to: number[], h: number, whole: boolean) => {
    paintRowPart(flow.canvas, tl, row, from, to, x, flow.y, h, whole);
    frags.push({ y: flow.y, h });
    flow.y += h;
    flow.placed = true;
  };
  const header = () => {
    for (let i = 0; i < tl.headerRows; i++) {
      const row = tl.rows[i]!;
      emit(row, zeros(row), ends(row), row.h, true);
    }
  };
  const breakPage = () => {
    paintGrid(flow.canvas, tl, x, frags);
    frags = [];
    flow.newPage();
    bodyOnPage = false;
    otherOnPage = false;
    if (repeat) header();
  };

  header();
  for (let r = tl.headerRows; r < tl.rows.length; r++) {
    const row = tl.rows[r]!;
    let from = zeros(row);
    for (;;) {
      const whole = from.every((f) => f === 0);
      const need = whole ? row.h : restHeight(row, from) + 2 * tl.padY + tl.b;
      const movable = bodyOnPage || otherOnPage;
      if (need <= room() + EPS) {
        emit(row, from, ends(row), need, whole);
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
          emit(row, from, to, used + 2 * tl.padY + tl.b, false);
          bodyOnPage = true;
          from = to;
          if (from.every((f, i) => f >= row.cells[i]!.stack.atoms.length)) break;
        }
      }
      if (!movable && !bodyOnPage) {
        // nothing left to gain from a new page (a page too small for the row): draw it and go on
        emit(row, from, ends(row), need, whole);
        bodyOnPage = true;
        break;
      }
      breakPage();
    }
  }
  paintGrid(flow.canvas, tl, x, frags);
  flow.y += tl.b;
}
