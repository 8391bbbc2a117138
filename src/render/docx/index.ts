// Document model → DOCX with the `docx` package. Typography comes only from
// the model's styles; every paragraph is formatted directly (no Word list
// numbering, no theme), so Word and LibreOffice show the same thing.
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph as DocxParagraph,
  Table as DocxTable,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
  type IParagraphStyleOptions,
  type IBorderOptions,
} from "docx";
import type { Align, Block, DocumentModel, Paragraph, ParagraphStyle, Rule, Section, Spacer, Table } from "../../document/model.ts";
import { makeDeterministic, zipParts } from "./zip.ts";

/** pt → twips */
const tw = (pt: number): number => Math.round(pt * 20);

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: "auto" };
const THIN: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: "000000" };

interface Ctx {
  doc: DocumentModel;
  font: string;
  /** half-points of the document's default run size (the body size) */
  defaultSize: number;
}

function styleOf(ctx: Ctx, name: string): ParagraphStyle {
  const s = ctx.doc.styles[name];
  if (!s) throw new Error(`unknown paragraph style ${name}`);
  return s;
}

function spacing(s: ParagraphStyle) {
  return { before: tw(s.spaceBefore), after: tw(s.spaceAfter), line: tw(s.lineHeight), lineRule: LineRuleType.EXACT };
}

/** Word style id of a model style: real paragraph styles, so a clerk can restyle in Word. */
const styleId = (name: string): string => `KH-${name}`;

function paragraphStyle(name: string, s: ParagraphStyle, defaultSize: number): IParagraphStyleOptions {
  const size = Math.round(s.size * 2);
  return {
    id: styleId(name),
    name: `KH ${name}`,
    basedOn: "Normal",
    quickFormat: true,
    run: {
      size: size === defaultSize ? undefined : size,
      bold: s.bold ? true : undefined,
      italics: s.italic ? true : undefined,
      underline: s.underline ? {} : undefined,
    },
    paragraph: {
      alignment: ALIGN[s.align],
      spacing: spacing(s),
      indent: { firstLine: tw(s.firstLineIndent), left: tw(s.indentLeft) },
      keepNext: s.keepWithNext === true ? true : undefined,
      keepLines: s.keepLines === true ? true : undefined,
    },
  };
}

function paragraph(ctx: Ctx, p: Paragraph): DocxParagraph {
  const s = styleOf(ctx, p.style);
  // typography lives in the paragraph style; a run states only what differs from it
  return new DocxParagraph({
    style: styleId(p.style),
    children: p.runs.map(
      (r) =>
        new TextRun({
          text: r.text,
          bold: r.bold && !s.bold ? true : undefined,
          italics: r.italic && !s.italic ? true : undefined,
          underline: r.underline && !s.underline ? {} : undefined,
          highlight: r.placeholder ? "yellow" : undefined,
        }),
    ),
  });
}

/** A rule is an empty paragraph with a bottom border, indented to its length. */
function rule(r: Rule, columnWidth: number, keepNext: boolean): DocxParagraph {
  const side = Math.max(0, (columnWidth - r.width) / 2);
  return new DocxParagraph({
    spacing: { before: 0, after: tw(r.spaceAfter), line: tw(Math.max(r.spaceBefore, 1)), lineRule: LineRuleType.EXACT },
    indent: { left: tw(side), right: tw(side) },
    border: { bottom: { style: BorderStyle.SINGLE, size: Math.max(2, Math.round(r.thickness * 8)), color: "000000", space: 0 } },
    keepNext,
    children: [new TextRun({ text: "", size: 2 })],
  });
}

function spacer(sp: Spacer, keepNext: boolean): DocxParagraph {
  return new DocxParagraph({
    spacing: { before: 0, after: 0, line: tw(sp.height), lineRule: LineRuleType.EXACT },
    keepNext,
    children: [new TextRun({ text: "", size: 2 })],
  });
}

function cellWidth(t: Table, i: number): number {
  return (t.columns[i] ?? 0) - 2 * t.padding.x;
}

function table(ctx: Ctx, t: Table): DocxTable {
  const borders = t.borders
    ? { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN }
    : { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };
  const width = t.columns.reduce((a, b) => a + b, 0);
  return new DocxTable({
    width: { size: tw(width), type: WidthType.DXA },
    columnWidths: t.columns.map(tw),
    layout: TableLayoutType.FIXED,
    borders,
    rows: t.rows.map(
      (row, ri) =>
        new TableRow({
          tableHeader: ri < t.headerRows,
          cantSplit: row.cantSplit,
          height: { value: 0, rule: HeightRule.AUTO },
          children: row.cells.map(
            (cell, ci) =>
              new TableCell({
                width: { size: tw(t.columns[ci] ?? 0), type: WidthType.DXA },
                margins: { top: tw(t.padding.y), bottom: tw(t.padding.y), left: tw(t.padding.x), right: tw(t.padding.x), marginUnitType: WidthType.DXA },
                verticalAlign: cell.vAlign === "center" ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
                borders: t.borders ? { top: THIN, bottom: THIN, left: THIN, right: THIN } : { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
                children: blocks(ctx, cell.blocks, cellWidth(t, ci), t.keepWithNext === true || row.cantSplit),
              }),
          ),
        }),
    ),
  });
}

/** Blocks of a section or cell; Word needs at least one paragraph in a cell. */
function blocks(ctx: Ctx, list: Block[], columnWidth: number, keepAll = false): (DocxParagraph | DocxTable)[] {
  const out: (DocxParagraph | DocxTable)[] = [];
  list.forEach((b, i) => {
    const next = list[i + 1];
    switch (b.type) {
      case "paragraph":
        out.push(paragraph(ctx, b));
        break;
      case "rule":
        out.push(rule(b, columnWidth, keepAll || next !== undefined));
        break;
      case "spacer":
        out.push(spacer(b, keepAll || next !== undefined));
        break;
      case "table":
        out.push(table(ctx, b));
        break;
    }
  });
  // Word needs a paragraph in every cell; keep an empty cell's as small as the PDF's (nothing)
  if (out.length === 0) out.push(new DocxParagraph({ spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, children: [] }));
  return out;
}

function pageNumberHeader(ctx: Ctx, s: Section): { default: Header; first?: Header } | undefined {
  if (!s.pageNumbers.show) return undefined;
  const st = styleOf(ctx, s.pageNumbers.style);
  const numberPara = new DocxParagraph({
    alignment: ALIGN[st.align],
    spacing: { before: 0, after: 0, line: tw(st.lineHeight), lineRule: LineRuleType.EXACT },
    children: [new TextRun({ children: [PageNumber.CURRENT], font: ctx.font, size: Math.round(st.size * 2) })],
  });
  const headers: { default: Header; first?: Header } = { default: new Header({ children: [numberPara] }) };
  if (s.pageNumbers.hideOnFirst) headers.first = new Header({ children: [new DocxParagraph({ children: [] })] });
  return headers;
}

function section(ctx: Ctx, s: Section): ISectionOptions {
  const { width, height } = ctx.doc.page;
  const landscape = s.orientation === "landscape";
  const contentWidth = (landscape ? height : width) - s.margins.left - s.margins.right;
  const headers = pageNumberHeader(ctx, s);
  return {
    properties: {
      titlePage: s.pageNumbers.show && s.pageNumbers.hideOnFirst,
      page: {
        // docx swaps the sizes itself for landscape (upstream #587)
        size: { width: tw(width), height: tw(height), orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: { top: tw(s.margins.top), bottom: tw(s.margins.bottom), left: tw(s.margins.left), right: tw(s.margins.right), header: tw(s.margins.header), footer: tw(s.margins.header) },
        pageNumbers: s.pageNumbers.restart ? { start: 1 } : {},
      },
    },
    headers,
    children: blocks(ctx, s.blocks, contentWidth),
  };
}

export function buildDocxDocument(doc: DocumentModel): Document {
  const body = doc.styles.body;
  const ctx: Ctx = { doc, font: doc.font, defaultSize: Math.round((body?.size ?? 14) * 2) };
  return new Document({
    creator: doc.meta.author,
    lastModifiedBy: doc.meta.author,
    title: doc.meta.title,
    subject: doc.meta.subject,
    description: doc.meta.subject,
    revision: 1,
    styles: {
      paragraphStyles: Object.entries(doc.styles).map(([name, st]) => paragraphStyle(name, st, ctx.defaultSize)),
      default: {
        document: {
          run: { font: doc.font, size: ctx.defaultSize, language: { value: doc.meta.language, eastAsia: doc.meta.language, bidirectional: doc.meta.language } },
        },
      },
    },
    sections: doc.sections.map((s) => section(ctx, s)),
  });
}

type PartCompiler = { compile(file: Document): Map<string, string | Uint8Array> };

/**
 * docx's own compiler gives the package parts before zipping; zipping them once
 * ourselves (fixed dates, fixed order) saves zipping twice. If a docx release
 * hides it, fall back to unzipping its output.
 */
const compiler = (Packer as unknown as { compiler?: PartCompiler }).compiler;

export async function renderDocx(doc: DocumentModel): Promise<Uint8Array> {
  const file = buildDocxDocument(doc);
  if (compiler && typeof compiler.compile === "function") return zipParts(compiler.compile(file), doc.meta.date);
  const buf = await Packer.toBuffer(file);
  return makeDeterministic(new Uint8Array(buf), doc.meta.date);
}
