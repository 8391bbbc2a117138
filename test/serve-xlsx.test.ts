// The task table through Excel: export, edit with a spreadsheet library,
// import; every surprise is reported before anything is applied.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { exportWorkbook, importWorkbook, TASK_SHEET, TARGET_SHEET } from "../src/serve/xlsx.ts";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const data = parse(readFileSync("data/bac-kan-ct25.yaml", "utf8")) as Obj;
const agencies = Object.entries(data.agencies as Record<string, { name: string }>).map(([id, a]) => ({ id, name: a.name }));

async function edited(f: (tasks: ExcelJS.Worksheet, targets: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportWorkbook(data, agencies)) as unknown as ArrayBuffer);
  f(wb.getWorksheet(TASK_SHEET)!, wb.getWorksheet(TARGET_SHEET)!);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
const rowOf = (ws: ExcelJS.Worksheet, id: string) => [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === id)!;

describe("Excel export and import", () => {
  it("exports one row per task with agencies and deadlines as text, and a notes column", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportWorkbook(data, agencies)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(TASK_SHEET)!;
    expect(ws.rowCount).toBe(1 + data.tasks.length);
    expect(ws.getRow(1).values).toContain("Ghi chú");
    const t01 = rowOf(ws, "t01");
    expect(t01.getCell(5).value).toBe(agencies.find((a) => a.id === "lien-quan")!.name);
    expect(t01.getCell(6).value).toBe("Quý II năm 2024");
    expect(String(rowOf(ws, "t08").getCell(4).value)).toBe("Sở Y tế; Sở Kế hoạch và Đầu tư");
    expect(wb.getWorksheet(TARGET_SHEET)!.rowCount).toBe(1 + data.targets.length);
  });

  it("imports an unchanged workbook as no change, keeping the file's own deadline forms", async () => {
    const r = await importWorkbook(await edited(() => {}), data, agencies);
    expect(r.report.changed).toEqual([]);
    expect(r.tasks).toEqual(data.tasks);
    expect(r.targets).toEqual(data.targets);
  });

  it("applies changed rows matched by id and reports added and deleted rows", async () => {
    const bytes = await edited((ws, targets) => {
      const t05 = rowOf(ws, "t05");
      t05.getCell(4).value = "Sở Y tế; Sở Tài chính";
      t05.getCell(6).value = "trước 01/7/2026";
      t05.getCell(7).value = "Sở Y tế đề nghị lùi thời hạn";
      ws.spliceRows(rowOf(ws, "t19").number, 1);
      ws.addRow(["t20", "nhan-thuc", "Tập huấn cho cán bộ y tế xã Đồng Tâm", "Sở Y tế", "", "Năm 2026", ""]);
      rowOf(targets, "bao-hiem-y-te").getCell(2).value = "Tỷ lệ tham gia bảo hiểm y tế đạt trên 97% dân số.";
    });
    const r = await importWorkbook(bytes, data, agencies);
    expect(r.report.changed).toEqual([{ id: "t05", fields: ["lead", "deadline"] }]);
    expect(r.report.added).toEqual(["t20"]);
    expect(r.report.deleted).toEqual(["t19"]);
    expect(r.report.notes).toEqual([{ id: "t05", note: "Sở Y tế đề nghị lùi thời hạn" }]);
    expect(r.report.targetsChanged).toEqual(["bao-hiem-y-te"]);
    const t05 = (r.tasks as Obj[]).find((t) => t.id === "t05")!;
    expect(t05.lead).toEqual(["so-yt", "so-tc"]);
    expect(t05.deadline).toBe("trước 01/7/2026");
    expect((r.tasks as Obj[]).at(-1)).toMatchObject({ id: "t20", lead: ["so-yt"], deadline: "Năm 2026" });
  });

  it("reports unknown agencies and unreadable deadlines and applies nothing", async () => {
    const bytes = await edited((ws) => {
      rowOf(ws, "t03").getCell(4).value = "Sở Y tế; Phòng Không Tồn Tại";
      rowOf(ws, "t04").getCell(6).value = "Quý 5/2025";
    });
    const r = await importWorkbook(bytes, data, agencies);
    expect(r.report.unknownAgencies).toEqual([{ sheetRow: 4, id: "t03", name: "Phòng Không Tồn Tại" }]);
    expect(r.report.badDeadlines).toEqual([{ sheetRow: 5, id: "t04", text: "Quý 5/2025" }]);
    expect(r.tasks).toBeUndefined();
  });
});
