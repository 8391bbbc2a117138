// zod issues → Vietnamese user errors with file:line:col, field path,
// expected and found, and a "did you mean" hint for unknown keys.
import * as z from "zod/mini";
// the locale of the messages zod writes itself (see schema-kit.ts)
import "../model/schema-kit.ts";
import { UserError, UserErrors } from "../errors.ts";
import { formatPath, locate, type PathSegment, type YamlSource } from "./source.ts";

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

const TYPE_NAMES: Record<string, string> = {
  string: "chuỗi văn bản (string)",
  number: "số (number)",
  int: "số nguyên (integer)",
  boolean: "true/false (boolean)",
  array: "danh sách (array)",
  object: "đối tượng (object)",
  null: "rỗng (null)",
  undefined: "không có (missing)",
};

export function describeValue(v: unknown): string {
  if (v === undefined) return "không có (missing)";
  if (v === null) return "rỗng (null)";
  if (Array.isArray(v)) return `danh sách ${v.length} phần tử (array)`;
  if (typeof v === "object") return "đối tượng (object)";
  const json = JSON.stringify(v) ?? String(v);
  const short = json.length > 60 ? `${json.slice(0, 57)}…"` : json;
  return `${TYPE_NAMES[typeof v] ?? typeof v} ${short}`;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) [best, bestD] = [c, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

interface Def {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  in?: Schema;
  valueType?: Schema;
  options?: Schema[];
  getter?: () => Schema;
}
const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The keys an object schema allows at `path` (walking through wrappers). */
export function keysAt(schema: Schema, path: readonly PathSegment[]): string[] {
  const found = new Set<string>();
  const walk = (s: Schema, i: number, depth: number): void => {
    if (depth > 50) return;
    const def = defOf(s);
    switch (def.type) {
      case "optional":
      case "default":
      case "nullable":
      case "readonly":
      case "catch":
      case "prefault":
        return walk(def.innerType!, i, depth + 1);
      case "pipe":
        return walk(def.in!, i, depth + 1);
      case "lazy":
        return walk(def.getter!(), i, depth + 1);
      case "union":
        for (const o of def.options ?? []) walk(o, i, depth + 1);
        return;
      case "object":
        if (i === path.length) {
          for (const k of Object.keys(def.shape ?? {})) found.add(k);
          return;
        }
        if (def.shape && String(path[i]) in def.shape) walk(def.shape[String(path[i])]!, i + 1, depth + 1);
        return;
      case "array":
        if (i < path.length) walk(def.element!, i + 1, depth + 1);
        return;
      case "record":
        if (i < path.length) walk(def.valueType!, i + 1, depth + 1);
        return;
      default:
        return;
    }
  };
  walk(schema, 0, 0);
  return [...found];
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[seg as string];
  }
  return v;
}

/** For a failed union, the branch that got furthest explains the mistake best. */
function bestUnionBranch(branches: Issue[][]): Issue[] {
  let best: Issue[] = branches[0] ?? [];
  let bestScore = -1;
  for (const b of branches) {
    const score = Math.max(0, ...b.map((i) => i.path.length + (i.code === "invalid_type" ? 0 : 0.5)));
    if (score > bestScore) [best, bestScore] = [b, score];
  }
  return best;
}

function flatten(issues: readonly Issue[], prefix: PathSegment[] = []): { issue: Issue; path: PathSegment[] }[] {
  const out: { issue: Issue; path: PathSegment[] }[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const branch = bestUnionBranch(issue.errors as Issue[][]);
      // a type mismatch on every branch at this very spot: report the union as one issue
      const allTypeAtRoot = (issue.errors as Issue[][]).every((b) => b.every((i) => i.code === "invalid_type" && i.path.length === 0));
      if (!allTypeAtRoot) {
        out.push(...flatten(branch, path));
        continue;
      }
    }
    out.push({ issue, path });
  }
  return out;
}

function issueToError(src: YamlSource, schema: Schema, issue: Issue, path: PathSegment[]): UserError[] {
  const location = (p: readonly PathSegment[], key = false) => ({ ...locate(src, p, { key }) });
  const found = valueAt(src.data, path);
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((k) => {
        const allowed = keysAt(schema, path);
        const hint = suggest(k, allowed);
        return new UserError(
          "E_SCHEMA",
          `Trường không được phép "${k}" (unknown key)${hint ? `; có phải ý bạn là "${hint}"? (did you mean)` : ""}`,
          { location: location([...path, k], true), path: formatPath([...path, k]), expected: `một trong: ${allowed.join(", ")}`, found: `"${k}"` },
        );
      });
    case "invalid_type": {
      const missing = found === undefined;
      return [
        new UserError("E_SCHEMA", missing ? "Thiếu trường bắt buộc (missing required field)" : "Sai kiểu dữ liệu (wrong type)", {
          location: location(path),
          path: formatPath(path),
          expected: TYPE_NAMES[issue.expected] ?? issue.expected,
          found: describeValue(found),
        }),
      ];
    }
    case "too_small":
    case "too_big": {
      const small = issue.code === "too_small";
      const bound = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
      const what =
        issue.origin === "array" ? `${small ? "ít nhất" : "nhiều nhất"} ${bound} phần tử` :
        issue.origin === "string" ? (small && Number(bound) === 1 ? "văn bản không rỗng" : `${small ? "ít nhất" : "nhiều nhất"} ${bound} ký tự`) :
        `${small ? "≥" : "≤"} ${bound}`;
      return [new UserError("E_SCHEMA", `Giá trị ${small ? "quá nhỏ" : "quá lớn"} (${small ? "too small" : "too big"})`, { location: location(path), path: formatPath(path), expected: what, found: describeValue(found) })];
    }
    case "invalid_value":
      return [new UserError("E_SCHEMA", "Giá trị không hợp lệ (invalid value)", { location: location(path), path: formatPath(path), expected: `một trong: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`, found: describeValue(found) })];
    case "invalid_format":
      return [new UserError("E_SCHEMA", `Sai định dạng (invalid format): ${issue.message}`, { location: location(path), path: formatPath(path), found: describeValue(found) })];
    case "custom": {
      const params = (issue.params ?? {}) as { expected?: string; found?: string; code?: "E_DEADLINE" };
      const code = path.includes("deadline") ? "E_DEADLINE" : "E_SCHEMA";
      return [new UserError(code, `Giá trị không hợp lệ: ${issue.message}`, { location: location(path), path: formatPath(path), expected: params.expected, found: params.found ?? describeValue(found) })];
    }
    case "invalid_union":
      return [new UserError("E_SCHEMA", "Sai kiểu dữ liệu (wrong type)", { location: location(path), path: formatPath(path), expected: "văn bản hoặc đối tượng theo mẫu (string or object)", found: describeValue(found) })];
    default:
      return [new UserError("E_SCHEMA", `Giá trị không hợp lệ (invalid): ${issue.message}`, { location: location(path), path: formatPath(path), found: describeValue(found) })];
  }
}

/** Validates `src.data` against `schema`; throws UserErrors with every issue. */
export function validateSource<S extends Schema>(src: YamlSource, schema: S, data: unknown = src.data): z.output<S> {
  // jitless: zod would otherwise generate and compile a parser per object schema
  // on first use, which costs a one-shot command more than it saves (issue 11)
  const result = z.safeParse(schema, data, { reportInput: true, jitless: true });
  if (result.success) return result.data;
  const issues = flatten(result.error.issues);
  // a misspelt key already says "did you mean X": drop the "X is missing" twin
  const suggested = new Set<string>();
  for (const { issue, path } of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    for (const k of issue.keys) {
      const hint = suggest(k, keysAt(schema, path));
      if (hint) suggested.add(formatPath([...path, hint]));
    }
  }
  const errors = issues
    .filter(({ issue, path }) => !(issue.code === "invalid_type" && valueAt(src.data, path) === undefined && suggested.has(formatPath(path))))
    .flatMap(({ issue, path }) => issueToError(src, schema, issue, path));
  // one message per spot: unions can report the same place twice
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const k = `${e.details.path}|${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  throw new UserErrors(unique);
}
