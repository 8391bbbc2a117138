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
      s.replace("appendix:", "targets: [{ id: g1, text: Mục tiêu A, milestone: '2025' }]\noutline: [{ title: MỤC TIÊU, use: targets, milestone: '2030' }, { use: sections }]\nappendix:"),
  },
  { rule: "C_SECTION_UNCOVERED", breaks: (s) => s.replace('  - { id: t2, section: s2, content: "Đầu tư trạm y tế.", lead: [tyt], deadline: "Q4/2025" }\n', "") },
  { rule: "C_DUPLICATE_TASK", breaks: (s) => s.replace('content: "Đầu tư trạm y tế."', 'content: "Tổ chức tuyên truyền."') },
  { rule: "C_EMPTY_SECTION", breaks: (s) => s.replace("sections:\n", "sections:\n  - { id: s9, title: Mục trống }\n") },
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
