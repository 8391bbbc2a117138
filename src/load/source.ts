// YAML source with positions: every later error can point at file:line:col.
// Text is normalised to NFC before parsing, so every string in the data is NFC.
//
// Two readers. The data comes from js-yaml when it reads the text without
// complaint and without aliases (a plan's usual case): it reads a 32 KB plan
// 4-8 times faster than the `yaml` package, whose document with every node's
// position (what messages point at) is then made only when a message needs a
// position. Anything else (a syntax error, a duplicate key, an alias, a tag
// js-yaml does not know) goes through `yaml` as before, so its messages and
// its limits (aliases) are the ones users see. js-yaml reads the scalars with
// YAML 1.2's core schema, as `yaml` does (yaml-core-schema.ts).
import { load as fastLoad } from "js-yaml";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { UserError } from "../errors.ts";
import { CORE_SCHEMA_12 } from "./yaml-core-schema.ts";

import { forEachString, formatPath, type PathSegment } from "../model/path.ts";

export { formatPath, type PathSegment };

/** The YAML document with every node's position: parsed on first use (a message that points at the plan). */
export type Positions = () => { doc: Document; lineCounter: LineCounter };

export interface YamlSource {
  file: string;
  text: string;
  positions: Positions;
  /** the data: for a plan that extends another, the merged data */
  data: unknown;
  /** the source of the plan this one extends: positions of inherited parts are found there */
  parent?: YamlSource | undefined;
}

/** Parses YAML text; a syntax error becomes one E_YAML_SYNTAX user error. */
export function parseYamlSource(file: string, raw: string): YamlSource {
  const text = raw.normalize("NFC");
  let positions: ReturnType<Positions> | undefined;
  let data = readPlain(text);
  if (data === NOT_PLAIN) {
    // `yaml` read it: its document is the positions too; only its aliases can make a cycle (js-yaml's data is a tree)
    const read = readWithYaml(file, text);
    positions = read;
    data = read.data;
    if (isCyclic(data)) {
      throw new UserError("E_YAML_ALIASES", "YAML có bí danh tự tham chiếu (&a [*a]): dữ liệu vô hạn, từ chối (recursive alias)", { location: { file } });
    }
  }
  const src: YamlSource = { file, text, positions: () => (positions ??= readWithYaml(file, text)), data };
  rejectControlCharacters(src);
  return src;
}

const NOT_PLAIN = Symbol("not plain");

/**
 * What js-yaml reads otherwise than `yaml` without complaining: a %YAML 1.1
 * directive (`yaml` then reads "yes" as true), and a list or mapping used as a
 * key (explicit "? " keys, "[a, b]: c"), which the two turn into different
 * strings. Text that may hold one goes to `yaml`; a false alarm costs time only.
 */
const YAML_ONLY = /^%YAML|(?:^|[\s,[{])\?(?:\s|$)|^[ \t]*(?:- +)*[[{][^\n]*[\]}][ \t]*:(?:\s|$)/m;

/** The data by js-yaml, or NOT_PLAIN when it complains or the data shares a mapping or list (an alias). */
function readPlain(text: string): unknown {
  if (YAML_ONLY.test(text)) return NOT_PLAIN;
  let data: unknown;
  try {
    data = fastLoad(text, { schema: CORE_SCHEMA_12 });
  } catch {
    return NOT_PLAIN;
  }
  const seen = new Set<object>();
  const shared = (v: unknown): boolean => {
    if (typeof v !== "object" || v === null) return false;
    if (seen.has(v)) return true;
    seen.add(v);
    return Object.values(v).some(shared);
  };
  if (data === undefined || data === null) return null; // an empty file, as `yaml` reads it
  // a plan, a seed or a template's data is a mapping; anything else (and a top-level block scalar,
  // where js-yaml reads indentation indicators differently) is `yaml`'s to read and to refuse
  if (typeof data !== "object" || Array.isArray(data) || shared(data)) return NOT_PLAIN;
  return data;
}

/** The `yaml` package's document, positions and data; its errors as user errors. */
function readWithYaml(file: string, text: string): { doc: Document; lineCounter: LineCounter; data: unknown } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const pos = lineCounter.linePos(err.pos[0]);
    throw new UserError("E_YAML_SYNTAX", `Lỗi cú pháp YAML (YAML syntax): ${firstLine(err.message)}`, {
      location: { file, line: pos.line, col: pos.col },
    });
  }
  let data: unknown;
  try {
    // aliases are expanded with a budget: a "billion laughs" file is refused, not expanded
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const bomb = /alias/i.test((e as Error).message);
    throw new UserError(bomb ? "E_YAML_ALIASES" : "E_YAML_SYNTAX", bomb ? "YAML dùng quá nhiều bí danh (&/*), có thể là tệp độc hại: từ chối (too many aliases)" : `Không đọc được YAML (YAML): ${firstLine((e as Error).message)}`, {
      location: { file },
    });
  }
  return { doc, lineCounter, data };
}

/** An alias that contains itself makes the data infinite: every later walk would never end. */
function isCyclic(v: unknown, ancestors = new Set<object>()): boolean {
  if (typeof v !== "object" || v === null) return false;
  if (ancestors.has(v)) return true;
  ancestors.add(v);
  const found = Object.values(v).some((x) => isCyclic(x, ancestors));
  ancestors.delete(v);
  return found;
}

// C0 controls other than tab and line breaks, and DEL: invisible, and not allowed in DOCX XML;
// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): invisible,
// they reorder the text around them, and Word/LibreOffice and our PDF apply them differently
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
const isBidi = (cp: number): boolean => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);

/** A control character in any text (typed raw, or as a "\x07" escape) is refused with its place. */
function rejectControlCharacters(src: YamlSource): void {
  forEachString(src.data, (v, path) => {
    const m = CONTROL.exec(v);
    if (m) {
      const code = m[0].codePointAt(0)!;
      const cp = code.toString(16).toUpperCase().padStart(4, "0");
      const what = isBidi(code) ? `ký tự điều khiển hướng chữ U+${cp} (bidirectional control): Word và PDF hiển thị khác nhau` : `ký tự điều khiển U+${cp}, không in được (control character)`;
      throw new UserError("E_CONTROL_CHAR", `Văn bản chứa ${what}`, {
        location: locate(src, path),
        path: formatPath(path),
        expected: "chữ, số, dấu câu, khoảng trắng",
        found: JSON.stringify(v.slice(Math.max(0, m.index - 20), m.index + 20)),
      });
    }
  });
}

function firstLine(s: string): string {
  return s.split("\n")[0] ?? s;
}

/**
 * Line and column of the node at `path`; when the path does not exist (a
 * missing field), the closest existing parent. `key: true` points at the key
 * of the last segment instead of its value (for unknown keys).
 */
export function locate(src: YamlSource, path: readonly PathSegment[], opts: { key?: boolean } = {}, data: unknown = src.data): { file: string; line: number; col: number } {
  // an inherited part is written in the parent file: look there when the child lacks it
  const own = locateIn(src, path, opts, data);
  if (!own.complete && src.parent && locateIn(src.parent, path, opts, data).complete) return locate(src.parent, path, opts, data);
  return { file: src.file, line: own.line, col: own.col };
}

/** The item of a YAML sequence that is a mapping with this id. */
function itemWithId(seq: { items: unknown[] }, id: string): unknown {
  return seq.items.find((it) => isMap(it) && it.items.some((p) => isScalar(p.key) && p.key.value === "id" && isScalar(p.value) && p.value.value === id));
}

/**
 * Walks the YAML nodes along `path`. `data` is the (merged) data the path was
 * taken in: an element with an id is found by that id, since merging by id
 * moves entries (a commune's task 3 may be the province's task 7).
 */
function locateIn(src: YamlSource, path: readonly PathSegment[], opts: { key?: boolean }, data: unknown): { line: number; col: number; complete: boolean } {
  const { doc, lineCounter } = src.positions();
  let node: unknown = doc.contents;
  let value: unknown = data;
  let best = { line: 1, col: 1, complete: false };
  const posOf = (n: unknown): { line: number; col: number; complete: boolean } | undefined => {
    const range = (n as Node | null)?.range;
    return range ? { ...lineCounter.linePos(range[0]), complete: false } : undefined;
  };
  best = posOf(node) ?? best;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) === String(seg) : false));
      if (!pair) return best;
      if (last && opts.key) return { ...(posOf(pair.key) ?? best), complete: true };
      node = pair.value;
      value = value && typeof value === "object" ? (value as Record<string, unknown>)[String(seg)] : undefined;
      best = posOf(node) ?? posOf(pair.key) ?? best;
    } else if (isSeq(node) && typeof seg === "number") {
      const el = Array.isArray(value) ? (value[seg] as unknown) : undefined;
      const id = el && typeof el === "object" ? (el as { id?: unknown }).id : undefined;
      // lists merged by id are searched by id; other lists are replaced whole by the file that states them
      node = typeof id === "string" ? itemWithId(node, id) : node.items[seg];
      value = el;
      if (node === undefined) return best;
      best = posOf(node) ?? best;
    } else {
      return best;
    }
  }
  return { ...best, complete: true };
}
