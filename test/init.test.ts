// `kehoach init` for each directive, at each level, in both families: a plan
// that `check` reports only as placeholders and that builds at once.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { checkPlan } from "../src/check/rules.ts";
import { starterPlan, starterYaml, type InitOptions } from "../src/init/starter.ts";
import { library, readLibrary } from "../src/load/library.ts";
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

describe("init and the library's unverified figures", () => {
  const options = (directive: string, year: number): InitOptions => ({ directive, issuer: "Ủy ban nhân dân tỉnh Tuyên Quang", place: "Tuyên Quang", level: "province", family: "state", year });

  it("copies checked figures as they are and wraps unchecked ones in a placeholder naming their source", () => {
    const plan = starterPlan(options("nq72", 2026), library());
    const text = (id: string) => plan.targets!.find((t) => t.id === id)!.text;
    expect(text("chieu-cao-tuoi-tho")).toMatch(/^Tăng chiều cao trung bình .* 75,5 tuổi, .*68 năm\.$/);
    expect(text("bao-phu-bhyt")).toBe("[[Đối chiếu với NQ 72-NQ/TW, II (mục tiêu đến năm 2030, mốc năm 2026): Đến năm 2026, tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số.]]");
    expect(text("tuoi-tho-2045")).toMatch(/^\[\[Đối chiếu với NQ 72-NQ\/TW, II \(tầm nhìn đến năm 2045\): .*trên 80 tuổi.*trên 71 năm\.\]\]$/);
    // section titles checked against Mục III are mirrored as they are
    expect(plan.sections!.find((x) => x.directiveSection === 2)!.title).toMatch(/^Kịp thời hoàn thiện thể chế, tập trung nâng cao năng lực hệ thống y tế/);
  });

  it("leaves a deadline the directive does not set as a placeholder, keeps a checked one", () => {
    const nq72 = starterPlan(options("nq72", 2026), library());
    const deadline = (plan: typeof nq72, id: string) => plan.tasks!.find((t) => t.id === id)!.deadline;
    expect(deadline(nq72, "nq72-1-quan-triet")).toEqual({ theo: "[[thời hạn]]" });
    expect(deadline(nq72, "nq72-3-bac-si-tram-y-te")).toBe("2027");
    expect(deadline(nq72, "nq72-4-kham-sang-loc")).toBe("từ 2026");
    // Chỉ thị 25 sets no deadline: none of a province's own dates reaches a starter
    const ct25 = starterPlan(options("ct25", 2024), library());
    const dated = ct25.tasks!.filter((t) => typeof t.deadline === "string" && t.deadline !== "thường xuyên");
    expect(dated).toEqual([]);
    expect(deadline(ct25, "ct25-1-quan-triet")).toEqual({ theo: "[[thời hạn]]" });
  });

  it("an unchecked dated deadline and an unchecked title become placeholders too", () => {
    const lib = readLibrary("test/fixtures/library");
    const plan = starterPlan({ ...options("ct-mini", 2025), level: "province" }, lib);
    expect(plan.tasks!.find((t) => t.id === "mini-2")!.deadline).toEqual({ theo: "[[thời hạn: Quý IV năm 2025, đối chiếu với CT 99-CT/TW, đoạn 2]]" });
    expect(plan.sections!.map((x) => x.title)).toEqual(["Nâng cao nhận thức", "[[Đối chiếu với CT 99-CT/TW, đoạn 2: Đầu tư cơ sở vật chất]]"]);
  });

  it("check lists the placeholder where it is; once the clerk just unwraps it, check warns that the figure is unchecked", () => {
    const o = options("nq72", 2026);
    const yaml = starterYaml(starterPlan(o, library()), o, (v) => stringify(v, { lineWidth: 0 }));
    const findings = (text: string) => {
      const { plan, source } = parsePlan("starter.yaml", text);
      return checkPlan(plan, source, library());
    };
    const wrapped = findings(yaml).filter((f) => f.path === "targets[1].text");
    expect(wrapped.map((f) => f.code)).toEqual(["C_PLACEHOLDER"]);
    expect(yaml.split("\n")[wrapped[0]!.line - 1]).toContain("Đến năm 2026, tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số.");
    const unwrapped = yaml.replace(/\[\[Đối chiếu với [^:\]]*: ([^\]]*)\]\]/g, "$1");
    const warned = findings(unwrapped).filter((f) => f.code === "C_UNVERIFIED_FIGURE");
    expect(warned.map((f) => f.path)).toContain("targets[1].text");
    expect(warned.every((f) => f.severity === "warning")).toBe(true);
    // the checked figures are not flagged
    expect(warned.map((f) => f.path)).not.toContain("targets[4].text");
  });
});

describe("wording of new plans (seeds/wording/new-plans.yaml)", () => {
  it("is data: a reworded closing and signer reach the starter and the commune plan", async () => {
    const { newPlanWording } = await import("../src/load/wording.ts");
    const { communePlan } = await import("../src/adapt/commune.ts");
    const { loadPlan } = await import("../src/load/plan.ts");
    const base = newPlanWording();
    const w = structuredClone(base);
    w.starter.closing = "Kế hoạch của ${issuer} thực hiện {${directive}:short} ở ${place}./.";
    w.commune.party.signer = { authority: "T/M ĐẢNG ỦY", title: "BÍ THƯ", name: "[[Họ và tên]]" };
    const o: InitOptions = { directive: "ct25", issuer: "Ủy ban nhân dân tỉnh Tuyên Quang", place: "Tuyên Quang", level: "province", family: "state", year: 2026 };
    const starter = starterPlan(o, library(), w);
    expect(starter.closing).toBe(`Kế hoạch của ${o.issuer} thực hiện {ct25:short} ở ${o.place}./.`);
    expect(starterPlan(o, library()).closing).toBe(starterPlan(o, library(), base).closing);
    const { plan } = await loadPlan("data/nq72/tinh-tuyen-quang.yaml");
    const child = communePlan(plan, { commune: "phường Minh Xuân", family: "party", year: 2026, extendsPath: "t.yaml" }, library(), w);
    expect(child.signer).toEqual({ authority: "T/M ĐẢNG ỦY", title: "BÍ THƯ", name: "[[Họ và tên]]" });
    expect(child.issuer?.fullName).toBe("Đảng ủy phường Minh Xuân");
  });

  it("keeps a slot the command does not fill, so a misspelt name is visible", async () => {
    const { fill } = await import("../src/model/wording.ts");
    expect(fill("của ${issuer} tại ${noi}", { issuer: "Ủy ban nhân dân xã Đồng Tâm" })).toBe("của Ủy ban nhân dân xã Đồng Tâm tại ${noi}");
  });
});
