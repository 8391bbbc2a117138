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

function signer(o: InitOptions): PlanInput["signer"] {
  const name = P("Họ và tên người ký");
  if (o.family === "party") return { authority: "T/M BAN THƯỜNG VỤ", title: P("BÍ THƯ"), name };
  if (o.level === "department") return { authority: "KT. GIÁM ĐỐC", title: "PHÓ GIÁM ĐỐC", name };
  return { authority: "TM. ỦY BAN NHÂN DÂN", delegate: "KT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", name };
}

/** Library text not checked against the published document: shown, but as a placeholder to confirm. */
const toConfirm = (text: string, source: string) => P(`Đối chiếu với ${source}: ${text}`);

/**
 * A standard task's deadline in the starter. The library has one only where the
 * directive sets it; none, one already past when the plan is issued, or a dated
 * one not checked against the directive is left for the clerk to set.
 */
function deadlineFor(t: StandardTask, year: number): unknown {
  const d = t.deadline;
  if (!d) return { theo: P("thời hạn") };
  const past = d.kind === "quarter" || d.kind === "year" ? d.year < year : d.kind === "before" ? d.date.year < year : false;
  if (past) return { theo: P("thời hạn") };
  if (!isVerified(t.verified) && d.kind !== "recurring" && d.kind !== "condition") return { theo: P(`thời hạn: ${deadlineText(d)}, đối chiếu với ${t.source}`) };
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

export function starterPlan(o: InitOptions, lib: Library): PlanInput {
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
  const ref = `{${d.id}}`;
  const short = `{${d.id}:short}`;
  const taskSections = d.sections.filter((s) => s.kind === "tasks");
  const sections = taskSections.map((s) => ({ id: `muc-${s.number}`, directiveSection: s.number, title: isVerified(s.verified) ? s.title : toConfirm(s.title, s.source) }));
  const tasks: PlanInput["tasks"] = [];
  for (const s of taskSections) {
    const standard = s.tasks.filter((t: StandardTask) => t.levels.includes(o.level));
    for (const t of standard) {
      tasks.push({ id: t.id, section: `muc-${s.number}`, content: t.content, lead: t.lead, partners: t.partners, deadline: deadlineFor(t, o.year) as never });
    }
    // every directive section gets at least one task, so none is left uncovered
    if (standard.length === 0) {
      tasks.push({ id: `muc-${s.number}-nhiem-vu`, section: `muc-${s.number}`, content: P(`Nhiệm vụ cụ thể thực hiện mục ${s.number}`), lead: ["lanh-dao"], partners: ["lien-quan"], deadline: "thường xuyên" });
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
    title: [`Thực hiện {${d.id}:full}`],
    legalBasis: {
      items: [`{${d.id}:full}`, P("văn bản của cấp trên triển khai văn bản này, nếu có")],
      conclusion: `${o.issuer} ban hành Kế hoạch thực hiện với các nội dung cụ thể như sau:`,
    },
    purposes: [
      `Quán triệt, tổ chức thực hiện đầy đủ, hiệu quả các nhiệm vụ, giải pháp tại ${ref}.`,
      "Tạo chuyển biến mạnh mẽ về nhận thức và hành động của các cơ quan, đơn vị và Nhân dân; xác định rõ nhiệm vụ, trách nhiệm của từng cơ quan, đơn vị trong tổ chức thực hiện.",
    ],
    requirements: [
      `Các nhiệm vụ phải bám sát nội dung ${short}, phù hợp với điều kiện thực tế của ${o.place}, bảo đảm thiết thực, hiệu quả.`,
      "Bảo đảm sự phối hợp thường xuyên, chặt chẽ giữa các cơ quan, đơn vị; tăng cường kiểm tra, giám sát, sơ kết, tổng kết việc thực hiện.",
    ],
    targets: d.targets.map((t) => ({ id: t.id, text: isVerified(t.verified) ? t.text : toConfirm(t.text, t.source), ...(t.milestone ? { milestone: t.milestone } : {}) })),
    sections,
    tasks,
    duties: leads.map((a) => ({ agency: a, listTasks: true, items: [] })),
    closing: `Trên đây là Kế hoạch thực hiện ${short} của ${o.issuer}. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh về ${P("cơ quan đầu mối")} để tổng hợp, báo cáo ${o.issuer} xem xét, giải quyết./.`,
    recipients: {
      items: [P("Nơi nhận")],
      archive: o.family === "party" ? `Văn phòng ${P("cấp ủy")}` : `VT, ${P("đơn vị soạn thảo")}`,
    },
    signer: signer(o),
    appendix: { title: `Nhiệm vụ cụ thể thực hiện ${short}` },
  };
}

/** The starter as YAML, with a header that says what to do with it. */
export function starterYaml(plan: PlanInput, o: InitOptions, stringify: (v: unknown) => string): string {
  return [
    "# yaml-language-server: $schema=./kehoach.schema.json",
    `# Kế hoạch khởi tạo bằng: kehoach init --directive ${o.directive} --level ${o.level} --family ${o.family}`,
    "# Điền mọi chỗ [[…]] (bản dựng tô vàng chúng; `kehoach check` liệt kê vị trí), rồi sửa",
    "# nhiệm vụ, cơ quan và thời hạn cho phù hợp. Tên cơ quan theo vai trò lấy từ",
    `# seeds/levels/${o.level}.yaml; ghi đè bằng agencies: { y-te: { name: … } }.`,
    "# [[Đối chiếu với …: …]] là số liệu, tên mục thư viện chưa đối chiếu với văn bản gốc:",
    "# đối chiếu với phần văn bản ghi trong đó, sửa nếu khác, rồi bỏ ngoặc.",
    stringify(plan),
  ].join("\n");
}
