// Document model → DOCX. The `docx` package builds the package: paragraph
// styles from the model's style table (KH-*), section properties, page-number
// headers, relationships; body-xml.ts writes the body, which is spliced in.
// No Word list numbering (numbers are literal text), no theme fonts, so Word
// and LibreOffice show the same thing as our PDF.
import {
  AlignmentType,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph as DocxParagraph,
  TextRun,
  type ISectionOptions,
  type IParagraphStyleOptions,
} from "docx";
import type { Align, DocumentModel, ParagraphStyle, Section } from "../../document/model.ts";
import { blocksXml, revisionBase, styleId, tw, xmlText } from "./body-xml.ts";
import { documentFootnotes, footnotesXml } from "./footnotes.ts";
import { unzipParts, zipParts } from "./zip.ts";

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

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

/** Real Word paragraph styles (KH-body, KH-heading-1 …), so a clerk can restyle in Word. */
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
    // the body is written by body-xml.ts and spliced in (renderDocx)
    children: [],
  };
}

/** The package around the body: depends on styles and section layout only, not on the text. */
export function buildDocxDocument(doc: DocumentModel): Document {
  const body = doc.styles.body;
  const ctx: Ctx = { doc, font: doc.font, defaultSize: Math.round((body?.size ?? 14) * 2) };
  return new Document({
    creator: "kehoach",
    revision: 1,
    // a document with tracked changes (build --compare) keeps tracking the reviewer's edits
    ...(revisionBase(doc) > 0 ? { features: { trackRevisions: true } } : {}),
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

/** Width of a section's text column in pt. */
function contentWidth(doc: DocumentModel, s: Section): number {
  const pageWidth = s.orientation === "landscape" ? doc.page.height : doc.page.width;
  return pageWidth - s.margins.left - s.margins.right;
}

/**
 * docx writes the skeleton's body as one section-break paragraph per section
 * but the last, then the last section's properties: put each section's blocks
 * in front of its break.
 */
export function spliceBody(skeletonXml: string, doc: DocumentModel): string {
  const open = skeletonXml.indexOf("<w:body>") + "<w:body>".length;
  const close = skeletonXml.lastIndexOf("</w:body>");
  const breaks = skeletonXml.slice(open, close).match(/<w:p><w:pPr><w:sectPr>[\s\S]*?<\/w:sectPr><\/w:pPr><\/w:p>|<w:sectPr>[\s\S]*?<\/w:sectPr>/g) ?? [];
  if (open < "<w:body>".length || close < 0 || breaks.length !== doc.sections.length) {
    throw new Error(`unexpected skeleton from docx: ${breaks.length} section breaks for ${doc.sections.length} sections`);
  }
  const body = doc.sections.map((s, i) => blocksXml(doc, s.blocks, contentWidth(doc, s)) + breaks[i]).join("");
  return skeletonXml.slice(0, open) + body + skeletonXml.slice(close);
}

/** docProps/core.xml from the document's metadata (dates from the plan, never the clock). */
export function coreXml(doc: DocumentModel): string {
  const { title, subject, author, date } = doc.meta;
  const when = date.replace(/\.\d+Z$/, "Z");
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(title)}</dc:title><dc:subject>${xmlText(subject)}</dc:subject><dc:creator>${xmlText(author)}</dc:creator>` +
    `<dc:language>${xmlText(doc.meta.language)}</dc:language><cp:lastModifiedBy>${xmlText(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    "</cp:coreProperties>"
  );
}

/**
 * Package parts of the skeleton, per style table and section layout: plans of
 * one family share them, so a batch compiles each skeleton once. The cached
 * parts are never mutated (copied before the body and metadata go in).
 */
const skeletons = new Map<string, Promise<Map<string, string | Uint8Array>>>();
const SKELETON_CACHE_SIZE = 16;

function skeletonParts(doc: DocumentModel): Promise<Map<string, string | Uint8Array>> {
  const key = JSON.stringify([doc.font, doc.page, doc.meta.language, doc.styles, doc.sections.map((s) => [s.orientation, s.margins, s.pageNumbers]), revisionBase(doc) > 0]);
  let parts = skeletons.get(key);
  if (!parts) {
    const file = buildDocxDocument(doc);
    parts =
      compiler && typeof compiler.compile === "function"
        ? Promise.resolve(compiler.compile(file))
        : Packer.toBuffer(file).then((buf) => unzipParts(new Uint8Array(buf)));
    parts = parts.then(withWidowControl);
    if (skeletons.size >= SKELETON_CACHE_SIZE) skeletons.delete(skeletons.keys().next().value!);
    skeletons.set(key, parts);
  }
  return parts;
}

/**
 * Widow and orphan control for every paragraph, as Word's own Normal template
 * has it and as our PDF lays out; docx offers no style option for it.
 */
function withWidowControl(parts: Map<string, string | Uint8Array>): Map<string, string | Uint8Array> {
  const styles = parts.get("word/styles.xml");
  if (typeof styles === "string") parts.set("word/styles.xml", styles.replace("<w:pPrDefault/>", "<w:pPrDefault><w:pPr><w:widowControl/></w:pPr></w:pPrDefault>"));
  return parts;
}

export async function renderDocx(doc: DocumentModel): Promise<Uint8Array> {
  const parts = new Map(await skeletonParts(doc));
  parts.set("word/document.xml", spliceBody(String(parts.get("word/document.xml")), doc));
  parts.set("docProps/core.xml", coreXml(doc));
  const notes = documentFootnotes(doc);
  if (notes.length) parts.set("word/footnotes.xml", footnotesXml(String(parts.get("word/footnotes.xml")), doc, notes));
  return zipParts(parts, doc.meta.date);
}
