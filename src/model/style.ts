// The style table: typography per document family, read from
// templates/styles/base.yaml with the family's overrides on top, and what a
// plan may override of it (`style:`). Input data of the model layer: the
// renderers see only the resolved table, in pt.
// Values in the YAML are in mm for lengths and pt for sizes; resolved, everything is pt.
import * as z from "zod/mini";
import { described } from "./schema-kit.ts";

// Every number has a range: a page of 0 × 0 mm, margins of 1e308 or a negative
// size would make a PDF of thousands of pages, "Infinity" in the DOCX or a crash.
// The bounds are wide (A5 to A0, hairline to heavy rules) but keep every page printable.
const num = (min: number, max: number, unit: string) => described(z.number().check(z.gte(min), z.lte(max)), `${min}–${max} ${unit}`);
/** font size, pt */
const fontSize = num(4, 96, "pt");
/** paragraph spacing and leading, pt */
const spacing = num(0, 200, "pt");
/** indents, mm (no hanging indents: the DOCX writer has none) */
const indent = num(0, 100, "mm");
/** page width and height, mm: from the short side of A5 to the long side of A0 */
const pageSide = num(148, 1189, "mm");
/** each margin, mm: with pages of at least 148 mm, any two margins leave a text column of 68 mm or more */
const margin = num(0, 40, "mm");

const paragraphSchema = z.strictObject({
  size: fontSize,
  bold: z.optional(z.boolean()),
  italic: z.optional(z.boolean()),
  underline: z.optional(z.boolean()),
  align: z.enum(["left", "center", "right", "justify"]),
  /** mm in the YAML */
  firstLineIndent: z._default(indent, 0),
  /** mm in the YAML */
  indentLeft: z._default(indent, 0),
  spaceBefore: z._default(spacing, 0),
  spaceAfter: z._default(spacing, 0),
  lineHeight: num(1, 200, "pt"),
  keepWithNext: z.optional(z.boolean()),
  keepLines: z.optional(z.boolean()),
  /** keep on one line in its table cell: shrink down to minSize, then widen the column */
  oneLine: z.optional(z.boolean()),
  minSize: z.optional(z.number().check(z.positive())),
  /** a centred title block: re-broken into balanced lines when a line would wrap */
  balance: z.optional(z.boolean()),
});

const ruleSchema = z.strictObject({
  fraction: z.number().check(z.gt(0), z.lte(1)),
  min: z.optional(num(0, 1000, "mm")),
  max: z.optional(num(0, 1000, "mm")),
  thickness: num(0.1, 10, "pt"),
  spaceBefore: num(0, 100, "pt"),
  spaceAfter: num(0, 100, "pt"),
});

const tableSchema = z.strictObject({
  columns: z.array(num(1, 1000, "mm")).check(z.minLength(1), z.maxLength(50)),
  borders: z.boolean(),
  headerRows: z._default(z.int().check(z.gte(0), z.lte(10)), 0),
  padding: z.strictObject({ x: num(0, 20, "mm"), y: num(0, 20, "mm") }),
});

const pageSchema = z.strictObject({ width: pageSide, height: pageSide });
const marginsSchema = z.strictObject({ top: margin, bottom: margin, left: margin, right: margin, header: margin });
const numberingSchema = z.strictObject({ roman: z.string(), arabic: z.string(), sub: z.string(), letter: z.string() });

export const styleTableSchema = z.strictObject({
  font: z.string(),
  page: pageSchema,
  margins: marginsSchema,
  paragraph: z.record(z.string(), paragraphSchema),
  rules: z.record(z.string(), ruleSchema),
  tables: z.record(z.string(), tableSchema),
  signingSpace: num(0, 400, "pt"),
  numbering: numberingSchema,
});

export type RawStyleTable = z.input<typeof styleTableSchema>;

/**
 * What a plan may override of its family's style table (`style:` in the plan):
 * any part of it, merged key by key, e.g. `numbering: { sub: "{parent}.{arabic}. " }`
 * or `paragraph: { body: { size: 13, lineHeight: 17 } }`.
 */
export const styleOverrideSchema = described(
  z.strictObject({
    font: z.optional(z.string()),
    page: z.optional(z.partial(pageSchema)),
    margins: z.optional(z.partial(marginsSchema)),
    paragraph: z.optional(z.record(z.string(), z.partial(paragraphSchema))),
    rules: z.optional(z.record(z.string(), z.partial(ruleSchema))),
    tables: z.optional(z.record(z.string(), z.partial(tableSchema))),
    signingSpace: z.optional(num(0, 400, "pt")),
    numbering: z.optional(z.partial(numberingSchema)),
  }),
  "Ghi đè bảng kiểu của thể thức (templates/styles/) cho riêng kế hoạch này: cỡ chữ, lề, cách đánh số…",
);

export type Family = "state" | "party";
export type Align = "left" | "center" | "right" | "justify";

/** Typography of one paragraph kind; a style table maps names to these. */
export interface ParagraphStyle {
  /** font size in pt */
  size: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  align: Align;
  /** first-line indent in pt (0 = none) */
  firstLineIndent: number;
  /** left indent of every line in pt */
  indentLeft: number;
  spaceBefore: number;
  spaceAfter: number;
  /** exact leading (baseline to baseline) in pt */
  lineHeight: number;
  /** keep on the same page as the next block */
  keepWithNext?: boolean;
  /** keep all lines of the paragraph on one page */
  keepLines?: boolean;
  /** keep on one line in a header cell (parse.ts shrinks it to minSize, then widens its column) */
  oneLine?: boolean;
  minSize?: number;
  /** a title block re-broken into balanced lines (parse.ts) */
  balance?: boolean;
}

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** distance from page top to the page-number line */
  header: number;
}

export const MM = 72 / 25.4;
export const mm = (v: number): number => v * MM;

export interface RuleSpec {
  /** fraction of the measured text it underlines */
  fraction: number;
  /** clamps in pt */
  min?: number;
  max?: number;
  thickness: number;
  spaceBefore: number;
  spaceAfter: number;
}

export interface TablePreset {
  /** pt */
  columns: number[];
  borders: boolean;
  headerRows: number;
  /** pt */
  padding: { x: number; y: number };
}

export interface StyleTable {
  font: string;
  page: { width: number; height: number };
  margins: Margins;
  paragraph: Record<string, ParagraphStyle>;
  rules: Record<string, RuleSpec>;
  tables: Record<string, TablePreset>;
  signingSpace: number;
  numbering: { roman: string; arabic: string; sub: string; letter: string };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Deep merge for style tables: objects merge key by key, anything else replaces. */
export function mergeStyleTables(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = mergeStyleTables(base[k], v);
  return out;
}

/** Validates a merged raw table and converts every length to pt. */
export function resolveStyleTable(raw: unknown): StyleTable {
  const t = styleTableSchema.parse(raw);
  const paragraph: Record<string, ParagraphStyle> = {};
  for (const [name, p] of Object.entries(t.paragraph)) {
    paragraph[name] = { ...p, firstLineIndent: mm(p.firstLineIndent), indentLeft: mm(p.indentLeft) };
  }
  const rules: Record<string, RuleSpec> = {};
  for (const [name, r] of Object.entries(t.rules)) {
    rules[name] = {
      ...r,
      min: r.min === undefined ? undefined : mm(r.min),
      max: r.max === undefined ? undefined : mm(r.max),
    };
  }
  const tables: Record<string, TablePreset> = {};
  for (const [name, tb] of Object.entries(t.tables)) {
    tables[name] = {
      columns: tb.columns.map(mm),
      borders: tb.borders,
      headerRows: tb.headerRows,
      padding: { x: mm(tb.padding.x), y: mm(tb.padding.y) },
    };
  }
  return {
    font: t.font,
    page: { width: mm(t.page.width), height: mm(t.page.height) },
    margins: {
      top: mm(t.margins.top),
      bottom: mm(t.margins.bottom),
      left: mm(t.margins.left),
      right: mm(t.margins.right),
      header: mm(t.margins.header),
    },
    paragraph,
    rules,
    tables,
    signingSpace: t.signingSpace,
    numbering: t.numbering,
  };
}
