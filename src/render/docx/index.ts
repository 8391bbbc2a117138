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
import { zipParts } from "./zip.ts";

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
 * one family share them, so a batch makes each skeleton once, and a later
 * process reads it from the prepared cache (load/cache.ts) without loading
 * docx at all. The cached parts are never mutated (copied before the body and
 * metadata go in).
 */
const skeletons = new Map<string, Promise<Map<string, string | Uint8Array>>>();
const SKELETON_CACHE_SIZE = 16;

/** parts as JSON: text as it is, bytes in base64 */
type StoredParts = [string, string | { base64: string }][];
const isStoredParts = (v: unknown): v is StoredParts =>
  Array.isArray(v) && v.every((e) => Array.isArray(e) && typeof e[0] === "string" && (typeof e[1] === "string" || typeof (e[1] as { base64?: unknown })?.base64 === "string"));

async function makeSkeleton(doc: DocumentModel, key: string): Promise<Map<string, string | Uint8Array>> {
  const diskKey = preparedKey("docx-skeleton", (h) => h.update(key));
  const stored = readPrepared("docx-skeleton", diskKey, isStoredParts);
  if (stored) return new Map(stored.map(([path, v]) => [path, typeof v === "string" ? v : new Uint8Array(Buffer.from(v.base64, "base64"))]));
  const parts = await (await import("./skeleton.ts")).compileSkeleton(doc);
  writePrepared("docx-skeleton", diskKey, [...parts].map(([path, v]) => [path, typeof v === "string" ? v : { base64: Buffer.from(v).toString("base64") }]) satisfies StoredParts);
  return parts;
}

function skeletonParts(doc: DocumentModel): Promise<Map<string, string | Uint8Array>> {
  const key = JSON.stringify([doc.font, doc.page, doc.meta.language, doc.styles, doc.sections.map((s) => [s.orientation, s.margins, s.pageNumbers]), revisionBase(doc) > 0]);
  let parts = skeletons.get(key);
  if (!parts) {
    parts = makeSkeleton(doc, key);
    if (skeletons.size >= SKELETON_CACHE_SIZE) skeletons.delete(skeletons.keys().next().value!);
    skeletons.set(key, parts);
  }
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
