// Text → glyph items, measured with the cached advances (never fontkit layout).
// No shaping beyond the cmap: Vietnamese needs none once text is NFC, and
// Word/LibreOffice do not kern Times New Roman by default either.
import { UserError } from "../../errors.ts";
import type { Footnote, ParagraphStyle, Run } from "../../document/model.ts";
import { faceFor, type Face, type FontSet } from "./fonts.ts";

/** Run formatting after resolving run overrides against the paragraph style. */
export interface Look {
  face: Face;
  underline: boolean;
  placeholder: boolean;
  /** a tracked change is on this piece of the line: the line gets a change bar in the margin */
  bar: boolean;
  /** superscript (footnote numbers): SUP_SCALE of the size, raised by SUP_RISE of it */
  sup: boolean;
}

/** Superscript as LibreOffice draws it (58 %, raised 33 %), rounded. */
export const SUP_SCALE = 0.6;
export const SUP_RISE = 0.33;

/** An unbreakable piece of a word, in one face. */
export interface Box {
  t: 0;
  look: Look;
  gids: number[];
  /** width in pt */
  w: number;
  /** the footnote this box is the mark of */
  note?: Footnote;
}

/** A break opportunity: a space (stretchable when justifying) or a zero-width break after a hyphen. */
export interface Glue {
  t: 1;
  look: Look;
  /** the space glyph, or none for a zero-width opportunity */
  gid: number;
  w: number;
  stretch: boolean;
}

/** A forced line break ("\n" in run text). */
export interface Brk {
  t: 2;
}

export type Item = Box | Glue | Brk;

const SPACE = 0x20;
/** a box's glyphs until its word ends (see Shaper.items) */
const NO_GLYPHS: number[] = [];
const HYPHEN = 0x2d;

function isWordChar(cp: number): boolean {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a) || cp >= 0xc0;
}

function excerpt(text: string, index: number): string {
  const chars = Array.from(text);
  let ci = 0;
  for (let u = 0; u < index; ci++) u += chars[ci]!.length;
  const from = Math.max(0, ci - 20);
  return (from > 0 ? "…" : "") + chars.slice(from, ci + 20).join("") + (ci + 20 < chars.length ? "…" : "");
}

/**
 * Per-document glyph bookkeeping: which glyphs each face uses (for the subset)
 * and which character each glyph stands for (for the ToUnicode map). Kept per
 * document so the output never depends on what the process rendered before.
 */
export class Shaper {
  readonly fonts: FontSet;
  /** face → glyph id → code point */
  readonly used = new Map<Face, Map<number, number>>();
  private readonly looks = new Map<string, Look>();

  constructor(fonts: FontSet) {
    this.fonts = fonts;
  }

  look(bold: boolean, italic: boolean, underline: boolean, placeholder: boolean, bar = false, sup = false): Look {
    const key = `${+bold}${+italic}${+underline}${+placeholder}${+bar}${+sup}`;
    let l = this.looks.get(key);
    if (!l) {
      l = { face: faceFor(this.fonts, bold, italic), underline, placeholder, bar, sup };
      this.looks.set(key, l);
    }
    return l;
  }

  private note(face: Face, gid: number, cp: number): void {
    let m = this.used.get(face);
    if (!m) {
      m = new Map();
      this.used.set(face, m);
    }
    const prev = m.get(gid);
    // several characters may share a glyph (space and no-break space): map the glyph to the lowest
    if (prev === undefined || cp < prev) m.set(gid, cp);
  }

  /**
   * Paragraph runs → items at the paragraph's size. Tracked changes: deleted
   * runs print nothing but bar the next word (or the last one, at the end);
   * inserted runs print as usual, barred.
   */
  items(runs: Run[], style: ParagraphStyle): Item[] {
    const out: Item[] = [];
    const size = style.size;
    const k = size / 1000;
    let fullText: string | undefined;
    let deletedBefore = false;
    let space: { item: Glue; look: Look; size: number } | undefined;
    const glyphs: number[] = [];
    for (const run of runs) {
      if (run.revision?.kind === "delete") {
        deletedBefore = true;
        continue;
      }
      const bold = run.bold ?? style.bold ?? false;
      const italic = run.italic ?? style.italic ?? false;
      const underline = run.underline ?? style.underline ?? false;
      const placeholder = run.placeholder ?? false;
      const inserted = run.revision?.kind === "insert";
      const sup = run.superscript === true || run.footnote !== undefined;
      const plain = this.look(bold, italic, underline, placeholder, inserted, sup);
      let look = deletedBefore ? this.look(bold, italic, underline, placeholder, true, sup) : plain;
      const rk = sup ? k * SUP_SCALE : k;
      const face = look.face;
      const text = run.text.normalize("NFC");
      let box: Box | undefined;
      // a word's glyph ids gather here and go to its box in one array of the right size when the word ends
      const close = () => {
        if (!box) return;
        box.gids = glyphs.slice();
        glyphs.length = 0;
        box = undefined;
      };
      let prevCp = 0;
      for (let i = 0; i < text.length; i++) {
        let cp = text.charCodeAt(i);
        if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
          cp = text.codePointAt(i)!;
          i++;
        }
        if (cp === 0x0a) {
          close();
          out.push({ t: 2 });
        } else if (cp === SPACE || cp === 0x09) {
          // one space item per look and size, shared: items are never changed once made
          if (space?.look !== look || space.size !== rk) {
            const gid = face.gid(SPACE);
            this.note(face, gid, SPACE);
            space = { item: { t: 1, look, gid, w: face.adv(gid) * rk, stretch: true }, look, size: rk };
          }
          close();
          out.push(space.item);
        } else if (cp === 0x0d) {
          // dropped: only "\n" breaks lines
        } else {
          const gid = face.gid(cp);
          if (gid === 0) {
            fullText ??= runs.map((r) => r.text.normalize("NFC")).join("");
            const before = runs.slice(0, runs.indexOf(run)).reduce((n, r) => n + r.text.normalize("NFC").length, 0);
            const ch = String.fromCodePoint(cp);
            const hex = cp.toString(16).toUpperCase().padStart(4, "0");
            throw new UserError("E_MISSING_GLYPH", `Phông chữ ${this.fonts.name} không có ký tự "${ch}" (U+${hex})`, {
              found: excerpt(fullText, before + i - (cp > 0xffff ? 1 : 0)),
            });
          }
          this.note(face, gid, cp);
          if (!box) {
            box = { t: 0, look, gids: NO_GLYPHS, w: 0 };
            if (run.footnote) box.note = run.footnote;
            out.push(box);
            // only the first word after a deletion carries its bar
            look = plain;
            deletedBefore = false;
          }
          glyphs.push(gid);
          box.w += face.adv(gid) * rk;
          // Word and LibreOffice break after a hyphen inside a word ("KH-UBND")
          if (cp === HYPHEN && isWordChar(prevCp) && i + 1 < text.length && isWordChar(text.charCodeAt(i + 1))) {
            close();
            out.push({ t: 1, look, gid: -1, w: 0, stretch: false });
          }
        }
        prevCp = cp;
      }
      close();
    }
    if (deletedBefore) {
      // a deletion at the paragraph's end bars its last word
      for (let j = out.length - 1; j >= 0; j--) {
        const it = out[j]!;
        if (it.t === 0) {
          it.look = { ...it.look, bar: true };
          break;
        }
      }
    }
    return out;
  }
}
