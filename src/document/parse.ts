// Block markup (what the templates produce) → document model.
// One block per line: "@<kind> [args] text". Numbering, citations (first
// mention in full, then the short name) and rule lengths are computed here,
// so both renderers get literal text and sizes.
import { UserError, type SourceLocation } from "../errors.ts";
import { LETTERS, letter, roman } from "../derive/format.ts";
import { InlineError, parseInline, type InlineContext } from "./inline.ts";
import { balanceTitle, fitOneLine, paragraphWidth } from "./fit.ts";
import { MM, type Block, type Cell, type DocumentMeta, type DocumentModel, type Family, type Paragraph, type Row, type Run, type Section, type Table } from "./model.ts";
import type { StyleTable } from "../model/style.ts";
import { formatPath, type Origin, type PathSegment } from "../model/path.ts";

import type { CitationForms } from "../template/engine.ts";

export interface ParseOptions {
  family: Family;
  styles: StyleTable;
  citations: Record<string, CitationForms>;
  /** target values as markup, for {@target id} */
  targets?: Record<string, string>;
  /** agencies with a short name: the full name at the first mention, the short one after */
  agencies?: Record<string, { full: string; short: string }>;
  /** footnote texts (inline markup) by id, for the marks [^id] */
  notes?: Record<string, string>;
  meta: DocumentMeta;
  /** name shown in error messages */
  source: string;
  /** file:line:col of a plan value: a problem with text that came from the plan is reported there */
  locate?: (path: PathSegment[]) => SourceLocation;
}

const ORIGIN_MARK = /\{@at (\[[^}]*\])\}/;
const ORIGIN_MARKS = new RegExp(ORIGIN_MARK.source, "g");
/** Grid columns a row's cells cover. */
const spanned = (r: Row): number => r.cells.reduce((n, c) => n + (c.span ?? 1), 0);

const NUMBERED: Record<string, { level: number; style?: string }> = {
  h1: { level: 0, style: "heading-1" },
  h2: { level: 1, style: "heading-2" },
  h3: { level: 2, style: "heading-3" },
  h4: { level: 3, style: "heading-4" },
  n1: { level: 0 },
  n2: { level: 1 },
  n3: { level: 2 },
  n4: { level: 3 },
};

export function parseMarkup(markup: string, opts: ParseOptions): DocumentModel {
  const { styles } = opts;
  // the family's styles plus the smaller sizes fitOneLine derives
  const paragraphStyles = { ...styles.paragraph };
  const sections: Section[] = [];
  const newSection = (orientation: Section["orientation"], restart: boolean, show: boolean): Section => {
    const s: Section = {
      orientation,
      margins: { ...styles.margins },
      pageNumbers: { show, hideOnFirst: true, restart, style: "page-number" },
      blocks: [],
    };
    sections.push(s);
    return s;
  };
  let section = newSection("portrait", false, true);
  let table: Table | undefined;
  /** "@table … fit": one column as wide as its widest line (the boxed DỰ THẢO mark) */
  let fitTable = false;
  let container: Block[] = section.blocks;
  const counters = [0, 0, 0, 0];
  const introduced = new Set<string>();
  let lineNo = 0;
  let lineText = "";

  /** A problem with this markup line: at the plan value it shows when it shows one, else at the template. */
  const fail = (message: string, code: "E_TEMPLATE" | "E_NUMBERING" = "E_TEMPLATE"): never => {
    const mark = ORIGIN_MARK.exec(lineText);
    const found = JSON.stringify(lineText.replace(ORIGIN_MARKS, "").trim().slice(0, 120));
    if (mark && opts.locate) {
      const path = JSON.parse(mark[1]!) as PathSegment[];
      throw new UserError(code, message, { location: opts.locate(path), path: formatPath(path), found });
    }
    throw new UserError(code, message, { location: { file: opts.source, line: lineNo }, found });
  };

  const inlineCtx: InlineContext = {
    cite(id, form) {
      const c = opts.citations[id];
      if (!c) return fail(`Không có văn bản mã "${id}" trong sổ trích dẫn (unknown citation)`);
      if (form === "full") return c.full;
      if (form === "short") return c.short;
      if (form === "dated") return c.dated;
      if (introduced.has(id)) return c.short;
      introduced.add(id);
      return c.first;
    },
    target(id) {
      return opts.targets?.[id] ?? fail(`Mục tiêu "${id}" không có giá trị (value) để in (target without value)`);
    },
    agency(id) {
      const a = opts.agencies?.[id] ?? fail(`Không có cơ quan mã "${id}" (unknown agency)`);
      const key = `agency:${id}`;
      if (introduced.has(key)) return a.short;
      introduced.add(key);
      return a.full;
    },
  };

  let footnotes = 0;
  inlineCtx.note = (id) => {
    const markup = opts.notes?.[id] ?? fail(`Không có chú thích mã "${id}" trong footnotes (unknown footnote)`);
    const number = ++footnotes;
    // a note's own text may cite documents but holds no further notes
    const noteRuns = parseInline(markup, { cite: inlineCtx.cite });
    return { text: String(number), footnote: { number, runs: noteRuns } };
  };

  const runs = (text: string, origins?: Origin[]): Run[] => {
    try {
      return parseInline(text, inlineCtx, 0, origins);
    } catch (e) {
      if (e instanceof InlineError) return fail(e.message);
      throw e;
    }
  };

  const numberPrefix = (level: number): string => {
    counters[level] = counters[level]! + 1;
    for (let l = level + 1; l < counters.length; l++) counters[l] = 0;
    const n = counters[level]!;
    const fmt = [styles.numbering.roman, styles.numbering.arabic, styles.numbering.sub, styles.numbering.letter][level]!;
    if (level === 3 && letter(n) === undefined) fail(`Quá ${LETTERS.length} mục đánh chữ cái a) … y) trong một mục: tách thành nhiều mục hoặc dùng gạch đầu dòng (too many lettered items)`, "E_NUMBERING");
    return fmt
      .replace("{roman}", roman(n))
      .replace("{arabic}", String(n))
      .replace("{parent}", String(counters[1]))
      .replace("{letter}", letter(n) ?? "");
  };

  const paragraph = (style: string, text: string, prefix = ""): Paragraph => {
    if (!paragraphStyles[style]) fail(`Không có kiểu đoạn "${style}" trong bảng kiểu (unknown paragraph style)`);
    const origins: Origin[] = [];
    const r = runs(text, origins);
    if (prefix) {
      const first = r[0];
      const fmt: Run = { text: prefix };
      if (first?.bold) fmt.bold = true;
      if (first?.italic) fmt.italic = true;
      r.unshift(fmt);
      for (const o of origins) o.at += prefix.length;
    }
    const p: Paragraph = { type: "paragraph", style, runs: r };
    if (origins.length) p.origins = origins;
    return p;
  };

  const blockWidth = (b: Paragraph): number => paragraphWidth(b, paragraphStyles[b.style]!);

  const ruleWidth = (presetName: string): number => {
    const preset = styles.rules[presetName] ?? fail(`Không có kiểu đường kẻ "${presetName}" (unknown rule)`);
    // widest of the consecutive paragraphs just above that share the last one's style
    let widest = 0;
    let style: string | undefined;
    for (let i = container.length - 1; i >= 0; i--) {
      const b = container[i]!;
      if (b.type !== "paragraph" || (style !== undefined && b.style !== style)) break;
      style = b.style;
      widest = Math.max(widest, blockWidth(b));
    }
    let width = widest * preset.fraction;
    if (preset.min !== undefined) width = Math.max(width, preset.min);
    if (preset.max !== undefined) width = Math.min(width, preset.max);
    return width;
  };

  const lines = markup.split("\n");
  for (const raw of lines) {
    lineNo++;
    lineText = raw;
    const line = raw.trim();
    if (!line) continue;
    if (!line.startsWith("@")) fail("Dòng đánh dấu phải bắt đầu bằng @ (markup line must start with @)");
    const space = line.indexOf(" ");
    const kind = space < 0 ? line.slice(1) : line.slice(1, space);
    const rest = space < 0 ? "" : line.slice(space + 1);
    const args = rest.split(/\s+/).filter(Boolean);
    // a title block ends: balance its lines before anything (its rule) measures them
    const last = container[container.length - 1];
    if (!table && last?.type === "paragraph" && last.style !== kind && paragraphStyles[last.style]?.balance) {
      const ps = paragraphStyles[last.style]!;
      const pageW = section.orientation === "landscape" ? styles.page.height : styles.page.width;
      balanceTitle(container, last.style, ps, pageW - section.margins.left - section.margins.right - ps.indentLeft - ps.firstLineIndent);
    }

    switch (kind) {
      case "section": {
        if (table) fail("@section trong bảng chưa đóng (@end missing)");
        const orientation = args.includes("landscape") ? "landscape" : "portrait";
        section = newSection(orientation, args.includes("restart"), !args.includes("nonumbers"));
        container = section.blocks;
        break;
      }
      case "table": {
        if (table) fail("Bảng lồng trong bảng chưa được hỗ trợ (nested table)");
        const preset = styles.tables[args[0] ?? ""] ?? fail(`Không có kiểu bảng "${args[0] ?? ""}" (unknown table preset)`);
        // "widths=12,70,25" (mm) overrides the preset's columns for tables whose shape is data
        const widthsArg = args.find((a) => a.startsWith("widths="));
        const columns = widthsArg ? widthsArg.slice(7).split(",").map((v) => Number(v) * MM) : [...preset.columns];
        if (columns.some((c) => !Number.isFinite(c) || c <= 0)) fail("widths= cần các số mm dương, cách nhau bởi dấu phẩy");
        table = {
          type: "table",
          columns,
          borders: preset.borders,
          headerRows: preset.headerRows,
          padding: { ...preset.padding },
          rows: [],
        };
        if (args.includes("keep")) table.keepWithNext = true;
        fitTable = args.includes("fit");
        section.blocks.push(table);
        break;
      }
      case "row": {
        if (!table) fail("@row ngoài bảng");
        const row: Row = { cells: [], cantSplit: args.includes("nosplit") };
        if (args.includes("keep")) row.keepWithNext = true;
        table!.rows.push(row);
        break;
      }
      case "cell": {
        const row = table?.rows[table.rows.length - 1] ?? fail("@cell ngoài @row");
        const span = Number(args.find((a) => a.startsWith("span="))?.slice(5) ?? 1);
        const merge = args.find((a) => a.startsWith("merge="))?.slice(6);
        if (!Number.isInteger(span) || span < 1) fail("span= cần một số nguyên dương");
        if (merge !== undefined && merge !== "restart" && merge !== "continue") fail("merge= chỉ nhận restart hoặc continue");
        if (spanned(row) + span > table!.columns.length) fail(`Hàng có nhiều ô hơn số cột (${table!.columns.length})`);
        const cell: Cell = { blocks: [], vAlign: args.includes("center") ? "center" : "top" };
        if (span > 1) cell.span = span;
        if (merge === "restart" || merge === "continue") cell.merge = merge;
        row.cells.push(cell);
        container = cell.blocks;
        break;
      }
      case "end": {
        if (!table) fail("@end không có @table");
        table!.rows.forEach((r, i) => {
          if (spanned(r) !== table!.columns.length) {
            fail(`Hàng ${i + 1} có ${spanned(r)} ô, bảng có ${table!.columns.length} cột`);
          }
        });
        if (fitTable) {
          let widest = 0;
          for (const r of table!.rows) for (const c of r.cells) for (const b of c.blocks) if (b.type === "paragraph") widest = Math.max(widest, blockWidth(b));
          // the text, its padding and the two border lines, rounded up so no renderer wraps it
          table!.columns = [Math.ceil(widest + 2 * table!.padding.x + 2)];
        }
        if (!table!.borders) {
          for (const [p, size] of fitOneLine(table!, paragraphStyles, (st) => (paragraphStyles[st]?.oneLine ? (paragraphStyles[st]!.minSize ?? paragraphStyles[st]!.size) : undefined))) {
            const name = `${p.style}-${String(size).replace(".", "_")}`;
            paragraphStyles[name] ??= { ...paragraphStyles[p.style]!, size };
            p.style = name;
          }
        }
        // a continued merged cell shows the cell above: its own text is never printed
        for (const r of table!.rows) for (const c of r.cells) if (c.merge === "continue") c.blocks = [];
        table = undefined;
        container = section.blocks;
        break;
      }
      case "rule": {
        const preset = styles.rules[args[0] ?? ""] ?? fail(`Không có kiểu đường kẻ "${args[0] ?? ""}"`);
        container.push({ type: "rule", width: ruleWidth(args[0]!), thickness: preset.thickness, spaceBefore: preset.spaceBefore, spaceAfter: preset.spaceAfter });
        break;
      }
      case "space": {
        const h = args[0] === "signing" ? styles.signingSpace : Number(args[0]);
        if (!Number.isFinite(h) || h < 0) fail("@space cần một số pt hoặc signing");
        container.push({ type: "spacer", height: h });
        break;
      }
      case "keep-last": {
        // the last paragraph keeps with what follows (the signature never stands alone on a page)
        const lastPara = container[container.length - 1];
        if (lastPara?.type === "paragraph" && !paragraphStyles[lastPara.style]!.keepWithNext) {
          const name = `${lastPara.style}-keep`;
          paragraphStyles[name] ??= { ...paragraphStyles[lastPara.style]!, keepWithNext: true };
          lastPara.style = name;
        }
        break;
      }
      case "dash":
        container.push(paragraph("body", rest, "- "));
        break;
      case "plus":
        container.push(paragraph("body", rest, "+ "));
        break;
      default: {
        const numbered = NUMBERED[kind];
        if (numbered) {
          container.push(paragraph(numbered.style ?? "body", rest, numberPrefix(numbered.level)));
        } else {
          container.push(paragraph(kind, rest));
        }
      }
    }
    if (table && kind !== "table" && kind !== "row" && kind !== "cell" && container === section.blocks) {
      fail("Nội dung trong bảng phải nằm trong @cell");
    }
  }
  if (table) fail("Bảng chưa đóng bằng @end (unclosed table)");
  return {
    family: opts.family,
    meta: opts.meta,
    page: { ...styles.page },
    font: styles.font,
    styles: paragraphStyles,
    sections,
  };
}
