// The second hardening round (issue 12), each promise through the CLI:
//  1. no output is ever written over an input (the plan, a file it extends);
//  2. `extends` cannot leave the project folder through a symbolic link;
//  3. only regular files are read, the size limit comes before reading, an
//     extends target that is not a plan is an error;
//  4. a plan's DOCX and PDF are always from one build (a kill between the two
//     renames is completed by the next run), temp files of dead builds go,
//     long plan names work;
//  5. one calendar rule for every date; 6. strict UTF-8, BOMs named, bidi
//  controls refused; 7. numbers in Vietnamese digits, out-of-range refused;
//  8. every style number has a range.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MINI } from "./fixtures/mini.ts";
import { docxText } from "./helpers/docx-text.ts";
import { listDir, runCli, tempDir } from "./helpers/run.ts";

let dir: string;
beforeAll(() => {
  dir = tempDir("kehoach-hard-");
  process.env.KEHOACH_CACHE_DIR = join(dir, ".cache");
});

let n = 0;
/** A fresh project folder with these files (text or bytes). */
function project(files: Record<string, string | Buffer>): string {
  const p = join(dir, `p${n++}`);
  mkdirSync(p, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(p, name, ".."), { recursive: true });
    writeFileSync(join(p, name), content);
  }
  return p;
}

/** 1-based line of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  expect(i).toBeGreaterThanOrEqual(0);
  return text.slice(0, i).split("\n").length;
}

async function fails(args: string[], code = 1) {
  const r = await runCli(args);
  expect(r.stderr + r.stdout).not.toMatch(/\n\s+at .*:\d+:\d+\)?/); // no stack trace
  expect(r.code).toBe(code);
  return r.stderr + r.stdout;
}

describe("1. an output never replaces an input", () => {
  it("a plan named plan.docx built into its own folder: refused before anything is written, the plan intact", async () => {
    const p = project({ "plan.docx": MINI });
    const err = await fails(["build", join(p, "plan.docx"), "-o", p]);
    expect(err).toContain(`${join(p, "plan.docx")}: lỗi [E_OUTPUT_IS_INPUT]`);
    expect(err).toContain(`nhận được [found] ${join(p, "plan.docx")}`);
    expect(readFileSync(join(p, "plan.docx"), "utf8")).toBe(MINI);
    expect(listDir(p)).toEqual(["plan.docx"]); // not even the PDF of the pair
  });

  it("plan.pdf with -f pdf, and the same folder spelt another way", async () => {
    const p = project({ "plan.pdf": MINI });
    const err = await fails(["build", join(p, "plan.pdf"), "-o", join(p, "..", `p${n - 1}`, "."), "-f", "pdf"]);
    expect(err).toContain("[E_OUTPUT_IS_INPUT]");
    expect(readFileSync(join(p, "plan.pdf"), "utf8")).toBe(MINI);
  });

  it("a file the plan extends is not overwritten either (nor through a linked folder)", async () => {
    const p = project({ "xa.docx": MINI, "xa.yaml": "extends: xa.docx\nnumber: 9\n" });
    symlinkSync(p, join(p, "..", `link${n}`));
    const err = await fails(["build", join(p, "xa.yaml"), "-o", join(p, "..", `link${n}`), "-f", "docx"]);
    expect(err).toContain("[E_OUTPUT_IS_INPUT]");
    expect(readFileSync(join(p, "xa.docx"), "utf8")).toBe(MINI);
  });

  it("in a batch, the one plan whose output is another plan's input fails; the others build", async () => {
    // a.yaml would write a.docx, which b.yaml extends
    const p = project({ "a.yaml": MINI, "b.yaml": "extends: a.docx\n", "a.docx": MINI });
    const r = await runCli(["build", join(p, "a.yaml"), join(p, "b.yaml"), "-o", p, "-f", "docx"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(p, "a.docx")}: lỗi [E_OUTPUT_IS_INPUT]`);
    expect(readFileSync(join(p, "a.docx"), "utf8")).toBe(MINI);
    expect(docxText(readFileSync(join(p, "b.docx")))).toContain("Ủy ban nhân dân xã Đồng Tâm");
  });
  it("adapt --force does not replace the provincial plan it reads", async () => {
    const tinh = readFileSync("data/nq72/tinh-tuyen-quang.yaml", "utf8");
    const p = project({ "tinh.yaml": tinh });
    const err = await fails(["adapt", join(p, "tinh.yaml"), "--commune", "Đồng Tâm", "-o", join(p, "tinh.yaml"), "--force"]);
    expect(err).toContain(`${join(p, "tinh.yaml")}: lỗi [E_OUTPUT_IS_INPUT]`);
    expect(readFileSync(join(p, "tinh.yaml"), "utf8")).toBe(tinh);
  });
});

describe("2. extends stays in the project folder, links resolved", () => {
  it("a linked file and a file in a linked folder pointing outside: refused by build and reported by check", async () => {
    const outside = project({ "ngoai.yaml": MINI });
    const p = project({});
    symlinkSync(join(outside, "ngoai.yaml"), join(p, "link.yaml"));
    symlinkSync(outside, join(p, "thu-muc"));
    writeFileSync(join(p, "a.yaml"), "# xã A\nextends: link.yaml\nnumber: 3\n");
    writeFileSync(join(p, "b.yaml"), "extends: thu-muc/ngoai.yaml\nnumber: 3\n");
    const cwd = process.cwd();
    process.chdir(p);
    try {
      for (const [f, line] of [["a.yaml", 2], ["b.yaml", 1]] as const) {
        const out = tempDir("kehoach-out-");
        const err = await fails(["build", f, "-o", out]);
        expect(err).toContain(`${f}:${line}:10: lỗi [E_EXTENDS_OUTSIDE]`);
        expect(err).toContain(`→ ${join(outside, "ngoai.yaml")}`);
        expect(listDir(out)).toEqual([]);
        const check = await fails(["check", f]);
        expect(check).toContain(`${f}:${line}:10: lỗi [E_EXTENDS_OUTSIDE]`);
      }
      // with --allow-outside the same link is followed
      const ok = await runCli(["build", "a.yaml", "-o", tempDir("kehoach-out-"), "-f", "docx", "--allow-outside"]);
      expect(ok.code).toBe(0);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe("3. only regular files, the size limit first", () => {
  it("extends: /dev/zero is refused by the folder check, and with --allow-outside as not a regular file, at once", async () => {
    const p = project({ "xa.yaml": "extends: /dev/zero\n" });
    const t0 = performance.now();
    expect(await fails(["build", join(p, "xa.yaml"), "-o", join(p, "out")])).toContain(`${join(p, "xa.yaml")}:1:10: lỗi [E_EXTENDS_OUTSIDE]`);
    const err = await fails(["build", join(p, "xa.yaml"), "-o", join(p, "out"), "--allow-outside"]);
    expect(err).toContain("/dev/zero: lỗi [E_FILE_READ]: Không phải tệp thường");
    expect(err).toContain("nhận được [found] thiết bị (device)");
    expect(performance.now() - t0).toBeLessThan(30_000); // refused at once: a hang would never end
  });

  it("kehoach build /dev/zero and a FIFO: refused, no hang, and the other plans of the batch still build", async () => {
    const p = project({ "tot.yaml": MINI, "xa.yaml": "extends: ong.yaml\n" });
    expect(spawnSync("mkfifo", [join(p, "ong.yaml")]).status).toBe(0);
    expect(await fails(["build", "/dev/zero", "-o", join(p, "out")])).toContain("/dev/zero: lỗi [E_FILE_READ]");
    const r = await runCli(["build", p, "-o", join(p, "out"), "-f", "docx"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(p, "ong.yaml")}: lỗi [E_FILE_READ]: Không phải tệp thường`);
    expect(r.stderr).toContain("nhận được [found] ống dẫn FIFO (named pipe)");
    expect(existsSync(join(p, "out", "tot.docx"))).toBe(true);
  });

  it("a FIFO among the fonts of --font-dir: the font error at once, no hang", async () => {
    const p = project({ "xa.yaml": MINI });
    const fonts = join(p, "phong");
    mkdirSync(fonts);
    for (const f of ["Tinos-Bold.ttf", "Tinos-Italic.ttf", "Tinos-BoldItalic.ttf"]) writeFileSync(join(fonts, f), readFileSync(join("templates/fonts/tinos", f)));
    expect(spawnSync("mkfifo", [join(fonts, "Tinos-Regular.ttf")]).status).toBe(0);
    const t0 = performance.now();
    const err = await fails(["build", join(p, "xa.yaml"), "-o", join(p, "out"), "--font-dir", fonts]);
    expect(err).toContain(`lỗi [E_FONT]: Không đọc được tệp phông chữ "${join(fonts, "Tinos-Regular.ttf")}": Không phải tệp thường`);
    expect(performance.now() - t0).toBeLessThan(30_000); // refused at once: a hang would never end
  });

  it("600 MB of zeros: the size error, before a byte is read; the limit holds for every file of a chain", async () => {
    const p = project({ "xa.yaml": "extends: tinh.yaml\nnumber: 3\n", "tinh.yaml": "" });
    // sparse: 600 MB long, no disk used; reading it would take seconds and end in "cannot create a string"
    writeFileSync(join(p, "lon.yaml"), "");
    truncateSync(join(p, "lon.yaml"), 600 * 1024 * 1024);
    const t0 = performance.now();
    const err = await fails(["build", join(p, "lon.yaml"), "-o", join(p, "out")]);
    expect(err).toContain(`${join(p, "lon.yaml")}: lỗi [E_FILE_TOO_LARGE]`);
    expect(err).toContain("nhận được [found] 629145600 byte");
    truncateSync(join(p, "tinh.yaml"), 6 * 1024 * 1024);
    const chain = await fails(["build", join(p, "xa.yaml"), "-o", join(p, "out")]);
    expect(chain).toContain(`${join(p, "tinh.yaml")}: lỗi [E_FILE_TOO_LARGE]`);
    expect(performance.now() - t0).toBeLessThan(30_000); // refused at once: a hang would never end
  });

  it("an extends target that is empty, a list or a lone value is an error at the extends line", async () => {
    const p = project({ "rong.yaml": "", "ds.yaml": "- a\n- b\n", "chu.yaml": "chỉ là một dòng chữ\n" });
    for (const [target, found] of [["rong.yaml", "tệp rỗng (empty)"], ["ds.yaml", "danh sách (list)"], ["chu.yaml", "một giá trị đơn (string)"]] as const) {
      writeFileSync(join(p, "xa.yaml"), `number: 3\nextends: ${target}\n`);
      const err = await fails(["build", join(p, "xa.yaml"), "-o", join(p, "out")]);
      expect(err).toContain(`${join(p, "xa.yaml")}:2:10: lỗi [E_SCHEMA]: Tệp mà extends trỏ tới không phải là một kế hoạch`);
      expect(err).toContain(`nhận được [found] ${join(p, target)}: ${found}`);
    }
  });
});

describe("4. a plan's outputs are always from one build", () => {
  const V1 = MINI.replace("Trên đây là kế hoạch./.", "Bản thứ nhất./.");
  const V2 = MINI.replace("Trên đây là kế hoạch./.", "Bản thứ hai./.");

  it("killed between the two renames: the next run completes the pair from the journal, even when the plan now fails", async () => {
    const p = project({ "xa.yaml": V1 });
    const out = join(p, "out");
    expect((await runCli(["build", join(p, "xa.yaml"), "-o", out])).code).toBe(0);
    // what version 2 builds to, byte for byte (builds are deterministic)
    const ref = project({ "xa.yaml": V2 });
    expect((await runCli(["build", join(ref, "xa.yaml"), "-o", join(ref, "out")])).code).toBe(0);
    const want = { docx: readFileSync(join(ref, "out", "xa.docx")), pdf: readFileSync(join(ref, "out", "xa.pdf")) };
    const v1pdf = readFileSync(join(out, "xa.pdf"));

    writeFileSync(join(p, "xa.yaml"), V2);
    const killed = spawnSync(process.execPath, ["dist/cli/bin.cjs", "build", join(p, "xa.yaml"), "-o", out], {
      env: { ...process.env, KEHOACH_TEST_CRASH: "between-renames", KEHOACH_WORKERS: "0" },
      encoding: "utf8",
    });
    expect(killed.signal).toBe("SIGKILL");
    // the mixed pair the kill left: the new DOCX next to the old PDF, with the journal and the PDF's temp file
    expect(readFileSync(join(out, "xa.docx")).equals(want.docx)).toBe(true);
    expect(readFileSync(join(out, "xa.pdf")).equals(v1pdf)).toBe(true);
    expect(readdirSync(out).filter((f) => f.startsWith(".")).map((f) => f.replace(/^\.kh-[0-9a-f]{10}\.\d+\./, ".kh-H.N.")).sort()).toEqual([".kh-H.N.pair", ".kh-H.N.tmp"]);

    // the next run: the plan is broken now, so nothing is built, but the pair is completed
    writeFileSync(join(p, "xa.yaml"), V2.replace("symbol: KH-UBND", "symbol: [KH-UBND"));
    expect((await runCli(["build", join(p, "xa.yaml"), "-o", out])).code).toBe(1);
    expect(readFileSync(join(out, "xa.docx")).equals(want.docx)).toBe(true);
    expect(readFileSync(join(out, "xa.pdf")).equals(want.pdf)).toBe(true);
    expect(readdirSync(out)).toEqual(["xa.docx", "xa.pdf"]);
  }, 60_000);

  it("temp files of builds that were killed are removed, those of a running build are not", async () => {
    const p = project({ "xa.yaml": MINI });
    const out = join(p, "out");
    mkdirSync(out);
    // a pid that is surely not running: the highest possible one
    const dead = 4194303;
    const live = process.pid;
    const stale = [`.kh-0123456789.${dead}.tmp`, `.xa.docx.${dead}.tmp`];
    for (const f of [...stale, `.kh-0123456789.${live}.tmp`]) writeFileSync(join(out, f), "nửa tệp");
    expect((await runCli(["build", join(p, "xa.yaml"), "-o", out, "-f", "docx"])).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([`.kh-0123456789.${live}.tmp`, "xa.docx"]);
  });

  it("a plan name of 250 characters builds (the temporary names stay short)", async () => {
    const name = "kế-hoạch-".repeat(2) + "x".repeat(250 - "kế-hoạch-".length * 2);
    expect(name.length).toBe(250);
    const bytes = Buffer.byteLength(name);
    const base = bytes + ".docx".length <= 255 ? name : "x".repeat(250);
    const p = project({ [`${base}.yaml`.slice(0, 255)]: MINI });
    const plan = readdirSync(p)[0]!;
    const r = await runCli(["build", join(p, plan), "-o", join(p, "out")]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readdirSync(join(p, "out")).sort()).toEqual([`${plan.replace(/\.yaml$/, "")}.docx`, `${plan.replace(/\.yaml$/, "")}.pdf`]);
  });
});

/** Builds `text` as a plan; returns what was printed. */
async function buildText(text: string | Buffer, name = "ke-hoach.yaml", args: string[] = []) {
  const p = project({ [name]: text });
  return { file: join(p, name), err: await fails(["build", join(p, name), "-o", join(p, "out"), "-f", "docx", ...args]), out: join(p, "out") };
}

describe("5. one calendar rule for every date", () => {
  const COPY = `copy:
  issuer: { name: [TỈNH ỦY BẮC KẠN], fullName: Tỉnh ủy Bắc Kạn, place: Bắc Kạn }
  symbol: BS/TU
  date: { day: 5, month: 1, year: 2025 }
  recipients: { items: [Các đảng bộ], archive: VT }
  signer: { authority: T/L BAN THƯỜNG VỤ, name: Hà Văn Ất }
`;
  it.each([
    ["31/02/2025", 31, 2, 2025, 28],
    ["30/02/2024", 30, 2, 2024, 29],
    ["29/02/2025", 29, 2, 2025, 28],
    ["31/04/2025", 31, 4, 2025, 30],
  ])("%s: refused for the plan's date and for copy.date, with their place", async (_, day, month, year, last) => {
    const bad = `date: { day: ${day}, month: ${month}, year: ${year} }`;
    const plan = MINI.replace("date: { day: 5, month: 1, year: 2025 }", bad);
    const r = await buildText(plan);
    expect(r.err).toContain(`${r.file}:${lineOf(plan, bad)}:14: lỗi [E_SCHEMA]: Giá trị không hợp lệ: không có ngày ${day}/${month}/${year} trong lịch`);
    expect(r.err).toContain("trường [field] date.day");
    expect(r.err).toContain(`cần [expected] một ngày có trong tháng ${month}/${year}: 1–${last}`);
    const copy = MINI + COPY.replace("date: { day: 5, month: 1, year: 2025 }", bad);
    const c = await buildText(copy);
    expect(c.err).toContain(`${c.file}:${lineOf(copy, `  ${bad}`)}:16: lỗi [E_SCHEMA]`);
    expect(c.err).toContain("trường [field] copy.date.day");
  });

  it("29/02/2024 (a leap year) builds", async () => {
    const p = project({ "ok.yaml": MINI.replace("date: { day: 5, month: 1, year: 2025 }", "date: { day: 29, month: 2, year: 2024 }") });
    expect((await runCli(["build", join(p, "ok.yaml"), "-o", join(p, "out"), "-f", "docx"])).code).toBe(0);
    expect(docxText(readFileSync(join(p, "out", "ok.docx")))).toContain("ngày 29 tháng 02 năm 2024");
  });
});

describe("6. text encoding", () => {
  const utf8 = Buffer.from(MINI);
  it("a Windows-1258 byte: refused at its line and column, with the hint to save as UTF-8; nothing written", async () => {
    // "Phạm" in Windows-1258 is 50 68 61 F2 6D: the F2 is the bad byte
    const [head, tail] = MINI.split("closing: Trên đây là kế hoạch./.");
    const before = "closing: Trên đây là kế hoạch của Pha";
    const bytes = Buffer.concat([Buffer.from(head! + before), Buffer.from([0xf2, 0x6d]), Buffer.from("./." + tail!)]);
    const r = await buildText(bytes);
    expect(r.err).toContain(`${r.file}:${lineOf(MINI, "closing: ")}:${[...before].length + 1}: lỗi [E_ENCODING]: Tệp không phải UTF-8 hợp lệ`);
    expect(r.err).toContain("hãy lưu lại tệp dưới dạng UTF-8 (save the file as UTF-8)");
    expect(r.err).toContain("nhận được [found] byte F2 6D");
    expect(listDir(r.out)).toEqual([]);
  });

  it.each([
    ["overlong /", [0xc0, 0xaf], "C0 AF"],
    ["a surrogate", [0xed, 0xa0, 0x80], "ED A0 80"],
    ["a stray FF FE", [0xff, 0xfe], "FF FE"],
  ])("%s inside the file: refused at its place", async (_, seq, hex) => {
    const at = MINI.indexOf("Bảo đảm tiến độ.");
    const bytes = Buffer.concat([Buffer.from(MINI.slice(0, at)), Buffer.from(seq), Buffer.from(MINI.slice(at))]);
    const r = await buildText(bytes);
    expect(r.err).toContain(`${r.file}:${lineOf(MINI, "Bảo đảm tiến độ.")}:16: lỗi [E_ENCODING]`);
    expect(r.err).toContain(`nhận được [found] byte ${hex}`);
  });

  it.each([
    ["UTF-16 LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINI, "utf16le")])],
    ["UTF-16 BE", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(MINI, "utf16le").swap16()])],
    ["UTF-32 LE", Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from(new Uint32Array([...MINI].map((c) => c.codePointAt(0)!)).buffer)])],
  ])("a %s file is recognised by its BOM and named", async (name, bytes) => {
    const r = await buildText(bytes);
    expect(r.err).toContain(`${r.file}:1:1: lỗi [E_ENCODING]: Tệp được lưu dạng ${name} (có dấu BOM), không phải UTF-8`);
    expect(r.err).not.toContain("U+0000");
  });

  it("a UTF-8 BOM is fine", async () => {
    const p = project({ "bom.yaml": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) });
    expect((await runCli(["build", join(p, "bom.yaml"), "-o", join(p, "out"), "-f", "docx"])).code).toBe(0);
  });

  it.each(["\u202e", "\u202a", "\u2066", "\u2069"])("bidirectional control %j: refused like a control character, with its place", async (ch) => {
    const plan = MINI.replace("Bảo đảm tiến độ.", `Bảo đảm ${ch}tiến độ.`);
    const r = await buildText(plan);
    const cp = ch.codePointAt(0)!.toString(16).toUpperCase();
    expect(r.err).toContain(`${r.file}:${lineOf(plan, "Bảo đảm")}:16: lỗi [E_CONTROL_CHAR]: Văn bản chứa ký tự điều khiển hướng chữ U+${cp}`);
    expect(r.err).toContain("trường [field] requirements[0]");
  });
});

describe("7. numbers", () => {
  const LC = readFileSync("data/lai-chau-syt-2025.yaml", "utf8");
  const ROW = "values: [{ gt: 13.5 }, 13.1, { gt: 13.5 }]";
  it("print in Vietnamese digits for every value in range, never in exponent notation", async () => {
    const p = project({ "so.yaml": LC.replace(ROW, "values: [123456789012.5, 9007199254740991, { gte: 0.000001 }]") });
    const r = await runCli(["build", join(p, "so.yaml"), "-o", join(p, "out"), "-f", "docx"]);
    expect(r.code).toBe(0);
    const text = docxText(readFileSync(join(p, "out", "so.docx")));
    expect(text).toContain("123.456.789.012,5");
    expect(text).toContain("9.007.199.254.740.991");
    expect(text).toContain("≥ 0,000001");
    expect(text).not.toMatch(/\de[+-]?\d/);
  });

  it.each([
    ["1e21", "[1e21, 13.1, { gt: 13.5 }]", "indicators.rows[1].values[0]", "quá lớn"],
    ["-1e308", "[13.5, -1e308, { gt: 13.5 }]", "indicators.rows[1].values[1]", "quá nhỏ"],
    ["{ gt: 1e-320 }", "[13.5, 13.1, { gt: 1e-320 }]", "indicators.rows[1].values[2].gt", "quá gần 0"],
  ])("%s: refused with its place", async (_, values, path, what) => {
    const plan = LC.replace(ROW, `values: ${values}`);
    const r = await buildText(plan);
    expect(r.err).toContain(`${r.file}:${lineOf(plan, `values: ${values}`)}:`);
    expect(r.err).toMatch(/lỗi \[E_SCHEMA\]/);
    expect(r.err).toContain(what);
    expect(r.err).toContain(`trường [field] ${path}`);
  });
});

describe("8. every style number has a range", () => {
  it.each([
    ["page: { width: 0, height: 0 }", "style.page.width", "≥ 148"],
    ["margins: { left: 1e308 }", "style.margins.left", "≤ 40"],
    ["margins: { top: -5 }", "style.margins.top", "≥ 0"],
    ["paragraph: { body: { size: 0 } }", "style.paragraph.body.size", "≥ 4"],
    ["paragraph: { body: { lineHeight: 1e308 } }", "style.paragraph.body.lineHeight", "≤ 200"],
    ["paragraph: { body: { spaceBefore: -1 } }", "style.paragraph.body.spaceBefore", "≥ 0"],
    ["rules: { summary: { thickness: 1000 } }", "style.rules.summary.thickness", "≤ 10"],
    ["tables: { tasks: { columns: [12, 0, 45] } }", "style.tables.tasks.columns[1]", "≥ 1"],
    ["signingSpace: 1e9", "style.signingSpace", "≤ 400"],
  ])("style: { %s } is refused at its place", async (style, path, expected) => {
    const plan = `${MINI}style: { ${style} }\n`;
    const r = await buildText(plan);
    expect(r.err).toContain(`${r.file}:${lineOf(plan, "style:")}:`);
    expect(r.err).toContain("lỗi [E_SCHEMA]: Giá trị quá");
    expect(r.err).toContain(`trường [field] ${path}`);
    expect(r.err).toContain(`cần [expected] ${expected}`);
    expect(listDir(r.out)).toEqual([]);
  });

  it("the smallest page with the widest margins still builds a sane document", async () => {
    const p = project({ "a5.yaml": `${MINI}style: { page: { width: 148, height: 148 }, margins: { top: 40, bottom: 40, left: 40, right: 40, header: 40 } }\n` });
    const r = await runCli(["build", join(p, "a5.yaml"), "-o", join(p, "out")]);
    expect(r.code).toBe(0);
    const pdf = readFileSync(join(p, "out", "a5.pdf"), "latin1");
    const pages = pdf.match(/\/Type \/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThan(40);
  });
});
