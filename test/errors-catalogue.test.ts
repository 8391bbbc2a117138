// Every code of the error catalogue, produced by a real mistake: each gets
// one message with its code, and the right exit code. The table must name
// every code, so a new code without a test fails here.
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ERROR_CATALOGUE, UserError, type ErrorCode } from "../src/errors.ts";
import { outputError } from "../src/batch/output.ts";
import { inputError, loadPlan, parsePlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { loadFonts, renderPdf } from "../src/render/pdf/index.ts";
import { MINI } from "./fixtures/mini.ts";
import { encryptedPdf, scannedPdf } from "./helpers/bad-pdf.ts";
import { listDir, runCli, tempDir } from "./helpers/run.ts";

let dir: string;
const GOOD = readFileSync("data/bac-kan-ct25.yaml", "utf8");
beforeAll(() => {
  dir = tempDir("kehoach-err-");
});
const write = (name: string, text: string) => {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
};
const isRoot = process.getuid?.() === 0;

/** Runs a build and returns what it printed; asserts exit 1 and an empty output folder. */
async function buildError(file: string, extra: string[] = []): Promise<string> {
  const out = tempDir("kehoach-out-");
  const r = await runCli(["build", file, "-o", out, "-f", "docx", ...extra]);
  expect(r.code).toBe(1);
  expect(listDir(out).filter((n) => !n.startsWith("."))).toEqual([]);
  return r.stderr + r.stdout;
}

/** Runs an import of a bad file and returns what it printed; asserts exit 1. */
async function importError(name: string, bytes: Uint8Array): Promise<string> {
  writeFileSync(join(dir, name), bytes);
  const r = await runCli(["import", join(dir, name)]);
  expect(r.code).toBe(1);
  return r.stderr;
}

const BOMB = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`;

const CASES: Record<ErrorCode, () => Promise<string>> = {
  E_FILE_NOT_FOUND: () => buildError(join(dir, "không-có.yaml")),
  E_FILE_READ: async () => {
    const d = join(dir, "thu-muc.yaml");
    mkdirSync(d, { recursive: true });
    const e = await loadPlan(d).catch((x: unknown) => x); // a folder named like a plan
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).format();
  },
  E_FILE_PERMISSION: async () => {
    // root reads every file: there, the mapping of the file-system error is what is tested
    if (isRoot) return inputError(join(dir, "khoa.yaml"), Object.assign(new Error("denied"), { code: "EACCES" })).format();
    const f = write("khoa.yaml", GOOD);
    chmodSync(f, 0o000);
    return buildError(f);
  },
  E_FILE_TOO_LARGE: () => buildError(write("lon.yaml", "# " + "x".repeat(6 * 1024 * 1024))),
  E_ENCODING: () => {
    // "Phạm" saved in Windows-1258: P h a F2 m
    writeFileSync(join(dir, "cp1258.yaml"), Buffer.concat([Buffer.from(GOOD), Buffer.from([0x23, 0x20, 0x50, 0x68, 0x61, 0xf2, 0x6d, 0x0a])]));
    return buildError(join(dir, "cp1258.yaml"));
  },
  E_YAML_SYNTAX: () => buildError(write("cu-phap.yaml", GOOD.replace("symbol: KH-UBND", "symbol: [KH-UBND"))),
  E_YAML_ALIASES: async () => {
    const t0 = performance.now();
    const msg = await buildError(write("bom.yaml", BOMB));
    expect(performance.now() - t0).toBeLessThan(2000); // refused, not expanded
    return msg;
  },
  E_CONTROL_CHAR: () => buildError(write("dieu-khien.yaml", GOOD.replace("symbol: KH-UBND", 'symbol: "KH-\\x07UBND"'))),
  E_SCHEMA: () => buildError(write("khoa-la.yaml", GOOD.replace("\nclosing:", "\nclosng:"))),
  E_REFERENCE: () => buildError(write("co-quan.yaml", GOOD.replace("lead: [so-yt]", "lead: [so-yte]"))),
  E_EXTENDS_CYCLE: async () => {
    write("vong-a.yaml", "extends: vong-b.yaml\n");
    return buildError(write("vong-b.yaml", "extends: vong-a.yaml\n"));
  },
  E_EXTENDS_OUTSIDE: async () => {
    const inner = join(dir, "du-an");
    mkdirSync(inner, { recursive: true });
    const f = join(inner, "xa.yaml");
    writeFileSync(f, "extends: /etc/passwd\n");
    const e = await loadPlan(f).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).format();
  },
  E_INLINE: () => buildError(write("dam.yaml", GOOD.replace("Ủy ban nhân dân tỉnh Bắc Kạn ban hành kế hoạch", "**Ủy ban nhân dân tỉnh Bắc Kạn ban hành kế hoạch"))),
  E_DEADLINE: () => buildError(write("han.yaml", GOOD.replace("deadline: Quý II năm 2024", "deadline: Quý V năm 2024"))),
  E_CHECK: () => buildError(write("chu-tri.yaml", GOOD.replace("lead: [so-yt]", "lead: []"))),
  E_TEMPLATE: async () => {
    // a template a clerk broke: reported at the template file
    const templates = tempDir("kehoach-tpl-");
    cpSync("templates", templates, { recursive: true });
    writeFileSync(join(templates, "plan.hbs"), "{{> letterhead}}\n{{#each outline}}\n");
    const e = (() => {
      try {
        planToDocument(parsePlan("mau.yaml", MINI).plan, { templatesDir: templates });
      } catch (x) {
        return x;
      }
    })();
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).format();
  },
  E_NUMBERING: async () => {
    // 24 purposes: the 24th has no letter a) … y); reported at that purpose in the plan
    const many = MINI.replace('purposes: ["Quán triệt {ct25} đến cán bộ.", "Nhắc lại {ct25} lần nữa."]', `purposes:\n${Array.from({ length: 24 }, (_, i) => `  - "Ý ${i}"`).join("\n")}`);
    const msg = await buildError(write("nhieu.yaml", many));
    const line = many.split("\n").indexOf('  - "Ý 23"') + 1;
    expect(msg).toContain(`nhieu.yaml:${line}:5: lỗi [E_NUMBERING]`);
    expect(msg).toContain("trường [field] purposes[23]");
    return msg;
  },
  E_MISSING_GLYPH: async () => {
    const text = MINI.replace("Tổ chức tuyên truyền.", "Tổ chức tuyên truyền 😀.");
    const msg = await buildError(write("emoji.yaml", text), ["-f", "pdf"]);
    const line = text.split("\n").findIndex((l) => l.includes("😀")) + 1;
    expect(msg).toMatch(new RegExp(`emoji\\.yaml:${line}:\\d+: lỗi \\[E_MISSING_GLYPH\\]`));
    expect(msg).toContain("trường [field] tasks[0].content");
    // the renderer refuses it too, when called directly on a document model
    const doc = planToDocument(parsePlan("emoji.yaml", text).plan);
    const e = await renderPdf(doc, await loadFonts()).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).code).toBe("E_MISSING_GLYPH");
    return msg;
  },
  E_FONT: async () => {
    const r = await runCli(["build", "data/bac-kan-ct25.yaml", "-o", tempDir(), "--font-dir", join(dir, "khong-co-phong")]);
    expect(r.code).toBe(1);
    return r.stderr;
  },
  E_OUTPUT: async () => outputError(join(dir, "x.docx"), Object.assign(new Error("boom"), { code: "EIO" })).format(),
  E_OUTPUT_IS_INPUT: async () => {
    const sub = join(dir, "cung-cho");
    mkdirSync(sub, { recursive: true });
    const f = join(sub, "ke-hoach.docx");
    writeFileSync(f, GOOD);
    const msg = await runCli(["build", f, "-o", sub, "-f", "docx"]);
    expect(msg.code).toBe(1);
    expect(readFileSync(f, "utf8")).toBe(GOOD);
    return msg.stderr;
  },
  E_OUTPUT_EXISTS: async () => {
    const f = write("da-co.yaml", "x: 1\n");
    const r = await runCli(["init", "-d", "ct25", "--issuer", "Ủy ban nhân dân tỉnh A", "--place", "A", "--level", "province", "-o", f]);
    expect(r.code).toBe(1);
    expect(readFileSync(f, "utf8")).toBe("x: 1\n");
    return r.stderr;
  },
  E_OUTPUT_DIR: async () => {
    const notDir = write("la-tep.txt", "");
    const r = await runCli(["build", "data/bac-kan-ct25.yaml", "-o", notDir, "-f", "docx"]);
    expect(r.code).toBe(1);
    return r.stderr;
  },
  // Word holding the file open (EBUSY on Windows) and a full disk cannot be staged
  // here: the mapping from the file-system error is what decides the message.
  E_OUTPUT_LOCKED: async () => outputError(join(dir, "mo.docx"), Object.assign(new Error("busy"), { code: "EBUSY" })).format(),
  E_DISK_FULL: async () => outputError(join(dir, "day.docx"), Object.assign(new Error("full"), { code: "ENOSPC" })).format(),
  E_IMPORT_FORMAT: () => importError("bang-tinh.xlsx", new Uint8Array([0x50, 0x4b, 3, 4])),
  E_IMPORT_CORRUPT: () => importError("hong.docx", new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 3])),
  E_IMPORT_ENCRYPTED: async () => importError("mat-khau.pdf", await encryptedPdf()),
  E_IMPORT_NO_TEXT: async () => importError("ban-quet.pdf", await scannedPdf()),
  E_IMPORT_NOT_PLAN: () => importError("thu-moi.txt", new TextEncoder().encode("Kính gửi ông Đặng Văn Ữu,\nTrân trọng kính mời ông đến dự buổi gặp mặt đầu xuân tại nhà văn hóa thôn.\n")),
  E_SERVE: async () => {
    // a port another server holds
    const { createServer } = await import("node:net");
    const busy = createServer();
    await new Promise<void>((ok) => busy.listen(0, "127.0.0.1", ok));
    const port = (busy.address() as { port: number }).port;
    try {
      const r = await runCli(["serve", "data", "--port", String(port)]);
      expect(r.code).toBe(1);
      return r.stderr;
    } finally {
      busy.close();
    }
  },
  E_USAGE: async () => {
    const r = await runCli(["build", "--khong-co"]);
    expect(r.code).toBe(2);
    return r.stderr;
  },
};

describe("error catalogue", () => {
  it("has a test case for every code", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(ERROR_CATALOGUE).sort());
  });
  it.each(Object.keys(CASES) as ErrorCode[])("%s", async (code) => {
    const msg = await CASES[code]();
    expect(msg).toContain(`[${code}]`);
    expect(msg).not.toMatch(/\n\s+at .*:\d+:\d+\)?$/m); // never a stack trace
  });
});
