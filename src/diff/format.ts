// The diff report in words: grouped by kind with counts, one Vietnamese line
// per change; or JSON for other tools.
import { FIELD_LABELS, KINDS, summarize, type Change, type ChangeKind, type ChangeType, type Summary } from "./plans.ts";
import { changedNumbers, compactDiff, truncate, wordEdits, words } from "./words.ts";

const KIND_HEADINGS: Record<ChangeKind, string> = {
  target: "Mục tiêu",
  task: "Nhiệm vụ",
  agency: "Cơ quan",
  section: "Mục nhiệm vụ và giải pháp",
  text: "Nội dung khác",
};
const KIND_PREFIX: Record<ChangeKind, string> = { target: "Mục tiêu", task: "Nhiệm vụ", agency: "Cơ quan", section: "Mục", text: "" };
const CHANGE_WORDS: Record<ChangeType, string> = { added: "thêm", removed: "bỏ", changed: "sửa", moved: "chuyển mục" };

const TASK_FIELDS: Record<string, string> = {
  content: "nội dung đổi:",
  lead: "cơ quan chủ trì",
  partners: "cơ quan phối hợp",
  deadline: "thời hạn",
  targets: "mục tiêu phục vụ",
};
const OTHER_FIELDS: Record<string, string> = { text: "nội dung đổi:", milestone: "mốc thời gian", name: "đổi tên", group: "nhóm chung:" };
const SECTION_FIELDS: Record<string, string> = { title: "tên mục", directiveSection: "mục tương ứng trong văn bản cấp trên" };

const NONE = "(không có)";
const quote = (s: string | undefined): string => (s === undefined ? NONE : `"${s}"`);

/** Texts this short (in words) are shown whole, old → new. */
const SHORT = 12;

/**
 * A changed text in few words: short texts whole ("95%" → "98%", with the
 * changed numbers), long ones as a word diff with context.
 */
export function textChange(old: string | undefined, now: string | undefined): string {
  if (old === undefined || now === undefined) return `${quote(old)} → ${quote(now)}`;
  const ops = wordEdits(old, now);
  const kept = ops.filter((o) => o.op === "eq").reduce((n, o) => n + o.words.length, 0);
  const [na, nb] = [words(old).length, words(now).length];
  const short = na <= SHORT && nb <= SHORT;
  // mostly rewritten: a word diff would be all brackets
  const rewritten = (2 * kept) / (na + nb) < 0.5;
  if (!short && !rewritten) return compactDiff(ops);
  const whole = short ? `${quote(old)} → ${quote(now)}` : `${quote(truncate(old))} → ${quote(truncate(now))}`;
  // the changed numbers, when they are a detail of a sentence (not the whole value, not a rewrite)
  const numbers = changedNumbers(ops);
  const worth = numbers.length > 0 && numbers.length <= 2 && Math.min(na, nb) > 3;
  return worth ? `${whole} (số liệu: ${numbers.map(([a, b]) => `${a} → ${b}`).join(", ")})` : whole;
}

/** The thing a line is about: "Nhiệm vụ t06", "Mục đích (purposes[1])". */
function subject(c: Change): string {
  if (c.kind === "text") {
    const label = c.field ? FIELD_LABELS[c.field] : undefined;
    return label ? `${label} (${c.path})` : c.path;
  }
  // a part of a section: "Mục nhan-thuc, letters[1]"
  if (c.kind === "section" && c.field) return `Mục ${c.id}, ${SECTION_FIELDS[c.field] ?? c.field}`;
  return `${KIND_PREFIX[c.kind]} ${c.id ?? c.path}`;
}

/** One line per change, e.g. `Nhiệm vụ t06: thời hạn "Trước ngày 01/7/2025" → "Quý IV năm 2025"`. */
export function formatChange(c: Change): string {
  const note = c.note ? ` (${c.note})` : "";
  const head = `${subject(c)}: `;
  if (c.change === "added") return `${head}thêm mới — ${quote(c.new === undefined ? undefined : truncate(c.new))}${note}`;
  if (c.change === "removed") return `${head}bỏ — ${quote(c.old === undefined ? undefined : truncate(c.old))}${note}`;
  if (c.change === "moved") return `${head}chuyển mục: ${c.old ?? NONE} → ${c.new ?? NONE}${c.note ? ` (${quote(truncate(c.note, 60))})` : ""}`;
  const field = c.field ?? "";
  if (c.kind === "task" && (field === "lead" || field === "partners")) return `${head}${TASK_FIELDS[field]} ${quote(c.old)} → ${quote(c.new)}${note}`;
  if (c.kind === "task" && (field === "deadline" || field === "targets")) return `${head}${TASK_FIELDS[field]} ${quote(c.old)} → ${quote(c.new)}`;
  if (c.kind === "agency" && field === "group") return `${head}nhóm chung: ${c.old ?? NONE} → ${c.new ?? NONE}`;
  const label = c.kind === "task" ? TASK_FIELDS[field] : c.kind === "target" || c.kind === "agency" ? OTHER_FIELDS[field] : undefined;
  return `${head}${label ? `${label} ` : ""}${textChange(c.old, c.new)}${note}`;
}

const countWords = (counts: Record<ChangeType, number>): string =>
  (Object.keys(CHANGE_WORDS) as ChangeType[])
    .filter((t) => counts[t] > 0)
    .map((t) => `${CHANGE_WORDS[t]} ${counts[t]}`)
    .join(", ");

/** The whole report: a summary line, then each kind with its count and lines. */
export function formatReport(changes: readonly Change[], files?: { old: string; new: string }): string[] {
  const about = files ? `${files.old} → ${files.new}: ` : "";
  if (changes.length === 0) return [`${about}không có khác biệt (no differences)`];
  const summary = summarize(changes);
  const lines = [`${about}${changes.length} thay đổi (differences)`];
  for (const kind of KINDS) {
    const group = changes.filter((c) => c.kind === kind);
    if (group.length === 0) continue;
    lines.push("", `${KIND_HEADINGS[kind]}: ${group.length} thay đổi (${countWords(summary[kind])})`);
    for (const c of group) lines.push(`  ${formatChange(c)}`);
  }
  return lines;
}

export interface DiffJson {
  changes: Change[];
  summary: Summary;
}

export function diffJson(changes: readonly Change[]): DiffJson {
  return { changes: [...changes], summary: summarize(changes) };
}
