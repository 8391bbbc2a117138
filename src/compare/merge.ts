// Old document model + new document model → the new one with tracked changes.
// Blocks are aligned by an LCS over exact keys; what stays unmatched between
// two anchors is paired by similarity (paragraphs of one style with enough
// words in common, tables with the same columns, rows with the same cells) and
// diffed word by word or row by row; the rest is deleted or inserted whole.
// Everything unchanged is the new model's own object, untouched, so comparing
// a document with itself gives back a model equal to it.
import { runsText } from "../document/inline.ts";
import { hasRevisions } from "../document/revisions.ts";
import type { Block, Cell, DocumentModel, Paragraph, Row, Run, RunRevision, Section, Table } from "../document/model.ts";
import { bagSimilarity as similarity, lcsPairs as lcs, pairUp } from "../diff/align.ts";
import { changedStretches } from "./diff.ts";

/** Who made the changes and when ("YYYY-MM-DD"): from the data, never the clock. */
export interface RevisionInfo {
  author: string;
  date: string;
}

/** a paragraph pair with fewer words in common than this is a deletion plus an insertion */
const MIN_PARAGRAPH_SIMILARITY = 0.5;
const MIN_ROW_SIMILARITY = 0.5;

class Merger {
  private next = 1;
  private readonly info: RevisionInfo;
  /** the new document's style table: an old paragraph keeps its style only if it is there */
  private readonly styles: DocumentModel["styles"];

  constructor(info: RevisionInfo, styles: DocumentModel["styles"]) {
    this.info = info;
    this.styles = styles;
  }

  private mark(kind: RunRevision["kind"]): RunRevision {
    return { kind, id: this.next++, author: this.info.author, date: this.info.date };
  }

  sections(oldS: Section[], newS: Section[]): Section[] {
    return newS.map((s, i) => {
      // sections pair by position; old sections beyond the new ones end up in the last
      const old = i < newS.length - 1 ? (oldS[i]?.blocks ?? []) : oldS.slice(i).flatMap((o) => o.blocks);
      const blocks = this.blocks(old, s.blocks);
      return blocks === s.blocks ? s : { ...s, blocks };
    });
  }

  /** Merged blocks; the new array itself when nothing changed. */
  blocks(oldB: Block[], newB: Block[]): Block[] {
    const matches = lcs(oldB.map(blockKey), newB.map(blockKey));
    if (matches.length === oldB.length && matches.length === newB.length) return newB;
    const out: Block[] = [];
    let i = 0;
    let j = 0;
    for (const [mi, mj] of [...matches, [oldB.length, newB.length] as [number, number]]) {
      this.gap(oldB.slice(i, mi), newB.slice(j, mj), out);
      if (mj < newB.length) out.push(newB[mj]!);
      i = mi + 1;
      j = mj + 1;
    }
    return out;
  }

  /** Unmatched stretches between two anchors: pair what is similar, delete/insert the rest. */
  private gap(oldB: Block[], newB: Block[], out: Block[]): void {
    // one paragraph in place of one other: the same paragraph rewritten, whatever it now says
    const oneForOne = oldB.length === 1 && newB.length === 1;
    const pairs = pairUp(oldB.length, newB.length, (i, j) => blockSimilarity(oldB[i]!, newB[j]!, oneForOne));
    let i = 0;
    let j = 0;
    for (const [pi, pj] of [...pairs, [oldB.length, newB.length] as [number, number]]) {
      // deletions first, then insertions (as Word orders a replacement)
      for (; i < pi; i++) this.deleted(oldB[i]!, out);
      for (; j < pj; j++) out.push(this.inserted(newB[j]!));
      if (pi < oldB.length) {
        out.push(this.changed(oldB[pi]!, newB[pj]!));
        i = pi + 1;
        j = pj + 1;
      }
    }
  }

  private changed(a: Block, b: Block): Block {
    if (a.type === "paragraph" && b.type === "paragraph") return this.paragraph(a, b);
    if (a.type === "table" && b.type === "table") return this.table(a, b);
    // rules and spacers carry no runs to mark: the new one stands
    return b;
  }

  /** An old block removed: paragraphs and tables come back with every run deleted. */
  private deleted(b: Block, out: Block[]): void {
    if (b.type === "paragraph") out.push(this.whole(b, "delete"));
    else if (b.type === "table") out.push(this.wholeTable(b, "delete"));
    // an old rule or spacer has nothing to mark: it is simply gone
  }

  private inserted(b: Block): Block {
    if (b.type === "paragraph") return this.whole(b, "insert");
    if (b.type === "table") return this.wholeTable(b, "insert");
    return b;
  }

  /** A whole paragraph inserted or deleted: one change; an empty one keeps an empty run to carry it. */
  private whole(p: Paragraph, kind: RunRevision["kind"]): Paragraph {
    const revision = this.mark(kind);
    const runs = p.runs.length ? p.runs : [{ text: "" }];
    const style = p.style in this.styles ? p.style : "body" in this.styles ? "body" : Object.keys(this.styles)[0]!;
    return { ...p, style, runs: runs.map((r) => ({ ...r, revision })) };
  }

  private wholeTable(t: Table, kind: RunRevision["kind"]): Table {
    return { ...t, rows: t.rows.map((r) => this.wholeRow(r, kind)) };
  }

  private wholeRow(r: Row, kind: RunRevision["kind"]): Row {
    return { ...r, cells: r.cells.map((c) => ({ ...c, blocks: this.wholeBlocks(c.blocks, kind) })) };
  }

  private wholeBlocks(blocks: Block[], kind: RunRevision["kind"]): Block[] {
    const out: Block[] = [];
    for (const b of blocks) {
      if (kind === "delete") this.deleted(b, out);
      else out.push(this.inserted(b));
    }
    return out;
  }

  /** Two versions of one paragraph: equal words as they are, each changed stretch as deleted then inserted runs. */
  private paragraph(a: Paragraph, b: Paragraph): Paragraph {
    const ta = runsText(a.runs);
    const tb = runsText(b.runs);
    if (ta === tb) return b;
    const runs: Run[] = [];
    for (const c of changedStretches(ta, tb)) {
      if (c.kind === "equal") {
        runs.push(...sliceRuns(b.runs, c.b0, c.b1));
        continue;
      }
      if (c.a1 > c.a0) {
        const revision = this.mark("delete");
        for (const r of sliceRuns(a.runs, c.a0, c.a1)) runs.push({ ...r, revision });
      }
      if (c.b1 > c.b0) {
        const revision = this.mark("insert");
        for (const r of sliceRuns(b.runs, c.b0, c.b1)) runs.push({ ...r, revision });
      }
    }
    return { ...b, runs };
  }

  /** Two versions of one table: rows aligned like blocks; paired rows merge cell by cell. */
  private table(a: Table, b: Table): Table {
    const matches = lcs(a.rows.map(rowKey), b.rows.map(rowKey));
    if (matches.length === a.rows.length && matches.length === b.rows.length) return b;
    const rows: Row[] = [];
    let headerRows = 0;
    const emitNew = (r: Row, j: number) => {
      rows.push(r);
      if (j < b.headerRows) headerRows = rows.length;
    };
    let i = 0;
    let j = 0;
    for (const [mi, mj] of [...matches, [a.rows.length, b.rows.length] as [number, number]]) {
      const oldGap = a.rows.slice(i, mi);
      const newGap = b.rows.slice(j, mj);
      const pairs = pairUp(oldGap.length, newGap.length, (x, y) => rowSimilarity(oldGap[x]!, newGap[y]!));
      let gi = 0;
      let gj = 0;
      for (const [pi, pj] of [...pairs, [oldGap.length, newGap.length] as [number, number]]) {
        for (; gi < pi; gi++) rows.push(this.wholeRow(oldGap[gi]!, "delete"));
        for (; gj < pj; gj++) emitNew(this.wholeRow(newGap[gj]!, "insert"), j + gj);
        if (pi < oldGap.length) {
          emitNew(this.row(oldGap[pi]!, newGap[pj]!), j + pj);
          gi = pi + 1;
          gj = pj + 1;
        }
      }
      if (mj < b.rows.length) emitNew(b.rows[mj]!, mj);
      i = mi + 1;
      j = mj + 1;
    }
    return { ...b, rows, headerRows };
  }

  private row(a: Row, b: Row): Row {
    const cells: Cell[] = b.cells.map((c, k) => {
      const old = a.cells[k];
      const blocks = this.blocks(old ? old.blocks : [], c.blocks);
      return blocks === c.blocks ? c : { ...c, blocks };
    });
    return cells.every((c, k) => c === b.cells[k]) ? b : { ...b, cells };
  }
}

/** The runs covering characters [from, to) of their joined text, cut at the ends. */
export function sliceRuns(runs: Run[], from: number, to: number): Run[] {
  const out: Run[] = [];
  let pos = 0;
  for (const r of runs) {
    const end = pos + r.text.length;
    const s = Math.max(from, pos);
    const e = Math.min(to, end);
    if (e > s) out.push(s === pos && e === end ? r : { ...r, text: r.text.slice(s - pos, e - pos) });
    pos = end;
    if (pos >= to) break;
  }
  return out;
}

/** Exact identity of a block for the LCS: same kind, style, text and formatting. */
function blockKey(b: Block): string {
  return JSON.stringify(b);
}

function rowKey(r: Row): string {
  return JSON.stringify(r);
}

/** All text of some blocks, cells separated, for similarity. */
function blocksText(blocks: Block[]): string {
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.type === "paragraph") parts.push(runsText(b.runs));
    else if (b.type === "table") for (const r of b.rows) parts.push(rowText(r));
  }
  return parts.join("\n");
}

function rowText(r: Row): string {
  return r.cells.map((c) => blocksText(c.blocks)).join("\n");
}

function blockSimilarity(a: Block, b: Block, loose = false): number {
  if (a.type === "paragraph" && b.type === "paragraph") {
    if (a.style !== b.style) return 0;
    const s = similarity(runsText(a.runs), runsText(b.runs));
    return s >= MIN_PARAGRAPH_SIMILARITY ? s : loose ? MIN_PARAGRAPH_SIMILARITY : 0;
  }
  if (a.type === "table" && b.type === "table") {
    // same grid: one table edited (a table is never worth less than a matching paragraph)
    if (a.columns.length !== b.columns.length) return 0;
    return Math.max(MIN_PARAGRAPH_SIMILARITY, similarity(blocksText([a]), blocksText([b])));
  }
  if ((a.type === "rule" && b.type === "rule") || (a.type === "spacer" && b.type === "spacer")) return MIN_PARAGRAPH_SIMILARITY;
  return 0;
}

function rowSimilarity(a: Row, b: Row): number {
  if (a.cells.length !== b.cells.length) return 0;
  const s = similarity(rowText(a), rowText(b));
  return s >= MIN_ROW_SIMILARITY ? s : 0;
}

/**
 * The new document with the old one's differences as tracked changes. Pure:
 * the same two models always give the same merged model (ids 1, 2, 3 … in
 * document order). Styles, page and metadata are the new document's.
 */
export function compareDocuments(oldDoc: DocumentModel, newDoc: DocumentModel, info: RevisionInfo): DocumentModel {
  const sections = new Merger(info, newDoc.styles).sections(oldDoc.sections, newDoc.sections);
  return sections.every((s, i) => s === newDoc.sections[i]) ? newDoc : { ...newDoc, sections };
}

/** Does a model carry any tracked change? */

export { hasRevisions };
