// The DOCX package around the body, made with the `docx` package: paragraph
// styles from the model's style table (KH-*), section properties, page-number
// headers, relationships. It depends on the style table and the section layout
// only, never on the text, so index.ts caches it (in memory and on disk) and
// loads this module, and docx with it, only to make a new one.
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
import { revisionBase, styleId, tw } from "./body-xml.ts";
import { strFromU8, unzipSync } from "fflate";

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
function buildDocxDocument(doc: DocumentModel): Document {
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

/**
 * Widow and orphan control for every paragraph, as Word's own Normal template
 * has it and as our PDF lays out; docx offers no style option for it.
 */
function withWidowControl(parts: Map<string, string | Uint8Array>): Map<string, string | Uint8Array> {
  const styles = parts.get("word/styles.xml");
  if (typeof styles === "string") parts.set("word/styles.xml", styles.replace("<w:pPrDefault/>", "<w:pPrDefault><w:pPr><w:widowControl/></w:pPr></w:pPrDefault>"));
  return parts;
}

/** A zipped package back into parts (XML parts as text). */
function unzipParts(docx: Uint8Array): Map<string, string | Uint8Array> {
  const parts = new Map<string, string | Uint8Array>();
  for (const [path, data] of Object.entries(unzipSync(docx))) parts.set(path, path.endsWith(".xml") || path.endsWith(".rels") ? strFromU8(data) : data);
  return parts;
}

/** The package parts of a document's skeleton (body empty: one section break per section). */
export async function compileSkeleton(doc: DocumentModel): Promise<Map<string, string | Uint8Array>> {
  const file = buildDocxDocument(doc);
  const parts = compiler && typeof compiler.compile === "function" ? compiler.compile(file) : unzipParts(new Uint8Array(await Packer.toBuffer(file)));
  return withWidowControl(parts);
}
