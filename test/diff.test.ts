// `kehoach diff`: what a clerk reads when a plan changes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffJson, formatChange, formatReport, textChange } from "../src/diff/format.ts";
import { diffPlans, type Change } from "../src/diff/plans.ts";
import { compactDiff, wordEdits } from "../src/diff/words.ts";
import { parsePlan } from "../src/load/plan.ts";
import { MINI } from "./fixtures/mini.ts";
import { runCli, tempDir } from "./helpers/run.ts";

const BHYT = "Duy trì tỷ lệ tham gia bảo hiểm y tế đạt trên 95% dân số và trên 90% người dân được quản lý sức khỏe.";
const T2 = `  - { id: t2, section: s1, content: "Kiểm tra, giám sát việc thực hiện.", lead: [tyt], deadline: thường xuyên }\n`;

/** MINI with a target, a second task and a second agency. */
const BASE = MINI.replace("tasks:\n", `targets:\n  - { id: bhyt, text: "${BHYT}" }\ntasks:\n`)
  .replace("agencies:\n", `${T2}agencies:\n  vhxh: { name: Phòng Văn hóa - Xã hội }\n`);

const plan = (text: string) => parsePlan("plan.yaml", text).plan;
const diff = (newText: string) => diffPlans(plan(BASE), plan(newText));
const lines = (changes: Change[]) => changes.map(formatChange);

function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

describe("diffPlans", () => {
  it("finds nothing between identical plans, nor in reflowed text", () => {
    expect(diff(BASE)).toEqual([]);
    expect(diff(edit(BASE, "Bảo đảm tiến độ.", "  Bảo đảm   tiến độ."))).toEqual([]);
  });

  it("shows a changed target value inside its sentence", () => {
    const changes = diff(edit(BASE, "trên 95% dân số", "trên 98% dân số"));
    expect(changes).toEqual([
      { kind: "target", id: "bhyt", path: "targets[bhyt].text", change: "changed", field: "text", old: BHYT, new: BHYT.replace("95%", "98%") },
    ]);
    expect(lines(changes)).toEqual(["Mục tiêu bhyt: nội dung đổi: … tế đạt trên [-95%-]{+98%+} dân số và …"]);
  });

  it("prints a new deadline in the document's phrasing", () => {
    const changes = diff(edit(BASE, "deadline: Q2/2025", "deadline: trước 01/7/2025"));
    expect(lines(changes)).toEqual(['Nhiệm vụ t1: thời hạn "Quý II năm 2025" → "Trước ngày 01/7/2025"']);
    expect(changes[0]).toMatchObject({ kind: "task", id: "t1", field: "deadline", change: "changed" });
  });

  it("names the agencies of a task, not their ids", () => {
    const changes = diff(edit(BASE, "lead: [tyt], partners: [lq]", "lead: [vhxh], partners: [lq]"));
    expect(lines(changes)).toEqual([
      'Nhiệm vụ t1: cơ quan chủ trì "Trạm Y tế xã" → "Phòng Văn hóa - Xã hội" (thêm: Phòng Văn hóa - Xã hội; bỏ: Trạm Y tế xã)',
    ]);
    const partners = diff(edit(BASE, "lead: [tyt], partners: [lq]", "lead: [tyt], partners: [vhxh, lq]"));
    expect(lines(partners)).toEqual([
      'Nhiệm vụ t1: cơ quan phối hợp "Các cơ quan, đơn vị liên quan" → "Phòng Văn hóa - Xã hội và các cơ quan, đơn vị liên quan" (thêm: Phòng Văn hóa - Xã hội)',
    ]);
  });

  it("reports a renamed agency once, not on every task that names it", () => {
    const changes = diff(edit(BASE, "tyt: { name: Trạm Y tế xã }", "tyt: { name: Trạm Y tế xã Đồng Tâm }"));
    expect(lines(changes)).toEqual(['Cơ quan tyt: đổi tên "Trạm Y tế xã" → "Trạm Y tế xã Đồng Tâm"']);
  });

  it("lists added and dropped tasks with what they are about", () => {
    const t3 = `  - { id: t3, section: s1, content: "Tập huấn cho nhân viên y tế thôn, bản.", lead: [vhxh], deadline: 2026 }\n`;
    const changes = diff(edit(BASE, T2, t3));
    // in reading order: t2 stood where t3 now stands
    expect(lines(changes)).toEqual([
      'Nhiệm vụ t2: bỏ — "Kiểm tra, giám sát việc thực hiện." (mục s1; chủ trì: Trạm Y tế xã; thời hạn: Nhiệm vụ thường xuyên)',
      'Nhiệm vụ t3: thêm mới — "Tập huấn cho nhân viên y tế thôn, bản." (mục s1; chủ trì: Phòng Văn hóa - Xã hội; thời hạn: Năm 2026)',
    ]);
  });

  it("reports a task moved to another section and a section's new title", () => {
    const s2 = `  - { id: s2, title: "Kiểm tra, giám sát" }\ntargets:\n`;
    const changes = diff(edit(edit(edit(BASE, "targets:\n", s2), "id: t2, section: s1", "id: t2, section: s2"), "title: Nâng cao nhận thức", "title: Nâng cao nhận thức của Nhân dân"));
    expect(lines(changes)).toEqual([
      'Nhiệm vụ t2: chuyển mục: s1 → s2 ("Kiểm tra, giám sát")',
      'Mục s1, tên mục: "Nâng cao nhận thức" → "Nâng cao nhận thức của Nhân dân"',
      'Mục s2: thêm mới — "Kiểm tra, giám sát"',
    ]);
  });

  it("gives other text as field path: old → new", () => {
    const changes = diff(
      edit(edit(BASE, '"Quán triệt {ct25} đến cán bộ."', '"Quán triệt {ct25} đến cán bộ, đảng viên."'), 'name: "[[Họ và tên]]"', "name: Nguyễn Văn An"),
    );
    expect(lines(changes)).toEqual([
      'Mục đích (purposes[0]): "Quán triệt {ct25} đến cán bộ." → "Quán triệt {ct25} đến cán bộ, đảng viên."',
      'Người ký (signer.name): "[[Họ và tên]]" → "Nguyễn Văn An"',
    ]);
    expect(changes.map((c) => [c.kind, c.path, c.change])).toEqual([
      ["text", "purposes[0]", "changed"],
      ["text", "signer.name", "changed"],
    ]);
  });

  it("keeps list items aligned: an inserted paragraph is one addition", () => {
    const changes = diff(edit(BASE, "requirements: [Bảo đảm tiến độ.]", "requirements: [Bám sát thực tiễn., Bảo đảm tiến độ.]"));
    expect(lines(changes)).toEqual(['Yêu cầu (requirements[0]): thêm mới — "Bám sát thực tiễn."']);
  });
});

describe("word diff", () => {
  it("shows long texts compactly and short ones whole", () => {
    const long = "Phấn đấu đến năm 2030 có trên 95% dân số được quản lý sức khỏe và kiểm tra sức khỏe định kỳ ít nhất mỗi năm một lần.";
    expect(compactDiff(wordEdits(long, long.replace("95%", "98%")))).toBe("… 2030 có trên [-95%-]{+98%+} dân số được …");
    expect(textChange("Đạt 95% dân số.", "Đạt 98% dân số.")).toBe('"Đạt 95% dân số." → "Đạt 98% dân số." (số liệu: 95% → 98%)');
    expect(textChange("95%", "98%")).toBe('"95%" → "98%"');
    expect(textChange("Phạm Duy Hưng", "Nguyễn Văn An")).toBe('"Phạm Duy Hưng" → "Nguyễn Văn An"');
  });
});

describe("kehoach diff", () => {
  const write = (dir: string, name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  it("exits 0 without differences and 1 with them; --json gives changes and a summary", async () => {
    const dir = tempDir();
    const a = write(dir, "a.yaml", BASE);
    const b = write(dir, "b.yaml", edit(BASE, "deadline: Q2/2025", "deadline: Q4/2025"));
    const same = await runCli(["diff", a, a]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("không có khác biệt");

    const human = await runCli(["diff", a, b]);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain("Nhiệm vụ: 1 thay đổi (sửa 1)");
    expect(human.stdout).toContain('Nhiệm vụ t1: thời hạn "Quý II năm 2025" → "Quý IV năm 2025"');

    const json = await runCli(["diff", a, b, "--json"]);
    expect(json.code).toBe(1);
    const out = JSON.parse(json.stdout);
    expect(out.changes).toEqual([{ kind: "task", id: "t1", path: "tasks[t1].deadline", change: "changed", field: "deadline", old: "Quý II năm 2025", new: "Quý IV năm 2025" }]);
    expect(out.summary.total).toBe(1);
    expect(out.summary.task).toEqual({ added: 0, removed: 0, changed: 1, moved: 0 });
  });

  it("exits 2 on a missing or invalid file and on a missing argument", async () => {
    const dir = tempDir();
    const a = write(dir, "a.yaml", BASE);
    const bad = write(dir, "bad.yaml", edit(BASE, "deadline: Q2/2025", "deadline: sớm"));
    const missing = await runCli(["diff", a, join(dir, "none.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("E_FILE_NOT_FOUND");
    const invalid = await runCli(["diff", bad, a]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("thời hạn không đúng dạng");
    expect((await runCli(["diff", a])).code).toBe(2);
  });

  it("reports exactly the one target changed in the Bắc Kạn plan", async () => {
    const original = "data/bac-kan-ct25.yaml";
    const text = readFileSync(original, "utf8");
    const copy = write(tempDir(), "bac-kan-ct25.yaml", edit(text, "đạt trên 95% dân số", "đạt trên 98% dân số"));
    const r = await runCli(["diff", original, copy]);
    expect(r.code).toBe(1);
    expect(r.stdout.trim().split("\n")).toEqual([
      `${original} → ${copy}: 1 thay đổi (differences)`,
      "",
      "Mục tiêu: 1 thay đổi (sửa 1)",
      "  Mục tiêu bao-hiem-y-te: nội dung đổi: … tế đạt trên [-95%-]{+98%+} dân số và …",
    ]);
    expect(diffJson(diffPlans(parsePlan(original, text).plan, parsePlan(copy, readFileSync(copy, "utf8")).plan)).summary.total).toBe(1);
    expect(formatReport([])).toEqual(["không có khác biệt (no differences)"]);
  });
});
