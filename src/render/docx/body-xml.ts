// The body of word/document.xml, written directly from the document model.
// The `docx` package builds the package around it (styles, headers, section
// properties, relationships); building every paragraph as docx objects took
// about 20 ms of a 25 ms DOCX, most of it object churn, so the body — plain,
// regular markup — is written here as strings (see index.ts).
import { documentParagraphs, paragraphsOf } from "../../document/visit.ts";
import type { Block, DocumentModel, Paragraph, ParagraphStyle, Row, Rule, RunRevision, Spacer, Table } from "../../document/model.ts";

/** pt → twips */
export const tw = (pt: number): number => Math.round(pt * 20);

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text for XML: escaped, and without the control characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
}

export const styleId = (name: string): string => `KH-${name}`;

function runXml(text: string, rPr: string, deleted = false): string {
  // a line break inside a run is a <w:br/>, a tab a <w:tab/>; deleted text is w:delText
  const t = deleted ? "w:delText" : "w:t";
  const parts = text.split(/(\n|\t)/);
  const body = parts
    .map((p) => (p === "\n" ? "<w:br/>" : p === "\t" ? "<w:tab/>" : p ? `<${t} xml:space="preserve">${xmlText(p)}</${t}>` : ""))
    .join("");
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}${body}</w:r>`;
}

// Tracked changes (src/compare): runs of one change go in one <w:ins>/<w:del>;
// a paragraph or table row inserted/deleted as a whole also marks its
// paragraph mark / row, so accepting or rejecting removes it cleanly. Those
// marks need ids of their own: the run ids shifted past the largest one.

const revisionBases = new WeakMap<DocumentModel, number>();

/** The largest revision id in the document (0: no tracked changes). */
export function revisionBase(doc: DocumentModel): number {
  let max = revisionBases.get(doc);
  if (max !== undefined) return max;
  max = 0;
  for (const p of documentParagraphs(doc)) for (const r of p.runs) max = Math.max(max, r.revision?.id ?? 0);
  revisionBases.set(doc, max);
  return max;
}

const REV_TAG = { insert: "w:ins", delete: "w:del" } as const;

function revisionAttrs(rev: RunRevision, id: number): string {
  return `w:id="${id}" w:author="${xmlText(rev.author)}" w:date="${xmlText(rev.date)}T00:00:00Z"`;
}

/** The change that inserted/deleted the whole paragraph, if it was. */
function wholeRevision(p: Paragraph): RunRevision | undefined {
  const first = p.runs[0]?.revision;
  return first && p.runs.every((r) => r.revision?.kind === first.kind) ? first : undefined;
}

/** The change that inserted/deleted a whole table row: every paragraph in it is of one kind. */
function rowRevision(row: Row): RunRevision | undefined {
  let found: RunRevision | undefined;
  for (const c of row.cells) {
    for (const p of paragraphsOf(c.blocks)) {
      const w = wholeRevision(p);
      if (!w || (found && w.kind !== found.kind)) return undefined;
      found ??= w;
    }
  }
  return found;
}

export function paragraphXml(doc: DocumentModel, p: Paragraph, s: ParagraphStyle, markable: boolean, keepNext = false): string {
  let runs = "";
  let open: RunRevision | undefined;
  for (const r of p.runs) {
    const rev = r.revision;
    if (open && (rev?.id !== open.id || rev.kind !== open.kind)) {
      runs += `</${REV_TAG[open.kind]}>`;
      open = undefined;
    }
    if (rev && !open) {
      runs += `<${REV_TAG[rev.kind]} ${revisionAttrs(rev, rev.id)}>`;
      open = rev;
    }
    // the paragraph style carries the typography; a run states only what differs (in schema order)
    let rPr = "";
    if (r.bold && !s.bold) rPr += "<w:b/><w:bCs/>";
    if (r.italic && !s.italic) rPr += "<w:i/><w:iCs/>";
    if (r.placeholder) rPr += '<w:highlight w:val="yellow"/>';
    if (r.underline && !s.underline) rPr += '<w:u w:val="single"/>';
    if (r.footnote) {
      // a real Word footnote: Word numbers it; the text is in word/footnotes.xml (footnotes.ts)
      runs += `<w:r><w:rPr>${rPr}<w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="${r.footnote.number}"/></w:r>`;
      continue;
    }
    runs += runXml(r.text, rPr, rev?.kind === "delete");
  }
  if (open) runs += `</${REV_TAG[open.kind]}>`;
  const whole = markable ? wholeRevision(p) : undefined;
  const mark = whole ? `<w:rPr><${REV_TAG[whole.kind]} ${revisionAttrs(whole, revisionBase(doc) + whole.id)}/></w:rPr>` : "";
  return `<w:p><w:pPr><w:pStyle w:val="${styleId(p.style)}"/>${keepNext ? "<w:keepNext/>" : ""}${mark}</w:pPr>${runs}</w:p>`;
}

/** An empty paragraph of exact height: rules (with a bottom border) and spacers. */
function emptyParagraph(opts: { height: number; after: number; keepNext: boolean; border?: { size: number }; indent?: number }): string {
  const keep = opts.keepNext ? "<w:keepNext/>" : "";
  const border = opts.border ? `<w:pBdr><w:bottom w:val="single" w:sz="${opts.border.size}" w:space="0" w:color="000000"/></w:pBdr>` : "";
  const ind = opts.indent !== undefined ? `<w:ind w:left="${tw(opts.indent)}" w:right="${tw(opts.indent)}"/>` : "";
  return `<w:p><w:pPr>${keep}${border}<w:spacing w:before="0" w:after="${tw(opts.after)}" w:line="${Math.max(1, tw(opts.height))}" w:lineRule="exact"/>${ind}</w:pPr><w:r><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:r></w:p>`;
}

/** A rule is an empty paragraph with a bottom border, indented to its length and centred. */
function ruleXml(r: Rule, columnWidth: number, keepNext: boolean): string {
  return emptyParagraph({
    height: Math.max(r.spaceBefore, 1),
    after: r.spaceAfter,
    keepNext,
    border: { size: Math.max(2, Math.round(r.thickness * 8)) },
    indent: Math.max(0, (columnWidth - r.width) / 2),
  });
}

function spacerXml(sp: Spacer, keepNext: boolean): string {
  return emptyParagraph({ height: sp.height, after: 0, keepNext });
}

const NONE = 'w:val="nil"';
const THIN = 'w:val="single" w:sz="4" w:space="0" w:color="000000"';

function tableXml(doc: DocumentModel, t: Table): string {
  const b = t.borders ? THIN : NONE;
  const borders = `<w:tblBorders><w:top ${b}/><w:left ${b}/><w:bottom ${b}/><w:right ${b}/><w:insideH ${b}/><w:insideV ${b}/></w:tblBorders>`;
  const mar = `<w:tblCellMar><w:top w:w="${tw(t.padding.y)}" w:type="dxa"/><w:left w:w="${tw(t.padding.x)}" w:type="dxa"/><w:bottom w:w="${tw(t.padding.y)}" w:type="dxa"/><w:right w:w="${tw(t.padding.x)}" w:type="dxa"/></w:tblCellMar>`;
  const width = t.columns.reduce((a, c) => a + tw(c), 0);
  let xml = `<w:tbl><w:tblPr><w:tblW w:w="${width}" w:type="dxa"/>${borders}<w:tblLayout w:type="fixed"/>${mar}<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>`;
  xml += `<w:tblGrid>${t.columns.map((c) => `<w:gridCol w:w="${tw(c)}"/>`).join("")}</w:tblGrid>`;
  t.rows.forEach((row, ri) => {
    const rowRev = rowRevision(row);
    const trPr =
      (row.cantSplit ? "<w:cantSplit/>" : "") +
      (ri < t.headerRows ? "<w:tblHeader/>" : "") +
      (rowRev ? `<${REV_TAG[rowRev.kind]} ${revisionAttrs(rowRev, 2 * revisionBase(doc) + rowRev.id)}/>` : "");
    xml += `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ""}`;
    let col = 0;
    row.cells.forEach((cell) => {
      const span = cell.span ?? 1;
      const width = t.columns.slice(col, col + span).reduce((a, c) => a + c, 0);
      col += span;
      const w = tw(width);
      const vAlign = cell.vAlign === "center" ? '<w:vAlign w:val="center"/>' : "";
      const grid = span > 1 ? `<w:gridSpan w:val="${span}"/>` : "";
      const vMerge = cell.merge === "restart" ? '<w:vMerge w:val="restart"/>' : cell.merge === "continue" ? "<w:vMerge/>" : "";
      // the rows of one merged group keep together: keep-with-next on their paragraphs, as Word does it
      const inner = blocksXml(doc, cell.blocks, width - 2 * t.padding.x, t.keepWithNext === true || row.cantSplit, true, row.keepWithNext === true);
      // Word needs a paragraph in every cell; keep an empty cell's as small as the PDF's (nothing)
      const content = inner || emptyParagraph({ height: 1, after: 0, keepNext: row.keepWithNext === true });
      xml += `<w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/>${grid}${vMerge}${vAlign}</w:tcPr>${content}</w:tc>`;
    });
    xml += "</w:tr>";
  });
  return `${xml}</w:tbl>`;
}

/**
 * Blocks of a section or a cell. Rules and spacers keep with what follows them.
 * A cell's last paragraph mark ends the cell: it is never marked inserted/deleted.
 */
export function blocksXml(doc: DocumentModel, blocks: Block[], columnWidth: number, keepAll = false, inCell = false, keepParagraphs = false): string {
  let xml = "";
  blocks.forEach((b, i) => {
    const hasNext = i + 1 < blocks.length;
    switch (b.type) {
      case "paragraph": {
        const s = doc.styles[b.style];
        if (!s) throw new Error(`unknown paragraph style ${b.style}`);
        xml += paragraphXml(doc, b, s, !(inCell && !hasNext), keepParagraphs);
        break;
      }
      case "rule":
        xml += ruleXml(b, columnWidth, keepAll || hasNext);
        break;
      case "spacer":
        xml += spacerXml(b, keepAll || hasNext);
        break;
      case "table":
        xml += tableXml(doc, b);
        break;
    }
  });
  return xml;
}
