// Footnotes as real Word footnotes: word/footnotes.xml holds one <w:footnote>
// per mark (ids = the document's continuous numbers), after the separator and
// continuation separator (ids -1 and 0) that the docx package already writes
// with their relationship and content type.
import type { Block, DocumentModel, Footnote } from "../../document/model.ts";
import { paragraphXml } from "./body-xml.ts";

/** Every footnote of the document, in the order of its marks. */
export function documentFootnotes(doc: DocumentModel): Footnote[] {
  const out: Footnote[] = [];
  const walk = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === "paragraph") for (const r of b.runs) if (r.footnote) out.push(r.footnote);
      if (b.type === "table") for (const row of b.rows) for (const c of row.cells) walk(c.blocks);
    }
  };
  for (const s of doc.sections) walk(s.blocks);
  return out;
}

/** The skeleton's footnotes part with the document's notes added. */
export function footnotesXml(skeleton: string, doc: DocumentModel, notes: Footnote[]): string {
  const style = doc.styles.footnote;
  if (!style) throw new Error("the style table has no footnote style");
  const body = notes
    .map((n) => {
      // the number (w:footnoteRef, superscript) then a space and the note's text
      const p = paragraphXml(doc, { type: "paragraph", style: "footnote", runs: [{ text: " " }, ...n.runs] }, style, false);
      const ref = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>';
      return `<w:footnote w:id="${n.number}">${p.replace("</w:pPr>", `</w:pPr>${ref}`)}</w:footnote>`;
    })
    .join("");
  const close = skeleton.lastIndexOf("</w:footnotes>");
  if (close < 0) throw new Error("unexpected footnotes part from docx");
  return skeleton.slice(0, close) + body + skeleton.slice(close);
}
