// Plain-data helpers for the form: the plan is one JSON value edited by path.
export type Seg = string | number;
export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function getIn(v: unknown, path: readonly Seg[]): unknown {
  let cur = v;
  for (const s of path) cur = isObj(cur) || Array.isArray(cur) ? (cur as Record<string | number, unknown>)[s] : undefined;
  return cur;
}

/** A copy with `value` at `path` (undefined removes the key). */
export function setIn(v: unknown, path: readonly Seg[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [Seg, ...Seg[]];
  if (typeof head === "number") {
    const arr = Array.isArray(v) ? [...v] : [];
    arr[head] = setIn(arr[head], rest, value);
    return arr;
  }
  const obj: Obj = isObj(v) ? { ...v } : {};
  const next = setIn(obj[head], rest, value);
  if (next === undefined) delete obj[head];
  else obj[head] = next;
  return obj;
}

/** "tasks[3].lead[0]", as the CLI names fields. */
export function pathText(path: readonly Seg[]): string {
  let out = "";
  for (const s of path) out += typeof s === "number" ? `[${s}]` : out ? `.${s}` : s;
  return out;
}

/** The field a diagnostic belongs to: its own path, else the closest parent the form shows. */
export function fieldFor(diagPath: string, shown: Set<string>): string | undefined {
  let p = diagPath;
  while (p) {
    if (shown.has(p)) return p;
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) return undefined;
    p = p.slice(0, cut);
  }
  return undefined;
}

/** A piece of a field's text that the preview's text layer will contain. */
export function snippet(text: string): string {
  const parts = text.split(/\{[^}]*\}|\[\[|\]\]|\n/).map((s) => s.trim());
  // the opening words are the most telling (later ones repeat the directive's title)
  const first = parts.find((p) => p.length >= 20) ?? parts.reduce((a, b) => (b.length > a.length ? b : a), "");
  return first.slice(0, 40);
}
