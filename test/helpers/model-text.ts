// The paragraphs of a document model in reading order (table cells row by row).
import type { Block, DocumentModel, Paragraph } from "../../src/document/model.ts";

export function modelParagraphs(doc: DocumentModel): Paragraph[] {
  const out: Paragraph[] = [];
  const walk = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === "paragraph") out.push(b);
      if (b.type === "table") for (const r of b.rows) for (const c of r.cells) walk(c.blocks);
    }
  };
  for (const s of doc.sections) walk(s.blocks);
  return out;
}

export const paragraphText = (p: Paragraph): string => p.runs.map((r) => r.text).join("");

export const modelTexts = (doc: DocumentModel): string[] => modelParagraphs(doc).map(paragraphText);
