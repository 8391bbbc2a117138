// Plan → the view the templates see: every derived part computed once
// (appendix rows from tasks, agency lists, deadlines, dates, citations), every
// string already inline markup. Templates only arrange and word it.
import type { ContentKey, Duty, Item, OutlineNode, Phrasing, Plan } from "../model/plan.ts";
import { agencyList, capitalize, joinWithAnd, deadlineText, documentNumber, formatNumber, indicatorText, issueDateParts, slashDate } from "./format.ts";
import type { PathSegment } from "../model/path.ts";
import { escapeLiteral, markupText as t, originMark } from "./markup-text.ts";

/** The family's default wording choices; a plan's `phrasing:` overrides them one by one. */
export const PHRASING_DEFAULTS: Record<Plan["family"], Required<Phrasing>> = {
  state: { deadlines: "long", citationDates: "slash", purposes: "letters", dutyItems: "dashes" },
  party: { deadlines: "long", citationDates: "slash", purposes: "letters", dutyItems: "dashes" },
};

export function phrasingOf(plan: Plan): Required<Phrasing> {
  const own = Object.fromEntries(Object.entries(plan.phrasing ?? {}).filter(([, v]) => v !== undefined));
  return { ...PHRASING_DEFAULTS[plan.family], ...own };
}
import { appendixList, appendixViews, taskNumbering, tasksAppendixName, tasksInOrder, type AppendixView, type TaskNumber } from "./appendix.ts";
import { dutyAgencies, dutyListsTask } from "./duties.ts";

type Path = readonly PathSegment[];
/** Each string of a list as markup, with its place in the plan. */
const ts = (list: readonly string[], path: Path): string[] => list.map((x, i) => t(x, [...path, i]));

export interface ItemView {
  text: string;
  bullets: ItemView[];
}

/** One entry under an agency: a typed item, or one of the tasks it leads (with its deadline). */
export interface DutyEntryView extends ItemView {
  deadline?: string | undefined;
}

export interface DutyView {
  /** "1, 4 và 5": the appendix rows the agency leads, when the duty asks for them */
  taskNumbers?: string | undefined;
  /** more than one task number: "các nhiệm vụ số 1 và 4" (else "nhiệm vụ số 4") */
  manyTasks: boolean;
  title?: string | undefined;
  /** the issuer asks rather than assigns: "Đề nghị …" */
  request: boolean;
  inline: boolean;
  single: boolean;
  /** entries print a), b) (else "-") */
  letters: boolean;
  items: DutyEntryView[];
  /** heading and numbered-paragraph directives for the duty's level */
  head: string;
  num: string;
}

export interface IndicatorTableView {
  /** column widths in mm, for "@table indicators widths=…" */
  widths: string;
  columns: string[];
  rows: { group?: string | undefined; no?: string | undefined; name?: string; unit?: string; values?: string[] }[];
}

/** One heading of the outline with its content, already resolved from the plan. */
export interface NodeView {
  /** markup directive of the heading: h1…h4, or "label" for an unnumbered bold line */
  head: string;
  title?: string | undefined;
  /** partial that words the default title when the node has none */
  titlePartial?: string | undefined;
  paragraphs: ItemView[];
  letters: ItemView[];
  dashes: ItemView[];
  /** the content above in the order the plan wrote it */
  blocks: { paragraph?: ItemView; letter?: ItemView; dash?: ItemView }[];
  /** paragraphs numbered at the next level ("1. …" under "II. MỤC TIÊU") */
  numbered: string[];
  /** directive for numbered paragraphs and for headings one level down */
  childNum: string;
  childHead: string;
  indicators?: IndicatorTableView | undefined;
  duties: DutyView[];
  children: NodeView[];
  /** "Nhiệm vụ cụ thể … tại Phụ lục kèm theo." after the task sections */
  tasksNote: boolean;
  /** the plan's own sentence pointing at the appendix (a plain paragraph) */
  tasksPointer?: string | undefined;
}

/** What the citation partials (templates/partials/citation-*.hbs) word: each part already markup. */
export interface CitationData {
  kind: string;
  number: string;
  issuer: string;
  title?: string | undefined;
  /** the date as parts ("05", "4", "2024") and as "05/4/2024"; `inWords`: the plan prints "ngày 05 tháng 4 năm 2024" */
  date: { day: string; month: string; year: string; slash: string };
  inWords: boolean;
}

/** What the letterhead and signature partials read: shared by the plan and its copy block. */
interface HeadedView {
  header: { nation?: string | undefined; motto?: string | undefined; parentLines: string[]; issuerLines: string[] };
  number: string;
  symbol: string;
  place: string;
  date: { day: string; month: string; year: string };
  recipients: { before: string[]; items: string[]; archive: string; punctuation: string };
  signer: { authority: string; delegate?: string | undefined; title?: string | undefined; name: string };
}

export interface DecisionView {
  authorityLines: string[];
  /** its own title lines; absent: "Ban hành <kind> <plan title>" worded by the template */
  titleLines?: string[] | undefined;
  /** the plan's title as one phrase starting in lower case, for the default wording */
  planTitle: string;
  bases: string[];
  proposal?: string | undefined;
  articles?: string[] | undefined;
  executors?: string | undefined;
  /** Điều 2 in the plan's words (else the template's) */
  effect?: string | undefined;
}

export interface CopyView extends HeadedView {
  kind: string;
  paragraphs: ItemView[];
}

export interface PlanView {
  family: Plan["family"];
  isParty: boolean;
  draft: boolean;
  /** the DỰ THẢO mark above the header, when the plan asks for it; round: "lần 2" */
  draftMark?: { round?: number | undefined } | undefined;
  header: {
    nation?: string | undefined;
    motto?: string | undefined;
    parentLines: string[];
    issuerLines: string[];
  };
  number: string;
  symbol: string;
  place: string;
  date: { day: string; month: string; year: string };
  issuerName: string;
  titleLines: string[];
  horizon?: number | undefined;
  /** the opening paragraphs: each written out, or items + conclusion */
  opening: { text?: string | undefined; items: string[]; conclusion: string }[];
  /** the Quyết định that issues the plan, printed before it */
  decision?: DecisionView | undefined;
  outline: NodeView[];
  closing?: string | undefined;
  recipients: HeadedView["recipients"];
  signer: HeadedView["signer"];
  appendices: AppendixView[];
  /** how the body names the task appendix: "Phụ lục", or "Phụ lục I" when there are several */
  tasksAppendixName: string;
  /** the indicator table, for an appendix of indicators */
  indicators?: IndicatorTableView | undefined;
  copy?: CopyView | undefined;
  /** plain-text title for document metadata */
  metaTitle: string;
}

function itemView(item: string | Item, path: Path): ItemView {
  if (typeof item === "string") return { text: t(item, path), bullets: [] };
  return { text: t(item.text, [...path, "text"]), bullets: (item.bullets ?? []).map((b, i) => itemView(b, [...path, "bullets", i])) };
}
const itemViews = (list: readonly (string | Item)[], path: Path): ItemView[] => list.map((x, i) => itemView(x, [...path, i]));

const MAX_LEVEL = 4;
const headAt = (level: number) => `h${Math.min(level, MAX_LEVEL)}`;
const numAt = (level: number) => `n${Math.min(level, MAX_LEVEL)}`;

function indicatorTable(plan: Plan): IndicatorTableView | undefined {
  const ind = plan.indicators;
  if (!ind) return undefined;
  // landscape-free portrait width 165 mm: TT 10, unit 20, values share what the name leaves
  const valueWidth = Math.max(18, Math.min(30, Math.floor(90 / ind.columns.length)));
  const nameWidth = 165 - 10 - 20 - valueWidth * ind.columns.length;
  let no = 0;
  return {
    widths: [10, nameWidth, 20, ...ind.columns.map(() => valueWidth)].join(","),
    columns: ts(ind.columns, ["indicators", "columns"]),
    rows: ind.rows.map((r, ri) => {
      const at = ["indicators", "rows", ri];
      return "group" in r
        ? { group: t(r.group, [...at, "group"]) }
        : { no: String(++no), name: t(r.name, [...at, "name"]), unit: t(r.unit, [...at, "unit"]), values: ind.columns.map((_, i) => t(r.values[i] === undefined ? "" : indicatorText(r.values[i]!, r.decimals), [...at, "values", i])) };
    }),
  };
}

/** "1", "1 và 4", "1, 4 và 5" */
export function joinNumbers(ns: number[]): string {
  if (ns.length <= 1) return ns.join("");
  return joinWithAnd(ns.slice(0, -1).join(", "), String(ns[ns.length - 1]));
}

/**
 * The numbers of tasks as the appendix prints them: "1, 4 và 5", or, where the
 * numbers restart in each group, "1, 2 mục I và số 3 mục II".
 */
export function citeTaskNumbers(numbers: TaskNumber[]): string {
  const groups: { group: string | undefined; ns: number[] }[] = [];
  for (const n of numbers) {
    const last = groups[groups.length - 1];
    if (last && last.group === n.group) last.ns.push(n.no);
    else groups.push({ group: n.group, ns: [n.no] });
  }
  if (groups.every((g) => g.group === undefined)) return joinNumbers(numbers.map((n) => n.no).sort((a, b) => a - b));
  const parts = groups.map((g) => `${g.ns.join(", ")} mục ${g.group}`);
  return parts.length === 1 ? parts[0]! : joinWithAnd(parts.slice(0, -1).join(", số "), `số ${parts[parts.length - 1]}`);
}

/** Markup of agency names for a heading: "A; B", each full at its first mention when it has a short name. */
function agencyHeading(plan: Plan, ids: string[]): string {
  return ids.map((id) => originMark(["agencies", id, "name"]) + (plan.agencies[id]!.short ? `{@agency ${id}}` : escapeLiteral(capitalize(plan.agencies[id]!.name)))).join("; ");
}

function dutyViews(plan: Plan, duties: Duty[], level: number): DutyView[] {
  // the appendix numbers of the tasks each agency leads: derived, never typed
  const ordered = tasksInOrder(plan);
  const index = new Map(plan.tasks.map((task, i) => [task, i]));
  const numbering = taskNumbering(plan);
  const phrasing = phrasingOf(plan);
  return duties.map((d) => {
    const di = plan.duties.indexOf(d);
    const ids = dutyAgencies(d);
    const title = ids.length ? agencyHeading(plan, ids) : d.title === undefined ? undefined : t(d.title, ["duties", di, "title"]);
    const numbers = d.listTasks && ids.length ? ordered.filter((task) => task.lead.some((a) => ids.includes(a))).map((task) => numbering.get(task)!) : undefined;
    const tasks: DutyEntryView[] = ordered
      .filter((task) => dutyListsTask(d, task))
      .map((task) => {
        const at = ["tasks", index.get(task)!];
        return { text: t(task.content, [...at, "content"]), bullets: [], deadline: t(deadlineText(task.deadline, phrasing.deadlines), [...at, "deadline"]) };
      });
    const typed = itemViews(d.items, ["duties", di, "items"]);
    // typed items and derived tasks in the order the duty wrote its keys
    const order = d.order ?? [];
    const tasksFirst = order.includes("tasks") && (!order.includes("items") || order.indexOf("tasks") < order.indexOf("items"));
    const items = tasksFirst ? [...tasks, ...typed] : [...typed, ...tasks];
    return {
      title,
      request: ids.some((a) => plan.agencies[a]!.request === true),
      inline: d.inline === true,
      single: items.length + (numbers?.length ? 1 : 0) === 1,
      letters: phrasing.dutyItems === "letters",
      items,
      taskNumbers: numbers?.length ? citeTaskNumbers(numbers) : undefined,
      manyTasks: (numbers?.length ?? 0) > 1,
      head: headAt(level),
      num: numAt(level),
    };
  });
}

/** An outline node (from the plan, or the default outline) with its `use` resolved. */
function nodeView(plan: Plan, node: OutlineNode, level: number, path: Path, titlePartial?: string): NodeView {
  const view: NodeView = {
    head: !node.numbered ? "label" : node.plain ? numAt(level) : headAt(level),
    title: node.title === undefined ? undefined : t(node.title, [...path, "title"]),
    titlePartial: node.title === undefined ? (titlePartial ?? (node.use ? `title-${node.use}` : undefined)) : undefined,
    paragraphs: itemViews(node.paragraphs, [...path, "paragraphs"]),
    letters: itemViews(node.letters, [...path, "letters"]),
    dashes: itemViews(node.dashes, [...path, "dashes"]),
    blocks: [],
    numbered: [],
    childNum: numAt(level + 1),
    childHead: headAt(level + 1),
    duties: [],
    children: node.children.map((c, i) => nodeView(plan, c, node.numbered ? level + 1 : level, [...path, "children", i])),
    tasksNote: false,
  };
  switch (node.use) {
    case "purposes":
      view[phrasingOf(plan).purposes].push(...itemViews(plan.purposes, ["purposes"]));
      break;
    case "requirements":
      view[phrasingOf(plan).purposes].push(...itemViews(plan.requirements, ["requirements"]));
      break;
    case "targets": {
      const targets = plan.targets.flatMap((g, i) => (node.milestone === undefined || g.milestone === node.milestone ? [itemView(g.text, ["targets", i, "text"])] : []));
      const as = node.as ?? "numbered";
      if (as === "numbered") view.numbered.push(...targets.map((g) => g.text));
      else view[as].push(...targets);
      break;
    }
    case "sections":
      view.children.push(...plan.sections.map((s, i) => nodeView(plan, s, level + 1, ["sections", i])));
      {
        const pointer = plan.tasks.length > 0 ? appendixList(plan).find((a) => a.content === "tasks")?.pointer : false;
        const at = appendixList(plan).findIndex((a) => a.content === "tasks");
        view.tasksNote = pointer === undefined;
        view.tasksPointer = typeof pointer === "string" ? t(pointer, Array.isArray(plan.appendix) ? ["appendix", at, "pointer"] : ["appendix", "pointer"]) : undefined;
      }
      break;
    case "duties":
      view.duties = dutyViews(plan, plan.duties.filter((d) => d.part === node.part), level + 1);
      break;
    case "indicators":
      view.indicators = indicatorTable(plan);
      break;
  }
  view.blocks = contentOrder(node.order).flatMap((key): NodeView["blocks"] =>
    key === "paragraphs" ? view.paragraphs.map((paragraph) => ({ paragraph })) : key === "letters" ? view.letters.map((letter) => ({ letter })) : view.dashes.map((dash) => ({ dash })),
  );
  return view;
}

/** The written order of a node's content keys, the missing ones after in the standard order. */
function contentOrder(order: ContentKey[] | undefined): ContentKey[] {
  const all: ContentKey[] = ["paragraphs", "letters", "dashes"];
  return [...(order ?? []), ...all.filter((k) => !(order ?? []).includes(k))];
}

/** A node of the standard outline: not written in the plan, so it has no path of its own. */
const node = (use: OutlineNode["use"], children: OutlineNode[] = []): OutlineNode => ({
  numbered: true, paragraphs: [], letters: [], dashes: [], use, children,
});

/**
 * The standard outline of a plan (seed 001): I. Mục đích, yêu cầu (1. Mục đích,
 * 2. Yêu cầu), II. Mục tiêu, III. Nhiệm vụ và giải pháp, IV. Tổ chức thực hiện;
 * parts without data are left out. Titles are worded by the templates.
 */
function defaultOutline(plan: Plan): NodeView[] {
  const out: NodeView[] = [];
  if (plan.purposes.length || plan.requirements.length) {
    const children = [plan.purposes.length ? node("purposes") : undefined, plan.requirements.length ? node("requirements") : undefined].filter((n) => n !== undefined);
    out.push(nodeView(plan, node(undefined, children), 1, [], "title-purposes-requirements"));
  }
  if (plan.targets.length) out.push(nodeView(plan, node("targets"), 1, ["targets"]));
  // (an appendix of indicators takes the table out of the body)
  if (plan.indicators && !appendixList(plan).some((a) => a.content === "indicators")) out.push(nodeView(plan, node("indicators"), 1, ["indicators"]));
  if (plan.sections.length) out.push(nodeView(plan, node("sections"), 1, ["sections"]));
  if (plan.duties.length) out.push(nodeView(plan, node("duties"), 1, ["duties"]));
  return out;
}

/** Footnote texts as markup, by id. */
export function noteViews(plan: Plan): Record<string, string> {
  return Object.fromEntries(Object.entries(plan.footnotes).map(([id, text]) => [id, t(text, ["footnotes", id])]));
}

/** Citation registry entries as markup: full and short forms, dates as the plan writes them. */
export function citationData(plan: Plan): Record<string, CitationData> {
  const inWords = phrasingOf(plan).citationDates === "words";
  const out: Record<string, CitationData> = {};
  for (const [id, c] of Object.entries(plan.documents)) {
    const [day, month, year] = slashDate(c.date).split("/") as [string, string, string];
    // a document without a title is never cited in full (the loader refuses it)
    out[id] = { kind: t(c.kind), number: t(c.number), issuer: t(c.issuer), title: c.title === undefined ? undefined : t(c.title), date: { day, month, year, slash: slashDate(c.date) }, inWords };
  }
  return out;
}

/** Target values as markup, for {target:id}: numbers in Vietnamese form. */
export function targetValues(plan: Plan): Record<string, string> {
  const out: Record<string, string> = {};
  plan.targets.forEach((g, i) => {
    if (g.value !== undefined) out[g.id] = t(typeof g.value === "number" ? formatNumber(g.value) : g.value, ["targets", i, "value"]);
  });
  return out;
}

/** Agency names for {agency:id} and headings: full at the first mention, the short name (if any) after. */
export function agencyNames(plan: Plan): Record<string, { full: string; short: string }> {
  const out: Record<string, { full: string; short: string }> = {};
  for (const [id, a] of Object.entries(plan.agencies)) out[id] = { full: escapeLiteral(a.name), short: escapeLiteral(a.short ?? a.name) };
  return out;
}

/** Agency names for a table cell as markup; names with a short form go through {@agency}. */
export function agencyCell(plan: Plan, ids: string[], path: Path): string {
  const list = agencyList(ids.map((id) => plan.agencies[id]!));
  if (!ids.some((id) => plan.agencies[id]!.short)) return t(list, path);
  // the same list with tokens in place of the names that have a short form
  let out = escapeLiteral(list);
  for (const id of ids) {
    const a = plan.agencies[id]!;
    if (!a.short) continue;
    for (const form of [a.name, capitalize(a.name)].map(escapeLiteral)) {
      const at = out.indexOf(form);
      if (at >= 0) {
        out = `${out.slice(0, at)}{@agency ${id}}${out.slice(at + form.length)}`;
        break;
      }
    }
  }
  return originMark(path) + out;
}

function decisionView(plan: Plan): DecisionView | undefined {
  const d = plan.decision;
  if (!d) return undefined;
  const title = plan.title.join(" ");
  return {
    authorityLines: ts(d.authority, ["decision", "authority"]),
    titleLines: d.title === undefined ? undefined : ts(d.title, ["decision", "title"]),
    planTitle: t(title.charAt(0).toLocaleLowerCase("vi") + title.slice(1), ["title"]),
    bases: ts(d.bases, ["decision", "bases"]),
    proposal: d.proposal === undefined ? undefined : t(d.proposal, ["decision", "proposal"]),
    articles: d.articles === undefined ? undefined : ts(d.articles, ["decision", "articles"]),
    executors: d.executors === undefined ? undefined : t(d.executors, ["decision", "executors"]),
    effect: d.effect === undefined ? undefined : t(d.effect, ["decision", "effect"]),
  };
}

function recipientsView(r: Plan["recipients"], family: Plan["family"], path: Path): HeadedView["recipients"] {
  return { before: ts(r.before, [...path, "before"]), items: ts(r.items, [...path, "items"]), archive: t(r.archive, [...path, "archive"]), punctuation: r.punctuation ?? (family === "party" ? "," : ";") };
}

function signerView(s: Plan["signer"], path: Path): HeadedView["signer"] {
  const opt = (v: string | undefined, key: string) => (v === undefined ? undefined : t(v, [...path, key]));
  return { authority: t(s.authority, [...path, "authority"]), delegate: opt(s.delegate, "delegate"), title: opt(s.title, "title"), name: t(s.name, [...path, "name"]) };
}

function copyView(plan: Plan): CopyView | undefined {
  const c = plan.copy;
  if (!c) return undefined;
  return {
    kind: t(c.kind, ["copy", "kind"]),
    header: { parentLines: ts(c.issuer.parent ?? [], ["copy", "issuer", "parent"]), issuerLines: ts(c.issuer.name, ["copy", "issuer", "name"]) },
    number: documentNumber(c.number),
    symbol: t(c.symbol, ["copy", "symbol"]),
    place: t(c.issuer.place, ["copy", "issuer", "place"]),
    date: issueDateParts(c.date),
    paragraphs: itemViews(c.paragraphs, ["copy", "paragraphs"]),
    recipients: recipientsView(c.recipients, plan.family, ["copy", "recipients"]),
    signer: signerView(c.signer, ["copy", "signer"]),
  };
}

export function buildView(plan: Plan): PlanView {
  const plainTitle = plan.title.join(" ").replace(/\{([a-z0-9-_.]+)(?::\w+)?\}/g, (_, id: string) => {
    const c = plan.documents[id];
    return c ? `${c.kind} số ${c.number}` : id;
  });
  return {
    family: plan.family,
    isParty: plan.family === "party",
    draft: plan.number === undefined || plan.date.day === undefined || plan.header.draft === true || typeof plan.header.draft === "number",
    draftMark: plan.header.draft === true ? {} : typeof plan.header.draft === "number" ? { round: plan.header.draft } : undefined,
    header: {
      nation: plan.header.nation === undefined ? undefined : t(plan.header.nation, ["header", "nation"]),
      motto: plan.header.motto === undefined ? undefined : t(plan.header.motto, ["header", "motto"]),
      parentLines: ts(plan.issuer.parent ?? [], ["issuer", "parent"]),
      issuerLines: ts(plan.issuer.name, ["issuer", "name"]),
    },
    number: documentNumber(plan.number),
    symbol: t(plan.symbol, ["symbol"]),
    place: t(plan.issuer.place, ["issuer", "place"]),
    date: issueDateParts(plan.date),
    issuerName: t(plan.issuer.fullName, ["issuer", "fullName"]),
    titleLines: ts(plan.title, ["title"]),
    horizon: plan.period?.to,
    opening: (Array.isArray(plan.legalBasis) ? plan.legalBasis : [plan.legalBasis]).map((o, i) => {
      const at: PathSegment[] = Array.isArray(plan.legalBasis) ? ["legalBasis", i] : ["legalBasis"];
      return typeof o === "string" ? { text: t(o, at), items: [], conclusion: "" } : { text: undefined, items: ts(o.items, [...at, "items"]), conclusion: t(o.conclusion, [...at, "conclusion"]) };
    }),
    decision: decisionView(plan),
    outline: plan.outline ? plan.outline.map((n, i) => nodeView(plan, n, 1, ["outline", i])) : defaultOutline(plan),
    closing: plan.closing === undefined ? undefined : t(plan.closing, ["closing"]),
    recipients: recipientsView(plan.recipients, plan.family, ["recipients"]),
    signer: signerView(plan.signer, ["signer"]),
    copy: copyView(plan),
    // a task appendix without tasks prints nothing (a plan extended by one that drops them all)
    appendices: appendixViews(plan, { deadlines: phrasingOf(plan).deadlines, agencyCell: (ids, path) => agencyCell(plan, ids, path) }).filter((a, i) => appendixList(plan)[i]!.content !== "tasks" || plan.tasks.length > 0),
    indicators: indicatorTable(plan),
    tasksAppendixName: tasksAppendixName(plan),
    metaTitle: `${plan.decision ? "Quyết định ban hành " : ""}${plan.kind === "chuong-trinh" ? "Chương trình hành động" : "Kế hoạch"} ${plainTitle}`
      .replace(/\\\*|\*/g, (m) => (m === "*" ? "" : "*"))
      .replace(/\s+/g, " "),
  };
}
