// Greedy first-fit line breaking, the way Word and LibreOffice do it: spaces
// at a break hang past the margin (dropped), a word wider than the whole line
// is broken between characters, and only regular spaces stretch when justifying.
import type { Align, ParagraphStyle } from "../../document/model.ts";
import type { Box, Glue, Item } from "./measure.ts";

export interface Line {
  items: (Box | Glue)[];
  /** natural width in pt (trailing spaces excluded) */
  width: number;
  /** x of the first item relative to the column's left edge */
  x: number;
  /** extra space added after every stretchable space (justification), pt */
  extra: number;
}

const EPS = 1e-6;

interface RawLine {
  items: (Box | Glue)[];
  width: number;
  /** ended by "\n" (not justified, like the last line) */
  forced: boolean;
}

/** Splits a word's boxes into pieces that fit `avail` (first piece: `first`), at least one glyph each. */
function splitWord(word: Box[], first: number, avail: number, size: number): Box[][] {
  const pieces: Box[][] = [];
  let cur: Box[] = [];
  let curW = 0;
  let limit = first;
  for (const b of word) {
    const k = size / 1000;
    let piece: Box | undefined;
    for (const g of b.gids) {
      const gw = b.look.face.adv(g) * k;
      if (curW + gw > limit + EPS && (cur.length > 0 || piece)) {
        if (piece) cur.push(piece);
        pieces.push(cur);
        cur = [];
        curW = 0;
        piece = undefined;
        limit = avail;
      }
      piece ??= { t: 0, look: b.look, gids: [], w: 0 };
      piece.gids.push(g);
      piece.w += gw;
      curW += gw;
    }
    if (piece) cur.push(piece);
  }
  if (cur.length) pieces.push(cur);
  return pieces;
}

/**
 * Breaks items into raw lines. Words and the spaces before them are ranges of
 * `items` (no array per word: this ran for every word of the plan); a word
 * wider than a line is cut into new boxes.
 */
function breakRaw(items: Item[], firstAvail: number, restAvail: number, size: number): RawLine[] {
  const lines: RawLine[] = [];
  let cur: (Box | Glue)[] = [];
  let curW = 0;
  let hasBox = false;
  // pending spaces: items[pendFrom, pendTo), taken with the next word on the line, dropped at a break
  let pendFrom = 0;
  let pendTo = 0;
  let pendW = 0;
  const avail = () => (lines.length === 0 ? firstAvail : restAvail);
  const commit = (forced: boolean) => {
    lines.push({ items: cur, width: curW, forced });
    cur = [];
    curW = 0;
    hasBox = false;
    pendFrom = pendTo;
    pendW = 0;
  };
  const takePending = () => {
    for (let k = pendFrom; k < pendTo; k++) cur.push(items[k] as Glue);
    curW += pendW;
    pendFrom = pendTo;
    pendW = 0;
    hasBox = true;
  };
  let i = 0;
  while (i < items.length) {
    const it = items[i]!;
    if (it.t === 2) {
      commit(true);
      i++;
      pendFrom = pendTo = i;
      continue;
    }
    if (it.t === 1) {
      if (pendTo !== i) pendFrom = i; // spaces right after a word start a new run of pending spaces
      pendTo = i + 1;
      pendW += it.w;
      i++;
      continue;
    }
    // a word: the boxes items[from, i)
    const from = i;
    let w = 0;
    while (i < items.length && items[i]!.t === 0) w += (items[i++] as Box).w;
    const fits = hasBox ? curW + pendW + w <= avail() + EPS : pendW + w <= avail() + EPS || w <= avail() + EPS;
    if (!fits && hasBox) {
      commit(false); // pending spaces hang and vanish
      pendFrom = pendTo = from;
    }
    if (fits || pendW + w <= avail() + EPS || w <= avail() + EPS) {
      takePending();
      for (let k = from; k < i; k++) cur.push(items[k] as Box);
      curW += w;
      continue;
    }
    // a word wider than a whole line: break it between characters
    const pieces = splitWord(items.slice(from, i) as Box[], Math.max(avail() - curW - pendW, 0), restAvail, size);
    pieces.forEach((piece, n) => {
      if (n > 0) commit(false);
      takePending();
      for (const b of piece) {
        cur.push(b);
        curW += b.w;
      }
    });
  }
  lines.push({ items: cur, width: curW, forced: true });
  return lines;
}

/** Breaks a paragraph's items into positioned lines for a column `width` pt wide. */
export function breakLines(items: Item[], style: ParagraphStyle, width: number): Line[] {
  const base = style.indentLeft;
  const firstAvail = Math.max(width - base - style.firstLineIndent, 1);
  const restAvail = Math.max(width - base, 1);
  const raw = breakRaw(items, firstAvail, restAvail, style.size);
  return raw.map((l, n) => {
    const avail = n === 0 ? firstAvail : restAvail;
    const indent = base + (n === 0 ? style.firstLineIndent : 0);
    return place(l, avail, indent, style.align);
  });
}

function place(l: RawLine, avail: number, indent: number, align: Align): Line {
  const slack = avail - l.width;
  let x = indent;
  let extra = 0;
  if (align === "center") x += slack / 2;
  else if (align === "right") x += slack;
  else if (align === "justify" && !l.forced && slack > 0) {
    // leading spaces (before the first word) keep their width
    let stretch = 0;
    let seenBox = false;
    for (const it of l.items) {
      if (it.t === 0) seenBox = true;
      else if (seenBox && it.stretch) stretch++;
    }
    if (stretch > 0) extra = slack / stretch;
  }
  return { items: l.items, width: l.width, x, extra };
}
