// Broken inputs: one clear message with file:line:col and field path,
// exit code 1, and nothing written into the output folder.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listDir, runCli, tempDir } from "./helpers/run.ts";

const GOOD = readFileSync("data/bac-kan-ct25.yaml", "utf8");
let dir: string;
beforeAll(() => {
  dir = tempDir();
});

function variant(name: string, edit: (s: string) => string): string {
  const text = edit(GOOD);
  expect(text).not.toBe(GOOD);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

/** 1-based line of the first occurrence of `needle` in `file`. */
function lineOf(file: string, needle: string): number {
  const idx = readFileSync(file, "utf8").indexOf(needle);
  expect(idx).toBeGreaterThanOrEqual(0);
  return readFileSync(file, "utf8").slice(0, idx).split("\n").length;
}

async function buildFails(file: string) {
  const out = tempDir("kehoach-out-");
  const r = await runCli(["build", file, "-o", out]);
  expect(r.code).toBe(1);
  expect(listDir(out)).toEqual([]);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/); // no stack trace
  return r.stderr;
}

describe("bad input", () => {
  it("YAML syntax error: file:line:col and the parser's reason", async () => {
    const file = variant("syntax", (s) => s.replace("symbol: KH-UBND", "symbol: [KH-UBND"));
    const err = await buildFails(file);
    const line = lineOf(file, "symbol: [KH-UBND");
    expect(err).toMatch(new RegExp(`syntax\\.yaml:(${line}|${line + 1}):\\d+: lỗi \\[E_YAML_SYNTAX\\]`));
  });

  it("unknown key: points at the key and suggests the right one", async () => {
    const file = variant("unknown-key", (s) => s.replace("\nclosing:", "\nclosng:"));
    const err = await buildFails(file);
    expect(err).toContain(`unknown-key.yaml:${lineOf(file, "\nclosng:") + 1}:1: lỗi [E_SCHEMA]`);
    expect(err).toContain('có phải ý bạn là "closing"?');
    expect(err).toContain("trường [field] closng");
    // the misspelling is one mistake, reported once
    expect(err).not.toContain("missing required field");
  });

  it("unknown key deep inside: the field path goes down to it", async () => {
    const file = variant("unknown-nested", (s) => s.replace("  authority: TM.", "  authorty: TM."));
    const err = await buildFails(file);
    expect(err).toContain("trường [field] signer.authorty");
    expect(err).toContain('"authority"');
  });

  it("unknown agency id in a task: path, suggestion and the ids that exist", async () => {
    const file = variant("agency", (s) => s.replace("lead: [so-yt]", "lead: [so-yte]"));
    const err = await buildFails(file);
    const line = lineOf(file, "lead: [so-yte]");
    expect(err).toMatch(new RegExp(`agency\\.yaml:${line}:\\d+: lỗi \\[E_REFERENCE\\]`));
    expect(err).toMatch(/trường \[field\] tasks\[\d+\]\.lead\[0\]/);
    expect(err).toContain('có phải ý bạn là "so-yt"?');
    expect(err).toContain('nhận được [found] "so-yte"');
  });

  it("missing required field: names the field and what it needs", async () => {
    const file = variant("missing", (s) => s.replace(/\nsigner:\n( {2}.*\n)+/, "\n"));
    const err = await buildFails(file);
    expect(err).toMatch(/missing\.yaml:\d+:\d+: lỗi \[E_SCHEMA\]: Thiếu trường bắt buộc/);
    expect(err).toContain("trường [field] signer");
    expect(err).toContain("cần [expected] đối tượng (object)");
  });

  it("malformed deadline: expected forms and what was found", async () => {
    const file = variant("deadline", (s) => s.replace("deadline: Quý II năm 2024", "deadline: Quý V năm 2024"));
    const err = await buildFails(file);
    const line = lineOf(file, "deadline: Quý V");
    expect(err).toContain(`deadline.yaml:${line}:15: lỗi [E_DEADLINE]`);
    expect(err).toContain("trường [field] tasks[0].deadline");
    expect(err).toContain('nhận được [found] "Quý V năm 2024"');
  });

  it("wrong type: expected and found", async () => {
    const file = variant("type", (s) => s.replace("symbol: KH-UBND", "symbol: [1, 2]"));
    const err = await buildFails(file);
    expect(err).toContain("trường [field] symbol");
    expect(err).toContain("cần [expected] chuỗi văn bản (string)");
    expect(err).toContain("nhận được [found] danh sách 2 phần tử");
  });

  it("a character the PDF font lacks: file:line:col of the text, the character, and no output at all", async () => {
    const file = variant("emoji", (s) => s.replace("Tổ chức nghiên cứu, quán triệt và tổ chức thực hiện", "Tổ chức nghiên cứu 😀, quán triệt và tổ chức thực hiện"));
    const out = tempDir("kehoach-out-");
    const r = await runCli(["build", file, "-o", out]);
    expect(r.code).toBe(1);
    expect(listDir(out)).toEqual([]); // not even the DOCX: a plan's outputs are written together or not at all
    // the position of the text that holds it (a folded block starts on the line before)
    const reported = Number(/emoji\.yaml:(\d+):\d+: lỗi \[E_MISSING_GLYPH\]/.exec(r.stderr)?.[1]);
    expect([lineOf(file, "😀") - 1, lineOf(file, "😀")]).toContain(reported);
    expect(r.stderr).toContain('lỗi [E_MISSING_GLYPH]: Phông chữ Tinos không có ký tự "😀" (U+1F600)');
    expect(r.stderr).toContain("trường [field] tasks[0].content");
  });

  it("a file that does not exist", async () => {
    const err = await buildFails(join(dir, "không-có.yaml"));
    expect(err).toContain("không-có.yaml: lỗi [E_FILE_NOT_FOUND]");
  });

  it("one bad plan does not stop the good ones, and keeps exit code 1", async () => {
    const bad = variant("bad2", (s) => s.replace("lead: [so-yt]", "lead: [khong-co]"));
    const out = tempDir("kehoach-out-");
    const r = await runCli(["build", bad, "data/bac-kan-ct25.yaml", "-o", out, "-f", "docx"]);
    expect(r.code).toBe(1);
    expect(listDir(out)).toEqual(["bac-kan-ct25.docx"]);
  });

  it("a failed build leaves the previous output byte-identical", async () => {
    const out = tempDir("kehoach-out-");
    const good = join(dir, "same.yaml");
    writeFileSync(good, GOOD);
    expect((await runCli(["build", good, "-o", out, "-f", "docx"])).code).toBe(0);
    const before = readFileSync(join(out, "same.docx"));
    writeFileSync(good, GOOD.replace("lead: [so-yt]", "lead: [khong-co]"));
    expect((await runCli(["build", good, "-o", out, "-f", "docx"])).code).toBe(1);
    expect(readFileSync(join(out, "same.docx")).equals(before)).toBe(true);
    expect(listDir(out)).toEqual(["same.docx"]);
  });

  it("usage errors exit with 2 and a Vietnamese message", async () => {
    const r = await runCli(["build", "--khong-co"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("tùy chọn không hợp lệ");
    const f = await runCli(["build", "data/bac-kan-ct25.yaml", "-f", "odt"]);
    expect(f.code).toBe(2);
    expect(f.stderr).toContain("định dạng không hỗ trợ");
  });
});
