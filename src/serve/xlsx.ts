// The task table (and the targets) as an Excel workbook for the agencies, and
// the edited workbook read back: rows matched by id, agencies and deadlines
// read as the page reads them, and everything surprising reported before the
// page applies anything. exceljs is loaded only when a workbook is asked for.
import { printedDeadline, type DeadlineStyle } from "../derive/format.ts";
import { parseDeadlineText } from "../model/deadline.ts";
import type { Agency } from "./workspace.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export const TASK_COLUMNS = ["Mã (id)", "Mục (section)", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn", "Ghi chú"] as const;
export const TARGET_COLUMNS = ["Mã (id)", "Nội dung mục tiêu", "Mốc (năm)", "Ghi chú"] as const;
export const TASK_SHEET = "Nhiệm vụ";
export const TARGET_SHEET = "Mục tiêu";

const SEP = "; ";


const names = (ids: unknown, agencies: Map<string, string>): string => (Array.isArray(ids) ? ids.map((id) => agencies.get(String(id)) ?? String(id)).join(SEP) : "");

export async function exportWorkbook(data: Obj, agencyList: Agency[], style: DeadlineStyle = "long"): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const agencies = new Map(agencyList.map((a) => [a.id, a.name]));
  const wb = new ExcelJS.Workbook();
  wb.creator = "kehoach";
  // fixed dates: the same plan gives the same workbook
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  const tasks = wb.addWorksheet(TASK_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  tasks.columns = TASK_COLUMNS.map((header, i) => ({ header, width: [10, 18, 70, 30, 30, 22, 30][i] }));
  for (const t of Array.isArray(data.tasks) ? data.tasks : []) {
    if (!isObj(t)) continue;
    tasks.addRow([String(t.id ?? ""), String(t.section ?? ""), String(t.content ?? ""), names(t.lead, agencies), names(t.partners, agencies), printedDeadline(t.deadline, style), ""]);
  }
  const targets = wb.addWorksheet(TARGET_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  targets.columns = TARGET_COLUMNS.map((header, i) => ({ header, width: [18, 80, 12, 30][i] }));
  for (const t of Array.isArray(data.targets) ? data.targets : []) {
    if (!isObj(t)) continue;
    targets.addRow([String(t.id ?? ""), String(t.text ?? ""), t.milestone === undefined ? "" : String(t.milestone), ""]);
  }
  for (const ws of [tasks, targets]) {
    ws.getRow(1).font = { bold: true };
    ws.eachRow((row) => (row.alignment = { wrapText: true, vertical: "top" }));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export interface ImportReport {
  changed: { id: string; fields: string[] }[];
  added: string[];
  deleted: string[];
  unknownAgencies: { sheetRow: number; id: string; name: string }[];
  badDeadlines: { sheetRow: number; id: string; text: string }[];
  missingIds: number[];
  notes: { id: string; note: string }[];
  targetsChanged: string[];
}

export interface ImportResult {
  report: ImportReport;
  /** the plan data's tasks and targets with the workbook applied (only when nothing blocks) */
  tasks?: unknown[];
  targets?: unknown[];
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (isObj(v) && Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((r) => r.text).join("");
  if (isObj(v) && "result" in v) return cellText(v.result);
  if (isObj(v) && typeof v.text === "string") return v.text;
  return String(v);
}

/** Reads an edited workbook against the plan data it was exported from. */
export async function importWorkbook(bytes: Uint8Array, data: Obj, agencyList: Agency[], style: DeadlineStyle = "long"): Promise<ImportResult> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const agencies = new Map(agencyList.map((a) => [a.id, a.name]));
  const byName = new Map<string, string>();
  for (const a of agencyList) {
    byName.set(a.name.normalize("NFC").toLocaleLowerCase("vi").trim(), a.id);
    byName.set(a.id, a.id);
  }
  const report: ImportReport = { changed: [], added: [], deleted: [], unknownAgencies: [], badDeadlines: [], missingIds: [], notes: [], targetsChanged: [] };
  const oldTasks = (Array.isArray(data.tasks) ? data.tasks : []).filter(isObj);
  const oldById = new Map(oldTasks.map((t) => [String(t.id), t]));
  const sheet = wb.getWorksheet(TASK_SHEET) ?? wb.worksheets[0];
  const tasks: unknown[] = [];
  const seen = new Set<string>();
  sheet?.eachRow((row, n) => {
    if (n === 1) return;
    const cells = TASK_COLUMNS.map((_, i) => cellText(row.getCell(i + 1).value).normalize("NFC").trim());
    const [id, section, content, lead, partners, deadline, note] = cells as [string, string, string, string, string, string, string];
    if (cells.every((c) => c === "")) return;
    if (!id) {
      report.missingIds.push(n);
      return;
    }
    seen.add(id);
    const old = oldById.get(id);
    if (note) report.notes.push({ id, note });
    const readAgencies = (text: string, was: unknown): string[] => {
      if (old && text === names(was, agencies)) return Array.isArray(was) ? (was as string[]) : [];
      const out: string[] = [];
      for (const part of text.split(/[;\n]/).map((s) => s.trim()).filter(Boolean)) {
        const found = byName.get(part.toLocaleLowerCase("vi"));
        if (found) out.push(found);
        else report.unknownAgencies.push({ sheetRow: n, id, name: part });
      }
      return out;
    };
    const leadIds = readAgencies(lead, old?.lead);
    const partnerIds = readAgencies(partners, old?.partners);
    let dl: unknown = old?.deadline;
    if (!old || deadline !== printedDeadline(old.deadline, style)) {
      // a date form, or a named condition; text with figures that is no date form is a typo ("Quý 5/2025")
      if (parseDeadlineText(deadline)) dl = deadline;
      else if (deadline && !/\d/.test(deadline)) dl = { theo: deadline };
      else report.badDeadlines.push({ sheetRow: n, id, text: deadline });
    }
    const next: Obj = { ...(old ?? {}), id, section, content, lead: leadIds, partners: partnerIds, deadline: dl };
    if (!old) {
      report.added.push(id);
    } else {
      const fields = (["section", "content", "lead", "partners", "deadline"] as const).filter((k) => JSON.stringify(old[k] ?? (k === "lead" || k === "partners" ? [] : undefined)) !== JSON.stringify(next[k]));
      if (fields.length) report.changed.push({ id, fields });
    }
    tasks.push(next);
  });
  report.deleted = oldTasks.map((t) => String(t.id)).filter((id) => !seen.has(id));

  let targets: unknown[] | undefined;
  const tsheet = wb.getWorksheet(TARGET_SHEET);
  if (tsheet) {
    const oldTargets = (Array.isArray(data.targets) ? data.targets : []).filter(isObj);
    const byId = new Map(oldTargets.map((t) => [String(t.id), t]));
    targets = oldTargets.map((t) => ({ ...t }));
    tsheet.eachRow((row, n) => {
      if (n === 1) return;
      const [id, text, milestone] = [1, 2, 3].map((i) => cellText(row.getCell(i).value).normalize("NFC").trim()) as [string, string, string];
      const old = byId.get(id);
      if (!old) return;
      const next: Obj = { ...old, text };
      if (milestone) next.milestone = milestone;
      else delete next.milestone;
      if (JSON.stringify(next) !== JSON.stringify(old)) {
        report.targetsChanged.push(id);
        targets![oldTargets.indexOf(old)] = next;
      }
    });
  }
  const blocked = report.unknownAgencies.length > 0 || report.badDeadlines.length > 0 || report.missingIds.length > 0;
  return blocked ? { report } : { report, tasks, ...(targets ? { targets } : {}) };
}
