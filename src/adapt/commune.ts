// `kehoach adapt`: a commune plan that extends a provincial one. Pure: the
// provincial plan, the commune's name and the library in; the child plan (only
// what differs) out. Under the two-level local government (from 01/7/2025) a
// commune works directly under the province: district bodies disappear,
// provincial departments map to the commune's own bodies (Sở Y tế → Trạm Y tế
// xã, Sở Văn hóa… → Phòng Văn hóa - Xã hội …), and only tasks that concern the
// commune level are kept.
import type { Library } from "../load/library.ts";
import { newPlanWording } from "../load/wording.ts";
import { fill, fillAll, type NewPlanWording } from "../model/wording.ts";
import type { Plan, PlanInput } from "../model/plan.ts";

export interface AdaptOptions {
  /** "Đồng Tâm" (the name), or "xã Đồng Tâm" / "phường Minh Xuân" */
  commune: string;
  family: "state" | "party";
  year: number;
  /** path of the provincial plan relative to the commune file */
  extendsPath: string;
}

const upper = (s: string) => s.toLocaleUpperCase("vi");

/** "Đồng Tâm" → { kind: "xã", name: "Đồng Tâm" }; "phường Minh Xuân" keeps "phường". */
export function communeName(raw: string): { kind: string; name: string } {
  const m = /^(xã|phường|đặc khu)\s+(.+)$/i.exec(raw.trim());
  return m ? { kind: m[1]!.toLocaleLowerCase("vi"), name: m[2]! } : { kind: "xã", name: raw.trim() };
}

/** Provincial agencies by name → commune roles (seeds/levels/commune.yaml); null: no such body at commune level. */
const NAME_TO_ROLE: [RegExp, string | null][] = [
  [/huyện|cấp huyện/i, null],
  [/^sở y tế|ngành y tế|trung tâm y tế/i, "y-te"],
  [/^sở nội vụ/i, "noi-vu"],
  [/^sở tài chính|^sở kế hoạch/i, "tai-chinh"],
  [/^sở giáo dục/i, "giao-duc"],
  [/^sở (thông tin|văn hóa|văn hoá)/i, "truyen-thong"],
  [/^sở khoa học/i, "khoa-hoc"],
  [/bảo hiểm xã hội/i, "bhxh"],
  [/^công an/i, "cong-an"],
  [/quân sự/i, "quan-su"],
  [/mặt trận|mttq/i, "mttq"],
  [/các sở|sở, ban, ngành|sở, ngành/i, "cac-nganh"],
  [/ủy ban nhân dân (các )?xã|ubnd (các )?xã|xã, phường/i, "cap-duoi"],
  [/^(ủy ban nhân dân|ubnd) tỉnh/i, "lanh-dao"],
  [/liên quan/i, "lien-quan"],
];

/** Agency ids of the provincial plan → commune ids: role ids stay (their names change with the level). */
export function communeAgencyMap(plan: Plan, communeRoles: Set<string>): Record<string, string | null> {
  const map: Record<string, string | null> = {};
  for (const [id, agency] of Object.entries(plan.agencies)) {
    if (communeRoles.has(id)) continue;
    const hit = NAME_TO_ROLE.find(([re]) => re.test(agency.name));
    if (hit) map[id] = hit[1];
  }
  return map;
}

/** Whether a task concerns the commune: the library says so for standard tasks; otherwise its agencies do. */
function concernsCommune(task: Plan["tasks"][number], standardLevels: Map<string, string[]>, map: Record<string, string | null>): boolean {
  const levels = standardLevels.get(task.id);
  if (levels) return levels.includes("commune");
  const mapped = task.lead.map((a) => (a in map ? map[a] : a));
  return mapped.some((a) => a !== null);
}

/** What a commune file states: only what differs from the plan it extends. */
export type CommunePlanInput = Partial<Omit<PlanInput, "tasks">> & { extends: string; tasks?: { id: string; drop: true }[] };

export function communePlan(parent: Plan, o: AdaptOptions, lib: Library, wording: NewPlanWording = newPlanWording()): CommunePlanInput {
  const { kind, name } = communeName(o.commune);
  const full = `${kind} ${name}`;
  const roles = new Set(Object.keys(lib.levels.get("commune")?.agencies ?? {}));
  const map = communeAgencyMap(parent, roles);
  const standardLevels = new Map<string, string[]>();
  const directive = parent.directive ? lib.directives.get(parent.directive) : undefined;
  for (const s of directive?.sections ?? []) for (const t of s.tasks) standardLevels.set(t.id, t.levels);
  const dropped = parent.tasks.filter((t) => !concernsCommune(t, standardLevels, map)).map((t) => ({ id: t.id, drop: true as const }));

  const party = o.family === "party";
  const w = fillAll(wording.commune[o.family], { commune: full, kind });
  const issuerFull = w.issuer;
  // the parent's basis documents, wherever its opening lists them
  const legalItems = (Array.isArray(parent.legalBasis) ? parent.legalBasis : [parent.legalBasis]).flatMap((o) => (typeof o === "string" ? [o] : o.items));
  const plan: CommunePlanInput = {
    extends: o.extendsPath,
    level: "commune",
    family: o.family,
    issuer: party
      ? { parent: [`ĐẢNG BỘ ${upper(parent.issuer.place.startsWith("tỉnh") ? parent.issuer.place : `tỉnh ${parent.issuer.place}`)}`], name: [upper(`Đảng ủy ${full}`)], fullName: issuerFull, place: name }
      : { name: ["ỦY BAN NHÂN DÂN", upper(full)], fullName: issuerFull, place: name },
    symbol: party ? "KH/ĐU" : "KH-UBND",
    date: { year: o.year },
    legalBasis: {
      items: [...legalItems, fill(wording.commune.legalBasisItem, { province: parent.issuer.fullName })],
      conclusion: w.conclusion,
    },
    closing: w.closing,
    recipients: w.recipients,
    signer: w.signer,
  };
  if (Object.keys(map).length) plan.agencyMap = map;
  if (dropped.length) plan.tasks = dropped;
  return plan;
}

export function communeYaml(plan: CommunePlanInput, parentFile: string, stringify: (v: unknown) => string, wording: NewPlanWording = newPlanWording()): string {
  const header = fillAll(wording.commune.header, { parentFile });
  return ["# yaml-language-server: $schema=../kehoach.schema.json", ...header.map((l) => `# ${l}`), stringify(plan)].join("\n");
}
