// Text of a DOCX in reading order: paragraphs of the body (and of table cells,
// row by row) as Word would read them, from word/document.xml.
import { strFromU8, unzipSync } from "fflate";

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(#x?[0-9a-f]+|\w+);/gi, (m, e: string) => (e[0] === "#" ? String.fromCodePoint(parseInt(e.slice(e[1] === "x" ? 2 : 1), e[1] === "x" ? 16 : 10)) : (ENTITIES[e] ?? m)));

export function docxXml(docx: Uint8Array, part = "word/document.xml"): string {
  const files = unzipSync(docx);
  const f = files[part];
  if (!f) throw new Error(`${part} missing`);
  return strFromU8(f);
}

export function docxParagraphs(docx: Uint8Array): string[] {
  const xml = docxXml(docx);
  const out: string[] = [];
  for (const p of xml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? []) {
    const text = (p.match(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g) ?? []).map((t) => decode(t.replace(/<[^>]+>/g, ""))).join("");
    out.push(text);
  }
  return out;
}

export function docxText(docx: Uint8Array): string {
  return docxParagraphs(docx).join("\n");
}
