// The plan schema's own rules, each refused at its place with the words users
// read, and the values it fills in. The schemas are written with zod/mini
// (issue 11): these pin what a change of zod build or of a schema's form could
// change without any other test noticing — a refinement's message and path,
// a message zod writes itself in English (mini sets no locale of its own),
// defaults and the shapes transforms give.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { UserError, type Diagnostic } from "../src/errors.ts";
import { parsePlan } from "../src/load/plan.ts";
import { resolveStyleTable } from "../src/model/style.ts";
import { MINI } from "./fixtures/mini.ts";

function diagnosticsOf(yaml: string): Diagnostic[] {
  try {
    parsePlan("plan.yaml", yaml);
  } catch (e) {
    if (e instanceof UserError) return e.diagnostics;
    throw e;
  }
  throw new Error("the plan was accepted");
}
const DUTY = 'duties:\n  - { agency: tyt, items: ["Chủ trì thực hiện kế hoạch."] }';
const DATE = "date: { day: 5, month: 1, year: 2025 }";

describe("the plan schema refuses, at the value's place", () => {
  it.each([
    ["a day without its month", DATE, "date: { day: 5, year: 2025 }", { path: "date.month", line: 5, message: "Giá trị không hợp lệ: có ngày thì phải có tháng" }],
    [
      "a day the month does not have",
      DATE,
      "date: { day: 31, month: 4, year: 2025 }",
      { path: "date.day", line: 5, message: "Giá trị không hợp lệ: không có ngày 31/4/2025 trong lịch (no such date)", expected: "một ngày có trong tháng 4/2025: 1–30", found: "31" },
    ],
    ["a duty with nothing to print", DUTY, "duties:\n  - { agency: tyt }", { path: "duties[0].items", line: 22, message: "Giá trị không hợp lệ: cần ít nhất một ý (items), tasks hoặc listTasks: true" }],
    ["an id with capitals (our message)", "{ id: t1,", "{ id: T1,", { path: "tasks[0].id", line: 17, message: "Sai định dạng (invalid format): mã chỉ gồm chữ thường không dấu, số, -, _ và .", found: 'chuỗi văn bản (string) "T1"' }],
    [
      "a part name with spaces (zod's English message names the pattern)",
      DUTY,
      DUTY.replace("{ agency", "{ part: Phần Hai, agency"),
      { path: "duties[0].part", line: 22, message: "Sai định dạng (invalid format): Invalid string: must match pattern /^[a-z0-9][a-z0-9-_.]*$/" },
    ],
    ["an agency code with spaces (zod's English message)", "  tyt: { name: Trạm Y tế xã }", "  Trạm Y tế: { name: Trạm Y tế xã }", { path: "agencies.Trạm Y tế", line: 19, message: "Giá trị không hợp lệ (invalid): Invalid key in record" }],
    ["a family that does not exist", "symbol: KH-UBND", "symbol: KH-UBND\nfamily: nha-nuoc", { path: "family", line: 4, message: "Giá trị không hợp lệ (invalid value)", expected: 'một trong: "state", "party"' }],
    [
      "an indicator too close to zero to print",
      "appendix: { title: Nhiệm vụ cụ thể }",
      "appendix: { title: Nhiệm vụ cụ thể }\nindicators: { columns: [Năm 2025], rows: [{ name: Tỷ lệ, values: [0.0000001] }] }",
      { path: "indicators.rows[0].values[0]", line: 27, message: "Giá trị không hợp lệ: số quá gần 0, không in được gọn (too close to zero)", expected: "0, hoặc giá trị tuyệt đối từ 0,000001 đến 9.007.199.254.740.991" },
    ],
  ])("%s", (_, from, to, want) => {
    const yaml = MINI.replace(from, to);
    expect(yaml).not.toBe(MINI);
    const list = diagnosticsOf(yaml);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ code: "E_SCHEMA", file: "plan.yaml", ...want });
  });
});

describe("the plan schema fills in", () => {
  const { plan } = parsePlan("plan.yaml", MINI);

  it("the defaults of what a plan leaves out", () => {
    expect(plan.kind).toBe("ke-hoach");
    expect(plan.family).toBe("state");
    expect(plan.phrasing).toEqual({});
    expect(plan.header).toEqual({});
    expect(plan.targets).toEqual([]);
    expect(plan.footnotes).toEqual({});
    expect(plan.sections[0]).toMatchObject({ numbered: true, paragraphs: [], dashes: [], children: [] });
    expect(plan.recipients.before).toEqual([]);
    expect(plan.duties[0]).not.toHaveProperty("tasks");
    expect(plan.appendix).toEqual({ title: "Nhiệm vụ cụ thể", content: "tasks", numbering: "continuous", caption: {} });
  });

  it("the shapes its transforms give: lines as lists, dates and deadlines as data", () => {
    expect(plan.title).toEqual(["Thực hiện {ct25:short} về y tế cơ sở"]);
    expect(plan.issuer.name).toEqual(["ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TÂM"]);
    expect(plan.documents.ct25!.date).toEqual({ day: 25, month: 10, year: 2023 });
    expect(plan.tasks[0]!.deadline).toEqual({ kind: "quarter", quarter: 2, year: 2025 });
    const columns = parsePlan("plan.yaml", MINI.replace("appendix: { title: Nhiệm vụ cụ thể }", "appendix: { title: Nhiệm vụ cụ thể, columns: [no, { key: content, width: 90 }] }")).plan.appendix;
    expect(columns).toMatchObject({ columns: [{ key: "no" }, { key: "content", width: 90 }] });
  });
});

it("a style table with a wrong value is refused with zod's English reason", () => {
  const base = parse(readFileSync(new URL("../templates/styles/base.yaml", import.meta.url), "utf8")) as Record<string, unknown>;
  expect(() => resolveStyleTable(base)).not.toThrow();
  expect(() => resolveStyleTable({ ...base, signingSpace: 1000 })).toThrow(/Too big: expected number to be <=400/);
});
