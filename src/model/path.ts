// Field paths into plan data: how a value is named in messages ("tasks[3].lead[0]")
// and carried from the YAML through the view and the markup to the document
// blocks, so that a problem found late is still reported at the plan's line.

export type PathSegment = string | number;

/** "tasks[3].lead[0]" */
export function formatPath(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out ? `.${seg}` : seg;
  }
  return out || "(gốc)";
}

/** Where a stretch of a paragraph's text comes from: from character `at` on, the plan value at `path`. */
export interface Origin {
  at: number;
  path: PathSegment[];
}

/** The origin of the character at `offset` of a paragraph's text: the last one starting at or before it. */
export function originAt(origins: readonly Origin[] | undefined, offset: number): PathSegment[] | undefined {
  let found: PathSegment[] | undefined;
  for (const o of origins ?? []) if (o.at <= offset) found = o.path;
  return found;
}

/**
 * Calls `visit` with every string in plain data and its path, depth first in
 * key order. The one walk over plan data: control characters, citation
 * references and placeholders are all found through it. `visit` may return
 * "stop" to end the walk early.
 */
export function forEachString(data: unknown, visit: (value: string, path: PathSegment[]) => void | "stop", root: PathSegment[] = []): boolean {
  const walk = (v: unknown, path: PathSegment[]): boolean => {
    if (typeof v === "string") return visit(v, path) === "stop";
    if (Array.isArray(v)) return v.some((x, i) => walk(x, [...path, i]));
    if (v && typeof v === "object") return Object.entries(v).some(([k, x]) => walk(x, [...path, k]));
    return false;
  };
  return walk(data, root);
}
