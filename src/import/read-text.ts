// Plain text and Markdown → neutral paragraphs, one per non-empty line (the
// recogniser joins wrapped lines). Markdown's own marks are read, not kept:
// "#" headings, **bold** / *italic*, and "| a | b |" tables.
import { cleanText, type Block, type Cell, type ImportSource, type Para } from "./source.ts";

const MD_TABLE_RULE = /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/;

function mdInline(s: string): { text: string; bold: boolean; italic: boolean } {
  const bold = /^\*\*[^*].*\*\*$/.test(s) || /^__[^_].*__$/.test(s);
  const italic = !bold && (/^\*[^*].*\*$/.test(s) || /^_[^_].*_$/.test(s));
  return { text: s.replace(/(\*\*|__)(.+?)\1/g, "$2").replace(/(?<![\w*])\*(?!\s)(.+?)\*(?![\w*])/g, "$1"), bold, italic };
}

export function readText(file: string, content: string, markdown: boolean): ImportSource {
  // a .txt written with Markdown's marks (an export of a converter) is read as Markdown
  if (!markdown && (/\*\*[^*\n]+\*\*/u.test(content) || /^#{1,6}\s/mu.test(content))) markdown = true;
  const lines = content
    .replace(/^\ufeff/, "")
    .split(/\r\n|\r|\n/)
    // "**I- ĐÁNH GIÁ****1- Kết quả**": two bold lines run together
    .flatMap((l) => (markdown ? l.replace(/\*\*\*\*/g, "**\n**").split("\n") : [l]));
  const blocks: Block[] = [];
  let table: { rows: Cell[][]; line: number } | undefined;
  const flush = () => {
    if (table) blocks.push({ kind: "table", rows: table.rows, at: { line: table.line } });
    table = undefined;
  };
  let offset = 0;
  lines.forEach((raw, i) => {
    if (raw.startsWith("**") && i > 0 && lines[i - 1]!.endsWith("**") && content.includes(`${lines[i - 1]}**${raw}`)) offset++;
    const line = i + 1 - offset;
    let s = raw.normalize("NFC");
    if (markdown && /^\s*\|.*\|\s*$/.test(s)) {
      if (MD_TABLE_RULE.test(s.trim())) return;
      const cells = s.trim().replace(/^\||\|$/g, "").split("|").map((c): Cell => {
        const text = cleanText(mdInline(c).text);
        return { span: 1, paras: text ? [{ kind: "p", text, at: { line } }] : [] };
      });
      (table ??= { rows: [], line }).rows.push(cells);
      return;
    }
    flush();
    let bold = false;
    let italic = false;
    if (markdown) {
      const h = /^\s{0,3}#{1,6}\s+(.*)$/.exec(s);
      if (h) s = h[1]!;
      const m = mdInline(s.trim());
      s = m.text;
      bold = m.bold || h !== null;
      italic = m.italic;
    }
    const text = cleanText(s);
    if (!text) return;
    const p: Para = { kind: "p", text, at: { line } };
    if (markdown) Object.assign(p, { bold, italic, whole: true });
    blocks.push(p);
  });
  flush();
  return { file, format: "text", blocks, footnotes: [] };
}
