// Paragraph layout shared by the page flow and table cells: style lookup,
// line breaking (cached per paragraph and width), and where a line's baseline goes.
import { UserError } from "../../errors.ts";
import type { DocumentModel, Footnote, Paragraph, ParagraphStyle } from "../../document/model.ts";
import { breakLines, type Line } from "./linebreak.ts";
import type { Shaper } from "./measure.ts";
import type { Canvas } from "./paint.ts";

export interface ParaLayout {
  style: ParagraphStyle;
  lines: Line[];
  /** exact leading, pt */
  lh: number;
  /** baseline distance below the line's top edge */
  baseline: number;
  /** per line: a tracked change is on it (change bar); absent when the paragraph has none */
  bars?: boolean[];
  /** per line: the footnotes whose marks it holds; absent when the paragraph has none */
  notes?: Footnote[][];
}

/** Per-document layout state. */
export class Ctx {
  readonly doc: DocumentModel;
  readonly shaper: Shaper;
  private readonly paras = new Map<Paragraph, { width: number; pl: ParaLayout }>();

  constructor(doc: DocumentModel, shaper: Shaper) {
    this.doc = doc;
    this.shaper = shaper;
  }

  style(name: string): ParagraphStyle {
    const s = this.doc.styles[name];
    if (!s) {
      throw new UserError("E_TEMPLATE", `Kiểu đoạn văn "${name}" không có trong bảng kiểu`, {
        expected: Object.keys(this.doc.styles).sort().join(", "),
        found: name,
      });
    }
    return s;
  }

  /** Lines of a paragraph in a column `width` pt wide (computed once per width). */
  paragraph(p: Paragraph, width: number): ParaLayout {
    const hit = this.paras.get(p);
    if (hit && hit.width === width) return hit.pl;
    const style = this.style(p.style);
    const lines = breakLines(this.shaper.items(p.runs, style), style, width);
    // Exact leading as LibreOffice places it (measured): baseline at 0.8 × the
    // line height below the line's top, whatever the font size.
    const pl: ParaLayout = { style, lines, lh: style.lineHeight, baseline: style.lineHeight * 0.8 };
    if (p.runs.some((r) => r.revision)) {
      const bars = lines.map((l) => l.items.some((it) => it.look.bar));
      // nothing left to print (all of it deleted, or an empty insertion): bar the paragraph's place
      if (!bars.includes(true)) bars[bars.length - 1] = true;
      pl.bars = bars;
    }
    if (p.runs.some((r) => r.footnote)) pl.notes = lines.map((l) => l.items.flatMap((it) => (it.t === 0 && it.note ? [it.note] : [])));
    this.paras.set(p, { width, pl });
    return pl;
  }
}

/** Paints line `i` of a paragraph whose column starts at `x`, with the line's top at `top`. */
export function paintLine(c: Canvas, pl: ParaLayout, i: number, x: number, top: number): void {
  c.line(pl.lines[i]!, pl.style.size, x, top + pl.baseline);
  if (pl.bars?.[i]) c.changeBar(top, pl.lh);
}
