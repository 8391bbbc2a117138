// `kehoach init` for each directive, at each level, in both families: a plan
// that `check` reports only as placeholders and that builds at once.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { checkPlan } from "../src/check/rules.ts";
import { starterPlan, starterYaml, type InitOptions } from "../src/init/starter.ts";
import { library } from "../src/load/library.ts";
import { parsePlan } from "../src/load/plan.ts";
import { LEVELS } from "../src/model/levels.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { loadFonts, renderPdf, type FontSet } from "../src/render/pdf/index.ts";
import { docxText } from "./helpers/docx-text.ts";
import { listDir, runCli, tempDir } from "./helpers/run.ts";

const ISSUERS = {
  province: { state: ["Ủy ban nhân dân tỉnh Tuyên Quang", "Tuyên Quang"], party: ["Tỉnh ủy Tuyên Quang", "Tuyên Quang"] },
  department: { state: ["Sở Y tế tỉnh Lai Châu", "Lai Châu"], party: ["Đảng ủy Sở Y tế", "Lai Châu"] },
  commune: { state: ["Ủy ban nhân dân xã Đồng Tâm", "Đồng Tâm"], party: ["Đảng ủy xã Đồng Tâm", "Đồng Tâm"] },
} as const;

const MATRIX = ["ct25", "nq20", "nq72"].flatMap((directive) =>
  LEVELS.flatMap((level) => (["state", "party"] as const).map((family) => ({ directive, level, family }))),
);

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFonts();
});

describe.each(MATRIX)("init --directive $directive --level $level --family $family", ({ directive, level, family }) => {
  it("checks clean but for placeholders, and builds to DOCX and PDF", async () => {
    const [issuer, place] = ISSUERS[level][family];
    const o: InitOptions = { directive, issuer, place, level, family, year: 2026 };
    const yaml = starterYaml(starterPlan(o, library()), o, (v) => stringify(v));
    const { plan, source } = parsePlan("starter.yaml", yaml);
    const findings = checkPlan(plan, source, library());
    expect(findings.filter((f) => f.severity !== "placeholder")).toEqual([]);
    expect(findings.length).toBeGreaterThan(0); // the signer's name at least
    expect(plan.family).toBe(family);
    // every directive section is mirrored, in order, with tasks
    const d = library().directives.get(directive)!;
    expect(plan.sections.map((s) => s.directiveSection)).toEqual(d.sections.filter((s) => s.kind === "tasks").map((s) => s.number));
    expect(plan.tasks.length).toBeGreaterThanOrEqual(plan.sections.length);
    const doc = planToDocument(plan);
    const text = docxText(await renderDocx(doc));
    expect(text).toContain(`${d.citation.kind} số ${d.citation.number}`);
    expect(text).toContain("[Họ và tên người ký]");
    const pdf = await renderPdf(doc, fonts);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
  });
});

describe("init from the command line", () => {
  it("writes the file, refuses to overwrite it, and the file builds", async () => {
    const dir = tempDir();
    const file = join(dir, "ke-hoach.yaml");
    const args = ["init", "-d", "ct25", "--issuer", "Ủy ban nhân dân tỉnh Bắc Kạn", "--place", "Bắc Kạn", "--level", "province", "--year", "2026", "-o", file];
    expect((await runCli(args)).code).toBe(0);
    expect(readFileSync(file, "utf8")).toMatch(/^# yaml-language-server/);
    const again = await runCli(args);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("--force");
    const out = join(dir, "out");
    expect((await runCli(["build", file, "-o", out])).code).toBe(0);
    expect(listDir(out)).toEqual(["ke-hoach.docx", "ke-hoach.pdf"]);
  });

  it("names an unknown directive and suggests the right one", async () => {
    const r = await runCli(["init", "-d", "ct52", "--issuer", "X", "--place", "Y", "--level", "commune"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Không có văn bản mã "ct52"');
    expect(r.stderr).toContain('"ct25"');
  });

  it("a missing required option is a usage error", async () => {
    const r = await runCli(["init", "-d", "ct25"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("thiếu tùy chọn bắt buộc");
  });
});
