// Every stage's diagnostics reach the user at the plan's file:line:col with the
// field path: reading the YAML, the schema, references, check rules, the
// markup the templates make (numbering), and the PDF font (missing glyphs),
// for a plan and for the parent file a value was inherited from.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MINI } from "./fixtures/mini.ts";
import { runCli, tempDir } from "./helpers/run.ts";

let dir: string;
beforeAll(() => {
  dir = tempDir("kehoach-pos-");
});

/** The 1-based line of the first line containing `needle`, and the column where it starts. */
function where(text: string, needle: string): { line: number; col: number } {
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`not in the text: ${needle}`);
  return { line: i + 1, col: lines[i]!.indexOf(needle) + 1 };
}

async function build(name: string, text: string, format = "docx"): Promise<string> {
  writeFileSync(join(dir, name), text);
  const r = await runCli(["build", join(dir, name), "-o", tempDir(), "-f", format]);
  expect(r.code).toBe(1);
  return r.stderr + r.stdout;
}

describe("diagnostics are located at the plan, at every stage", () => {
  it("reading: a YAML syntax error at its line and column", async () => {
    const text = MINI.replace("symbol: KH-UBND", "symbol: [KH-UBND");
    const msg = await build("cu-phap.yaml", text);
    expect(msg).toMatch(/cu-phap\.yaml:\d+:\d+: lỗi \[E_YAML_SYNTAX\]/);
  });

  it("schema: a wrong value at its value, with the field path", async () => {
    const text = MINI.replace("number: 7", "number: bảy");
    const msg = await build("so.yaml", text);
    const at = where(text, "bảy");
    expect(msg).toContain(`so.yaml:${at.line}:${at.col}: lỗi [E_SCHEMA]`);
    expect(msg).toContain("trường [field] number");
  });

  it("references: an unknown agency at the id", async () => {
    const text = MINI.replace("lead: [tyt]", "lead: [tyt-xa]");
    const msg = await build("ma.yaml", text);
    const at = where(text, "tyt-xa");
    expect(msg).toContain(`ma.yaml:${at.line}:${at.col}: lỗi [E_REFERENCE]`);
    expect(msg).toContain("trường [field] tasks[0].lead[0]");
  });

  it("check rules: a task without a lead agency at the task", async () => {
    const text = MINI.replace("lead: [tyt]", "lead: []");
    const msg = await build("chu-tri.yaml", text);
    expect(msg).toMatch(new RegExp(`chu-tri\\.yaml:${where(text, "lead: []").line}:\\d+: lỗi \\[C_NO_LEAD\\]`));
    expect(msg).toContain("lỗi [E_CHECK]");
  });

  it("markup: too many lettered items at the first one that has no letter", async () => {
    const text = MINI.replace('purposes: ["Quán triệt {ct25} đến cán bộ.", "Nhắc lại {ct25} lần nữa."]', `purposes:\n${Array.from({ length: 25 }, (_, i) => `  - "Mục đích thứ ${i + 1}"`).join("\n")}`);
    const msg = await build("nhieu.yaml", text);
    const at = where(text, '"Mục đích thứ 24"');
    expect(msg).toContain(`nhieu.yaml:${at.line}:${at.col}: lỗi [E_NUMBERING]`);
    expect(msg).toContain("trường [field] purposes[23]");
    expect(msg).not.toContain("plan.hbs");
    expect(msg).not.toContain("{@at");
  });

  it("PDF font: a character the font lacks, at the value that holds it (an appendix cell)", async () => {
    const text = MINI.replace("Trạm Y tế xã }", "Trạm Y tế xã ☯ }");
    const msg = await build("ky-tu.yaml", text, "pdf");
    const at = where(text, "Trạm Y tế xã ☯");
    expect(msg).toContain(`ky-tu.yaml:${at.line}:${at.col}: lỗi [E_MISSING_GLYPH]`);
    expect(msg).toContain("trường [field] agencies.tyt.name");
    expect(msg).toContain("☯");
  });

  it("an inherited value is reported in the parent file that states it", async () => {
    const parent = MINI.replace("Tổ chức tuyên truyền.", "Tổ chức tuyên truyền ☯.");
    writeFileSync(join(dir, "tinh.yaml"), parent);
    const child = "extends: tinh.yaml\nissuer: { name: [ỦY BAN NHÂN DÂN, XÃ ĐỒNG PHÚC], fullName: Ủy ban nhân dân xã Đồng Phúc, place: Đồng Phúc }\n";
    const msg = await build("xa.yaml", child, "pdf");
    const at = where(parent, "Tổ chức tuyên truyền ☯.");
    expect(msg).toContain(`tinh.yaml:${at.line}:`);
    expect(msg).toContain("lỗi [E_MISSING_GLYPH]");
    expect(msg).toContain("trường [field] tasks[0].content");
  });
});
