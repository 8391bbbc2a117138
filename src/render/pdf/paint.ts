// Content-stream writer for one page. Layout works top-down in pt from the page
// top; PDF is bottom-up, so every y is flipped here and nowhere else.
//
// Text is written as one BT…ET per line with 2-byte glyph ids (<…> hex) in TJ
// arrays. Justification goes into TJ adjustments after each space glyph: the
// Tw operator only affects the single-byte code 32, which never occurs with
// Identity-H encoding.
import type { Face } from "./fonts.ts";
import type { Line } from "./linebreak.ts";
import { SUP_RISE, SUP_SCALE } from "./measure.ts";

/** Numbers with at most 3 decimals, no exponent, no "-0". */
export function num(v: number): string {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? "0" : String(r);
}

/** Face → resource name (/F1…/F4), fixed by face kind so output never depends on order of use. */
export const RESOURCE: Record<Face["key"], string> = { regular: "F1", bold: "F2", italic: "F3", boldItalic: "F4" };

/** change bars: 1 pt wide, centred 4 mm left of the text column */
export const CHANGE_BAR_WIDTH = 1;
export const CHANGE_BAR_GAP = (4 * 72) / 25.4;

export class Canvas {
  readonly width: number;
  readonly height: number;
  /** drawn first: highlight backgrounds */
  private readonly bg: string[] = [];
  private readonly fg: string[] = [];
  /**
   * Change bars (tracked changes): x of the bar's centre, set by the page flow
   * to the text column's left edge less CHANGE_BAR_GAP; [top, bottom] spans.
   */
  barX = 0;
  private readonly barSpans: [number, number][] = [];

  constructor(width: number, height: number) {
    this.width = width;
    this.height = height;
  }

  /** Where the next drawing goes in the content stream. */
  mark(): number {
    return this.fg.length;
  }

  /**
   * Runs `draw` and moves what it drew to position `at` of the content stream
   * (a mark taken earlier): text drawn late reads where it belongs (a merged
   * cell's text, drawn once its rows are placed, reads before the rows' other
   * cells, as in the DOCX). Returns how many operations moved.
   */
  insertAt(at: number, draw: () => void): number {
    const start = this.fg.length;
    draw();
    const ops = this.fg.splice(start);
    this.fg.splice(at, 0, ...ops);
    return ops.length;
  }

  /** A black (or coloured) filled rectangle; y is its top edge. */
  rect(x: number, y: number, w: number, h: number, color?: "yellow"): void {
    const op = this.rectOp(x, y, w, h);
    if (color === "yellow") this.bg.push(`1 1 0 rg ${op} 0 g`);
    else this.fg.push(op);
  }

  private rectOp(x: number, y: number, w: number, h: number): string {
    return `${num(x)} ${num(this.height - y - h)} ${num(w)} ${num(h)} re f`;
  }

  /** Stroked 0.5 pt-style grid segments, batched into one path. */
  strokeSegments(segs: [number, number, number, number][], lineWidth: number): void {
    if (!segs.length) return;
    const parts = [`q ${num(lineWidth)} w 2 J 0 G`];
    for (const [x1, y1, x2, y2] of segs) {
      parts.push(`${num(x1)} ${num(this.height - y1)} m ${num(x2)} ${num(this.height - y2)} l`);
    }
    parts.push("S Q");
    this.fg.push(parts.join("\n"));
  }

  /**
   * One line of text. `x` is the column's left edge (the line adds its own
   * offset), `baseline` the baseline's distance from the page top.
   */
  line(line: Line, size: number, x: number, baseline: number): void {
    const items = line.items;
    if (!items.length) return;
    const k = size / 1000;
    const adj = line.extra > 0 ? ` ${num((-line.extra * 1000) / size)} ` : "";
    const out: string[] = [`BT 1 0 0 1 ${num(x + line.x)} ${num(this.height - baseline)} Tm`];
    let face: Face | undefined;
    let sup = false;
    // the TJ array's strings and adjustments, joined once (concatenating glyph by glyph made a string per glyph)
    const tj: string[] = [];
    let seenBox = false;
    let pos = x + line.x;
    // decorations: [start, end) ranges merged across neighbouring items
    let hl: [number, number, Face] | undefined;
    let ul: [number, number, Face] | undefined;
    const flushHl = () => {
      if (!hl) return;
      const f = hl[2];
      this.rect(hl[0], baseline - f.ascent * k, hl[1] - hl[0], (f.ascent - f.descent) * k, "yellow");
      hl = undefined;
    };
    const flushUl = () => {
      if (!ul) return;
      const f = ul[2];
      const t = f.underlineThickness * k;
      this.rect(ul[0], baseline - f.underlinePosition * k, ul[1] - ul[0], t);
      ul = undefined;
    };
    for (const it of items) {
      const f = it.look.face;
      let w = it.w;
      if (it.t === 1 && it.gid < 0) continue; // zero-width break opportunity
      if (f !== face || it.look.sup !== sup) {
        if (tj.length) out.push(`[${tj.join("")}] TJ`);
        tj.length = 0;
        out.push(`/${RESOURCE[f.key]} ${num(it.look.sup ? size * SUP_SCALE : size)} Tf`);
        if (it.look.sup !== sup) out.push(`${num(it.look.sup ? size * SUP_RISE : 0)} Ts`);
        face = f;
        sup = it.look.sup;
      }
      if (it.t === 0) {
        seenBox = true;
        tj.push("<");
        for (const g of it.gids) tj.push(f.hexOf(g));
        tj.push(">");
      } else {
        tj.push("<", f.hexOf(it.gid), ">");
        if (seenBox && it.stretch && adj) {
          tj.push(adj);
          w += line.extra;
        }
      }
      if (it.look.placeholder) {
        if (hl && Math.abs(hl[1] - pos) < 1e-6) hl[1] = pos + w;
        else {
          flushHl();
          hl = [pos, pos + w, f];
        }
      } else flushHl();
      if (it.look.underline) {
        if (ul && Math.abs(ul[1] - pos) < 1e-6) ul[1] = pos + w;
        else {
          flushUl();
          ul = [pos, pos + w, f];
        }
      } else flushUl();
      pos += w;
    }
    if (tj.length) out.push(`[${tj.join("")}] TJ`);
    out.push("ET");
    flushHl();
    flushUl();
    this.fg.push(out.join(" "));
  }

  /** Marks the line from `top`, `h` high, as changed. */
  changeBar(top: number, h: number): void {
    this.barSpans.push([top, top + h]);
  }

  /**
   * The change bars as drawn: spans that overlap (lines side by side in table
   * cells) merge into one bar; lines that only touch keep a bar each.
   */
  changeBars(): { x: number; top: number; bottom: number }[] {
    const spans = [...this.barSpans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const out: { x: number; top: number; bottom: number }[] = [];
    for (const [t, b] of spans) {
      const last = out[out.length - 1];
      if (last && t < last.bottom - 0.01) last.bottom = Math.max(last.bottom, b);
      else out.push({ x: this.barX, top: t, bottom: b });
    }
    return out;
  }

  content(): string {
    const fg = this.barSpans.length ? [...this.fg, ...this.changeBars().map((b) => this.rectOp(b.x - CHANGE_BAR_WIDTH / 2, b.top, CHANGE_BAR_WIDTH, b.bottom - b.top))] : this.fg;
    return this.bg.length ? `${this.bg.join("\n")}\n${fg.join("\n")}` : fg.join("\n");
  }
}
