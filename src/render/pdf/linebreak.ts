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

function breakRaw(items: Item[], firstAvail: number, restAvail: number, size: number): RawLine[] {
  const lines: RawLine[] = [];
  let cur: (Box | Glue)[] = [];
  let curW = 0;
  let hasBox = false;
  let pending: Glue[] = [];
  let pendW = 0;
  const avail = () => (lines.length === 0 ? firstAvail : restAvail);
  const commit = (forced: boolean) => {
    lines.push({ items: cur, width: curW, forced });
    cur = [];
    curW = 0;
    hasBox = false;
    pending = [];
    pendW = 0;
  };
  const take = (word: Box[], w: number) => {
    for (const g of pending) cur.push(g);
    curW += pendW;
    pending = [];
    pendW = 0;
    for (const b of word) cur.push(b);
    curW += w;
    hasBox = true;
  };
  let i = 0;
  while (i < items.length) {
    const it = items[i]!;
    if (it.t === 2) {
      commit(true);
      i++;
      continue;
    }
    if (it.t === 1) {
      pending.push(it);
      pendW += it.w;
      i++;
      continue;
    }
    const word: Box[] = [];
    let w = 0;
    while (i < items.length && items[i]!.t === 0) {
      const b = items[i] as Box;
      word.push(b);
      w += b.w;
      i++;
    }
    if (hasBox) {
      if (curW + pendW + w <= avail() + EPS) {
        take(word, w);
        continue;
      }
      commit(false); // pending spaces hang and vanish
    }
    if (pendW + w <= avail() + EPS || w <= avail() + EPS) {
      take(word, w);
      continue;
    }
    // a word wider than a whole line: break it between characters
    const pieces = splitWord(word, Math.max(avail() - curW - pendW, 0), restAvail, size);
    pieces.forEach((p, n) => {
      if (n > 0) commit(false);
      take(
        p,
        p.reduce((s, b) => s + b.w, 0),
      );
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
