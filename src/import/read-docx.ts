// DOCX → neutral paragraphs and tables. A real zip reader (fflate) and XML
// parser (fast-xml-parser, order kept): paragraphs with their runs' bold and
// italic (from the run, the paragraph style or its bases), centring, tables
// with gridSpan/vMerge, footnotes placed after the paragraph citing them.
import { unzipSync, strFromU8 } from "fflate";
import { XMLParser } from "fast-xml-parser";
import { UserError } from "../errors.ts";
import { cleanText, noteMark, type Block, type Cell, type ImportSource, type Para } from "./source.ts";

/** One element in fast-xml-parser's ordered form: { tag: children[], ":@": attributes }. */
type XNode = Record<string, unknown> & { ":@"?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: false,
});

const tagOf = (n: XNode): string => Object.keys(n).find((k) => k !== ":@") ?? "";
const kids = (n: XNode): XNode[] => (n[tagOf(n)] as XNode[] | undefined) ?? [];
const attr = (n: XNode, name: string): string | undefined => n[":@"]?.[name];
const child = (n: XNode, tag: string): XNode | undefined => kids(n).find((c) => tagOf(c) === tag);
const textOf = (n: XNode): string => kids(n).map((c) => (typeof c["#text"] === "string" ? c["#text"] : "")).join("");
/** w:b, w:i: on unless w:val says 0/false */
const onOff = (n: XNode | undefined): boolean | undefined => {
  if (!n) return undefined;
  const v = attr(n, "w:val");
  return !(v === "0" || v === "false" || v === "none");
};

interface StyleInfo {
  bold?: boolean | undefined;
  italic?: boolean | undefined;
  center?: boolean | undefined;
  basedOn?: string | undefined;
}

function readStyles(xml: string | undefined): Map<string, StyleInfo> {
  const out = new Map<string, StyleInfo>();
  if (!xml) return out;
  const root = (parser.parse(xml) as XNode[]).find((n) => tagOf(n) === "w:styles");
  for (const s of root ? kids(root) : []) {
    if (tagOf(s) !== "w:style") continue;
    const id = attr(s, "w:styleId");
    if (!id) continue;
    const rPr = child(s, "w:rPr");
    const pPr = child(s, "w:pPr");
    const jc = pPr && child(pPr, "w:jc");
    const basedOn = child(s, "w:basedOn");
    out.set(id, {
      bold: rPr ? onOff(child(rPr, "w:b")) : undefined,
      italic: rPr ? onOff(child(rPr, "w:i")) : undefined,
      center: jc ? attr(jc, "w:val") === "center" : undefined,
      basedOn: basedOn && attr(basedOn, "w:val"),
    });
  }
  return out;
}

function styleValue(styles: Map<string, StyleInfo>, id: string | undefined, key: "bold" | "italic" | "center"): boolean | undefined {
  for (let i = 0, s = id; s && i < 20; i++) {
    const st = styles.get(s);
    if (!st) return undefined;
    if (st[key] !== undefined) return st[key];
    s = st.basedOn;
  }
  return undefined;
}

interface Ctx {
  styles: Map<string, StyleInfo>;
  footnotes: Map<string, string>;
  counter: { n: number };
  placed: Para[];
}

interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  notes: string[];
}

/** The runs of a paragraph, through hyperlinks, smart tags, content controls and insertions (deletions skipped). */
function runs(p: XNode, ctx: Ctx, pStyle: string | undefined, out: Run[] = []): Run[] {
  for (const c of kids(p)) {
    const tag = tagOf(c);
    if (tag === "w:r") {
      const rPr = child(c, "w:rPr");
      const rStyle = rPr && child(rPr, "w:rStyle");
      const rs = rStyle && attr(rStyle, "w:val");
      const bold = (rPr && onOff(child(rPr, "w:b"))) ?? styleValue(ctx.styles, rs, "bold") ?? styleValue(ctx.styles, pStyle, "bold") ?? false;
      const italic = (rPr && onOff(child(rPr, "w:i"))) ?? styleValue(ctx.styles, rs, "italic") ?? styleValue(ctx.styles, pStyle, "italic") ?? false;
      let text = "";
      const notes: string[] = [];
      for (const r of kids(c)) {
        const t = tagOf(r);
        if (t === "w:t") text += textOf(r);
        else if (t === "w:tab") text += " ";
        else if (t === "w:br" || t === "w:cr") text += "\n";
        else if (t === "w:noBreakHyphen") text += "-";
        else if (t === "w:footnoteReference" || t === "w:endnoteReference") {
          const id = attr(r, "w:id");
          const key = `${t === "w:footnoteReference" ? "f" : "e"}${id}`;
          if (id !== undefined && ctx.footnotes.has(key)) {
            // the mark stays where the reference stood; the note's text goes to the source's footnotes
            text += noteMark(key);
            notes.push(key);
          }
        }
      }
      out.push({ text, bold, italic, notes });
    } else if (tag === "w:hyperlink" || tag === "w:smartTag" || tag === "w:ins" || tag === "w:fldSimple" || tag === "w:customXml") {
      runs(c, ctx, pStyle, out);
    } else if (tag === "w:sdt") {
      const content = child(c, "w:sdtContent");
      if (content) runs(content, ctx, pStyle, out);
    }
  }
  return out;
}

function paragraph(p: XNode, ctx: Ctx): Para[] {
  const pPr = child(p, "w:pPr");
  const pStyleNode = pPr && child(pPr, "w:pStyle");
  const pStyle = pStyleNode && attr(pStyleNode, "w:val");
  const jc = pPr && child(pPr, "w:jc");
  const center = jc ? attr(jc, "w:val") === "center" : (styleValue(ctx.styles, pStyle, "center") ?? false);
  const rs = runs(p, ctx, pStyle);
  const visible = rs.filter((r) => r.text.trim() !== "");
  const out: Para[] = [];
  // a line break inside a paragraph (Shift+Enter) separates lines the way a new paragraph would
  const pieces = rs.map((r) => r.text).join("").split("\n");
  const line = ++ctx.counter.n;
  for (const piece of pieces) {
    const text = cleanText(piece);
    if (!text) continue;
    out.push({
      kind: "p",
      text,
      at: { line },
      bold: visible.length > 0 && visible.every((r) => r.bold),
      italic: visible.length > 0 && visible.every((r) => r.italic),
      center,
      whole: true,
    });
  }
  for (const key of rs.flatMap((r) => r.notes)) {
    if (!ctx.placed.some((p) => p.note === key)) ctx.placed.push({ kind: "p", text: ctx.footnotes.get(key)!, at: { line }, whole: true, note: key });
  }
  return out;
}

function table(tbl: XNode, ctx: Ctx): Block {
  const line = ctx.counter.n + 1;
  const rows: Cell[][] = [];
  for (const tr of kids(tbl)) {
    if (tagOf(tr) !== "w:tr") continue;
    const row: Cell[] = [];
    for (const tc of kids(tr)) {
      if (tagOf(tc) !== "w:tc") continue;
      const tcPr = child(tc, "w:tcPr");
      const span = Number((tcPr && child(tcPr, "w:gridSpan") && attr(child(tcPr, "w:gridSpan")!, "w:val")) ?? 1) || 1;
      const vMerge = tcPr && child(tcPr, "w:vMerge");
      const continued = vMerge !== undefined && attr(vMerge, "w:val") !== "restart";
      row.push({ paras: body(kids(tc), ctx).flatMap((b) => (b.kind === "p" ? [b] : flattenTable(b))), span, continued });
    }
    rows.push(row);
  }
  return { kind: "table", rows, at: { line } };
}

/** A table inside a cell is read as its paragraphs, row by row. */
function flattenTable(t: Block): Para[] {
  return t.kind === "p" ? [t] : t.rows.flatMap((r) => r.flatMap((c) => c.paras));
}

function body(nodes: XNode[], ctx: Ctx): Block[] {
  const out: Block[] = [];
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === "w:p") out.push(...paragraph(n, ctx));
    else if (tag === "w:tbl") out.push(table(n, ctx));
    else if (tag === "w:sdt") {
      const content = child(n, "w:sdtContent");
      if (content) out.push(...body(kids(content), ctx));
    }
  }
  return out;
}

function readNotes(xml: string | undefined, prefix: "f" | "e", styles: Map<string, StyleInfo>): Map<string, string> {
  const out = new Map<string, string>();
  if (!xml) return out;
  const root = (parser.parse(xml) as XNode[]).find((n) => tagOf(n) === "w:footnotes" || tagOf(n) === "w:endnotes");
  const ctx: Ctx = { styles, footnotes: new Map(), counter: { n: 0 }, placed: [] };
  for (const note of root ? kids(root) : []) {
    const type = attr(note, "w:type");
    if (type === "separator" || type === "continuationSeparator") continue;
    const id = attr(note, "w:id");
    const text = cleanText(body(kids(note), ctx).flatMap(flattenTable).map((p) => p.text).join(" "));
    if (id !== undefined && text) out.set(`${prefix}${id}`, text);
  }
  return out;
}

export function readDocx(file: string, bytes: Uint8Array): ImportSource {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name.startsWith("word/") && f.name.endsWith(".xml") });
  } catch {
    throw new UserError("E_IMPORT_CORRUPT", "Tệp DOCX hỏng: không giải nén được (corrupt zip)", { location: { file } });
  }
  const main = files["word/document.xml"];
  if (!main) throw new UserError("E_IMPORT_CORRUPT", "Tệp DOCX không có word/document.xml: không phải văn bản Word (not a Word document)", { location: { file } });
  const str = (name: string) => (files[name] ? strFromU8(files[name]!) : undefined);
  try {
    const styles = readStyles(str("word/styles.xml"));
    const footnotes = new Map([...readNotes(str("word/footnotes.xml"), "f", styles), ...readNotes(str("word/endnotes.xml"), "e", styles)]);
    const ctx: Ctx = { styles, footnotes, counter: { n: 0 }, placed: [] };
    const root = (parser.parse(strFromU8(main)) as XNode[]).find((n) => tagOf(n) === "w:document");
    const bodyNode = root && child(root, "w:body");
    if (!bodyNode) throw new Error("no w:body");
    const blocks = body(kids(bodyNode), ctx);
    // a text file saved as DOCX (LibreOffice, Word's "open text") keeps one paragraph per
    // printed line: most long paragraphs then end mid-sentence, and are read as wrapped lines
    const long = blocks.filter((b): b is Para => b.kind === "p" && b.text.length > 50);
    const open = long.filter((p) => !/[.:;!?…)"”]$/u.test(p.text)).length;
    if (long.length >= 10 && open / long.length > 0.4) for (const b of blocks) if (b.kind === "p") b.whole = undefined;
    return { file, format: "docx", blocks, footnotes: ctx.placed };
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError("E_IMPORT_CORRUPT", `Tệp DOCX hỏng: XML không đọc được (corrupt XML): ${(e as Error).message.split("\n")[0]}`, { location: { file } });
  }
}
