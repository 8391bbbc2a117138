// Inheritance between plans: `extends: <path>` takes everything from the
// parent plan and overrides what the child states. Merging happens on the raw
// data (before validation), so the merged plan is validated as a whole:
//  - keyed lists merge by id: targets, sections, tasks (and indicator rows
//    with an id): an entry with a known id replaces the parent's fields it
//    states, `drop: true` removes it, a new id is added at the end;
//  - records merge by key: agencies, documents;
//  - every other field the child states replaces the parent's;
//  - `agencyMap` (e.g. so-yt → tram-y-te, ubnd-huyen → null) renames agency
//    ids in every task and duty, after merging; null removes the agency.
import { dirname, relative, resolve } from "node:path";
import { UserError } from "../errors.ts";
import { isReallyInside, realPath } from "./real-path.ts";
import { locate, parseYamlSource, type YamlSource } from "./source.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

const KEYED_LISTS = ["targets", "sections", "tasks"] as const;
const RECORDS = ["agencies", "documents"] as const;
/** fields that belong to one file only and are never inherited (a commune numbers its own plan) */
const OWN = ["extends", "agencyMap", "$schema", "number"] as const;

function mergeById(parent: unknown, child: unknown): unknown {
  if (!Array.isArray(parent) || !Array.isArray(child)) return child;
  const out: unknown[] = parent.map((p) => (isObj(p) ? { ...p } : p));
  const index = new Map<string, number>();
  out.forEach((p, i) => isObj(p) && typeof p.id === "string" && index.set(p.id, i));
  const dropped = new Set<number>();
  for (const c of child) {
    const id = isObj(c) && typeof c.id === "string" ? c.id : undefined;
    const at = id === undefined ? undefined : index.get(id);
    if (isObj(c) && c.drop === true) {
      if (at !== undefined) dropped.add(at);
      continue;
    }
    if (at !== undefined && isObj(c)) out[at] = { ...(out[at] as Obj), ...c };
    else out.push(c);
  }
  return out.filter((_, i) => !dropped.has(i));
}

/** Pure: the parent's data with the child's on top (see the rules above). */
export function mergePlanData(parent: Obj, child: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(parent)) if (!(OWN as readonly string[]).includes(k)) out[k] = v;
  for (const [k, v] of Object.entries(child)) {
    if ((KEYED_LISTS as readonly string[]).includes(k)) out[k] = mergeById(out[k], v);
    else if ((RECORDS as readonly string[]).includes(k) && isObj(out[k]) && isObj(v)) out[k] = { ...out[k], ...v };
    else out[k] = v;
  }
  if (isObj(child.agencyMap)) applyAgencyMap(out, child.agencyMap);
  return out;
}

function applyAgencyMap(plan: Obj, map: Obj): void {
  const rename = (ids: unknown): unknown => {
    if (!Array.isArray(ids)) return ids;
    const out: unknown[] = [];
    for (const id of ids) {
      const to = typeof id === "string" && id in map ? map[id] : id;
      if (to === null || to === undefined || to === "") continue;
      if (!out.includes(to)) out.push(to);
    }
    return out;
  };
  if (Array.isArray(plan.tasks)) {
    plan.tasks = plan.tasks.map((t) => (isObj(t) ? { ...t, lead: rename(t.lead), partners: rename(t.partners) } : t));
  }
  if (Array.isArray(plan.duties)) {
    plan.duties = plan.duties
      .map((d) => {
        if (!isObj(d)) return d;
        // one heading for several agencies: rename each, drop the removed ones, the duty with the last
        if (Array.isArray(d.agency)) {
          const ids = rename(d.agency) as unknown[];
          return ids.length === 0 ? undefined : { ...d, agency: ids };
        }
        if (typeof d.agency !== "string" || !(d.agency in map)) return d;
        const to = map[d.agency];
        return to === null || to === "" ? undefined : { ...d, agency: to };
      })
      .filter((d) => d !== undefined);
  }
}

export interface ChainOptions {
  read(file: string): Promise<string>;
  /** extends may not leave this folder (unless undefined) */
  root?: string | undefined;
}

/** Reads a plan file and everything it extends; returns the merged source. */
export async function loadSourceChain(file: string, opts: ChainOptions, seen: string[] = []): Promise<YamlSource> {
  const src = parseYamlSource(file, await opts.read(file));
  const data = src.data;
  if (!isObj(data) || data.extends === undefined) return src;
  const pos = locate(src, ["extends"]);
  if (typeof data.extends !== "string" || data.extends.trim() === "") {
    throw new UserError("E_SCHEMA", "extends phải là đường dẫn tới một tệp kế hoạch (extends must be a path)", { location: pos, path: "extends", expected: "đường dẫn, ví dụ ../tinh.yaml", found: JSON.stringify(data.extends) });
  }
  const parentFile = resolve(dirname(file), data.extends);
  // the folder check comes before anything of the parent is read, on real paths: a link may lead outside
  if (opts.root !== undefined) {
    if (!(await isReallyInside(opts.root, parentFile))) {
      throw new UserError("E_EXTENDS_OUTSIDE", "extends trỏ ra ngoài thư mục dự án; dùng --allow-outside nếu thật sự cần (extends leaves the project folder)", {
        location: pos,
        path: "extends",
        expected: `một tệp trong ${resolve(opts.root)}`,
        found: (await realPath(parentFile)) === parentFile ? parentFile : `${parentFile} → ${await realPath(parentFile)}`,
      });
    }
  }
  const chain = [...seen, resolve(file)];
  if (chain.includes(parentFile)) {
    throw new UserError("E_EXTENDS_CYCLE", `Vòng lặp extends (extends cycle): ${[...chain, parentFile].map((f) => relative(process.cwd(), f)).join(" → ")}`, {
      location: pos,
      path: "extends",
    });
  }
  let parent: YamlSource;
  try {
    parent = await loadSourceChain(parentFile, opts, chain);
  } catch (e) {
    if (e instanceof UserError && e.code === "E_FILE_NOT_FOUND" && e.details.location?.file === parentFile) {
      throw new UserError("E_REFERENCE", "Không tìm thấy tệp mà extends trỏ tới (extends: file not found)", { location: pos, path: "extends", found: parentFile });
    }
    throw e;
  }
  if (!isObj(parent.data)) {
    // an empty file, a list or a lone value is not a plan to inherit from: say so, do not ignore the line
    const found = parent.data === null || parent.data === undefined ? "tệp rỗng (empty)" : Array.isArray(parent.data) ? "danh sách (list)" : `một giá trị đơn (${typeof parent.data})`;
    throw new UserError("E_SCHEMA", "Tệp mà extends trỏ tới không phải là một kế hoạch (extends target is not a plan)", { location: pos, path: "extends", expected: "một tệp kế hoạch YAML (đối tượng với issuer, title, …)", found: `${parentFile}: ${found}` });
  }
  return { ...src, data: mergePlanData(parent.data, data), parent };
}

/** Files a merged source was read from: the plan and everything it extends. */
export function sourceFiles(src: YamlSource): string[] {
  const out: string[] = [];
  for (let s: YamlSource | undefined = src; s; s = s.parent) out.push(s.file);
  return out;
}
