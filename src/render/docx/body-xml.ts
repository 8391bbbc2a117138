// The body of word/document.xml, written directly from the document model.
// The `docx` package builds the package around it (styles, headers, section
// properties, relationships); building every paragraph as docx objects took
// about 20 ms of a 25 ms DOCX, most of it object churn, so the body — plain,
// regular markup — is written here as strings (see index.ts).
import type { Block, DocumentModel, Paragraph, ParagraphStyle, Rule, Spacer, Table } from "../../document/model.ts";

/** pt → twips */
export const tw = (pt: number): number => Math.round(pt * 20);

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text for XML: escaped, and without the control characters XML 1.0 forbids. */
export function xmlText(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "");
}

export const styleId = (name: string): string => `KH-${name}`;

function runXml(text: string, rPr: string): string {
  // a line break inside a run is a <w:br/>, a tab a <w:tab/>
  const parts = text.split(/(\n|\t)/);
  const body = parts
    .map((p) => (p === "\n" ? "<w:br/>" : p === "\t" ? "<w:tab/>" : p ? `<w:t xml:space="preserve">${xmlText(p)}</w:t>` : ""))
    .join("");
  return `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ""}${body}</w:r>`;
}

function paragraphXml(p: Paragraph, s: ParagraphStyle): string {
  let runs = "";
  for (const r of p.runs) {
    // the paragraph style carries the typography; a run states only what differs (in schema order)
    let rPr = "";
    if (r.bold && !s.bold) rPr += "<w:b/><w:bCs/>";
    if (r.italic && !s.italic) rPr += "<w:i/><w:iCs/>";
    if (r.placeholder) rPr += '<w:highlight w:val="yellow"/>';
    if (r.underline && !s.underline) rPr += '<w:u w:val="single"/>';
    runs += runXml(r.text, rPr);
  }
  return `<w:p><w:pPr><w:pStyle w:val="${styleId(p.style)}"/></w:pPr>${runs}</w:p>`;
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
    const trPr = (row.cantSplit ? "<w:cantSplit/>" : "") + (ri < t.headerRows ? "<w:tblHeader/>" : "");
    xml += `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ""}`;
    row.cells.forEach((cell, ci) => {
      const w = tw(t.columns[ci] ?? 0);
      const vAlign = cell.vAlign === "center" ? '<w:vAlign w:val="center"/>' : "";
      const inner = blocksXml(doc, cell.blocks, (t.columns[ci] ?? 0) - 2 * t.padding.x, t.keepWithNext === true || row.cantSplit);
      // Word needs a paragraph in every cell; keep an empty cell's as small as the PDF's (nothing)
      const content = inner || emptyParagraph({ height: 1, after: 0, keepNext: false });
      xml += `<w:tc><w:tcPr><w:tcW w:w="${w}" w:type="dxa"/>${vAlign}</w:tcPr>${content}</w:tc>`;
    });
    xml += "</w:tr>";
  });
  return `${xml}</w:tbl>`;
}

/** Blocks of a section or a cell. Rules and spacers keep with what follows them. */
export function blocksXml(doc: DocumentModel, blocks: Block[], columnWidth: number, keepAll = false): string {
  let xml = "";
  blocks.forEach((b, i) => {
    const hasNext = i + 1 < blocks.length;
    switch (b.type) {
      case "paragraph": {
        const s = doc.styles[b.style];
        if (!s) throw new Error(`unknown paragraph style ${b.style}`);
        xml += paragraphXml(b, s);
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
