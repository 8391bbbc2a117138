// One walk over document blocks: every paragraph, in reading order, however
// deep in tables it sits. Renderers, revisions and checks use it instead of
// walking sections, tables, rows and cells each in their own way.
import type { Block, DocumentModel, Paragraph } from "./model.ts";

/** The paragraphs of a list of blocks, table cells included, in reading order. */
export function* paragraphsOf(blocks: readonly Block[]): Generator<Paragraph> {
  for (const b of blocks) {
    if (b.type === "paragraph") yield b;
    else if (b.type === "table") for (const row of b.rows) for (const cell of row.cells) yield* paragraphsOf(cell.blocks);
  }
}

/** Every paragraph of the document, in reading order. */
export function* documentParagraphs(doc: DocumentModel): Generator<Paragraph> {
  for (const s of doc.sections) yield* paragraphsOf(s.blocks);
}

/** Whether some paragraph of the blocks passes the test. */
export function someParagraph(blocks: readonly Block[], test: (p: Paragraph) => boolean): boolean {
  for (const p of paragraphsOf(blocks)) if (test(p)) return true;
  return false;
}
