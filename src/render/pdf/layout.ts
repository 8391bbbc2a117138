// The page flow: sections → pages, blocks placed top-down with Word's rules:
// space before dropped at the top of a page reached by overflow, widow/orphan
// control (2 lines), keepLines, keepWithNext chains, tables breaking by row.
import type { Block, Footnote, Paragraph, Section } from "../../document/model.ts";
import { Canvas, CHANGE_BAR_GAP } from "./paint.ts";
import { paintLine, type Ctx, type ParaLayout } from "./para.ts";
import { layoutTable, placeTable, rowStartHeight, type Flow } from "./table.ts";

const EPS = 1e-6;
/** keepWithNext chains longer than this are cut (Word gives up on long chains too) */
const MAX_CHAIN = 8;
/** The footnote separator: a short rule in a line of its own above the notes, as Word draws it. */
const NOTE_SEPARATOR = { block: 12, width: 144, thickness: 0.5 };
/** A note that cannot end on its mark's page keeps at least this many lines there (Word keeps the first). */
const NOTE_MIN_LINES = 2;
/** Room a page keeps for body text when a note continued from the page before would fill it. */
const MIN_BODY_ROOM = 72;

/** Lines [from, …) of a footnote still to print. */
interface NotePiece {
  note: Footnote;
  from: number;
}

export class PageFlow implements Flow {
  readonly pages: Canvas[] = [];
  canvas!: Canvas;
  y = 0;
  top = 0;
  /** bottom of the text area without footnotes */
  private pageBottom = 0;
  /** footnotes whose marks are on the current page: printed at its foot */
  private pageNotes: Footnote[] = [];
  /** the end of notes that did not fit on the page before: printed first at this page's foot */
  private carry: NotePiece[] = [];
  /** the page's last note is split to the next page: the page takes no more body text below this y */
  private closedAt: number | undefined;
  /** the current page's notes are painted */
  private notesDone = true;
  private readonly noteParas = new Map<Footnote, Paragraph>();
  x = 0;
  width = 0;
  placed = false;
  /** space after the last block, not yet added: it merges with the next block's space before */
  after = 0;
  /** the page was opened because the previous one was full: drop space before */
  private overflow = false;
  private section!: Section;
  private pageW = 0;
  private pageH = 0;
  private number = 0;
  private firstOfSection = true;
  private readonly ctx: Ctx;

  constructor(ctx: Ctx) {
    this.ctx = ctx;
  }

  run(sections: Section[]): Canvas[] {
    for (const s of sections) {
      this.startSection(s);
      this.blocks(s.blocks);
    }
    this.paintNotes();
    // a note longer than what the last page had room for goes on over pages of its own: no text is lost
    while (this.carry.length) {
      this.open(true);
      this.paintNotes();
    }
    if (!this.pages.length) this.pages.push(new Canvas(this.ctx.doc.page.width, this.ctx.doc.page.height));
    return this.pages;
  }

  private startSection(s: Section): void {
    this.section = s;
    const { width, height } = this.ctx.doc.page;
    const landscape = s.orientation === "landscape";
    this.pageW = landscape ? Math.max(width, height) : Math.min(width, height);
    this.pageH = landscape ? Math.min(width, height) : Math.max(width, height);
    const m = s.margins;
    this.x = m.left;
    this.width = this.pageW - m.left - m.right;
    this.top = m.top;
    this.pageBottom = this.pageH - m.bottom;
    this.number = s.pageNumbers.restart ? 0 : this.number;
    this.firstOfSection = true;
    this.open(false);
  }

  newPage(): void {
    this.open(true);
  }

  /** Bottom of the room left for text: above the footnotes of the page. */
  get bottom(): number {
    return this.closedAt ?? this.pageBottom - this.noteNeed(this.pageNotes, false);
  }

  private noteParagraph(n: Footnote): Paragraph {
    let p = this.noteParas.get(n);
    if (!p) {
      p = { type: "paragraph", style: "footnote", runs: [{ text: String(n.number), superscript: true }, { text: " " }, ...n.runs] };
      this.noteParas.set(n, p);
    }
    return p;
  }

  /** Height of lines [from, to) of a note, with its space before/after when its first/last line is among them. */
  private pieceHeight(n: Footnote, from: number, to: number): number {
    const pl = this.ctx.paragraph(this.noteParagraph(n), this.width);
    if (to <= from) return 0;
    return (from === 0 ? pl.style.spaceBefore : 0) + (to - from) * pl.lh + (to === pl.lines.length ? pl.style.spaceAfter : 0);
  }

  private lineCount(n: Footnote): number {
    return this.ctx.paragraph(this.noteParagraph(n), this.width).lines.length;
  }

  /**
   * The least height the page's foot must keep for notes: what is carried
   * from the page before (all of it when the page has notes of its own, as
   * the notes keep their order; else up to a page less MIN_BODY_ROOM), every
   * note of the page in full, and of the last one only its first lines when
   * `splitLast` (it continues on the next page).
   */
  private noteNeed(own: Footnote[], splitLast: boolean): number {
    if (!own.length && !this.carry.length) return 0;
    let carry = 0;
    for (const c of this.carry) carry += this.pieceHeight(c.note, c.from, this.lineCount(c.note));
    if (!own.length) carry = Math.min(carry, Math.max(0, this.pageBottom - this.top - NOTE_SEPARATOR.block - MIN_BODY_ROOM));
    let h = NOTE_SEPARATOR.block + carry;
    own.forEach((n, i) => {
      const lines = this.lineCount(n);
      h += this.pieceHeight(n, 0, splitLast && i === own.length - 1 ? Math.min(lines, NOTE_MIN_LINES) : lines);
    });
    return h;
  }

  /**
   * What joining `notes` to the page costs when the body would end at `end`:
   * the extra height their notes need in full, or, when they cannot all end on
   * this page, the extra height of the last one's first lines (`split`: it is
   * continued on the next page and the page takes no more text).
   */
  noteFit(notes: Footnote[], end: number): { extra: number; split: boolean } {
    if (!notes.length) return { extra: 0, split: false };
    const now = this.noteNeed(this.pageNotes, false);
    const all = [...this.pageNotes, ...notes];
    const full = this.noteNeed(all, false);
    if (end + full <= this.pageBottom + EPS) return { extra: full - now, split: false };
    return { extra: this.noteNeed(all, true) - now, split: true };
  }

  /** Extra height the footnote area needs when `notes` join the page and the body ends at `end`. */
  noteExtra(notes: Footnote[], end: number): number {
    return this.noteFit(notes, end).extra;
  }

  /** Notes whose marks were just placed, the body now ending at `end`. */
  addNotes(notes: Footnote[], end: number): void {
    if (!notes.length) return;
    const { split } = this.noteFit(notes, end);
    this.pageNotes.push(...notes);
    if (split) this.closedAt = Math.max(end, this.closedAt ?? end);
  }

  /**
   * The page's footnotes at its foot, under the separator, ending at the
   * bottom margin: first what was carried from the page before (under a
   * full-width continuation separator, as Word draws it), then the page's own.
   * Lines that do not fit below the body are carried to the next page.
   */
  private paintNotes(): void {
    if (this.notesDone) return;
    this.notesDone = true;
    const queue: NotePiece[] = [...this.carry, ...this.pageNotes.map((note) => ({ note, from: 0 }))];
    this.pageNotes = [];
    this.carry = [];
    if (!queue.length) return;
    let room = this.pageBottom - this.y - NOTE_SEPARATOR.block;
    const placed: { note: Footnote; from: number; to: number }[] = [];
    for (let i = 0; i < queue.length; i++) {
      const { note, from } = queue[i]!;
      const lines = this.lineCount(note);
      let to = from;
      while (to < lines && this.pieceHeight(note, from, to + 1) <= room + EPS) to++;
      if (to > from) {
        placed.push({ note, from, to });
        room -= this.pieceHeight(note, from, to);
      }
      if (to < lines) {
        this.carry = [{ note, from: to }, ...queue.slice(i + 1)];
        break;
      }
    }
    if (!placed.length) return;
    let y = this.pageBottom - NOTE_SEPARATOR.block - placed.reduce((h, p) => h + this.pieceHeight(p.note, p.from, p.to), 0);
    const continued = placed[0]!.from > 0;
    this.canvas.rect(this.x, y + NOTE_SEPARATOR.block / 2, continued ? this.width : NOTE_SEPARATOR.width, NOTE_SEPARATOR.thickness);
    y += NOTE_SEPARATOR.block;
    for (const p of placed) {
      const pl = this.ctx.paragraph(this.noteParagraph(p.note), this.width);
      if (p.from === 0) y += pl.style.spaceBefore;
      for (let i = p.from; i < p.to; i++) {
        paintLine(this.canvas, pl, i, this.x, y);
        y += pl.lh;
      }
      if (p.to === pl.lines.length) y += pl.style.spaceAfter;
    }
  }

  private open(overflow: boolean): void {
    this.paintNotes();
    this.canvas = new Canvas(this.pageW, this.pageH);
    this.canvas.barX = this.x - CHANGE_BAR_GAP;
    this.pages.push(this.canvas);
    this.notesDone = false;
    this.closedAt = undefined;
    this.y = this.top;
    this.placed = false;
    this.after = 0;
    this.overflow = overflow;
    this.number++;
    const pn = this.section.pageNumbers;
    if (pn.show && !(pn.hideOnFirst && this.firstOfSection)) this.pageNumber(pn.style);
    this.firstOfSection = false;
  }

  /** The number sits in the top margin: its line's top at margins.header, like a Word header. */
  private pageNumber(style: string): void {
    const p: Paragraph = { type: "paragraph", style, runs: [{ text: String(this.number) }] };
    const pl = this.ctx.paragraph(p, this.width);
    paintLine(this.canvas, pl, 0, this.x, this.section.margins.header + pl.style.spaceBefore);
  }

  /**
   * The gap above a block whose space before is `v`: the larger of it and the
   * previous block's space after (OOXML §17.3.1.33; Word and LibreOffice do
   * this), or nothing at the top of a page reached by overflow.
   */
  gapBefore(v: number): number {
    return this.overflow && !this.placed ? 0 : Math.max(v, this.after);
  }

  private blocks(blocks: Block[]): void {
    blocks.forEach((b, i) => {
      switch (b.type) {
        case "paragraph": {
          const pl = this.ctx.paragraph(b, this.width);
          this.paragraph(pl, pl.style.keepWithNext ? this.lead(blocks, i + 1, 0) : 0);
          break;
        }
        case "table":
          placeTable(this, this.ctx, b, b.keepWithNext ? this.lead(blocks, i + 1, 0) : 0);
          break;
        // Rules and spacers are empty paragraphs with keep-with-next in the DOCX:
        // they never stand alone at a page bottom, away from what follows.
        // (its space before is part of the rule, like the DOCX's empty line above the border)
        case "rule": {
          const need = b.spaceBefore + b.thickness + b.spaceAfter + this.lead(blocks, i + 1, 1);
          if (this.placed && this.y + this.gapBefore(0) + need > this.bottom + EPS && need <= this.bottom - this.top) this.newPage();
          this.y += this.gapBefore(0) + b.spaceBefore;
          const w = Math.min(b.width, this.width);
          this.canvas.rect(this.x + (this.width - w) / 2, this.y, w, b.thickness);
          this.y += b.thickness;
          this.after = b.spaceAfter;
          this.placed = true;
          break;
        }
        case "spacer": {
          const need = b.height + this.lead(blocks, i + 1, 1);
          if (this.placed && this.y + this.gapBefore(0) + need > this.bottom + EPS && need <= this.bottom - this.top) this.newPage();
          this.y += this.gapBefore(0);
          this.y = Math.min(this.y + b.height, Math.max(this.bottom, this.y));
          this.after = 0;
          this.placed = true;
          break;
        }
      }
    });
  }

  /**
   * The least height that must follow on the same page when the block before
   * `blocks[i]` is keepWithNext: its first lines (2 with orphan control), or
   * all of it and what it keeps with when it is keepWithNext itself.
   */
  private lead(blocks: Block[], i: number, depth: number): number {
    const b = blocks[i];
    if (!b) return 0;
    const chain = depth < MAX_CHAIN;
    switch (b.type) {
      case "paragraph": {
        const pl = this.ctx.paragraph(b, this.width);
        const s = pl.style;
        const n = pl.lines.length;
        if (s.keepWithNext && chain) return s.spaceBefore + n * pl.lh + s.spaceAfter + this.lead(blocks, i + 1, depth + 1);
        return s.spaceBefore + (s.keepLines || n <= 3 ? n : 2) * pl.lh;
      }
      // rules and spacers keep with what follows (as the DOCX writes them)
      case "rule":
        return b.spaceBefore + b.thickness + b.spaceAfter + (chain ? this.lead(blocks, i + 1, depth + 1) : 0);
      case "spacer":
        return b.height + (chain ? this.lead(blocks, i + 1, depth + 1) : 0);
      case "table": {
        const tl = layoutTable(this.ctx, b, this.width);
        if (b.keepWithNext && chain) return tl.height + this.lead(blocks, i + 1, depth + 1);
        return tl.headerH + rowStartHeight(tl, tl.rows[tl.headerRows]) + tl.b;
      }
    }
  }

  /**
   * How many lines from `idx` fit on the page when each brings its footnotes
   * along; a line whose note must continue on the next page is the page's last.
   */
  private fitWithNotes(pl: ParaLayout, idx: number, sb: number): number {
    let notes: Footnote[] = [];
    let k = 0;
    while (idx + k < pl.lines.length) {
      const more = [...notes, ...(pl.notes?.[idx + k] ?? [])];
      const end = this.y + sb + (k + 1) * pl.lh;
      const fit = this.noteFit(more, end);
      if (end > this.bottom - fit.extra + EPS) break;
      notes = more;
      k++;
      if (fit.split) break;
    }
    return k;
  }

  /** Places a paragraph's lines, breaking pages per widow/orphan, keepLines and keepWithNext (`tail`). */
  private paragraph(pl: ParaLayout, tail: number): void {
    const s = pl.style;
    const n = pl.lines.length;
    const lh = pl.lh;
    const pageH = this.bottom - this.top;
    // keepWithNext moves the whole paragraph when it and what follows fit on a
    // page (LibreOffice does so; measured on our DOCX); only longer ones split
    if (tail > 0 && this.placed && n * lh + tail <= pageH) {
      if (this.y + this.gapBefore(s.spaceBefore) + n * lh + tail > this.bottom + EPS) this.newPage();
    }
    let idx = 0;
    while (idx < n) {
      const sb = idx === 0 ? this.gapBefore(s.spaceBefore) : 0;
      const rem = n - idx;
      const fit = pl.notes ? this.fitWithNotes(pl, idx, sb) : Math.max(0, Math.floor((this.bottom - this.y - sb + EPS) / lh));
      let k: number;
      if (fit >= rem) {
        k = rem;
        // keepWithNext: what follows must fit after the last lines; else carry lines over
        if (tail > 0 && this.y + sb + rem * lh + tail > this.bottom + EPS && tail + 2 * lh <= pageH) {
          k = s.keepLines || n <= 3 ? 0 : rem - 2;
          if (idx === 0 && k < 2) k = 0;
        }
      } else {
        k = s.keepLines && n * lh <= pageH ? 0 : fit;
        if (n >= 2) {
          if (idx === 0 && k < 2) k = 0; // orphan: a first line alone at a page bottom
          if (rem - k < 2) k = rem - 2; // widow: a last line alone at a page top
          if (idx === 0 && k < 2) k = 0;
        }
      }
      if (k <= 0) {
        if (this.placed) {
          this.newPage();
          continue;
        }
        // already at the top of a page: moving would not help
        k = fit >= rem ? rem : Math.max(1, fit);
      }
      this.y += sb;
      this.after = 0;
      for (let i = idx; i < idx + k; i++) {
        paintLine(this.canvas, pl, i, this.x, this.y);
        this.y += lh;
        if (pl.notes?.[i]?.length) this.addNotes(pl.notes[i]!, this.y);
      }
      this.placed = true;
      idx += k;
      if (idx < n) this.newPage();
    }
    this.after = s.spaceAfter;
  }
}
