// Saving a plan edited in the page without rewriting the file a person wrote.
// yaml's Document gives every node its source range; we replace only the
// text of the values that changed (a scalar, a flow collection, one list item
// or one key) and keep every other byte: comments, key order, quoting, blank
// lines and line wrapping of untouched parts. Re-stringifying the whole
// Document would re-wrap every folded paragraph, so it is not used.
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, stringify, visit, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";

interface Edit {
  start: number;
  end: number;
  text: string;
}
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObj(a) && isObj(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Thrown when the edited text would not read back as the edited data (a bug: nothing is written). */
export class PatchError extends Error {}

/**
 * The source text with `next` in place of the data it holds. Only the changed
 * values' text is replaced; the result is checked by reading it back.
 */
export function patchYaml(src: string, next: unknown): string {
  const { doc, old } = parsedBase(src);
  if (deepEqual(old, next)) return src;
  const p = new Patcher(src, doc, false);
  let out = applyEdits(src, p.value(doc.contents as Node | null, old, next, 0, undefined));
  if (!deepEqual(parseDocument(out).toJS(), next)) {
    // a plain scalar that reads back as something else: quote every changed text instead
    out = applyEdits(src, new Patcher(src, doc, true).value(doc.contents as Node | null, old, next, 0, undefined));
    if (!deepEqual(parseDocument(out).toJS(), next)) throw new PatchError("bản sửa không đọc lại được đúng dữ liệu (patched YAML does not read back)");
  }
  return out;
}

/**
 * The page patches the same loaded text on every keystroke: its parse is kept
 * (for the last few texts; the Document is only read, never changed).
 */
const bases = new Map<string, { doc: Document; old: unknown }>();
function parsedBase(src: string): { doc: Document; old: unknown } {
  let base = bases.get(src);
  if (!base) {
    const doc = parseDocument(src, { uniqueKeys: true });
    if (doc.errors.length) throw new PatchError(`YAML không đọc được: ${doc.errors[0]!.message}`);
    base = { doc, old: doc.toJS() as unknown };
    if (bases.size >= 8) bases.delete(bases.keys().next().value!);
    bases.set(src, base);
  }
  return base;
}

function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

class Patcher {
  constructor(
    private readonly src: string,
    private readonly doc: Document,
    private readonly quoteAll: boolean,
  ) {}

  private lineStart(pos: number): number {
    return this.src.lastIndexOf("\n", pos - 1) + 1;
  }
  /** the position after the line break that ends the line holding pos - 1 */
  private lineEndAfter(pos: number): number {
    if (pos > 0 && this.src[pos - 1] === "\n") return pos;
    const nl = this.src.indexOf("\n", pos);
    return nl < 0 ? this.src.length : nl + 1;
  }
  private column(pos: number): number {
    return pos - this.lineStart(pos);
  }

  /** Edits that turn `node` (holding `old`) into `next`; `indent` is where a block value starts. */
  value(node: Node | null, old: unknown, next: unknown, indent: number, keyEnd: number | undefined): Edit[] {
    if (deepEqual(old, next)) return [];
    if (node && isMap(node) && !node.flow && isObj(old) && isObj(next)) return this.map(node, old, next);
    if (node && isSeq(node) && !node.flow && Array.isArray(old) && Array.isArray(next) && next.length > 0) return this.seq(node, old, next);
    if (node && isScalar(node) && !isObj(next) && !Array.isArray(next)) return this.scalar(node, next);
    // a flow collection, an empty one, or a change of type: the value's text is written anew
    if (!node || !node.range) throw new PatchError("giá trị không có vị trí trong tệp");
    const [start, end] = node.range;
    return [this.replaceValue(start, end, next, indent, keyEnd)];
  }

  private replaceValue(start: number, end: number, next: unknown, indent: number, keyEnd: number | undefined): Edit {
    if (isObj(next) || Array.isArray(next)) {
      const flat = Object.values(next).every((v) => !isObj(v) && !Array.isArray(v));
      // keep the file's own spacing inside brackets: "[a, b]" or "{ year: 2024 }"
      const flow = flowText(next, this.src[start + 1] === " ");
      if (flat && flow.length + indent < 90) return { start, end, text: flow };
      // block text on the lines after "key:" (from the colon on, so no trailing space is left)
      const from = keyEnd ?? start;
      return { start: from, end, text: `\n${blockText(next, indent + 2).replace(/\n$/, "")}` };
    }
    return { start, end, text: this.scalarText(next, undefined) };
  }

  private scalarText(v: unknown, type: Scalar["type"] | undefined): string {
    if (typeof v !== "string") return v === null || v === undefined ? "null" : String(v);
    if (!this.quoteAll && !v.includes("\n")) {
      if (type === "QUOTE_SINGLE") return `'${v.replace(/'/g, "''")}'`;
      if (type !== "QUOTE_DOUBLE" && readsAsPlain(v)) return v;
    }
    return JSON.stringify(v);
  }

  private scalar(node: Scalar, next: unknown): Edit[] {
    const [start, end] = node.range!;
    const block = node.type === "BLOCK_FOLDED" || node.type === "BLOCK_LITERAL";
    if (!block || typeof next !== "string" || this.quoteAll) return [{ start, end, text: this.scalarText(next, node.type) }];
    // keep the header (">-") and the indentation; replace the content lines only
    const headerEnd = this.lineEndAfter(start + 1);
    const body = this.src.slice(headerEnd, end);
    const indent = /^( *)/.exec(body.split("\n").find((l) => l.trim() !== "") ?? "")?.[1]?.length ?? this.column(start) + 2;
    const lastText = body.replace(/\s+$/, "").length;
    const pad = " ".repeat(indent);
    const text = next.replace(/\n$/, "");
    const before = body.slice(0, lastText).split("\n").map((l) => l.slice(indent));
    const lines = node.type === "BLOCK_FOLDED" ? refold(before, text, Math.max(40, 80 - indent)) : text.split("\n");
    return [{ start: headerEnd, end: headerEnd + lastText, text: lines.map((l) => (l ? pad + l : "")).join("\n") }];
  }

  private map(node: YAMLMap, old: Obj, next: Obj): Edit[] {
    const edits: Edit[] = [];
    const pairs = node.items as Pair<Node, Node | null>[];
    const col = pairs[0]?.key?.range ? this.column(pairs[0].key.range[0]) : 0;
    for (const pair of pairs) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || !pair.key.range) continue;
      if (!(key in next)) {
        const valueEnd = pair.value?.range?.[1] ?? pair.key.range[1];
        edits.push({ start: this.lineStart(pair.key.range[0]), end: this.lineEndAfter(valueEnd), text: "" });
      } else if (!deepEqual(old[key], next[key])) {
        const colon = this.src.indexOf(":", pair.key.range[1]) + 1;
        if (pair.value === null || !pair.value.range) {
          edits.push({ start: colon, end: colon, text: isObj(next[key]) || Array.isArray(next[key]) ? `\n${blockText(next[key], col + 2).replace(/\n$/, "")}` : ` ${this.scalarText(next[key], undefined)}` });
        } else edits.push(...this.value(pair.value, old[key], next[key], col, colon));
      }
    }
    const added = Object.keys(next).filter((k) => !(k in old));
    if (added.length) {
      const last = pairs[pairs.length - 1];
      const at = last ? this.lineEndAfter(last.value?.range?.[1] ?? last.key.range![1]) : (node.range?.[1] ?? this.src.length);
      const text = blockText(Object.fromEntries(added.map((k) => [k, next[k]])), col);
      edits.push({ start: at, end: at, text: this.src[at - 1] === "\n" || at === 0 ? text : `\n${text}` });
    }
    return edits;
  }

  /**
   * A block list: items with an id are matched by id (so rows can move), other
   * items by position. Each kept item keeps its own text with its own edits.
   */
  private seq(node: YAMLSeq, old: unknown[], next: unknown[]): Edit[] {
    const items = node.items as Node[];
    const byId = (list: unknown[]) => list.every((x) => isObj(x) && typeof x.id === "string") && new Set(list.map((x) => (x as Obj).id)).size === list.length;
    const keyed = byId(old) && byId(next);
    const oldIndex = (v: unknown, i: number): number => (keyed ? old.findIndex((o) => (o as Obj).id === (v as Obj).id) : i < old.length ? i : -1);
    const col = items[0]?.range ? this.column(this.dashBefore(items[0].range[0])) : 0;
    // an item's text includes the blank lines and comments before it ("# Mục 2" stays with its first task)
    const ends = items.map((it) => this.lineEndAfter(it.range![1]));
    const regions = items.map((it, i) => ({ start: i === 0 ? this.lineStart(this.dashBefore(it.range![0])) : ends[i - 1]!, end: ends[i]! }));
    const order = next.map((v, i) => oldIndex(v, i));
    const unchangedShape = order.length === old.length && order.every((o, i) => o === i);
    if (unchangedShape) return next.flatMap((v, i) => this.value(items[i]!, old[i], v, col + 2, undefined));
    // write the list anew from its items' texts, each with its own edits
    const texts = next.map((v, i) => {
      const o = order[i]!;
      if (o < 0) return blockText([v], col);
      const r = regions[o]!;
      const inner = this.value(items[o]!, old[o], v, col + 2, undefined).map((e) => ({ ...e, start: e.start - r.start, end: e.end - r.start }));
      const own = applyEdits(this.src.slice(r.start, r.end), inner);
      return own.endsWith("\n") ? own : `${own}\n`;
    });
    const first = regions[0]!;
    const last = regions[regions.length - 1]!;
    const body = texts.join("");
    const endsLine = this.src[last.end - 1] === "\n";
    return [{ start: first.start, end: last.end, text: endsLine ? body : body.replace(/\n$/, "") }];
  }

  /** the "-" that introduces a list item (its value may start on the same line or the next) */
  private dashBefore(pos: number): number {
    let i = pos - 1;
    while (i >= 0 && (this.src[i] === " " || this.src[i] === "\n" || this.src[i] === "\r")) i--;
    return this.src[i] === "-" ? i : pos;
  }
}

/** A plain scalar is used only when it reads back as the same string. */
function readsAsPlain(v: string): boolean {
  if (v === "" || v !== v.trim() || /^[-?:,[\]{}#&*!|>'"%@`]/.test(v) || /: |\s#/.test(v) || v.endsWith(":")) return false;
  try {
    return parseDocument(`k: ${v}`).toJS()?.k === v;
  } catch {
    return false;
  }
}

function flowText(v: unknown, padding: boolean): string {
  return stringify(v, { collectionStyle: "flow", lineWidth: 0, flowCollectionPadding: padding }).replace(/\n$/, "");
}

/** YAML block text of a value, each line indented by `indent` spaces. */
function blockText(v: unknown, indent: number): string {
  const pad = " ".repeat(indent);
  // short lists of ids are written as the samples write them: lead: [so-yt, so-tc]
  const doc = new Document(v);
  visit(doc, {
    Seq(_, seq) {
      if (seq.items.every((x) => isScalar(x) && typeof x.value !== "string" ? true : isScalar(x) && !String(x.value).includes(" "))) seq.flow = true;
    },
  });
  return doc
    .toString({ lineWidth: 100, blockQuote: "folded", flowCollectionPadding: false })
    .split("\n")
    .map((l, i, all) => (l === "" && i === all.length - 1 ? "" : pad + l))
    .join("\n");
}

/**
 * Folded lines for new text, keeping the original lines that are still there
 * at the start and the end, so a changed word changes one line, not the paragraph.
 */
function refold(before: string[], text: string, width: number): string[] {
  const lines = foldParagraphs(text, width);
  if (text.includes("\n") || before.some((l) => l === "")) return lines;
  let head = 0;
  let prefix = "";
  while (head < before.length - 1 && text.startsWith(prefix + before[head]! + " ")) prefix += `${before[head++]!} `;
  let tail = 0;
  let suffix = "";
  while (tail < before.length - 1 - head && text.slice(prefix.length).endsWith(" " + before[before.length - 1 - tail]! + suffix)) suffix = ` ${before[before.length - 1 - tail++]!}${suffix}`;
  const middle = text.slice(prefix.length, text.length - suffix.length);
  if (middle.trim() === "") return lines;
  return [...before.slice(0, head), ...foldParagraphs(middle, width), ...before.slice(before.length - tail)];
}

/** Lines of at most `width` characters, broken at spaces; paragraphs ("\n") kept. */
function foldParagraphs(text: string, width: number): string[] {
  const out: string[] = [];
  text.split("\n").forEach((para, i) => {
    if (i > 0) out.push("");
    let line = "";
    for (const word of para.split(" ")) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  });
  return out;
}
