// A plan issued by a Quyết định (the decision first, the plan on the next
// pages under "(Ban hành kèm theo Quyết định số …)"). The decision's
// letterhead, Nơi nhận and signature are the file's; its own parts (title,
// authority, "Căn cứ …;" lines, proposal, Điều 1–3) become `decision:` data.
import type { Line } from "./appendix.ts";
import { isUpper, KIND_LINE, type Where } from "./source.ts";

export interface RDecision {
  at: Where;
  title: string[];
  authority: string[];
  bases: string[];
  proposal?: string | undefined;
  /** the articles' texts without "Điều N." */
  articles: string[];
}

const DECISION = /^QUYẾT ĐỊNH$/u;
const ENACT = /^QUYẾT ĐỊNH\s*:$/u;
const ARTICLE = /^Điều\s+(\d+)\s*[.:]\s*(.*)$/u;
const TAIL = /^(Nơi nhận|TM\.|T\/M|KT\.|Q\.|TL\.)/u;
const LETTERHEAD = (s: string) => isUpper(s) || /^Độc lập\s*-/u.test(s) || /^[-_=–—.*]{3,}$/u.test(s) || /^Số[:\s]/u.test(s);

/**
 * Lines of a decision + plan → the lines of the plan with the decision's letterhead
 * in front and its Nơi nhận and signature before the appendix, and the decision's parts.
 */
export function splitDecision(lines: Line[], isAppendix: (l: Line) => boolean): { lines: Line[]; decision: RDecision } | undefined {
  const dq = lines.findIndex((l, i) => i < 30 && DECISION.test(l.text));
  if (dq < 0) return undefined;
  const kp = lines.findIndex((l, i) => i > dq && KIND_LINE.test(l.text));
  if (kp < 0) return undefined;
  // the plan's own letterhead (issuer, national motto) stands above its kind line
  let planStart = kp;
  while (planStart > dq + 1 && LETTERHEAD(lines[planStart - 1]!.text)) planStart--;
  const decisionLines = lines.slice(dq + 1, planStart);
  const tailAt = decisionLines.findIndex((l) => TAIL.test(l.text));
  const body = tailAt < 0 ? decisionLines : decisionLines.slice(0, tailAt);
  const tail = tailAt < 0 ? [] : decisionLines.slice(tailAt);
  const d: RDecision = { at: lines[dq]!.at, title: [], authority: [], bases: [], articles: [] };
  let phase: "title" | "authority" | "bases" | "articles" = "title";
  // a wrapped line (PDF) continues the basis or the proposal above it
  let last: "basis" | "proposal" | undefined;
  for (const l of body) {
    const s = l.text;
    if (/^[-_=–—.*]{3,}$/u.test(s)) continue;
    if (ENACT.test(s)) {
      phase = "articles";
      continue;
    }
    if (phase === "articles") {
      const m = ARTICLE.exec(s);
      if (m) d.articles.push(m[2]!);
      else if (d.articles.length) d.articles[d.articles.length - 1] += ` ${s}`;
      continue;
    }
    if (/^(Căn cứ|Xét|Theo đề nghị)/u.test(s)) phase = "bases";
    else if (phase === "title" && isUpper(s) && d.title.length) phase = "authority";
    if (phase === "title") d.title.push(s);
    else if (phase === "authority") d.authority.push(s);
    else if (/^Theo đề nghị/u.test(s)) {
      d.proposal = s.replace(/[.;]$/u, "");
      last = "proposal";
    } else if (/^(Căn cứ|Xét)/u.test(s)) {
      d.bases.push(s.replace(/[;.]$/u, ""));
      last = "basis";
    } else if (last === "proposal") d.proposal += ` ${s.replace(/[.;]$/u, "")}`;
    else if (d.bases.length) d.bases[d.bases.length - 1] += ` ${s.replace(/[;.]$/u, "")}`;
  }
  const plan = lines.slice(kp);
  const app = plan.findIndex(isAppendix);
  const at = app < 0 ? plan.length : app;
  return { lines: [...lines.slice(0, dq), ...plan.slice(0, at), ...tail, ...plan.slice(at)], decision: d };
}

/** Điều 1–3 as the tool prints them by default → the executors of Điều 3; else undefined. */
export function defaultExecutors(articles: string[]): string | undefined {
  if (articles.length !== 3) return undefined;
  if (!/^Ban hành kèm theo Quyết định này (Kế hoạch|Chương trình)/u.test(articles[0]!)) return undefined;
  if (articles[1] !== "Quyết định này có hiệu lực kể từ ngày ký.") return undefined;
  return /^(.+) chịu trách nhiệm thi hành Quyết định này\.\/\.$/u.exec(articles[2]!)?.[1];
}
