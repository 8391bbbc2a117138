// What changed between two validated plans, as a flat list of changes a clerk
// can read: targets, tasks and sections by id, agencies by id, and every other
// text by its field path. Values are given as the document prints them
// (agency names, deadlines in the document's phrasing, dates, indicator
// values), not as the raw data. Pure: plans in, changes out.
import { agencyList, BLANK, deadlineText, indicatorText, issueDateParts, slashDate } from "../derive/format.ts";
import type { Plan, Task } from "../model/plan.ts";
import { alignUp, bagSimilarity, lcsPairs } from "./align.ts";
import { normalizeSpace } from "./words.ts";

export type ChangeKind = "target" | "task" | "agency" | "section" | "text";
export type ChangeType = "added" | "removed" | "changed" | "moved";

export interface Change {
  kind: ChangeKind;
  /** id of the target, task, agency or section */
  id?: string;
  /** where, in the plan's field-path notation: "tasks[t06].deadline", "purposes[1]" (a removed list entry: its index in the old plan; otherwise in the new one) */
  path: string;
  change: ChangeType;
  /** what changed of the thing: "text", "deadline", "lead", "name", "title", "letters[1]"…; for kind text the top-level field */
  field?: string;
  /** the value as printed (agency names, deadline wording…); absent when there was none */
  old?: string;
  new?: string;
  /** extra words for a reader: a new task's section, lead and deadline; agencies added to or dropped from a list */
  note?: string;
}

export const KINDS: readonly ChangeKind[] = ["target", "task", "agency", "section", "text"];

/** Vietnamese names of the plan's other fields, for the report. */
export const FIELD_LABELS: Record<string, string> = {
  directive: "Văn bản cấp trên",
  level: "Cấp ban hành",
  family: "Thể thức",
  header: "Quốc hiệu, tiêu ngữ",
  issuer: "Cơ quan ban hành",
  number: "Số văn bản",
  symbol: "Ký hiệu",
  date: "Ngày ban hành",
  period: "Thời kỳ kế hoạch",
  title: "Trích yếu",
  documents: "Văn bản được dẫn",
  legalBasis: "Căn cứ",
  outline: "Dàn ý",
  purposes: "Mục đích",
  requirements: "Yêu cầu",
  indicators: "Chỉ tiêu",
  duties: "Tổ chức thực hiện",
  closing: "Đoạn kết",
  recipients: "Nơi nhận",
  signer: "Người ký",
  appendix: "Phụ lục",
};

/** Compared elsewhere (by id) or already applied by the loader. */
const NOT_TEXT = new Set(["targets", "tasks", "agencies", "sections", "$schema", "extends", "agencyMap"]);

// ---------------------------------------------------------------------------
// paths

/** A path step: a field, an index, or an id in a keyed list ("duties[so-yt]"). */
type Seg = string | number | { id: string };

export function pathText(path: readonly Seg[]): string {
  let out = "";
  for (const s of path) {
    if (typeof s === "number") out += `[${s}]`;
    else if (typeof s === "object") out += `[${s.id}]`;
    else out += out === "" ? s : `.${s}`;
  }
  return out;
}

// ---------------------------------------------------------------------------
// values

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isEmpty = (v: unknown): boolean => v === undefined || v === null || (Array.isArray(v) && v.length === 0);

/**
 * A comparable form: white space collapsed, keys sorted, empty lists dropped,
 * an item without bullets equal to its plain text.
 */
function canon(v: unknown): unknown {
  if (typeof v === "string") return normalizeSpace(v);
  if (Array.isArray(v)) return v.map(canon);
  if (isObj(v)) {
    const keys = Object.keys(v).filter((k) => !isEmpty(v[k])).sort();
    if (keys.length === 1 && keys[0] === "text" && typeof v.text === "string") return canon(v.text);
    return Object.fromEntries(keys.map((k) => [k, canon(v[k])]));
  }
  return v;
}
const key = (v: unknown): string => JSON.stringify(canon(v)) ?? "";
const same = (a: unknown, b: unknown): boolean => key(a) === key(b);

/** One line of text for any value: a paragraph, an item's text, a heading… */
export function describe(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (typeof v === "string") return normalizeSpace(v);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "có" : "không";
  if (Array.isArray(v)) return v.map(describe).join("; ");
  if (isObj(v)) {
    for (const k of ["text", "title", "name", "group", "agency"]) if (typeof v[k] === "string") return normalizeSpace(v[k]);
    if (v.items !== undefined) return describe(v.items);
    return Object.values(v).map(describe).filter(Boolean).join("; ");
  }
  return String(v);
}

/** Every string of a value, for similarity. */
const allText = (v: unknown): string =>
  typeof v === "string" ? v : Array.isArray(v) ? v.map(allText).join(" ") : isObj(v) ? Object.values(v).map(allText).join(" ") : v === undefined ? "" : String(v);

// ---------------------------------------------------------------------------
// generic comparison of the other fields

interface RawChange {
  path: Seg[];
  change: "added" | "removed" | "changed";
  old?: string;
  new?: string;
}

/** Lists whose entries are matched by a key rather than by content. */
function listKey(path: readonly Seg[]): ((v: unknown) => string | undefined) | undefined {
  const last = [...path].reverse().find((s): s is string => typeof s === "string");
  const str = (v: unknown, ...ks: string[]) => {
    if (!isObj(v)) return undefined;
    for (const k of ks) if (typeof v[k] === "string") return `${k}:${normalizeSpace(v[k])}`;
    return undefined;
  };
  if (last === "duties") return (v) => str(v, "agency", "title");
  if (last === "rows") return (v) => str(v, "id", "name", "group");
  if (last === "outline" || last === "children") return (v) => str(v, "title");
  return undefined;
}

/** The path step of a list entry: its id when it has one worth naming. */
function entrySeg(path: readonly Seg[], v: unknown, index: number): Seg {
  const last = [...path].reverse().find((s): s is string => typeof s === "string");
  if (isObj(v) && last === "duties" && typeof v.agency === "string") return { id: v.agency };
  if (isObj(v) && last === "rows" && typeof v.id === "string") return { id: v.id };
  return index;
}

/**
 * Aligns two lists: entries kept in order (same key), then, between them,
 * removed and added entries paired as "changed" when they look alike.
 */
export function alignLists<T>(a: readonly T[], b: readonly T[], keyOf: (v: T) => string): [number | undefined, number | undefined][] {
  const ka = a.map(keyOf);
  const kb = b.map(keyOf);
  const out: [number | undefined, number | undefined][] = [];
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...lcsPairs(ka, kb), [a.length, b.length] as [number, number]]) {
    out.push(...pairGap(a, b, range(i, pi), range(j, pj)));
    if (pi < a.length) out.push([pi, pj]);
    [i, j] = [pi + 1, pj + 1];
  }
  return out;
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

const PAIR_THRESHOLD = 0.3;

function pairGap<T>(a: readonly T[], b: readonly T[], dels: number[], ins: number[]): [number | undefined, number | undefined][] {
  if (dels.length === ins.length) return dels.map((d, k) => [d, ins[k]]);
  // best order-keeping pairing by word overlap
  return alignUp(dels.length, ins.length, (x, y) => {
    const s = bagSimilarity(allText(a[dels[x]!]), allText(b[ins[y]!]));
    return s >= PAIR_THRESHOLD ? s : 0;
  }).map(([x, y]) => [x === undefined ? undefined : dels[x], y === undefined ? undefined : ins[y]]);
}

function diffValue(a: unknown, b: unknown, path: Seg[], out: RawChange[]): void {
  if (same(a, b)) return;
  if (isEmpty(a)) {
    out.push({ path, change: "added", new: describe(b) });
    return;
  }
  if (isEmpty(b)) {
    out.push({ path, change: "removed", old: describe(a) });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    diffList(a, b, path, out);
    return;
  }
  // an item written as plain text on one side and with bullets on the other
  if (typeof a === "string" && isObj(b) && "text" in b) a = { text: a };
  if (typeof b === "string" && isObj(a) && "text" in a) b = { text: b };
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
    for (const k of keys) diffValue(a[k], b[k], [...path, k], out);
    return;
  }
  out.push({ path, change: "changed", old: describe(a), new: describe(b) });
}

function diffList(a: unknown[], b: unknown[], path: Seg[], out: RawChange[]): void {
  const byKey = listKey(path);
  const keyOf = (v: unknown) => byKey?.(v) ?? key(v);
  for (const [i, j] of alignLists(a, b, keyOf)) {
    if (i !== undefined && j !== undefined) diffValue(a[i], b[j], [...path, entrySeg(path, b[j], j)], out);
    else if (j !== undefined) out.push({ path: [...path, entrySeg(path, b[j], j)], change: "added", new: describe(b[j]) });
    else if (i !== undefined) out.push({ path: [...path, entrySeg(path, a[i], i)], change: "removed", old: describe(a[i]) });
  }
}

// ---------------------------------------------------------------------------
// the plan's parts

/** Dates and indicator values as printed, so a change reads like the document. */
function printable(plan: Plan): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(plan)) if (!NOT_TEXT.has(k)) out[k] = v;
  const d = issueDateParts(plan.date);
  const blank = (s: string) => (s === BLANK ? "…" : s);
  out.date = `ngày ${blank(d.day)} tháng ${blank(d.month)} năm ${d.year}`;
  if (plan.number !== undefined) out.number = String(plan.number);
  if (plan.period) out.period = `${plan.period.from}–${plan.period.to}`;
  out.documents = Object.fromEntries(Object.entries(plan.documents).map(([id, c]) => [id, { ...c, date: slashDate(c.date) }]));
  if (plan.indicators) {
    out.indicators = {
      columns: plan.indicators.columns,
      rows: plan.indicators.rows.map((r) => ("values" in r ? { ...r, values: r.values.map((v) => indicatorText(v, r.decimals)) } : r)),
    };
  }
  return out;
}

const fieldOrder = (k: string): number => {
  const i = Object.keys(FIELD_LABELS).indexOf(k);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
};

function diffText(a: Plan, b: Plan, out: Change[]): void {
  const pa = printable(a);
  const pb = printable(b);
  const fields = [...new Set([...Object.keys(pa), ...Object.keys(pb)])].sort((x, y) => fieldOrder(x) - fieldOrder(y));
  for (const field of fields) {
    const raw: RawChange[] = [];
    diffValue(pa[field], pb[field], [field], raw);
    for (const r of raw) out.push({ kind: "text", path: pathText(r.path), change: r.change, field, ...values(r.old, r.new) });
  }
}

const values = (old: string | undefined, now: string | undefined): { old?: string; new?: string } => ({
  ...(old !== undefined && old !== "" ? { old } : {}),
  ...(now !== undefined && now !== "" ? { new: now } : {}),
});

/**
 * Entries of two id-keyed lists in reading order: the new plan's order, a
 * removed entry right after the entry that preceded it in the old plan.
 */
function byId<T extends { id: string }>(a: readonly T[], b: readonly T[]): { id: string; old?: T; new?: T }[] {
  const oldById = new Map(a.map((x) => [x.id, x]));
  const newIndex = new Map(b.map((x, j) => [x.id, j]));
  const rows: { at: number; sub: number; id: string; old?: T; new?: T }[] = b.map((x, j) => ({ at: j, sub: 0, id: x.id, new: x, ...(oldById.has(x.id) ? { old: oldById.get(x.id)! } : {}) }));
  let anchor = -1;
  a.forEach((x, i) => {
    const j = newIndex.get(x.id);
    if (j !== undefined) anchor = j;
    else rows.push({ at: anchor + 0.5, sub: i, id: x.id, old: x });
  });
  return rows.sort((p, q) => p.at - q.at || p.sub - q.sub);
}

function diffTargets(a: Plan, b: Plan, out: Change[]): void {
  for (const { id, old, new: now } of byId(a.targets, b.targets)) {
    const path = `targets[${id}]`;
    if (!old && now) out.push({ kind: "target", id, path, change: "added", new: normalizeSpace(now.text), ...(now.milestone ? { note: `mốc ${now.milestone}` } : {}) });
    else if (old && !now) out.push({ kind: "target", id, path, change: "removed", old: normalizeSpace(old.text) });
    else if (old && now) {
      if (!same(old.text, now.text)) out.push({ kind: "target", id, path: `${path}.text`, change: "changed", field: "text", old: normalizeSpace(old.text), new: normalizeSpace(now.text) });
      if (!same(old.milestone, now.milestone)) out.push({ kind: "target", id, path: `${path}.milestone`, change: "changed", field: "milestone", ...values(old.milestone, now.milestone) });
    }
  }
}

const agencyNames = (plan: Plan, ids: string[]): string => agencyList(ids.map((id) => plan.agencies[id] ?? { name: id }));
const nameOf = (plan: Plan, id: string): string => plan.agencies[id]?.name ?? id;

/** "thêm: Sở Nội vụ; bỏ: Sở Tài chính" for a lead or partner list. */
function listNote(a: Plan, b: Plan, was: string[], now: string[]): string | undefined {
  const wasNames = was.map((id) => nameOf(a, id));
  const nowNames = now.map((id) => nameOf(b, id));
  const added = nowNames.filter((n) => !wasNames.includes(n));
  const dropped = wasNames.filter((n) => !nowNames.includes(n));
  const parts = [added.length ? `thêm: ${added.join(", ")}` : "", dropped.length ? `bỏ: ${dropped.join(", ")}` : ""].filter(Boolean);
  return parts.length ? parts.join("; ") : undefined;
}

function taskNote(plan: Plan, t: Task): string {
  const lead = agencyNames(plan, t.lead);
  return [`mục ${t.section}`, lead ? `chủ trì: ${lead}` : "", `thời hạn: ${deadlineText(t.deadline)}`].filter(Boolean).join("; ");
}

function diffTasks(a: Plan, b: Plan, out: Change[]): void {
  for (const { id, old, new: now } of byId(a.tasks, b.tasks)) {
    const path = `tasks[${id}]`;
    if (!old && now) out.push({ kind: "task", id, path, change: "added", new: normalizeSpace(now.content), note: taskNote(b, now) });
    else if (old && !now) out.push({ kind: "task", id, path, change: "removed", old: normalizeSpace(old.content), note: taskNote(a, old) });
    if (!old || !now) continue;
    const push = (field: string, change: ChangeType, o: string, n: string, note?: string) =>
      out.push({ kind: "task", id, path: `${path}.${field}`, change, field, ...values(o, n), ...(note ? { note } : {}) });
    if (old.section !== now.section) {
      const title = b.sections.find((s) => s.id === now.section)?.title;
      push("section", "moved", old.section, now.section, title ? normalizeSpace(title) : undefined);
    }
    if (!same(old.content, now.content)) push("content", "changed", normalizeSpace(old.content), normalizeSpace(now.content));
    for (const field of ["lead", "partners"] as const) {
      const was = agencyNames(a, old[field]);
      const is = agencyNames(b, now[field]);
      // a renamed agency is reported once, under agencies; a new id with the same name changes nothing printed
      if (!same(old[field], now[field]) && was !== is) push(field, "changed", was, is, listNote(a, b, old[field], now[field]));
    }
    const dl = [deadlineText(old.deadline), deadlineText(now.deadline)] as const;
    if (dl[0] !== dl[1]) push("deadline", "changed", dl[0], dl[1]);
    if (!same(old.targets, now.targets)) push("targets", "changed", old.targets.join(", "), now.targets.join(", "));
  }
}

function diffAgencies(a: Plan, b: Plan, out: Change[]): void {
  const list = (p: Plan) => Object.entries(p.agencies).map(([id, v]) => ({ id, ...v }));
  for (const { id, old, new: now } of byId(list(a), list(b))) {
    const path = `agencies[${id}]`;
    if (!old && now) out.push({ kind: "agency", id, path, change: "added", new: now.name });
    else if (old && !now) out.push({ kind: "agency", id, path, change: "removed", old: old.name });
    else if (old && now) {
      if (!same(old.name, now.name)) out.push({ kind: "agency", id, path: `${path}.name`, change: "changed", field: "name", old: old.name, new: now.name });
      if (Boolean(old.group) !== Boolean(now.group)) out.push({ kind: "agency", id, path: `${path}.group`, change: "changed", field: "group", old: describe(Boolean(old.group)), new: describe(Boolean(now.group)) });
    }
  }
}

function diffSections(a: Plan, b: Plan, out: Change[]): void {
  for (const { id, old, new: now } of byId(a.sections, b.sections)) {
    const path = `sections[${id}]`;
    if (!old && now) out.push({ kind: "section", id, path, change: "added", new: normalizeSpace(now.title) });
    else if (old && !now) out.push({ kind: "section", id, path, change: "removed", old: normalizeSpace(old.title) });
    if (!old || !now) continue;
    const raw: RawChange[] = [];
    const content = (s: object) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== "id"));
    diffValue(content(old), content(now), [], raw);
    for (const r of raw) {
      const field = pathText(r.path);
      out.push({ kind: "section", id, path: `${path}.${field}`, change: r.change, field, ...values(r.old, r.new) });
    }
  }
}

/** Every difference between two plans, grouped by kind: targets, tasks, agencies, sections, other text. */
export function diffPlans(oldPlan: Plan, newPlan: Plan): Change[] {
  const out: Change[] = [];
  diffTargets(oldPlan, newPlan, out);
  diffTasks(oldPlan, newPlan, out);
  diffAgencies(oldPlan, newPlan, out);
  diffSections(oldPlan, newPlan, out);
  diffText(oldPlan, newPlan, out);
  return out;
}

export type Summary = { total: number } & Record<ChangeKind, Record<ChangeType, number>>;

export function summarize(changes: readonly Change[]): Summary {
  const zero = (): Record<ChangeType, number> => ({ added: 0, removed: 0, changed: 0, moved: 0 });
  const s = { total: changes.length, target: zero(), task: zero(), agency: zero(), section: zero(), text: zero() };
  for (const c of changes) s[c.kind][c.change]++;
  return s;
}
