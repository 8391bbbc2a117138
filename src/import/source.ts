// The neutral form every reader produces and the recogniser reads: paragraphs
// with what the file says about them (bold, italic, centred, first-line
// indent), tables with merged cells, footnotes, and where each came from in
// the input, so the summary can point at lines the recogniser was unsure of.

export interface Where {
  /** line of a text file, paragraph of a DOCX, line of the extracted text of a PDF */
  line: number;
  page?: number | undefined;
}

export interface Para {
  kind: "p";
  text: string;
  at: Where;
  bold?: boolean | undefined;
  italic?: boolean | undefined;
  center?: boolean | undefined;
  /** first line indented (PDF), or a new paragraph for sure (DOCX) */
  indent?: boolean | undefined;
  /** left and right edge of the line on the page (PDF): the column of a table cell */
  x?: number | undefined;
  x2?: number | undefined;
  /** baseline from the foot of the page and font size (PDF): rows of a table cell */
  y?: number | undefined;
  size?: number | undefined;
  /** the paragraph is a real one (DOCX), not a line of wrapped text */
  whole?: boolean | undefined;
  /** a footnote's text: the key its mark (noteMark) carries in the text that cites it */
  note?: string | undefined;
}

export interface Cell {
  paras: Para[];
  /** columns this cell spans (gridSpan) */
  span: number;
  /** a cell continuing the one above (vMerge) */
  continued?: boolean | undefined;
}

export interface Table {
  kind: "table";
  rows: Cell[][];
  at: Where;
}

export type Block = Para | Table;

export type SourceFormat = "docx" | "pdf" | "text";

/**
 * Where a footnote was cited, inside a paragraph's text: private-use
 * characters around the note's key, so the mark travels with the words
 * through reflow and the recogniser and becomes [^id] in the plan.
 */
export const noteMark = (key: string) => `\ue000${key}\ue001`;
export const NOTE_MARK = /\ue000([^\ue001]*)\ue001/gu;

export interface ImportSource {
  file: string;
  format: SourceFormat;
  blocks: Block[];
  /** footnotes, each with its key (Para.note) */
  footnotes: Para[];
}

/** "dòng 12", "đoạn 12", "trang 3, dòng 12": how the summary names a place in the input. */
export function whereText(format: SourceFormat, at: Where): string {
  if (format === "docx") return `đoạn ${at.line}`;
  if (format === "pdf" && at.page !== undefined) return `trang ${at.page}, dòng ${at.line}`;
  return `dòng ${at.line}`;
}

/** NFC, no control characters, single spaces (no-break spaces of draft blanks kept as spaces). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u200b\ufeff]/g;

export function cleanText(s: string): string {
  return s.normalize("NFC").replace(CONTROL, "").replace(/[\s\u00a0]+/g, " ").trim();
}

/** The line naming the kind of document under the letterhead. */
export const KIND_LINE = /^(KẾ HOẠCH|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?)$/u;
/** A line in capitals (letterhead, signature authority, an upper-case heading). */
export const isUpper = (s: string): boolean => /\p{Lu}/u.test(s) && s === s.toLocaleUpperCase("vi");
