// The directive library (seeds/): it validates, every target, section title and
// standard task says where it comes from and whether it was checked against the
// published text, and the national figures corrected in issue 16 stay corrected.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../src/errors.ts";
import { readLibrary } from "../src/load/library.ts";
import { isVerified, type Directive } from "../src/model/directive.ts";
import { tempDir } from "./helpers/run.ts";

const lib = readLibrary();
const directive = (id: string): Directive => lib.directives.get(id)!;

/** Every entry of a directive that reaches a plan, with where it is. */
function entries(d: Directive): { where: string; source: string; verified: string }[] {
  return [
    ...d.targets.map((t) => ({ where: `${d.id} targets ${t.id}`, source: t.source, verified: t.verified })),
    ...d.sections.map((s) => ({ where: `${d.id} section ${s.number}`, source: s.source, verified: s.verified })),
    ...d.sections.flatMap((s) => s.tasks.map((t) => ({ where: `${d.id} task ${t.id}`, source: t.source, verified: t.verified }))),
  ];
}

describe("the directive library", () => {
  it("validates, with the six documents", () => {
    expect([...lib.directives.keys()].sort()).toEqual(["ct25", "ctr12", "kh212", "nq20", "nq72", "qd281"]);
  });

  it("gives every target, section title and standard task a source in its document and a status", () => {
    const all = [...lib.directives.values()].flatMap(entries);
    expect(all.length).toBeGreaterThan(100);
    for (const e of all) {
      const short = lib.directives.get(e.where.split(" ")[0]!)!.citation.number;
      // the source names the document by its number ("NQ 72-NQ/TW, III.2")
      expect(e.source, e.where).toContain(short);
      expect(e.verified, e.where).toMatch(/^(yes: .{8,}|no(: .+)?)$/);
    }
  });

  it("states a deadline only where the document sets one: Chỉ thị 25 sets none", () => {
    const dated = directive("ct25").sections.flatMap((s) => s.tasks).filter((t) => t.deadline && t.deadline.kind !== "recurring");
    expect(dated.map((t) => t.id)).toEqual([]);
    for (const d of lib.directives.values()) {
      for (const t of d.sections.flatMap((s) => s.tasks)) {
        if (t.deadline && t.deadline.kind !== "recurring" && t.deadline.kind !== "condition") expect(isVerified(t.verified), `${d.id} ${t.id}`).toBe(true);
      }
    }
  });

  it("Chỉ thị 25 is checked against its full text, word for word", () => {
    const text = readFileSync("test/fixtures/seeds/000_68ea9ef8fef0ee67.txt", "utf8").replace(/\s+/g, " ").replace(/Ð/g, "Đ");
    const ct25 = directive("ct25");
    for (const t of ct25.targets) expect(isVerified(t.verified)).toBe(true);
    // each target's figure is in the paragraph its source names
    for (const t of ct25.targets) expect(text.toLocaleLowerCase("vi")).toContain(t.text.replace(/\.$/, "").toLocaleLowerCase("vi").slice(0, 40));
    for (const s of ct25.sections) expect(s.source).toBe(`CT 25-CT/TW, đoạn ${s.number}`);
  });

  it("Nghị quyết 72: the corrected figures, milestones and section titles", () => {
    const nq72 = directive("nq72");
    const t = (id: string) => nq72.targets.find((x) => x.id === id)!;
    expect(t("bao-phu-bhyt")).toMatchObject({ milestone: "2026", text: expect.stringMatching(/^Đến năm 2026, .*trên 95% dân số\.$/) });
    expect(t("bhyt-toan-dan")).toMatchObject({ milestone: "2030", text: expect.stringContaining("bao phủ bảo hiểm y tế toàn dân") });
    expect(t("bac-si-tram-y-te")).toMatchObject({ milestone: "2027", text: expect.stringContaining("Đến năm 2027") });
    expect(t("tam-nhin-2045").text).toContain("hiện đại, công bằng");
    expect(nq72.targets.map((x) => x.text).join(" ")).not.toContain("lấy dự phòng làm trọng tâm");
    expect(t("tuoi-tho-2045").text).toMatch(/trên 80 tuổi.*trên 71 năm/);
    const title = (n: number) => nq72.sections.find((s) => s.number === n)!.title;
    expect(title(2)).toMatch(/^Kịp thời hoàn thiện thể chế, tập trung nâng cao năng lực hệ thống y tế/);
    expect(title(3)).toContain("đáp ứng sự hài lòng của người bệnh");
  });

  it("Nghị quyết 20: the adult obesity target is there, the provincial epidemic target is not", () => {
    const ids = directive("nq20").targets.map((t) => t.id);
    expect(ids).toContain("beo-phi-2025");
    expect(ids).not.toContain("dich-benh-2030");
    expect(directive("nq20").targets.find((t) => t.id === "beo-phi-2025")!.text).toContain("dưới 12%");
  });

  it("an entry without its status is refused with its place in the seed file", () => {
    const dir = tempDir();
    const text = readFileSync("test/fixtures/library/mini.yaml", "utf8").replace(', verified: "no" }', " }");
    writeFileSync(join(dir, "mini.yaml"), text);
    let err: unknown;
    try {
      readLibrary(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const u = err as UserError;
    expect(u.code).toBe("E_SCHEMA");
    expect(JSON.stringify(u.details)).toContain("verified");
    expect(u.details.location?.file).toContain("mini.yaml");
  });
});
