// Plan → the view the templates see: every derived part computed once
// (appendix rows from tasks, agency lists, deadlines, dates, citations), every
// string already inline markup. Templates only arrange and word it.
import type { Item, Plan } from "../model/plan.ts";
import { agencyList, capitalize, deadlineText, documentNumber, issueDateParts, slashDate } from "./format.ts";
import { markupText as t } from "./markup-text.ts";

export interface ItemView {
  text: string;
  bullets: ItemView[];
}

export interface CitationView {
  full: string;
  short: string;
}

export interface TaskRowView {
  no: number;
  content: string;
  lead: string;
  partners: string;
  deadline: string;
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
  legalBasis: { items: string[]; conclusion: string };
  purposes: ItemView[];
  requirements: ItemView[];
  targets: { id: string; text: string }[];
  sections: { id: string; title: string; items: ItemView[] }[];
  duties: { title?: string | undefined; inline: boolean; single: boolean; items: ItemView[] }[];
  closing: string;
  recipients: { before: string[]; items: string[]; archive: string };
  signer: { authority: string; delegate?: string | undefined; title?: string | undefined; name: string };
  appendix?: { heading: string; title: string; rows: TaskRowView[] } | undefined;
  /** plain-text title for document metadata */
  metaTitle: string;
}

function itemView(item: string | Item): ItemView {
  if (typeof item === "string") return { text: t(item), bullets: [] };
  return { text: t(item.text), bullets: (item.bullets ?? []).map(itemView) };
}

/** Citation registry entries as markup: full and short forms. */
export function citationViews(plan: Plan): Record<string, CitationView> {
  const out: Record<string, CitationView> = {};
  for (const [id, c] of Object.entries(plan.documents)) {
    const short = `${c.kind} số ${c.number}`;
    out[id] = { short: t(short), full: t(`${short} ngày ${slashDate(c.date)} của ${c.issuer} ${c.title}`) };
  }
  return out;
}

/** Tasks in section order (then their own order), as appendix rows. */
export function appendixRows(plan: Plan): TaskRowView[] {
  const order = new Map(plan.sections.map((s, i) => [s.id, i]));
  const tasks = plan.tasks
    .map((task, i) => ({ task, i }))
    .sort((a, b) => (order.get(a.task.section)! - order.get(b.task.section)!) || a.i - b.i);
  const names = (ids: string[]) => agencyList(ids.map((id) => plan.agencies[id]!));
  return tasks.map(({ task }, i) => ({
    no: i + 1,
    content: t(task.content),
    lead: t(names(task.lead)),
    partners: t(names(task.partners)),
    deadline: t(deadlineText(task.deadline)),
  }));
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
    legalBasis: { items: plan.legalBasis.items.map(t), conclusion: t(plan.legalBasis.conclusion) },
    purposes: plan.purposes.map(itemView),
    requirements: plan.requirements.map(itemView),
    targets: plan.targets.map((g) => ({ id: g.id, text: t(g.text) })),
    sections: plan.sections.map((s) => ({ id: s.id, title: t(s.title), items: s.items.map(itemView) })),
    duties: plan.duties.map((d) => {
      const title = d.agency ? capitalize(plan.agencies[d.agency]!.name) : d.title;
      return { title: title === undefined ? undefined : t(title), inline: d.inline === true, single: d.items.length === 1, items: d.items.map(itemView) };
    }),
    closing: t(plan.closing),
    recipients: { before: plan.recipients.before.map(t), items: plan.recipients.items.map(t), archive: t(plan.recipients.archive) },
    signer: {
      authority: t(plan.signer.authority),
      delegate: plan.signer.delegate === undefined ? undefined : t(plan.signer.delegate),
      title: plan.signer.title === undefined ? undefined : t(plan.signer.title),
      name: t(plan.signer.name),
    },
    appendix: plan.appendix && plan.tasks.length > 0 ? { heading: t(plan.appendix.heading), title: t(plan.appendix.title), rows: appendixRows(plan) } : undefined,
    metaTitle: `Kế hoạch ${plainTitle}`.replace(/\s+/g, " "),
  };
}
