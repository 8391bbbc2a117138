// Document model → DOCX. The `docx` package builds the package around the
// body (skeleton.ts: paragraph styles from the model's style table (KH-*),
// section properties, page-number headers, relationships); body-xml.ts writes
// the body, which is spliced in.
// No Word list numbering (numbers are literal text), no theme fonts, so Word
// and LibreOffice show the same thing as our PDF.
import type { DocumentModel, Section } from "../../document/model.ts";
import { preparedKey, readPrepared, writePrepared } from "../../load/cache.ts";
import { blocksXml, revisionBase, xmlText } from "./body-xml.ts";
import { documentFootnotes, footnotesXml } from "./footnotes.ts";
import { deflatePart, zipParts, type DeflatedPart, type PartData } from "./zip.ts";

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
 * A document's skeleton: package parts per style table and section layout.
 * Plans of one family share it, so a batch makes each skeleton once, and a
 * later process reads it from the prepared cache (load/cache.ts) without
 * loading docx at all. The parts a build never rewrites are kept deflated
 * (level 9: made once, read many times), so a build deflates only the body,
 * the metadata and the footnotes it wrote. Never mutated.
 */
interface Skeleton {
  /** every part but the body, deflated (the footnotes as the skeleton has them: no notes) */
  fixed: Map<string, DeflatedPart>;
  /** word/document.xml: the body goes in */
  document: string;
  /** word/footnotes.xml: a plan's notes go in */
  footnotes: string | undefined;
}
const DOCUMENT = "word/document.xml";
const FOOTNOTES = "word/footnotes.xml";
const CORE = "docProps/core.xml";

const skeletons = new Map<string, Promise<Skeleton>>();
const SKELETON_CACHE_SIZE = 16;

/** The skeleton as JSON: bytes in base64 */
interface StoredSkeleton {
  fixed: [string, { base64: string; crc: number; size: number }][];
  document: string;
  footnotes: string | null;
}
const isStoredSkeleton = (v: unknown): v is StoredSkeleton => {
  const s = v as StoredSkeleton;
  return (
    typeof s === "object" &&
    s !== null &&
    typeof s.document === "string" &&
    (typeof s.footnotes === "string" || s.footnotes === null) &&
    Array.isArray(s.fixed) &&
    s.fixed.every((e) => Array.isArray(e) && typeof e[0] === "string" && typeof e[1]?.base64 === "string" && Number.isInteger(e[1].crc) && Number.isInteger(e[1].size))
  );
};

function fromParts(parts: Map<string, string | Uint8Array>): Skeleton {
  const fixed = new Map<string, DeflatedPart>();
  for (const [path, v] of parts) if (path !== DOCUMENT && path !== CORE) fixed.set(path, deflatePart(v, 9));
  const footnotes = parts.get(FOOTNOTES);
  return { fixed, document: String(parts.get(DOCUMENT)), footnotes: footnotes === undefined ? undefined : String(footnotes) };
}

async function makeSkeleton(doc: DocumentModel, key: string): Promise<Skeleton> {
  const diskKey = preparedKey("docx-skeleton", (h) => h.update(key));
  const stored = readPrepared("docx-skeleton", diskKey, isStoredSkeleton);
  if (stored) {
    const fixed = new Map(stored.fixed.map(([path, p]) => [path, { deflated: new Uint8Array(Buffer.from(p.base64, "base64")), crc: p.crc, size: p.size }]));
    return { fixed, document: stored.document, footnotes: stored.footnotes ?? undefined };
  }
  const skeleton = fromParts(await (await import("./skeleton.ts")).compileSkeleton(doc));
  writePrepared("docx-skeleton", diskKey, {
    fixed: [...skeleton.fixed].map(([path, p]) => [path, { base64: Buffer.from(p.deflated).toString("base64"), crc: p.crc, size: p.size }]),
    document: skeleton.document,
    footnotes: skeleton.footnotes ?? null,
  } satisfies StoredSkeleton);
  return skeleton;
}

function skeletonOf(doc: DocumentModel): Promise<Skeleton> {
  const key = JSON.stringify([doc.font, doc.page, doc.meta.language, doc.styles, doc.sections.map((s) => [s.orientation, s.margins, s.pageNumbers]), revisionBase(doc) > 0]);
  let skeleton = skeletons.get(key);
  if (!skeleton) {
    skeleton = makeSkeleton(doc, key);
    if (skeletons.size >= SKELETON_CACHE_SIZE) skeletons.delete(skeletons.keys().next().value!);
    skeletons.set(key, skeleton);
  }
  return skeleton;
}

export async function renderDocx(doc: DocumentModel): Promise<Uint8Array> {
  const skeleton = await skeletonOf(doc);
  const parts = new Map<string, PartData>(skeleton.fixed);
  parts.set(DOCUMENT, spliceBody(skeleton.document, doc));
  parts.set(CORE, coreXml(doc));
  const notes = documentFootnotes(doc);
  if (notes.length) {
    if (skeleton.footnotes === undefined) throw new Error("the DOCX skeleton has no footnotes part");
    parts.set(FOOTNOTES, footnotesXml(skeleton.footnotes, doc, notes));
  }
  return zipParts(parts, doc.meta.date);
}
