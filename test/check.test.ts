// Each consistency rule of `kehoach check`: a plan that breaks it and one that does not.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkPlan, RULES, type RuleCode } from "../src/check/rules.ts";
import { readLibrary } from "../src/load/library.ts";
import { parsePlan } from "../src/load/plan.ts";
import { MINI } from "./fixtures/mini.ts";
import { runCli, tempDir } from "./helpers/run.ts";

const lib = readLibrary("test/fixtures/library");
/** The mini plan, implementing the test directive, with both its sections covered and its signer named: it breaks no rule. */
const BASE = MINI.replace("symbol: KH-UBND", "symbol: KH-UBND\ndirective: ct-mini")
  .replace('name: "[[Họ và tên]]"', "name: Nguyễn Văn An")
  .replace(
    "sections:\n  - id: s1\n    title: Nâng cao nhận thức\n",
    "sections:\n  - id: s2\n    directiveSection: 2\n    title: Đầu tư\n    letters: [Đầu tư trạm y tế.]\n  - id: s1\n    directiveSection: 1\n    title: Nâng cao nhận thức\n",
  )
  .replace("tasks:\n", "tasks:\n  - { id: t2, section: s2, content: \"Đầu tư trạm y tế.\", lead: [tyt], deadline: \"Q4/2025\" }\n");

function codes(yaml: string): RuleCode[] {
  const { plan, source } = parsePlan("plan.yaml", yaml, () => lib);
  return checkPlan(plan, source, lib).map((f) => f.code as RuleCode);
}

const CASES: { rule: RuleCode; breaks: (s: string) => string }[] = [
  { rule: "C_NO_LEAD", breaks: (s) => s.replace("lead: [tyt], partners: [lq]", "lead: [], partners: [lq]") },
  { rule: "C_TARGET_UNDEFINED", breaks: (s) => s.replace("deadline: Q2/2025 }", "deadline: Q2/2025, targets: [khong-co] }") },
  { rule: "C_DEADLINE_BEFORE_ISSUE", breaks: (s) => s.replace("deadline: Q2/2025 }", "deadline: Q4/2024 }") },
  { rule: "C_DEADLINE_AFTER_HORIZON", breaks: (s) => s.replace("deadline: Q2/2025 }", "deadline: từ 2031 }") },
  {
    rule: "C_TARGET_UNUSED",
    breaks: (s) =>
      s.replace("appendix:", "targets: [{ id: g1, text: Mục tiêu A, milestone: '2025' }]\noutline: [{ title: MỤC ĐÍCH, use: purposes }, { title: YÊU CẦU, use: requirements }, { title: MỤC TIÊU, use: targets, milestone: '2030' }, { use: sections }, { use: duties }]\nappendix:"),
  },
  { rule: "C_SECTION_UNCOVERED", breaks: (s) => s.replace('  - { id: t2, section: s2, content: "Đầu tư trạm y tế.", lead: [tyt], deadline: "Q4/2025" }\n', "") },
  { rule: "C_DUPLICATE_TASK", breaks: (s) => s.replace('content: "Đầu tư trạm y tế."', 'content: "Tổ chức tuyên truyền."') },
  { rule: "C_EMPTY_SECTION", breaks: (s) => s.replace("sections:\n", "sections:\n  - { id: s9, title: Mục trống }\n") },
  { rule: "C_TASK_UNPRINTED", breaks: (s) => s.replace("appendix: { title: Nhiệm vụ cụ thể }\n", "").replace('items: ["Chủ trì thực hiện kế hoạch."] }', 'items: ["Chủ trì thực hiện kế hoạch."], tasks: { sections: [s2] } }') },
  {
    rule: "C_UNVERIFIED_FIGURE",
    breaks: (s) => s.replace("appendix:", 'targets: [{ id: bhyt, text: "Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số." }]\nappendix:'),
  },
  { rule: "C_FOOTNOTE_UNUSED", breaks: (s) => s.replace("appendix:", "footnotes:\n  nguon: Báo cáo số 12/BC-SYT ngày 05/01/2025 của Sở Y tế.\nappendix:") },
  // a sentence typed in a one-line list splits at its comma
  { rule: "C_SPLIT_ITEM", breaks: (s) => s.replace('items: ["Chủ trì thực hiện kế hoạch."]', "items: [Hướng dẫn, hỗ trợ thực hiện kế hoạch.]") },
  { rule: "C_PLACEHOLDER", breaks: (s) => s.replace("name: Nguyễn Văn An", 'name: "[[Họ và tên]]"') },
];

describe("check rules", () => {
  it("the base plan breaks no rule", () => {
    expect(codes(BASE)).toEqual([]);
  });

  it("covers every rule with a case", () => {
    expect(CASES.map((c) => c.rule).sort()).toEqual(Object.keys(RULES).sort());
  });

  it.each(CASES)("$rule: found when broken, with its severity and location", ({ rule, breaks }) => {
    const broken = breaks(BASE);
    const { plan, source } = parsePlan("plan.yaml", broken, () => lib);
    const found = checkPlan(plan, source, lib).filter((f) => f.code === rule);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.severity).toBe(RULES[rule]);
    expect(found[0]!.line).toBeGreaterThan(1);
    expect(found[0]!.file).toBe("plan.yaml");
    expect(broken).not.toBe(BASE);
  });

  it("check --json lists findings for tools; exit 1 only with an error-level finding", async () => {
    const dir = tempDir();
    const ok = join(dir, "ok.yaml");
    const bad = join(dir, "bad.yaml");
    writeFileSync(ok, MINI);
    writeFileSync(bad, MINI.replace("lead: [tyt], partners: [lq]", "lead: [], partners: [lq]"));
    const r1 = await runCli(["check", ok, "--json"]);
    expect(r1.code).toBe(0);
    const j1 = JSON.parse(r1.stdout) as { findings: { code: string; severity: string; line: number }[] };
    expect(j1.findings).toEqual([expect.objectContaining({ code: "C_PLACEHOLDER", severity: "placeholder" })]);
    const r2 = await runCli(["check", bad]);
    expect(r2.code).toBe(1);
    expect(r2.stdout).toMatch(/bad\.yaml:\d+:\d+: lỗi \[C_NO_LEAD\]/);
    // and build refuses it, writing nothing
    const out = tempDir();
    expect((await runCli(["build", bad, "-o", out])).code).toBe(1);
  });
});

describe("C_UNVERIFIED_FIGURE: a plan printing a library figure nobody checked against the published text", () => {
  const withTargets = (targets: string) => BASE.replace("appendix:", `targets:\n${targets}appendix:`);
  const found = (yaml: string) => {
    const { plan, source } = parsePlan("plan.yaml", yaml, () => lib);
    return checkPlan(plan, source, lib).filter((f) => f.code === "C_UNVERIFIED_FIGURE");
  };

  it("warns at the line of the target's text, naming the library's source", () => {
    const yaml = withTargets('  - id: xa\n    text: "100% xã có trạm y tế."\n  - id: bhyt\n    text: "Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số."\n');
    const [f, ...rest] = found(yaml);
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("warning");
    expect(f!.path).toBe("targets[1].text");
    expect(yaml.split("\n")[f!.line - 1]).toContain("Tỷ lệ bao phủ bảo hiểm y tế");
    expect(f!.message).toContain("CT 99-CT/TW, đoạn 2");
    expect(f!.message).toContain("(unverified library figure)");
  });

  it("warns when the library's target keeps its figures in other words, not when the plan sets its own", () => {
    expect(found(withTargets('  - { id: muc-tieu-2, text: "Phấn đấu trên 95% người dân có thẻ bảo hiểm y tế." }\n'))).toHaveLength(1);
    expect(found(withTargets('  - { id: muc-tieu-2, text: "Tỷ lệ bao phủ bảo hiểm y tế của xã đạt 98% dân số." }\n'))).toEqual([]);
    // a figure packed into a longer paragraph is still the library's
    expect(found(withTargets('  - { id: g, text: "Đến năm 2030: tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số; 100% thôn có y tế." }\n'))).toHaveLength(1);
  });

  it("leaves a figure still held in a placeholder to C_PLACEHOLDER, and a plan without a directive alone", () => {
    expect(found(withTargets('  - { id: bhyt, text: "[[Đối chiếu với CT 99-CT/TW, đoạn 2: Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số.]]" }\n'))).toEqual([]);
    const free = MINI.replace("appendix:", 'targets: [{ id: bhyt, text: "Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số." }]\nappendix:');
    const { plan, source } = parsePlan("plan.yaml", free, () => lib);
    expect(checkPlan(plan, source, lib).map((f) => f.code)).not.toContain("C_UNVERIFIED_FIGURE");
  });
});
