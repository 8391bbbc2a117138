// Consistency rules of `kehoach check`: what a schema cannot see. Pure: a
// validated plan (and the library) in, findings with severity and location out.
import type { Diagnostic, Severity } from "../errors.ts";
import type { Library } from "../load/library.ts";
import { formatPath, locate, type PathSegment, type YamlSource } from "../load/source.ts";
import { forEachString } from "../model/path.ts";
import type { Deadline } from "../model/deadline.ts";
import { FOOTNOTE_PATTERN, PLACEHOLDER_PATTERN } from "../model/inline.ts";
import { isVerified, type DirectiveTarget } from "../model/directive.ts";
import type { Item, OutlineNode, Plan } from "../model/plan.ts";
import { deadlineText } from "../derive/format.ts";
import { phrasingOf } from "../derive/view.ts";
import { appendixList } from "../derive/appendix.ts";
import { dutyListsTask } from "../derive/duties.ts";

/** A finding of a rule: a diagnostic with the rule's code (C_…) and severity. */
export type Finding = Diagnostic;

export const RULES = {
  C_NO_LEAD: "error",
  C_TARGET_UNDEFINED: "error",
  C_DEADLINE_BEFORE_ISSUE: "warning",
  C_DEADLINE_AFTER_HORIZON: "warning",
  C_TARGET_UNUSED: "warning",
  C_SECTION_UNCOVERED: "warning",
  C_DUPLICATE_TASK: "warning",
  C_EMPTY_SECTION: "warning",
  C_UNVERIFIED_FIGURE: "warning",
  C_TASK_UNPRINTED: "warning",
  C_FOOTNOTE_UNUSED: "warning",
  C_SPLIT_ITEM: "warning",
  C_PLACEHOLDER: "placeholder",
} as const satisfies Record<string, Severity>;
export type RuleCode = keyof typeof RULES;

/** The first and last day a deadline can mean, as yyyymmdd numbers (undefined: open). */
export function deadlineSpan(d: Deadline): { start?: number; end?: number } {
  const ymd = (y: number, m: number, day: number) => y * 10000 + m * 100 + day;
  switch (d.kind) {
    case "month":
      return { start: ymd(d.year, d.month, 1), end: ymd(d.year, d.month, 31) };
    case "range":
      // from the start of its first point to the end of its last
      return { start: deadlineSpan(d.from).start, end: deadlineSpan(d.to).end };
    case "before":
      return { end: ymd(d.date.year, d.date.month, d.date.day) };
    case "quarter":
      return { start: ymd(d.year, d.quarter * 3 - 2, 1), end: ymd(d.year, d.quarter * 3, 31) };
    case "year":
      return { start: ymd(d.year, 1, 1), end: ymd(d.year, 12, 31) };
    case "from":
      return { start: ymd(d.year, 1, 1) };
    default:
      return {};
  }
}

const normalise = (s: string) => s.toLocaleLowerCase("vi").replace(/[^\p{L}\p{N}]+/gu, " ").trim();

/** The figures of a text: its numbers, "1,5" and "1.5" alike. */
const figures = (s: string): string[] => [...s.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0].replace(/,/g, "."));

/** The targets of the plan's directive and of every document it implements. */
function chainTargets(lib: Library, directive: string): { target: DirectiveTarget; document: string }[] {
  const out: { target: DirectiveTarget; document: string }[] = [];
  const seen = new Set<string>();
  const visit = (ref: string): void => {
    const d = lib.directives.get(ref);
    if (!d || seen.has(ref)) return;
    seen.add(ref);
    const document = `${d.citation.kind} số ${d.citation.number}`;
    for (const target of d.targets) out.push({ target, document });
    d.implements.forEach(visit);
  };
  visit(directive);
  return out;
}

/**
 * Whether a plan's target prints a library target: the library's target of the same
 * id when there is one (the plan's target still carries all its figures, or its
 * wording), otherwise any whose wording the plan's text contains. A plan that sets
 * its own figures (98% where the library says 95%) does not print the library's.
 */
function printsLibraryFigure(text: string, lib: DirectiveTarget): boolean {
  if (normalise(text).includes(normalise(lib.text))) return true;
  const need = figures(lib.text);
  if (need.length === 0) return false;
  const have = new Set(figures(text));
  return need.every((f) => have.has(f));
}

/** The unverified library target a plan's target prints, if any. */
function printedUnverifiedTarget<T extends { target: DirectiveTarget }>(text: string, id: string, candidates: T[]): T | undefined {
  const same = candidates.filter((u) => u.target.id === id);
  const printed = same.length ? same.filter((u) => printsLibraryFigure(text, u.target)) : candidates.filter((u) => normalise(text).includes(normalise(u.target.text)));
  return printed.find((u) => !isVerified(u.target.verified));
}

/** Milestones an outline prints with `use: targets` (undefined in the set = all). */
function printedMilestones(nodes: OutlineNode[], out = new Set<string | undefined>()): Set<string | undefined> {
  for (const n of nodes) {
    if (n.use === "targets") out.add(n.milestone);
    printedMilestones(n.children, out);
  }
  return out;
}

export function checkPlan(plan: Plan, src: YamlSource, lib?: Library): Finding[] {
  const findings: Finding[] = [];
  const add = (code: RuleCode, message: string, path: PathSegment[]) => {
    const pos = locate(src, path);
    findings.push({ code, severity: RULES[code], message, path: formatPath(path), file: pos.file, line: pos.line, col: pos.col });
  };

  // tasks: lead agency, deadlines, target references, duplicates
  const issue = plan.date.year * 10000 + (plan.date.month ?? 1) * 100 + (plan.date.day ?? 1);
  const horizon = plan.period?.to ?? (plan.directive ? lib?.directives.get(plan.directive)?.horizon : undefined);
  const targetIds = new Set(plan.targets.map((g) => g.id));
  const seen = new Map<string, number>();
  const style = phrasingOf(plan).deadlines;
  plan.tasks.forEach((task, i) => {
    if (task.lead.length === 0) add("C_NO_LEAD", `Nhiệm vụ "${task.id}" chưa có cơ quan chủ trì (task without a lead agency)`, ["tasks", i, "lead"]);
    const span = deadlineSpan(task.deadline);
    if (span.end !== undefined && span.end < issue) {
      add("C_DEADLINE_BEFORE_ISSUE", `Thời hạn "${deadlineText(task.deadline, style)}" của nhiệm vụ "${task.id}" đã qua trước ngày ban hành kế hoạch (deadline before the issue date)`, ["tasks", i, "deadline"]);
    }
    // a range must end within the period; any other form must start within it
    const reach = task.deadline.kind === "range" ? span.end : span.start;
    if (horizon !== undefined && reach !== undefined && Math.floor(reach / 10000) > horizon) {
      add("C_DEADLINE_AFTER_HORIZON", `Thời hạn "${deadlineText(task.deadline, style)}" của nhiệm vụ "${task.id}" vượt quá thời kỳ kế hoạch (đến năm ${horizon}) (deadline after the plan's horizon)`, ["tasks", i, "deadline"]);
    }
    task.targets.forEach((ref, j) => {
      if (!targetIds.has(ref)) add("C_TARGET_UNDEFINED", `Nhiệm vụ "${task.id}" dẫn mục tiêu "${ref}" chưa được khai báo trong targets (target referenced but not defined)`, ["tasks", i, "targets", j]);
    });
    const key = normalise(task.content);
    const first = seen.get(key);
    if (first !== undefined) add("C_DUPLICATE_TASK", `Nhiệm vụ "${task.id}" trùng nội dung với nhiệm vụ "${plan.tasks[first]!.id}" (duplicate task)`, ["tasks", i, "content"]);
    else seen.set(key, i);
  });

  // tasks print in the appendix, or under the agency that leads them (duties with tasks:)
  if (!plan.appendix) {
    plan.tasks.forEach((task, i) => {
      const listed = plan.duties.some((d) => dutyListsTask(d, task));
      if (!listed) add("C_TASK_UNPRINTED", `Nhiệm vụ "${task.id}" không được in: kế hoạch không có Phụ lục và không phân công nào liệt kê nó (tasks: true dưới cơ quan chủ trì) (task printed nowhere)`, ["tasks", i]);
    });
  }

  // targets: printed by the outline or served by a task
  const printed = plan.outline ? printedMilestones(plan.outline) : new Set<string | undefined>([undefined]);
  // an appendix of targets prints them all
  if (appendixList(plan).some((a) => a.content === "targets")) printed.add(undefined);
  const referenced = new Set(plan.tasks.flatMap((t) => t.targets));
  const libraryTargets = plan.directive && lib ? chainTargets(lib, plan.directive) : [];
  plan.targets.forEach((g, i) => {
    const isPrinted = printed.has(undefined) || printed.has(g.milestone);
    if (!isPrinted && !referenced.has(g.id)) {
      add("C_TARGET_UNUSED", `Mục tiêu "${g.id}" không được in ở đâu trong kế hoạch và không nhiệm vụ nào phục vụ (target defined but never used)`, ["targets", i]);
    }
    // a text still holding a placeholder is reported as a placeholder (C_PLACEHOLDER)
    if (!isPrinted || new RegExp(PLACEHOLDER_PATTERN.source).test(g.text)) return;
    const hit = printedUnverifiedTarget(g.text, g.id, libraryTargets);
    if (hit) {
      add(
        "C_UNVERIFIED_FIGURE",
        `Mục tiêu "${g.id}" in số liệu "${hit.target.text}" của thư viện chưa được đối chiếu với văn bản gốc (${hit.target.source}); hãy đối chiếu với ${hit.document} trước khi ban hành (unverified library figure)`,
        ["targets", i, "text"],
      );
    }
  });

  // sections: empty ones, and directive sections no task covers
  const tasksBySection = new Map<string, number>();
  for (const t of plan.tasks) tasksBySection.set(t.section, (tasksBySection.get(t.section) ?? 0) + 1);
  plan.sections.forEach((s, i) => {
    const content = s.paragraphs.length + s.letters.length + s.dashes.length + s.children.length;
    if (content === 0 && !tasksBySection.get(s.id)) add("C_EMPTY_SECTION", `Mục "${s.id}" không có nội dung và không có nhiệm vụ nào (empty section)`, ["sections", i]);
  });
  const directive = plan.directive ? lib?.directives.get(plan.directive) : undefined;
  if (directive) {
    // a plan with an appendix covers a section with tasks; a plan without one, with a section
    const tracksTasks = plan.tasks.length > 0;
    for (const ds of directive.sections.filter((x) => x.kind === "tasks")) {
      const mirrors = plan.sections.filter((s) => s.directiveSection === ds.number);
      const covered = tracksTasks ? mirrors.some((s) => tasksBySection.get(s.id)) : mirrors.length > 0;
      if (!covered) {
        add(
          "C_SECTION_UNCOVERED",
          mirrors.length === 0
            ? `Mục ${ds.number} của ${directive.citation.kind} số ${directive.citation.number} ("${ds.title}") chưa có mục tương ứng trong kế hoạch (directive section not covered)`
            : `Mục ${ds.number} của ${directive.citation.kind} số ${directive.citation.number} ("${ds.title}") chưa có nhiệm vụ nào (directive section without tasks)`,
          mirrors.length === 0 ? ["directive"] : ["sections", plan.sections.indexOf(mirrors[0]!)],
        );
      }
    }
  }

  // footnotes: a note no text marks with [^id] is never printed
  const marked = new Set<string>();
  for (const [k, v] of Object.entries(plan)) {
    if (k !== "footnotes") forEachString(v, (s) => {
      for (const m of s.matchAll(FOOTNOTE_PATTERN)) marked.add(m[1]!);
    });
  }
  for (const id of Object.keys(plan.footnotes)) {
    if (!marked.has(id)) add("C_FOOTNOTE_UNUSED", `Chú thích "${id}" không được đánh dấu [^${id}] ở đoạn nào nên không được in (footnote defined but never used)`, ["footnotes", id]);
  }

  // a sentence cut in two by YAML: "[Hướng dẫn, hỗ trợ kết nối dữ liệu.]" is two items,
  // the second starting in lower case after a first that does not end a sentence
  const items = (list: (string | Item)[] | undefined, path: PathSegment[]): void => {
    list?.forEach((it, i) => {
      const text = typeof it === "string" ? it : it.text;
      const prev = i > 0 ? list[i - 1]! : undefined;
      const before = prev === undefined ? undefined : typeof prev === "string" ? prev : prev.text;
      if (before !== undefined && /^[\s*_]*\p{Ll}/u.test(text) && !/[.;:!?)]\s*(\*+\s*)?$/.test(before)) {
        add("C_SPLIT_ITEM", `Ý "${text.slice(0, 40)}" bắt đầu bằng chữ thường sau một ý chưa hết câu: có thể một câu đã bị tách ở dấu phẩy trong danh sách một dòng [a, b] — viết mỗi ý một dòng sau "- " hoặc đặt câu trong ngoặc kép (list item split at a comma?)`, [...path, i]);
      }
      if (typeof it !== "string") items(it.bullets, [...path, i, "bullets"]);
    });
  };
  const nodeItems = (n: { paragraphs: (string | Item)[]; letters: (string | Item)[]; dashes: (string | Item)[]; children: OutlineNode[] }, path: PathSegment[]): void => {
    for (const key of ["paragraphs", "letters", "dashes"] as const) items(n[key], [...path, key]);
    n.children.forEach((c, i) => nodeItems(c, [...path, "children", i]));
  };
  items(plan.purposes, ["purposes"]);
  items(plan.requirements, ["requirements"]);
  plan.duties.forEach((d, i) => items(d.items, ["duties", i, "items"]));
  plan.sections.forEach((s, i) => nodeItems(s, ["sections", i]));
  plan.outline?.forEach((n, i) => nodeItems(n, ["outline", i]));

  // placeholders left from `kehoach init`
  forEachString(src.data, (v, path) => {
    for (const m of v.matchAll(PLACEHOLDER_PATTERN)) add("C_PLACEHOLDER", `Còn chỗ trống cần điền: [${m[1]}] (placeholder left)`, path);
  });

  return findings.sort((a, b) => a.line - b.line || a.col - b.col);
}
