// Inline markup → runs.
//   **bold**  *italic*  __underline__  [[placeholder]]  \x literal x
//   {@cite id auto|full|short}  a citation, expanded by the caller's resolver
//   {@at ["tasks",3,"content"]}  where the following text comes from in the plan
//   {@target id}  a target's value; {@agency id}  an agency's name (full first, then short)
//   {@note id}  a footnote mark, numbered by the caller
import type { Origin, PathSegment } from "../model/path.ts";
import type { Run } from "./model.ts";

export interface InlineContext {
  /** returns the markup to splice in place of a citation */
  cite(id: string, form: string): string;
  /** markup of a target's value */
  target?(id: string): string;
  /** markup of an agency's name at this mention */
  agency?(id: string): string;
  /** the footnote reference run for a mark [^id] (numbered by the caller) */
  note?(id: string): Run;
}

interface State {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  placeholder: boolean;
}

export class InlineError extends Error {}

/** Characters that may start markup; text between them is copied whole (a character at a time cost an allocation each). */
const SPECIAL = /[\\*_[\]{]/g;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const OPEN = 0x5b;
const CLOSE = 0x5d;

/**
 * Inline markup → runs. Origin marks are collected into `origins` (offsets in
 * the runs' text) and never become text; citations' own marks are dropped, so
 * a cited title counts as part of the text that cites it.
 */
export function parseInline(src: string, ctx: InlineContext, depth = 0, origins?: Origin[]): Run[] {
  if (depth > 8) throw new InlineError("trích dẫn lồng nhau quá sâu hoặc vòng lặp (citation cycle)");
  const runs: Run[] = [];
  const st: State = { bold: false, italic: false, underline: false, placeholder: false };
  let buf = "";
  const flush = () => {
    if (!buf) return;
    const run: Run = { text: buf };
    if (st.bold) run.bold = true;
    if (st.italic) run.italic = true;
    if (st.underline) run.underline = true;
    if (st.placeholder) run.placeholder = true;
    const prev = runs[runs.length - 1];
    if (prev && !prev.footnote && !!prev.bold === !!run.bold && !!prev.italic === !!run.italic && !!prev.underline === !!run.underline && !!prev.placeholder === !!run.placeholder) {
      prev.text += run.text;
    } else runs.push(run);
    buf = "";
  };
  let i = 0;
  const code = (k: number) => src.charCodeAt(k);
  while (i < src.length) {
    // plain text up to the next character that may start markup, in one piece
    SPECIAL.lastIndex = i;
    const next = SPECIAL.exec(src)?.index ?? src.length;
    if (next > i) {
      buf += src.slice(i, next);
      i = next;
      continue;
    }
    const c = code(i);
    if (c === BACKSLASH && i + 1 < src.length) {
      buf += src[i + 1];
      i += 2;
    } else if (c === STAR && code(i + 1) === STAR) {
      flush();
      st.bold = !st.bold;
      i += 2;
    } else if (c === UNDERSCORE && code(i + 1) === UNDERSCORE) {
      flush();
      st.underline = !st.underline;
      i += 2;
    } else if (c === STAR) {
      flush();
      st.italic = !st.italic;
      i += 1;
    } else if (c === OPEN && code(i + 1) === OPEN) {
      // the brackets stay visible so the gap is obvious even in black and white
      flush();
      st.placeholder = true;
      buf += "[";
      i += 2;
    } else if (c === CLOSE && code(i + 1) === CLOSE && st.placeholder) {
      buf += "]";
      flush();
      st.placeholder = false;
      i += 2;
    } else if (src.startsWith("{@at ", i)) {
      const end = src.indexOf("}", i);
      if (end < 0) throw new InlineError("thiếu dấu } đóng dấu nguồn (@at)");
      if (origins) {
        flush();
        const at = runs.reduce((n, r) => n + r.text.length, 0);
        origins.push({ at, path: JSON.parse(src.slice(i + 5, end)) as PathSegment[] });
      }
      i = end + 1;
    } else if (src.startsWith("{@cite ", i) || src.startsWith("{@target ", i) || src.startsWith("{@agency ", i)) {
      const end = src.indexOf("}", i);
      if (end < 0) throw new InlineError("thiếu dấu } đóng trích dẫn");
      const [kind, id, form] = src.slice(i + 2, end).trim().split(/\s+/);
      flush();
      const resolve = (): string => {
        if (kind === "cite") return ctx.cite(id ?? "", form ?? "auto");
        const fn = kind === "target" ? ctx.target : ctx.agency;
        if (!fn) throw new InlineError(`{@${kind}} không dùng được ở đây`);
        return fn(id ?? "");
      };
      const inner = parseInline(resolve(), ctx, depth + 1);
      for (const r of inner) {
        const merged: Run = { ...r };
        if (st.bold) merged.bold = true;
        if (st.italic) merged.italic = true;
        if (st.underline) merged.underline = true;
        if (st.placeholder) merged.placeholder = true;
        runs.push(merged);
      }
      i = end + 1;
    } else if (src.startsWith("{@note ", i)) {
      const end = src.indexOf("}", i);
      if (end < 0 || !ctx.note) throw new InlineError(end < 0 ? "thiếu dấu } đóng chú thích" : "chú thích [^…] không dùng được ở đây (footnote not allowed here)");
      flush();
      runs.push(ctx.note(src.slice(i + 7, end).trim()));
      i = end + 1;
    } else {
      buf += src[i];
      i += 1;
    }
  }
  flush();
  return runs;
}

export function runsText(runs: Run[]): string {
  return runs.map((r) => r.text).join("");
}
