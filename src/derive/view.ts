// Plan → the view the templates see: every derived part computed once
// (appendix rows from tasks, agency lists, deadlines, dates, citations), every
// string already inline markup. Templates only arrange and word it.
import type { IndicatorValue, Item, OutlineNode, Plan } from "../model/plan.ts";
import { agencyList, capitalize, deadlineText, documentNumber, formatNumber, issueDateParts, slashDate } from "./format.ts";
import { markupText as t } from "./markup-text.ts";

export interface ItemView {
  text: string;
  bullets: ItemView[];
}

export interface DutyView {
  /** "1, 4 và 5": the appendix rows the agency leads, when the duty asks for them */
  taskNumbers?: string | undefined;
  title?: string | undefined;
  inline: boolean;
  single: boolean;
  items: ItemView[];
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
}

export interface CitationView {
  full: string;
  /** number, date and issuer without the title */
  dated: string;
  short: string;
}

export interface TaskRowView {
  no: number;
  content: string;
  lead: string;
  partners: string;
  deadline: string;
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

export interface CopyView extends HeadedView {
  kind: string;
  paragraphs: ItemView[];
}

export interface PlanView {
  family: Plan["family"];
  isParty: boolean;
  draft: boolean;
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
  /** the legal-basis paragraph: either written out, or items + conclusion */
  legalBasis: { text?: string | undefined; items: string[]; conclusion: string };
  outline: NodeView[];
  closing?: string | undefined;
  recipients: HeadedView["recipients"];
  signer: HeadedView["signer"];
  appendix?: { heading: string; title: string; rows: TaskRowView[] } | undefined;
  copy?: CopyView | undefined;
  /** plain-text title for document metadata */
  metaTitle: string;
}

function itemView(item: string | Item): ItemView {
  if (typeof item === "string") return { text: t(item), bullets: [] };
  return { text: t(item.text), bullets: (item.bullets ?? []).map(itemView) };
}

const MAX_LEVEL = 4;
const headAt = (level: number) => `h${Math.min(level, MAX_LEVEL)}`;
const numAt = (level: number) => `n${Math.min(level, MAX_LEVEL)}`;

/** Vietnamese print form of an indicator value: 13.5 → "13,5", { gt: 13.5 } → ">13,5". */
export function indicatorText(v: IndicatorValue, decimals?: number): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return formatNumber(v, decimals);
  if ("gt" in v) return `>${formatNumber(v.gt, decimals)}`;
  if ("lt" in v) return `<${formatNumber(v.lt, decimals)}`;
  if ("gte" in v) return `≥ ${formatNumber(v.gte, decimals)}`;
  return `≤ ${formatNumber(v.lte, decimals)}`;
}

function indicatorTable(plan: Plan): IndicatorTableView | undefined {
  const ind = plan.indicators;
  if (!ind) return undefined;
  // landscape-free portrait width 165 mm: TT 10, unit 20, values share what the name leaves
  const valueWidth = Math.max(18, Math.min(30, Math.floor(90 / ind.columns.length)));
  const nameWidth = 165 - 10 - 20 - valueWidth * ind.columns.length;
  let no = 0;
  return {
    widths: [10, nameWidth, 20, ...ind.columns.map(() => valueWidth)].join(","),
    columns: ind.columns.map(t),
    rows: ind.rows.map((r) =>
      "group" in r
        ? { group: t(r.group) }
        : { no: String(++no), name: t(r.name), unit: t(r.unit), values: ind.columns.map((_, i) => t(r.values[i] === undefined ? "" : indicatorText(r.values[i]!, r.decimals))) },
    ),
  };
}

/** "1", "1 và 4", "1, 4 và 5" */
export function joinNumbers(ns: number[]): string {
  if (ns.length <= 1) return ns.join("");
  return `${ns.slice(0, -1).join(", ")} và ${ns[ns.length - 1]}`;
}

function dutyViews(plan: Plan, level: number): DutyView[] {
  // the appendix numbers of the tasks each agency leads: derived, never typed
  const led = new Map<string, number[]>();
  tasksInOrder(plan).forEach((task, row) => task.lead.forEach((a) => led.set(a, [...(led.get(a) ?? []), row + 1])));
  return plan.duties.map((d) => {
    const title = d.agency ? capitalize(plan.agencies[d.agency]!.name) : d.title;
    const numbers = d.listTasks && d.agency ? led.get(d.agency) : undefined;
    const items = d.items.map(itemView);
    return {
      title: title === undefined ? undefined : t(title),
      inline: d.inline === true,
      single: items.length + (numbers?.length ? 1 : 0) === 1,
      items,
      taskNumbers: numbers?.length ? joinNumbers(numbers) : undefined,
      head: headAt(level),
      num: numAt(level),
    };
  });
}

/** An outline node (from the plan, or the default outline) with its `use` resolved. */
function nodeView(plan: Plan, node: OutlineNode, level: number, titlePartial?: string): NodeView {
  const view: NodeView = {
    head: !node.numbered ? "label" : node.plain ? numAt(level) : headAt(level),
    title: node.title === undefined ? undefined : t(node.title),
    titlePartial: node.title === undefined ? (titlePartial ?? (node.use ? `title-${node.use}` : undefined)) : undefined,
    paragraphs: node.paragraphs.map(itemView),
    letters: node.letters.map(itemView),
    dashes: node.dashes.map(itemView),
    numbered: [],
    childNum: numAt(level + 1),
    childHead: headAt(level + 1),
    duties: [],
    children: node.children.map((c) => nodeView(plan, c, node.numbered ? level + 1 : level)),
    tasksNote: false,
  };
  switch (node.use) {
    case "purposes":
      view.letters.push(...plan.purposes.map(itemView));
      break;
    case "requirements":
      view.letters.push(...plan.requirements.map(itemView));
      break;
    case "targets": {
      const targets = plan.targets.filter((g) => node.milestone === undefined || g.milestone === node.milestone).map((g) => itemView(g.text));
      const as = node.as ?? "numbered";
      if (as === "numbered") view.numbered.push(...targets.map((g) => g.text));
      else view[as].push(...targets);
      break;
    }
    case "sections":
      view.children.push(...plan.sections.map((s) => nodeView(plan, s, level + 1)));
      view.tasksNote = plan.appendix !== undefined && plan.tasks.length > 0;
      break;
    case "duties":
      view.duties = dutyViews(plan, level + 1);
      break;
    case "indicators":
      view.indicators = indicatorTable(plan);
      break;
  }
  return view;
}

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
    out.push(nodeView(plan, node(undefined, children), 1, "title-purposes-requirements"));
  }
  if (plan.targets.length) out.push(nodeView(plan, node("targets"), 1));
  if (plan.indicators) out.push(nodeView(plan, node("indicators"), 1));
  if (plan.sections.length) out.push(nodeView(plan, node("sections"), 1));
  if (plan.duties.length) out.push(nodeView(plan, node("duties"), 1));
  return out;
}

/** Citation registry entries as markup: full and short forms. */
export function citationViews(plan: Plan): Record<string, CitationView> {
  const out: Record<string, CitationView> = {};
  for (const [id, c] of Object.entries(plan.documents)) {
    const short = `${c.kind} số ${c.number}`;
    const dated = `${short} ngày ${slashDate(c.date)} của ${c.issuer}`;
    out[id] = { short: t(short), dated: t(dated), full: t(`${dated} ${c.title}`) };
  }
  return out;
}

/** Tasks in appendix order: by section, then in their own order. */
export function tasksInOrder(plan: Plan): Plan["tasks"] {
  const order = new Map(plan.sections.map((s, i) => [s.id, i]));
  return plan.tasks
    .map((task, i) => ({ task, i }))
    .sort((a, b) => (order.get(a.task.section)! - order.get(b.task.section)!) || a.i - b.i)
    .map(({ task }) => task);
}

/** Tasks as appendix rows. */
export function appendixRows(plan: Plan): TaskRowView[] {
  const names = (ids: string[]) => agencyList(ids.map((id) => plan.agencies[id]!));
  return tasksInOrder(plan).map((task, i) => ({
    no: i + 1,
    content: t(task.content),
    lead: t(names(task.lead)),
    partners: t(names(task.partners)),
    deadline: t(deadlineText(task.deadline)),
  }));
}

function recipientsView(r: Plan["recipients"], family: Plan["family"]): HeadedView["recipients"] {
  return { before: r.before.map(t), items: r.items.map(t), archive: t(r.archive), punctuation: r.punctuation ?? (family === "party" ? "," : ";") };
}

function signerView(s: Plan["signer"]): HeadedView["signer"] {
  return { authority: t(s.authority), delegate: s.delegate === undefined ? undefined : t(s.delegate), title: s.title === undefined ? undefined : t(s.title), name: t(s.name) };
}

function copyView(plan: Plan): CopyView | undefined {
  const c = plan.copy;
  if (!c) return undefined;
  return {
    kind: t(c.kind),
    header: { parentLines: (c.issuer.parent ?? []).map(t), issuerLines: c.issuer.name.map(t) },
    number: documentNumber(c.number),
    symbol: t(c.symbol),
    place: t(c.issuer.place),
    date: issueDateParts(c.date),
    paragraphs: c.paragraphs.map(itemView),
    recipients: recipientsView(c.recipients, plan.family),
    signer: signerView(c.signer),
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
    draft: plan.number === undefined || plan.date.day === undefined || plan.header.draft === true,
    header: {
      nation: plan.header.nation === undefined ? undefined : t(plan.header.nation),
      motto: plan.header.motto === undefined ? undefined : t(plan.header.motto),
      parentLines: (plan.issuer.parent ?? []).map(t),
      issuerLines: plan.issuer.name.map(t),
    },
    number: documentNumber(plan.number),
    symbol: t(plan.symbol),
    place: t(plan.issuer.place),
    date: issueDateParts(plan.date),
    issuerName: t(plan.issuer.fullName),
    titleLines: plan.title.map(t),
    horizon: plan.period?.to,
    legalBasis:
      typeof plan.legalBasis === "string"
        ? { text: t(plan.legalBasis), items: [], conclusion: "" }
        : { text: undefined, items: plan.legalBasis.items.map(t), conclusion: t(plan.legalBasis.conclusion) },
    outline: plan.outline ? plan.outline.map((n) => nodeView(plan, n, 1)) : defaultOutline(plan),
    closing: plan.closing === undefined ? undefined : t(plan.closing),
    recipients: recipientsView(plan.recipients, plan.family),
    signer: signerView(plan.signer),
    copy: copyView(plan),
    appendix: plan.appendix && plan.tasks.length > 0 ? { heading: t(plan.appendix.heading), title: t(plan.appendix.title), rows: appendixRows(plan) } : undefined,
    metaTitle: `${plan.kind === "chuong-trinh" ? "Chương trình hành động" : "Kế hoạch"} ${plainTitle}`.replace(/\s+/g, " "),
  };
}
