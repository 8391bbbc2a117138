// The document model: plain data between the templates and the renderers.
// Renderers (DOCX, PDF) see only this; they never see plan data.
// All lengths are in points (1 pt = 1/72 in = 20 twips). All text is NFC.

export type { Align, Family, Margins, ParagraphStyle } from "../model/style.ts";
export { MM, mm } from "../model/style.ts";
import type { Family, Margins, ParagraphStyle } from "../model/style.ts";
import type { Origin } from "../model/path.ts";

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** a placeholder left for the clerk to fill: highlighted in both outputs */
  placeholder?: boolean;
  /**
   * A tracked change (only in documents built by src/compare: `build --compare`).
   * "insert": text new in this version; "delete": text of the old version that
   * this one removes (DOCX: w:del, PDF: not printed). A paragraph whose runs are
   * all of one kind was inserted/deleted as a whole; a table row whose every
   * paragraph is, likewise. `id` is unique per change (one contiguous stretch of
   * runs), sequential in document order; `date` is "YYYY-MM-DD", from the data.
   */
  revision?: RunRevision;
  /** raised and smaller (the number in front of a footnote's text) */
  superscript?: boolean;
  /** a footnote reference: the run's text is its number, printed superscript; the note is printed at the page foot */
  footnote?: Footnote;
}

/** A footnote: numbered continuously through the document in the order of the marks. */
export interface Footnote {
  number: number;
  /** the note's text (one paragraph, style "footnote") */
  runs: Run[];
}

export interface RunRevision {
  kind: "insert" | "delete";
  id: number;
  author: string;
  date: string;
}

export interface Paragraph {
  type: "paragraph";
  /** key into DocumentModel.styles */
  style: string;
  runs: Run[];
  /** where stretches of the text come from in the plan (for messages; renderers ignore it) */
  origins?: Origin[];
}

/** A solid horizontal line, centred in its column (under the issuer, motto, title). */
export interface Rule {
  type: "rule";
  /** length in pt */
  width: number;
  /** line thickness in pt */
  thickness: number;
  /** space above the line, in pt, measured from the bottom of the previous line */
  spaceBefore: number;
  spaceAfter: number;
}

/** Vertical empty space, e.g. the signing space above the signer's name. */
export interface Spacer {
  type: "spacer";
  height: number;
}

export interface Cell {
  blocks: Block[];
  vAlign: "top" | "center";
  /** columns this cell spans (DOCX gridSpan); 1 when absent */
  span?: number;
  /**
   * Vertical merge (DOCX vMerge): "restart" opens a cell that continues into
   * the same column of the following rows marked "continue" (their blocks are empty).
   */
  merge?: "restart" | "continue";
}

export interface Row {
  cells: Cell[];
  /** the row must not be split across pages */
  cantSplit: boolean;
  /** keep on the same page as the next row (the rows of one merged group) */
  keepWithNext?: boolean;
}

export interface Table {
  type: "table";
  /** column widths in pt; their sum is the table width */
  columns: number[];
  /** 0.5 pt single black borders on every cell, or none at all */
  borders: boolean;
  /** how many leading rows repeat at the top of each page */
  headerRows: number;
  /** inner cell padding in pt (left/right; top/bottom) */
  padding: { x: number; y: number };
  rows: Row[];
  /** keep the whole table with the next block (signature after the last paragraph) */
  keepWithNext?: boolean;
}

export type Block = Paragraph | Rule | Spacer | Table;

export interface PageNumbering {
  /** print page numbers in this section */
  show: boolean;
  /** hide the number on the section's first page */
  hideOnFirst: boolean;
  /** restart numbering at 1 in this section */
  restart: boolean;
  /** style of the number paragraph, key into styles */
  style: string;
}

export interface Section {
  orientation: "portrait" | "landscape";
  margins: Margins;
  pageNumbers: PageNumbering;
  blocks: Block[];
}

export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  /** BCP 47, "vi-VN" */
  language: string;
  /** ISO date-time used for every timestamp in the output (determinism) */
  date: string;
}

export interface DocumentModel {
  family: Family;
  meta: DocumentMeta;
  /** portrait page size in pt; landscape sections swap it */
  page: { width: number; height: number };
  /** the font family the document names ("Times New Roman") */
  font: string;
  styles: Record<string, ParagraphStyle>;
  sections: Section[];
}

