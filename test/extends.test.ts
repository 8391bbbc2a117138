// Inheritance (extends) and commune adaptation (adapt).
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { communeName, communePlan } from "../src/adapt/commune.ts";
import { UserError } from "../src/errors.ts";
import { mergePlanData } from "../src/load/extends.ts";
import { library } from "../src/load/library.ts";
import { loadPlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { jsonSchema } from "../src/cli/schema.ts";
import { docxText } from "./helpers/docx-text.ts";
import { runCli, tempDir } from "./helpers/run.ts";

let dir: string;
beforeAll(() => {
  dir = tempDir("kehoach-ext-");
  cpSync("data/nq72", dir, { recursive: true });
});

describe("mergePlanData", () => {
  const parent = {
    title: "A",
    number: 12,
    targets: [{ id: "t1", text: "95%" }, { id: "t2", text: "x" }],
    tasks: [
      { id: "a", content: "A", lead: ["so-yt"], partners: ["ubnd-huyen", "lq"] },
      { id: "b", content: "B", lead: ["ubnd-huyen"] },
    ],
    agencies: { "so-yt": { name: "Sở Y tế" }, lq: { name: "liên quan" } },
    duties: [{ agency: "so-yt", items: ["x"] }, { agency: "ubnd-huyen", items: ["y"] }],
  };
  const child = {
    extends: "p.yaml",
    title: "B",
    targets: [{ id: "t1", text: "98%" }, { id: "t3", text: "mới" }, { id: "t2", drop: true }],
    tasks: [{ id: "c", content: "C", lead: ["tyt"] }],
    agencies: { tyt: { name: "Trạm Y tế xã" } },
    agencyMap: { "so-yt": "tyt", "ubnd-huyen": null },
  };
  const merged = mergePlanData(parent, child);

  it("replaces, adds and drops by id, and merges records by key", () => {
    expect(merged.title).toBe("B");
    expect(merged.targets).toEqual([{ id: "t1", text: "98%" }, { id: "t3", text: "mới" }]);
    expect((merged.tasks as { id: string }[]).map((t) => t.id)).toEqual(["a", "b", "c"]);
    expect(Object.keys(merged.agencies as object).sort()).toEqual(["lq", "so-yt", "tyt"]);
  });
  it("renames agencies with the map; null removes a body that no longer exists", () => {
    const [a, b] = merged.tasks as { lead: string[]; partners: string[] }[];
    expect(a).toMatchObject({ lead: ["tyt"], partners: ["lq"] });
    expect(b!.lead).toEqual([]);
    expect(merged.duties).toEqual([{ agency: "tyt", items: ["x"] }]);
  });
  it("does not inherit the parent's document number", () => {
    expect(merged.number).toBeUndefined();
  });
});

describe("extends chains", () => {
  it("a commune inherits the province's targets and tasks, with commune names", async () => {
    const { plan, files } = await loadPlan(join(dir, "xa-dong-tam.yaml"));
    expect(files.map((f) => f.split("/").pop())).toEqual(["xa-dong-tam.yaml", "tinh-tuyen-quang.yaml"]);
    expect(plan.level).toBe("commune");
    expect(plan.targets.find((g) => g.id === "bao-phu-bhyt")?.text).toContain("96%");
    const text = docxText(await renderDocx(planToDocument(plan)));
    expect(text).toContain("ĐẢNG ỦY XÃ ĐỒNG TÂM");
    expect(text).toContain("Trạm Y tế xã Đồng Tâm");
    expect(text).not.toMatch(/Sở Y tế/);
  });

  it("a cycle is a clear error naming the chain", async () => {
    const a = join(dir, "a.yaml");
    const b = join(dir, "b.yaml");
    writeFileSync(a, "extends: b.yaml\n");
    writeFileSync(b, "extends: a.yaml\n");
    await expect(loadPlan(a)).rejects.toThrow(/Vòng lặp extends.*a\.yaml → .*b\.yaml → .*a\.yaml/);
  });

  it("chains of extends work: a ward extends a commune that extends the province", async () => {
    writeFileSync(join(dir, "to-dan-pho.yaml"), 'extends: xa-dong-tam.yaml\nissuer: { name: [ỦY BAN NHÂN DÂN, PHƯỜNG X], fullName: Ủy ban nhân dân phường X, place: X }\nfamily: state\nsymbol: KH-UBND\nsigner: { authority: TM. ỦY BAN NHÂN DÂN, title: CHỦ TỊCH, name: Lê Văn B }\n');
    const { plan, files } = await loadPlan(join(dir, "to-dan-pho.yaml"));
    expect(files).toHaveLength(3);
    expect(plan.targets.find((g) => g.id === "bac-si-tram-y-te")?.text).toContain("3 bác sĩ"); // from the commune
    expect(plan.family).toBe("state");
  });

  it("a missing parent points at the extends line", async () => {
    const f = join(dir, "mo-coi.yaml");
    writeFileSync(f, "# x\nextends: khong-co.yaml\n");
    const e = await loadPlan(f).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).format()).toMatch(/mo-coi\.yaml:2:\d+: lỗi \[E_REFERENCE\]: Không tìm thấy tệp mà extends trỏ tới/);
  });

  it("an error in an inherited part is located in the parent file", async () => {
    const p = join(dir, "tinh-loi.yaml");
    writeFileSync(p, readFileSync(join(dir, "tinh-tuyen-quang.yaml"), "utf8").replace("symbol: KH-UBND", "symbol: [1]"));
    writeFileSync(join(dir, "xa-loi.yaml"), "extends: tinh-loi.yaml\ntitle: Thử\n");
    const e = await loadPlan(join(dir, "xa-loi.yaml")).catch((x: unknown) => x);
    expect((e as UserError).format()).toMatch(/tinh-loi\.yaml:\d+:\d+: lỗi \[E_SCHEMA\]/);
  });
});

describe("adapt", () => {
  it("splits the commune's kind and name", () => {
    expect(communeName("Đồng Tâm")).toEqual({ kind: "xã", name: "Đồng Tâm" });
    expect(communeName("phường Minh Xuân")).toEqual({ kind: "phường", name: "Minh Xuân" });
  });

  it("maps provincial bodies of a custom registry to commune bodies and drops district ones", async () => {
    const { plan } = await loadPlan("data/bac-kan-ct25.yaml");
    const child = communePlan(plan, { commune: "Đồng Tâm", family: "state", year: 2025, extendsPath: "bac-kan.yaml" }, library());
    expect(child.agencyMap).toMatchObject({ "so-yt": "y-te", "so-nv": "noi-vu", "ubnd-huyen": null });
    expect(child.issuer?.name).toEqual(["ỦY BAN NHÂN DÂN", "XÃ ĐỒNG TÂM"]);
  });

  it("keeps only the standard tasks the library marks for communes", async () => {
    const { plan } = await loadPlan(join(dir, "tinh-tuyen-quang.yaml"));
    const child = communePlan(plan, { commune: "Đồng Tâm", family: "party", year: 2025, extendsPath: "tinh-tuyen-quang.yaml" }, library());
    const dropped = new Set((child.tasks ?? []).map((t) => t.id));
    const std = new Map([...library().directives.get("nq72")!.sections.flatMap((s) => s.tasks)].map((t) => [t.id, t.levels]));
    for (const t of plan.tasks) expect(dropped.has(t.id), t.id).toBe(!std.get(t.id)!.includes("commune"));
  });

  it("writes a file that extends the province and builds at once, placeholders marked", async () => {
    const out = join(dir, "xa-moi.yaml");
    const r = await runCli(["adapt", join(dir, "tinh-tuyen-quang.yaml"), "--commune", "Tân Trào", "--year", "2025", "-o", out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text).toContain("extends: tinh-tuyen-quang.yaml");
    const { plan } = await loadPlan(out);
    expect(plan.issuer.fullName).toBe("Đảng ủy xã Tân Trào");
    const docx = docxText(await renderDocx(planToDocument(plan)));
    expect(docx).toContain("[Họ và tên người ký]");
  });
});

describe("extends stays in the project folder", () => {
  it("is refused when it leaves it, and allowed with --allow-outside", async () => {
    const outside = tempDir("kehoach-ngoai-");
    cpSync("data/nq72/tinh-tuyen-quang.yaml", join(outside, "tinh.yaml"));
    const project = tempDir("kehoach-du-an-");
    const child = join(project, "xa.yaml");
    writeFileSync(child, readFileSync(join(dir, "xa-dong-tam.yaml"), "utf8").replace("extends: tinh-tuyen-quang.yaml", `extends: ${join(outside, "tinh.yaml")}`));
    const refused = await runCli(["check", child]);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain("[E_EXTENDS_OUTSIDE]");
    const allowed = await runCli(["check", child, "--allow-outside"]);
    expect(allowed.code).toBe(0);
    const out = tempDir();
    expect((await runCli(["build", child, "-o", out, "-f", "docx"])).code).toBe(1);
    expect((await runCli(["build", child, "-o", out, "-f", "docx", "--allow-outside"])).code).toBe(0);
  });
});

describe("drop entries", () => {
  it("are refused, with their place, in a plan that extends nothing", async () => {
    const f = join(dir, "drop.yaml");
    writeFileSync(f, readFileSync(join(dir, "tinh-tuyen-quang.yaml"), "utf8").replace("tasks:\n", "tasks:\n  - { id: khong-co, drop: true }\n"));
    const e = await loadPlan(f).catch((x: unknown) => x);
    expect((e as UserError).format()).toMatch(/drop\.yaml:\d+:\d+: lỗi \[E_SCHEMA\]: drop: true chỉ dùng trong kế hoạch có extends/);
  });
  it("are allowed by the editors' JSON Schema for targets, sections and tasks", () => {
    const schema = jsonSchema("plan") as { properties: Record<string, { items: { anyOf?: { required?: string[] }[] } }> };
    for (const key of ["targets", "sections", "tasks"]) {
      expect(schema.properties[key]!.items.anyOf?.[1]?.required).toEqual(["id", "drop"]);
    }
  });
});

describe("locations in merged plans", () => {
  it("a mistake in a task added by the commune points at the commune's line, found by id", async () => {
    const f = join(dir, "xa-them.yaml");
    // the commune adds a task after dropping others: its index in the merged list differs from the file's
    writeFileSync(f, readFileSync(join(dir, "xa-dong-tam.yaml"), "utf8").replace("tasks:\n", 'tasks:\n  - { id: xa-moi, section: muc-1, content: "Nhiệm vụ riêng của xã.", lead: [khong-co], deadline: "thường xuyên" }\n'));
    const e = await loadPlan(f).catch((x: unknown) => x);
    const text = (e as UserError).format();
    const line = readFileSync(f, "utf8").split("\n").findIndex((l) => l.includes("xa-moi")) + 1;
    expect(text).toContain(`xa-them.yaml:${line}:`);
    expect(text).toMatch(/trường \[field\] tasks\[\d+\]\.lead\[0\]/);
  });
});
