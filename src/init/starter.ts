// `kehoach init`: a starter plan that mirrors its directive. Pure: options and
// the library in, a plan object (the YAML a clerk then edits) out. Everything
// the tool cannot know is a visible placeholder "[[…]]" that the build
// highlights and `kehoach check` lists.
import { deadlineText } from "../derive/format.ts";
import type { Deadline } from "../model/deadline.ts";
import { isVerified, type Directive, type Level, type StandardTask } from "../model/directive.ts";
import type { PlanInput } from "../model/plan.ts";
import { UserError } from "../errors.ts";
import type { Library } from "../load/library.ts";
import { suggest } from "../load/validate.ts";
import { newPlanWording } from "../load/wording.ts";
import { fill, fillAll, type NewPlanWording } from "../model/wording.ts";

export interface InitOptions {
  directive: string;
  /** the issuing body as written in running text: "Ủy ban nhân dân tỉnh Bắc Kạn" */
  issuer: string;
  place: string;
  level: Level;
  family: "state" | "party";
  /** the plan's year (the CLI passes the current year) */
  year: number;
}

const upper = (s: string) => s.toLocaleUpperCase("vi");
const P = (label: string) => `[[${label}]]`;

/** Header lines of the issuer, as the seeds set them. */
export function issuerLines(issuer: string, level: Level, family: "state" | "party"): { parent?: string[]; name: string[] } {
  const ubnd = /^(ủy ban nhân dân|uỷ ban nhân dân)\s+(.+)$/i.exec(issuer);
  if (ubnd) return { name: [upper(ubnd[1]!), upper(ubnd[2]!)] };
  const so = /^(sở .+?)\s+((?:tỉnh|thành phố)\s+.+)$/i.exec(issuer);
  if (so && level === "department") return { parent: [`UBND ${upper(so[2]!)}`], name: [upper(so[1]!)] };
  if (family === "party" && level === "commune") return { parent: [`ĐẢNG BỘ ${P("TỈNH …")}`], name: [upper(issuer)] };
  return { name: [upper(issuer)] };
}

/** "Sở Y tế" → "SYT": the issuer's code in a state symbol. */
function initials(s: string): string {
  return s
    .split(/\s+/)
    .map((w) => upper(w[0] ?? ""))
    .join("");
}

function symbol(o: InitOptions): string {
  if (o.family === "party") return o.level === "province" ? "KH/TU" : "KH/ĐU";
  if (o.level === "department") {
    const so = /^(sở .+?)\s+(?:tỉnh|thành phố)\s+/i.exec(o.issuer);
    return `KH-${so ? initials(so[1]!) : P("ký hiệu")}`;
  }
  return "KH-UBND";
}

function signer(o: InitOptions, w: NewPlanWording["starter"]): PlanInput["signer"] {
  return o.family === "party" ? w.signer.party : o.level === "department" ? w.signer.department : w.signer.state;
}


/**
 * A standard task's deadline in the starter. The library has one only where the
 * directive sets it; none, one already past when the plan is issued, or a dated
 * one not checked against the directive is left for the clerk to set.
 */
function deadlineFor(t: StandardTask, year: number, w: NewPlanWording["starter"]): unknown {
  const d = t.deadline;
  if (!d) return { theo: w.deadlineToSet };
  const past = d.kind === "quarter" || d.kind === "year" ? d.year < year : d.kind === "before" ? d.date.year < year : false;
  if (past) return { theo: w.deadlineToSet };
  if (!isVerified(t.verified) && d.kind !== "recurring" && d.kind !== "condition") return { theo: fill(w.deadlineToConfirm, { deadline: deadlineText(d), source: t.source }) };
  return shortDeadline(d, year);
}

function shortDeadline(d: Deadline, year: number): unknown {
  switch (d.kind) {
    case "recurring":
      return "thường xuyên";
    case "quarter":
      return `Q${d.quarter}/${d.year}`;
    case "year":
      return String(d.year);
    case "from":
      return `từ ${Math.max(d.year, year)}`;
    case "before":
      return `trước ${d.date.year}-${String(d.date.month).padStart(2, "0")}-${String(d.date.day).padStart(2, "0")}`;
    case "condition":
      return { theo: d.text };
  }
}

export function starterPlan(o: InitOptions, lib: Library, wording: NewPlanWording = newPlanWording()): PlanInput {
  const d: Directive | undefined = lib.directives.get(o.directive);
  if (!d) {
    const known = [...lib.directives.keys()];
    const hint = suggest(o.directive, known);
    throw new UserError("E_REFERENCE", `Không có văn bản mã "${o.directive}" trong thư viện seeds/ (unknown directive)${hint ? `; có phải ý bạn là "${hint}"?` : ""}`, {
      path: "--directive",
      expected: `một trong: ${known.join(", ")}`,
      found: `"${o.directive}"`,
    });
  }
  if (!lib.levels.has(o.level)) throw new UserError("E_REFERENCE", `Thư viện chưa có sổ cơ quan cấp "${o.level}" (seeds/levels/${o.level}.yaml)`, { path: "--level" });
  const w = fillAll(wording.starter, { directive: d.id, issuer: o.issuer, place: o.place, level: o.level, family: o.family });
  /** library text not checked against the published document: shown, but as a placeholder to confirm */
  const toConfirm = (text: string, source: string) => fill(w.toConfirm, { text, source });
  const taskSections = d.sections.filter((s) => s.kind === "tasks");
  const sections = taskSections.map((s) => ({ id: `muc-${s.number}`, directiveSection: s.number, title: isVerified(s.verified) ? s.title : toConfirm(s.title, s.source) }));
  const tasks: PlanInput["tasks"] = [];
  for (const s of taskSections) {
    const standard = s.tasks.filter((t: StandardTask) => t.levels.includes(o.level));
    for (const t of standard) {
      tasks.push({ id: t.id, section: `muc-${s.number}`, content: t.content, lead: t.lead, partners: t.partners, deadline: deadlineFor(t, o.year, w) as never });
    }
    // every directive section gets at least one task, so none is left uncovered
    if (standard.length === 0) {
      tasks.push({ id: `muc-${s.number}-nhiem-vu`, section: `muc-${s.number}`, content: fill(w.sectionTask, { number: s.number }), lead: ["lanh-dao"], partners: ["lien-quan"], deadline: "thường xuyên" });
    }
  }
  const leads = [...new Set(tasks.flatMap((t) => t.lead ?? []))].filter((a) => a !== "lien-quan");
  const horizon = d.horizon ?? o.year + 5;
  const header = issuerLines(o.issuer, o.level, o.family);
  return {
    directive: d.id,
    level: o.level,
    family: o.family,
    issuer: { ...(header.parent ? { parent: header.parent } : {}), name: header.name, fullName: o.issuer, place: o.place },
    symbol: symbol(o),
    date: { year: o.year },
    period: { from: o.year, to: Math.max(horizon, o.year) },
    title: [w.title],
    legalBasis: w.legalBasis,
    purposes: w.purposes,
    requirements: w.requirements,
    targets: d.targets.map((t) => ({ id: t.id, text: isVerified(t.verified) ? t.text : toConfirm(t.text, t.source), ...(t.milestone ? { milestone: t.milestone } : {}) })),
    sections,
    tasks,
    duties: leads.map((a) => ({ agency: a, listTasks: true, items: [] })),
    closing: w.closing,
    recipients: o.family === "party" ? w.recipients.party : w.recipients.state,
    signer: signer(o, w),
    appendix: { title: w.appendixTitle },
  };
}

/** The starter as YAML, with a header that says what to do with it. */
export function starterYaml(plan: PlanInput, o: InitOptions, stringify: (v: unknown) => string, wording: NewPlanWording = newPlanWording()): string {
  const header = fillAll(wording.starter.header, { directive: o.directive, level: o.level, family: o.family });
  return ["# yaml-language-server: $schema=./kehoach.schema.json", ...header.map((l) => `# ${l}`), stringify(plan)].join("\n");
}
