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

export class PageFlow implements Flow {
  readonly pages: Canvas[] = [];
  canvas!: Canvas;
  y = 0;
  top = 0;
  /** bottom of the text area without footnotes */
  private pageBottom = 0;
  /** footnotes whose marks are on the current page: printed at its foot */
  private pageNotes: Footnote[] = [];
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
    return this.pageBottom - this.noteArea(this.pageNotes);
  }

  private noteParagraph(n: Footnote): Paragraph {
    let p = this.noteParas.get(n);
    if (!p) {
      p = { type: "paragraph", style: "footnote", runs: [{ text: String(n.number), superscript: true }, { text: " " }, ...n.runs] };
      this.noteParas.set(n, p);
    }
    return p;
  }

  /** Height of the footnote area holding `notes` (0 for none). */
  private noteArea(notes: Footnote[]): number {
    if (!notes.length) return 0;
    let h = NOTE_SEPARATOR.block;
    for (const n of notes) {
      const pl = this.ctx.paragraph(this.noteParagraph(n), this.width);
      h += pl.style.spaceBefore + pl.lines.length * pl.lh + pl.style.spaceAfter;
    }
    return h;
  }

  /** Extra height the footnote area needs when `notes` join the page. */
  noteExtra(notes: Footnote[]): number {
    if (!notes.length) return 0;
    return this.noteArea([...this.pageNotes, ...notes]) - this.noteArea(this.pageNotes);
  }

  addNotes(notes: Footnote[]): void {
    this.pageNotes.push(...notes);
  }

  /** The page's footnotes at its foot, under the separator, ending at the bottom margin. */
  private paintNotes(): void {
    if (!this.pageNotes.length || !this.canvas) return;
    let y = this.pageBottom - this.noteArea(this.pageNotes);
    this.canvas.rect(this.x, y + NOTE_SEPARATOR.block / 2, NOTE_SEPARATOR.width, NOTE_SEPARATOR.thickness);
    y += NOTE_SEPARATOR.block;
    for (const n of this.pageNotes) {
      const pl = this.ctx.paragraph(this.noteParagraph(n), this.width);
      y += pl.style.spaceBefore;
      for (let i = 0; i < pl.lines.length; i++) {
        paintLine(this.canvas, pl, i, this.x, y);
        y += pl.lh;
      }
      y += pl.style.spaceAfter;
    }
    this.pageNotes = [];
  }

  private open(overflow: boolean): void {
    this.paintNotes();
    this.canvas = new Canvas(this.pageW, this.pageH);
    this.canvas.barX = this.x - CHANGE_BAR_GAP;
    this.pages.push(this.canvas);
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

  /** How many lines from `idx` fit on the page when each brings its footnotes along. */
  private fitWithNotes(pl: ParaLayout, idx: number, sb: number): number {
    let notes: Footnote[] = [];
    let k = 0;
    while (idx + k < pl.lines.length) {
      const more = [...notes, ...(pl.notes?.[idx + k] ?? [])];
      if (this.y + sb + (k + 1) * pl.lh > this.bottom - this.noteExtra(more) + EPS) break;
      notes = more;
      k++;
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
        if (pl.notes?.[i]?.length) this.addNotes(pl.notes[i]!);
        this.y += lh;
      }
      this.placed = true;
      idx += k;
      if (idx < n) this.newPage();
    }
    this.after = s.spaceAfter;
  }
}
