// Appendices → table views: header words, column widths, group rows, task rows
// with merged sub-rows, all derived from the plan's tasks and targets.
import { TARGET_COLUMNS, TASK_COLUMNS, type Appendix, type SubRow, type TargetColumnKey, type TaskColumnKey } from "../model/appendix.ts";
import type { PathSegment } from "../model/path.ts";
import type { Plan, Task } from "../model/plan.ts";
import { phrases } from "../load/phrases.ts";
import type { Family } from "../model/style.ts";
import { fill } from "../model/wording.ts";
import { deadlineText, issueDateParts, roman, type DeadlineStyle } from "./format.ts";
import { markupText as t } from "./markup-text.ts";

/** Landscape content width (FORMAT.md §6): the columns are scaled to fill it. */
const TABLE_WIDTH = 252;

export interface CellView {
  text: string;
  align: "left" | "center" | "justify";
  /** columns spanned (a task without sub-rows spans "content" and "detail") */
  span?: number | undefined;
  /** vertical merge with the cells below (DOCX vMerge): the first cell restarts, the others continue */
  merge?: "restart" | "continue" | undefined;
}

export interface AppendixRowView {
  /** a bold full-width group row "I. Công tác tuyên truyền" */
  group?: string | undefined;
  cells?: CellView[] | undefined;
  /** keep with the next row (the rows of one task stay together) */
  keep: boolean;
}

export interface AppendixView {
  heading: string;
  title: string;
  caption: { date: string; of: string };
  /** column widths in mm for "@table tasks widths=…" */
  widths: string;
  span: number;
  headers: string[];
  rows: AppendixRowView[];
  /** content: indicators — the indicator table instead of rows */
  indicators: boolean;
}

/** Tasks in appendix order: by section, then in their own order. */
export function tasksInOrder(plan: Plan): Plan["tasks"] {
  const order = new Map(plan.sections.map((s, i) => [s.id, i]));
  return plan.tasks
    .map((task, i) => ({ task, i }))
    .sort((a, b) => (order.get(a.task.section)! - order.get(b.task.section)!) || a.i - b.i)
    .map(({ task }) => task);
}

/** The plan's appendices as a list (one object or several). */
export function appendixList(plan: Plan): Appendix[] {
  const a = plan.appendix;
  return a === undefined ? [] : Array.isArray(a) ? a : [a];
}

type Field = Exclude<TaskColumnKey, "no" | "content" | "detail">;

/** What the appendix takes from the plan's phrasing and agency naming (derive/view.ts). */
export interface AppendixOptions {
  deadlines: DeadlineStyle;
  /** agency names for a cell, as markup (short names after the first mention) */
  agencyCell: (ids: string[], path: PathSegment[]) => string;
}

/** A field of a task or sub-row as markup; undefined when it does not set it. */
function fieldMarkup(opts: AppendixOptions, field: Field, src: Task | SubRow, path: PathSegment[]): string | undefined {
  switch (field) {
    case "lead":
    case "partners": {
      const ids = src[field];
      return ids === undefined ? undefined : opts.agencyCell(ids, path);
    }
    case "deadline":
      return src.deadline === undefined ? undefined : t(deadlineText(src.deadline, opts.deadlines), path);
    default: {
      const v = src[field];
      return v === undefined ? undefined : t(v, path);
    }
  }
}

/** The table rows of one task: one row, or its sub-rows with shared cells merged. */
function taskRows(plan: Plan, opts: AppendixOptions, task: Task, no: number, keys: TaskColumnKey[]): AppendixRowView[] {
  // where each printed text comes from in the plan (problems found later name its line)
  const at: PathSegment[] = ["tasks", plan.tasks.indexOf(task)];
  const subs = task.rows ?? [];
  const hasDetail = keys.includes("detail");
  // with a "detail" column each sub-row is one row; without it, the task's own row comes first
  const sources: (Task | SubRow)[] = subs.length === 0 ? [task] : hasDetail ? subs : [task, ...subs];
  const n = sources.length;
  const src = (s: Task | SubRow, key: string): PathSegment[] => (s === task ? [...at, key] : [...at, "rows", subs.indexOf(s as SubRow), key]);
  // each column: one markup text per row, or one shared (merged) text
  const col = (key: TaskColumnKey): { texts: string[]; merged: boolean } => {
    if (key === "no") return { texts: [t(String(no), at)], merged: true };
    if (key === "content") return hasDetail || n === 1 ? { texts: [t(task.content, [...at, "content"])], merged: true } : { texts: sources.map((s) => t(s.content, src(s, "content"))), merged: false };
    if (key === "detail") return { texts: subs.length ? subs.map((s) => t(s.content, src(s, "content"))) : [""], merged: subs.length === 0 };
    const own = sources.map((s, i) => (s === task || (i === 0 && !hasDetail) ? undefined : fieldMarkup(opts, key, s, src(s, key))));
    const shared = fieldMarkup(opts, key, task, [...at, key]) ?? "";
    if (own.every((v) => v === undefined)) return { texts: [shared], merged: true };
    return { texts: own.map((v) => v ?? shared), merged: false };
  };
  // a task without sub-rows writes its content across "content" and "detail" when they are neighbours
  const joined = subs.length === 0 && hasDetail && keys.indexOf("detail") === keys.indexOf("content") + 1;
  const columns = keys.filter((k) => !(joined && k === "detail")).map((k) => ({ k, ...col(k) }));
  return sources.map((_, i) => ({
    keep: i < n - 1,
    cells: columns.map(({ k, texts, merged }) => ({
      text: merged && i > 0 ? "" : (texts[merged ? 0 : i] ?? ""),
      align: TASK_COLUMNS[k].align,
      span: joined && k === "content" ? 2 : undefined,
      merge: n > 1 && merged ? (i === 0 ? "restart" : "continue") : undefined,
    })),
  }));
}

/** A task's number in an appendix: its row number, and its group's numeral when the numbers restart in each group. */
export interface TaskNumber {
  no: number;
  group?: string | undefined;
}

/** The groups of a task appendix: one per section with tasks (`section` undefined: the appendix is not grouped), each task with its number. */
interface TaskGroup {
  section?: Plan["sections"][number] | undefined;
  tasks: { task: Task; number: TaskNumber }[];
}

/** The one walk that numbers an appendix's tasks: the table prints these numbers and everything that cites a task uses them. */
function taskGroups(plan: Plan, a: Appendix | undefined): TaskGroup[] {
  const tasks = tasksInOrder(plan);
  let no = 0;
  if (!a?.groups) return [{ tasks: tasks.map((task) => ({ task, number: { no: ++no } })) }];
  const groups: TaskGroup[] = [];
  for (const section of plan.sections) {
    const own = tasks.filter((x) => x.section === section.id);
    if (!own.length) continue;
    const group = a.numbering === "restart" ? roman(groups.length + 1) : undefined;
    if (a.numbering === "restart") no = 0;
    groups.push({ section, tasks: own.map((task) => ({ task, number: { no: ++no, group } })) });
  }
  return groups;
}

/**
 * The task numbers an appendix of tasks prints (the plan's task appendix by
 * default): through the table, or restarting in each group ("1" of group II
 * is "số 1 mục II"). Everything that cites a task by number uses these.
 */
export function taskNumbering(plan: Plan, a: Appendix | undefined = appendixList(plan).find((x) => x.content === "tasks")): Map<Task, TaskNumber> {
  return new Map(taskGroups(plan, a).flatMap((g) => g.tasks.map(({ task, number }) => [task, number] as const)));
}

function taskTable(plan: Plan, opts: AppendixOptions, a: Appendix, keys: TaskColumnKey[]): AppendixRowView[] {
  const rows: AppendixRowView[] = [];
  taskGroups(plan, a).forEach(({ section, tasks }, i) => {
    if (section) rows.push({ group: t(`${roman(i + 1)}. ${section.title}`, ["sections", plan.sections.indexOf(section), "title"]), keep: true });
    for (const { task, number } of tasks) rows.push(...taskRows(plan, opts, task, number.no, keys));
  });
  return rows;
}

function targetTable(plan: Plan, keys: TargetColumnKey[]): AppendixRowView[] {
  return plan.targets.map((g, i) => ({
    keep: false,
    cells: keys.map((k) => ({ text: t(k === "no" ? String(i + 1) : k === "text" ? g.text : (g.milestone ?? ""), ["targets", i, k === "no" ? "id" : k]), align: TARGET_COLUMNS[k].align })),
  }));
}

/** "ngày 01 tháng 12 năm 2025" or "ngày 01/12/2025"; a draft keeps its blanks. */
function captionDate(plan: Plan, style: "words" | "slash"): string {
  const d = issueDateParts(plan.date);
  if (style === "words") return `ngày ${d.day} tháng ${d.month} năm ${d.year}`;
  return `ngày ${d.day}/${d.month}/${d.year}`;
}

/** A Party committee signing "T/M BAN THƯỜNG VỤ" issues through its standing committee. */
export function signsForStandingCommittee(family: Family, authority: string | undefined): boolean {
  return family === "party" && /^T\/M\s+BAN THƯỜNG VỤ$/u.test((authority ?? "").normalize("NFC").trim());
}

/** "Ban Thường vụ Đảng ủy xã Bắc Quang": a Party committee's standing committee, as templates/phrases.yaml words it. */
export function standingCommittee(name: string): string {
  return fill(phrases().standingCommittee, { name });
}

/**
 * Who issues the plan, as its appendix caption names it: the issuer, or for a
 * Party committee signed "T/M BAN THƯỜNG VỤ" its standing committee, as Party
 * captions and citations say.
 */
function issuingBody(plan: Plan): string {
  const name = t(plan.issuer.fullName, ["issuer", "fullName"]);
  return signsForStandingCommittee(plan.family, plan.signer.authority) ? standingCommittee(name) : name;
}

/** " I", " II" … (Party: " 1", " 2" …) after "PHỤ LỤC" when a plan has several appendices; nothing for one. */
function appendixNumber(family: Family, i: number, count: number): string {
  return count > 1 ? ` ${family === "party" ? String(i + 1) : roman(i + 1)}` : "";
}

/** The heading an appendix prints unless the plan words its own: "PHỤ LỤC", or "PHỤ LỤC II" among several. */
export function appendixHeading(family: Family, i: number, count: number): string {
  return `PHỤ LỤC${appendixNumber(family, i, count)}`;
}

/** How the body names the task appendix: "Phụ lục", or "Phụ lục I" among several. */
export function tasksAppendixName(plan: Plan): string {
  const list = appendixList(plan);
  return `Phụ lục${appendixNumber(plan.family, Math.max(0, list.findIndex((a) => a.content === "tasks")), list.length)}`;
}

export function appendixViews(plan: Plan, opts: AppendixOptions): AppendixView[] {
  const list = appendixList(plan);
  return list.map((a, i) => {
    const isTasks = a.content === "tasks";
    const defaults = isTasks ? ["no", "content", "lead", "partners", "deadline"] : ["no", "text", "milestone"];
    const columns = (a.columns ?? defaults.map((key) => ({ key }))) as { key: string; header?: string | undefined; width?: number | undefined }[];
    const known = (isTasks ? TASK_COLUMNS : TARGET_COLUMNS) as Record<string, { header: string; width: number }>;
    // the number column keeps its width ("STT" needs a little more than "TT"); the others share the rest
    const noWidth = (c: (typeof columns)[number]) => c.width ?? ((c.header ?? "TT").length > 2 ? 15 : known.no!.width);
    const raw = columns.map((c) => (c.key === "no" ? 0 : (c.width ?? known[c.key]!.width)));
    const fixed = columns.reduce((w, c) => w + (c.key === "no" ? noWidth(c) : 0), 0);
    const sum = raw.reduce((x, y) => x + y, 0);
    const widths = columns.map((c, k) => (c.key === "no" ? noWidth(c) : Math.round((raw[k]! * (TABLE_WIDTH - fixed) * 10) / sum) / 10));
    const path: PathSegment[] = list.length > 1 || Array.isArray(plan.appendix) ? ["appendix", i] : ["appendix"];
    return {
      heading: t(a.heading ?? appendixHeading(plan.family, i, list.length), [...path, "heading"]),
      title: t(a.title, [...path, "title"]),
      caption: { date: captionDate(plan, a.caption.date ?? "words"), of: a.caption.of === undefined ? issuingBody(plan) : t(a.caption.of, [...path, "caption", "of"]) },
      widths: widths.join(","),
      span: columns.length,
      headers: columns.map((c, k) => (c.header === undefined ? t(known[c.key]!.header) : t(c.header, [...path, "columns", k, "header"]))),
      rows: a.content === "indicators" ? [] : isTasks ? taskTable(plan, opts, a, columns.map((c) => c.key as TaskColumnKey)) : targetTable(plan, columns.map((c) => c.key as TargetColumnKey)),
      indicators: a.content === "indicators",
    };
  });
}
