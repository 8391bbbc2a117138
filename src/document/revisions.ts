// Tracked changes in the document model (Run.revision). What a printed copy
// of a document with tracked changes shows: the new text,
// with every change marked by a bar in the margin (the PDF renderer draws it).
// Paragraphs and table rows deleted as a whole leave the page; an empty
// deleted run in the paragraph next to where they stood keeps the bar there.
// Deleted runs inside a kept paragraph stay in the model: the renderer skips
// their text and bars the line where they were.
import { someParagraph } from "./visit.ts";
import type { Block, DocumentModel, Paragraph, Row, Run, Table } from "./model.ts";

/** Every run of the paragraph is a deletion: the paragraph itself was deleted. */
export function wholly(p: Paragraph, kind: "insert" | "delete"): boolean {
  return p.runs.length > 0 && p.runs.every((r) => r.revision?.kind === kind);
}

function marker(p: Paragraph): Run {
  return { text: "", revision: { ...p.runs[0]!.revision!, kind: "delete" } };
}

const withRuns = (p: Paragraph, before: Run[], after: Run[] = []): Paragraph => ({ ...p, runs: [...before, ...p.runs, ...after] });

/** Puts markers at the start of the first top-level paragraph of the blocks (replaced in place); false when there is none. */
function markFirst(blocks: Block[], markers: Run[]): boolean {
  const i = blocks.findIndex((b) => b.type === "paragraph");
  if (i < 0) return false;
  blocks[i] = withRuns(blocks[i] as Paragraph, markers);
  return true;
}

/** Puts markers at the end of the last top-level paragraph of the blocks; false when there is none. */
function markLast(blocks: Block[], markers: Run[]): boolean {
  let i = blocks.length - 1;
  while (i >= 0 && blocks[i]!.type !== "paragraph") i--;
  if (i < 0) return false;
  blocks[i] = withRuns(blocks[i] as Paragraph, [], markers);
  return true;
}

/** Blocks as printed, plus the markers of what was removed with nowhere left to put them. */
function printBlocks(blocks: Block[]): { blocks: Block[]; orphans: Run[]; removedStyle?: string } {
  const out: Block[] = [];
  let pending: Run[] = [];
  let removedStyle: string | undefined;
  for (const block of blocks) {
    let b: Block = block;
    if (b.type === "paragraph" && wholly(b, "delete")) {
      pending.push(marker(b));
      removedStyle ??= b.style;
      continue;
    }
    if (b.type === "table") {
      const t = printTable(b);
      if (t.removed) {
        pending.push(...t.markers);
        continue;
      }
      b = t.table;
    }
    if (pending.length) {
      // the bar goes on the line that now stands where the deleted text was
      if (b.type === "paragraph") b = withRuns(b, pending);
      else if (!markLast(out, pending)) {
        if (b.type === "table") {
          const rows = b.rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, blocks: [...c.blocks] })) }));
          for (const r of rows) if (r.cells.some((c) => markFirst(c.blocks, pending))) break;
          b = { ...b, rows };
        } else out.push({ type: "paragraph", style: removedStyle!, runs: pending });
      }
      pending = [];
    }
    out.push(b);
  }
  if (pending.length && !markLast(out, pending)) return { blocks: out, orphans: pending, ...(removedStyle ? { removedStyle } : {}) };
  return { blocks: out, orphans: [] };
}

/** A cell whose every block was deleted: the whole row goes when all its cells are such. */
function cellDeleted(blocks: Block[]): boolean {
  return blocks.length > 0 && blocks.every((b) => (b.type === "paragraph" ? wholly(b, "delete") : b.type === "table" ? b.rows.every((r) => rowDeleted(r)) : false));
}

function rowDeleted(r: Row): boolean {
  return r.cells.some((c) => c.blocks.length > 0) && r.cells.every((c) => c.blocks.length === 0 || cellDeleted(c.blocks));
}

function firstMarker(blocks: Block[]): Run[] {
  for (const b of blocks) {
    if (b.type === "paragraph" && b.runs[0]?.revision) return [marker(b)];
    if (b.type === "table") for (const r of b.rows) for (const c of r.cells) {
      const m = firstMarker(c.blocks);
      if (m.length) return m;
    }
  }
  return [];
}

function printTable(t: Table): { removed: true; markers: Run[] } | { removed: false; table: Table } {
  const rows: Row[] = [];
  let headerRows = 0;
  let pending: Run[] = [];
  t.rows.forEach((r, i) => {
    if (rowDeleted(r)) {
      for (const c of r.cells) {
        const m = firstMarker(c.blocks);
        if (m.length) {
          pending.push(...m);
          break;
        }
      }
      return;
    }
    const cells = r.cells.map((c) => {
      const p = printBlocks(c.blocks);
      // a cell emptied by deletions keeps one empty line carrying the bar
      const blocks = p.orphans.length ? [...p.blocks, { type: "paragraph" as const, style: p.removedStyle!, runs: p.orphans }] : p.blocks;
      return { ...c, blocks };
    });
    if (pending.length) {
      for (const c of cells) if (markFirst(c.blocks, pending)) break;
      pending = [];
    }
    rows.push({ ...r, cells });
    if (i < t.headerRows) headerRows = rows.length;
  });
  if (!rows.length) return { removed: true, markers: pending };
  if (pending.length) {
    const last = rows[rows.length - 1]!;
    for (const c of last.cells) if (markLast(c.blocks, pending)) break;
  }
  return { removed: false, table: { ...t, rows, headerRows } };
}

/** The document as a printed copy shows it; the same object when it has no tracked changes. */
export function printView(doc: DocumentModel): DocumentModel {
  if (!hasRevisions(doc)) return doc;
  return {
    ...doc,
    sections: doc.sections.map((s) => {
      const p = printBlocks(s.blocks);
      const blocks = p.orphans.length ? [...p.blocks, { type: "paragraph" as const, style: p.removedStyle!, runs: p.orphans }] : p.blocks;
      return { ...s, blocks };
    }),
  };
}

/** Whether any run of the document carries a tracked change. */
export function hasRevisions(doc: DocumentModel): boolean {
  return doc.sections.some((s) => someParagraph(s.blocks, (p) => p.runs.some((r) => r.revision)));
}
