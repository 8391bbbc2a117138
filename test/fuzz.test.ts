// Property-based tests (fast-check). `npm test` runs a quick slice; `npm run fuzz`
// runs FUZZ_RUNS cases per property (10,000+ in all) and prints the figures.
//  1. random valid plans (long paragraphs, words longer than a line or a cell,
//     many tasks, empty optional parts, NFD text, combining marks, & < > " ')
//     build to DOCX and PDF whose words are the model's words;
//  2. characters the font lacks (emoji, other scripts) give E_MISSING_GLYPH,
//     never a crash or a blank box;
//  3. random corruptions of valid plan files (deleted lines, swapped types,
//     wrong indentation, truncation, random bytes) give a user error or a
//     valid plan, never a crash or a hang;
//  4. dates (any day/month/year): built and printed iff the calendar has them;
//  5. encodings: random bytes, BOMs and bidi controls in a plan file give
//     E_ENCODING iff the bytes are not UTF-8 (the place is the first bad byte),
//     E_CONTROL_CHAR for a bidi control, else the plan or another user error;
//  6. numbers (any double) in an indicator table: printed in Vietnamese digits
//     that read back as the same number, or refused at their place;
//  7. style values (any double) for every kind of style number: refused at
//     their place out of range, a sane DOCX and PDF in range;
//  8. special files as extends targets (devices, FIFOs, folders, links out of
//     the project, huge, empty, lists): the expected user error, never a hang.
import fc from "fast-check";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { UserError } from "../src/errors.ts";
import { decodeUtf8 } from "../src/load/input-file.ts";
import { loadPlan, parsePlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { loadFonts, renderPdf, type FontSet } from "../src/render/pdf/index.ts";
import { docxParagraphs } from "./helpers/docx-text.ts";
import { MINI } from "./fixtures/mini.ts";
import { modelTexts } from "./helpers/model-text.ts";

const FUZZ = process.env.FUZZ_RUNS !== undefined;
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const stats = { cases: 0, crashes: 0, hangs: 0, wrong: 0 };
const HANG_MS = 5_000;

let fonts: FontSet;
beforeAll(async () => {
  fonts = await loadFonts();
});
afterAll(() => {
  if (FUZZ) console.log(`fuzz: ${stats.cases} cases, ${stats.crashes} crashes, ${stats.hangs} hangs, ${stats.wrong} wrong outputs`);
});

// ---- generators -------------------------------------------------------------

const VI = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐƠƯỶỆỮỞ";
const word = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[a-zA-Z0-9]{1,9}$/) },
  { weight: 8, arbitrary: fc.array(fc.constantFrom(...VI), { minLength: 1, maxLength: 8 }).map((cs) => cs.join("")) },
  { weight: 1, arbitrary: fc.constantFrom("&", "<b>", "\"trích\"", "'nháy'", "95%", "1.250", "13,5", "a–b", "x/y", "(b/c)") },
  // a word longer than a table cell or even a line
  { weight: 1, arbitrary: fc.integer({ min: 40, max: 160 }).map((n) => "Đ".repeat(n)) },
);
const sentence = (max: number) => fc.array(word, { minLength: 1, maxLength: max }).map((ws) => ws.join(" "));
/** sometimes written decomposed (NFD), as some editors save it */
const text = (max: number) => fc.tuple(sentence(max), fc.boolean()).map(([s, nfd]) => (nfd ? s.normalize("NFD") : s));

const deadline = fc.oneof(fc.constant("thường xuyên"), fc.integer({ min: 1, max: 4 }).map((q) => `Q${q}/2026`), fc.constant("từ 2027"), fc.constant({ theo: "Theo lộ trình" }));

const planArb = (maxTasks: number) =>
  fc
    .record({
      title: text(20),
      purposes: fc.array(text(60), { minLength: 0, maxLength: 4 }),
      targets: fc.array(text(30), { minLength: 0, maxLength: 5 }),
      sections: fc.array(fc.record({ title: text(15), letters: fc.array(text(400), { maxLength: 3 }) }), { minLength: 1, maxLength: 5 }),
      tasks: fc.array(fc.record({ content: text(80), deadline, lead: fc.constantFrom("a", "b"), partners: fc.subarray(["b", "c"]) }), { maxLength: maxTasks }),
      closing: fc.option(text(40), { nil: undefined }),
      party: fc.boolean(),
    })
    .map((r) => ({
      family: r.party ? "party" : "state",
      issuer: { name: ["ỦY BAN NHÂN DÂN", "XÃ THỬ NGHIỆM"], fullName: "Ủy ban nhân dân xã Thử Nghiệm", place: "Thử Nghiệm" },
      symbol: r.party ? "KH/ĐU" : "KH-UBND",
      date: { day: 5, month: 1, year: 2026 },
      title: r.title,
      legalBasis: "Căn cứ tình hình thực tế của địa phương.",
      purposes: r.purposes,
      targets: r.targets.map((t, i) => ({ id: `g${i}`, text: t })),
      sections: r.sections.map((s, i) => ({ id: `s${i}`, title: s.title, letters: s.letters })),
      tasks: r.tasks.map((t, i) => ({ id: `t${i}`, section: `s${i % r.sections.length}`, content: t.content, lead: [t.lead], partners: t.partners, deadline: t.deadline })),
      agencies: { a: { name: "Trạm Y tế xã" }, b: { name: "Phòng Văn hóa - Xã hội" }, c: { name: "các cơ quan, đơn vị liên quan", group: true } },
      ...(r.closing ? { closing: r.closing } : {}),
      recipients: { items: ["Như trên"], archive: "VT" },
      signer: { authority: "TM. ỦY BAN NHÂN DÂN", title: "CHỦ TỊCH", name: "Nguyễn Văn Ất" },
      ...(r.tasks.length ? { appendix: { title: "Nhiệm vụ cụ thể" } } : {}),
    }));

// ---- helpers ----------------------------------------------------------------

const words = (s: string) => s.normalize("NFC").split(/\s+/).filter(Boolean);

async function guarded<T>(f: () => Promise<T>): Promise<T> {
  stats.cases++;
  const t0 = performance.now();
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof UserError)) stats.crashes++;
    throw e;
  } finally {
    if (performance.now() - t0 > HANG_MS) stats.hangs++;
  }
}

const POPPLER = spawnSync("sh", ["-c", "command -v pdftotext"]).status === 0;
const tmp = mkdtempSync(join(tmpdir(), "kehoach-fuzz-"));
/** Word counts for comparing a PDF's text: words longer than a line are broken there by design. */
function pdfWordCounts(s: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of s.normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? []) if (w.length <= 30) m.set(w, (m.get(w) ?? 0) + 1);
  return m;
}

// ---- properties -------------------------------------------------------------

describe("fuzz", () => {
  it("valid plans build to DOCX and PDF that carry the model's words", async () => {
    await fc.assert(
      fc.asyncProperty(planArb(FUZZ ? 60 : 8), async (input) => {
        await guarded(async () => {
          const { plan } = parsePlan("fuzz.yaml", stringify(input));
          const doc = planToDocument(plan);
          const expected = modelTexts(doc);
          for (const p of expected) expect(p, "NFC").toBe(p.normalize("NFC"));
          const docx = docxParagraphs(await renderDocx(doc)).filter((p) => p !== "");
          const same = JSON.stringify(words(docx.join(" "))) === JSON.stringify(words(expected.join(" ")));
          if (!same) stats.wrong++;
          expect(same).toBe(true);
          const pdf = await renderPdf(doc, fonts);
          expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
          // every few cases, read the PDF back: the model's words are all there
          if (POPPLER && stats.cases % 10 === 1) {
            const file = join(tmp, "fuzz.pdf");
            writeFileSync(file, pdf);
            const got = pdfWordCounts(execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }));
            const missing = [...pdfWordCounts(expected.join(" "))].filter(([w, n]) => (got.get(w) ?? 0) < n);
            if (missing.length) stats.wrong++;
            expect(missing).toEqual([]);
          }
        });
      }),
      { numRuns: RUNS, seed: FUZZ ? undefined : 42 },
    );
  });

  it("a plan of 500 tasks builds, with 500 appendix rows", async () => {
    const big = fc.sample(planArb(0), { numRuns: 1, seed: 7 })[0]!;
    big.tasks = Array.from({ length: 500 }, (_, i) => ({ id: `t${i}`, section: "s0", content: `Nhiệm vụ số ${i} về y tế cơ sở, bảo hiểm y tế và dân số.`, lead: ["a"], partners: ["c"], deadline: "thường xuyên" }));
    big.appendix = { title: "Nhiệm vụ cụ thể" };
    const doc = planToDocument(parsePlan("big.yaml", stringify(big)).plan);
    const paras = docxParagraphs(await renderDocx(doc));
    expect(paras).toContain("500");
    expect((await renderPdf(doc, fonts)).length).toBeGreaterThan(10_000);
  });

  it("characters the font lacks give the missing-glyph error, naming the character", async () => {
    const foreign = fc.constantFrom("😀", "中文", "한국어", "العربية", "🇻🇳", "∰", "𝔸");
    await fc.assert(
      fc.asyncProperty(planArb(3), foreign, fc.nat(), async (input, ch, at) => {
        const t = input.title;
        input.title = t.slice(0, at % (t.length + 1)) + ch + t.slice(at % (t.length + 1));
        const doc = planToDocument(parsePlan("glyph.yaml", stringify(input)).plan);
        const e = await guarded(() => renderPdf(doc, fonts)).catch((x: unknown) => x);
        const ok = e instanceof UserError && e.code === "E_MISSING_GLYPH" && e.message.includes("U+");
        if (!ok) stats.wrong++;
        expect(ok).toBe(true);
      }),
      { numRuns: Math.ceil(RUNS / 5), seed: FUZZ ? undefined : 42 },
    );
  });

  const SAMPLES = ["data/bac-kan-ct25.yaml", "data/hung-yen-nq20.yaml", "data/lai-chau-syt-2025.yaml", "data/xa-nq72.yaml"].map((f) => readFileSync(f, "utf8"));
  const corruption = fc.oneof(
    // delete a few lines
    fc.tuple(fc.constant("delete" as const), fc.nat(), fc.integer({ min: 1, max: 5 })),
    // swap a scalar for another type
    fc.tuple(fc.constant("retype" as const), fc.nat(), fc.constantFrom("[]", "{}", "42", "true", "null", "- x", '"\\x07"', "&a [*a]")),
    // wrong indentation
    fc.tuple(fc.constant("indent" as const), fc.nat(), fc.integer({ min: -4, max: 4 })),
    // truncation
    fc.tuple(fc.constant("truncate" as const), fc.nat(), fc.constant(0)),
    // random bytes
    fc.tuple(fc.constant("bytes" as const), fc.nat(), fc.string({ minLength: 1, maxLength: 8 })),
  );
  function corrupt(src: string, [kind, at, arg]: readonly [string, number, number | string]): string {
    const lines = src.split("\n");
    const i = at % lines.length;
    switch (kind) {
      case "delete":
        lines.splice(i, Number(arg));
        return lines.join("\n");
      case "retype":
        lines[i] = lines[i]!.replace(/:\s.*$/, `: ${arg}`);
        return lines.join("\n");
      case "indent": {
        const n = Number(arg);
        lines[i] = n >= 0 ? " ".repeat(n) + lines[i] : lines[i]!.slice(-n);
        return lines.join("\n");
      }
      case "truncate":
        return src.slice(0, at % src.length);
      default: {
        const pos = at % src.length;
        return src.slice(0, pos) + String(arg) + src.slice(pos);
      }
    }
  }

  it("corrupted plan files give a user error or a valid plan, never a crash or a hang", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: SAMPLES.length - 1 }), fc.array(corruption, { minLength: 1, maxLength: 3 }), async (which, edits) => {
        const src = edits.reduce((s, e) => corrupt(s, e), SAMPLES[which]!);
        await guarded(async () => {
          try {
            planToDocument(parsePlan("corrupt.yaml", src).plan);
          } catch (e) {
            if (!(e instanceof UserError)) throw e;
            expect(e.format()).toMatch(/lỗi \[E_[A-Z_]+\]/);
          }
        });
      }),
      { numRuns: RUNS * 8, seed: FUZZ ? undefined : 42 },
    );
  });

  // ---- 4. dates -------------------------------------------------------------
  /** The calendar, asked independently of the code under test. */
  const inCalendar = (y: number, m: number, d: number) => {
    const t = new Date(Date.UTC(2000, m - 1, d));
    t.setUTCFullYear(y);
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  };
  const COPY = (date: string) => `copy:
  issuer: { name: [TỈNH ỦY BẮC KẠN], fullName: Tỉnh ủy Bắc Kạn, place: Bắc Kạn }
  symbol: BS/TU
  date: ${date}
  recipients: { items: [Các đảng bộ], archive: VT }
  signer: { authority: T/L BAN THƯỜNG VỤ, name: Hà Văn Ất }
`;
  it("dates: a plan's date and copy.date build and print iff the calendar has the day", async () => {
    const ymd = fc.tuple(fc.integer({ min: 1945, max: 2200 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }));
    await fc.assert(
      fc.asyncProperty(ymd, fc.boolean(), async ([y, m, d], inCopy) => {
        const date = `{ day: ${d}, month: ${m}, year: ${y} }`;
        const src = inCopy ? MINI + COPY(date) : MINI.replace("date: { day: 5, month: 1, year: 2025 }", `date: ${date}`);
        await guarded(async () => {
          const real = inCalendar(y, m, d);
          let ok: boolean;
          try {
            const texts = modelTexts(planToDocument(parsePlan("ngay.yaml", src).plan)).join("\n");
            const printed = `ngày ${String(d).padStart(2, "0")} tháng ${m <= 2 ? String(m).padStart(2, "0") : m} năm ${y}`;
            ok = real && texts.includes(printed);
          } catch (e) {
            if (!(e instanceof UserError)) throw e;
            ok = !real && e.code === "E_SCHEMA" && e.format().includes(`trường [field] ${inCopy ? "copy.date.day" : "date.day"}`);
          }
          if (!ok) stats.wrong++;
          expect(ok, `${d}/${m}/${y}`).toBe(true);
        });
      }),
      { numRuns: RUNS, seed: FUZZ ? undefined : 42 },
    );
  });

  // ---- 5. encodings ---------------------------------------------------------
  const validUtf8 = (b: Uint8Array) => {
    try {
      new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(b);
      return true;
    } catch {
      return false;
    }
  };
  const BIDI = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];
  const insertion = fc.oneof(
    { weight: 4, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 6 }) },
    // single bytes that are never UTF-8, and well-known bad sequences (overlong, surrogate, > U+10FFFF)
    { weight: 2, arbitrary: fc.constantFrom([0xf2], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe0, 0x80, 0x80], [0xff, 0xfe], [0x80]).map((a) => Uint8Array.from(a)) },
    { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...VI, ...BIDI, "a", " ") , minLength: 1, maxLength: 6 }).map((t) => new TextEncoder().encode(t)) },
  );
  const BOM = fc.constantFrom<[string, number[]]>(["none", []], ["UTF-8", [0xef, 0xbb, 0xbf]], ["UTF-16 LE", [0xff, 0xfe]], ["UTF-16 BE", [0xfe, 0xff]], ["UTF-32 LE", [0xff, 0xfe, 0, 0]], ["UTF-32 BE", [0, 0, 0xfe, 0xff]]);
  it("encodings: invalid UTF-8 and foreign BOMs are refused at the first bad byte, bidi controls as control characters", async () => {
    const body = new TextEncoder().encode(MINI);
    const closing = MINI.indexOf("Trên đây là kế hoạch") + 5;
    await fc.assert(
      fc.asyncProperty(BOM, insertion, fc.boolean(), async ([bomName, bom], ins, inClosing) => {
        const at = inClosing ? new TextEncoder().encode(MINI.slice(0, closing)).length : body.length;
        const bytes = new Uint8Array([...bom, ...body.subarray(0, at), ...ins, ...body.subarray(at)]);
        await guarded(async () => {
          let outcome: string;
          let where = "";
          try {
            parsePlan("enc.yaml", decodeUtf8("enc.yaml", bytes));
            outcome = "ok";
          } catch (e) {
            if (!(e instanceof UserError)) throw e;
            outcome = e.code;
            where = e.format();
          }
          const rest = bytes.subarray(bom.length);
          let ok: boolean;
          if (bomName !== "none" && bomName !== "UTF-8") ok = outcome === "E_ENCODING" && where.includes(`enc.yaml:1:1:`) && where.includes(bomName);
          else if (!validUtf8(rest)) {
            // the place, found independently: a lenient decoder puts U+FFFD at the first bad byte
            const lenient = new TextDecoder().decode(rest);
            const before = lenient.slice(0, lenient.indexOf("\ufffd")).split("\n");
            const expected = `enc.yaml:${before.length}:${[...before[before.length - 1]!].length + 1}:`;
            const literalReplacement = Buffer.from(rest).includes(Buffer.from([0xef, 0xbf, 0xbd]));
            ok = outcome === "E_ENCODING" && (literalReplacement || where.includes(expected));
          } else {
            const text = new TextDecoder().decode(rest);
            const bidi = BIDI.some((c) => text.includes(c));
            // a bidi control in a text value is refused; elsewhere (a comment) it is harmless
            ok = bidi && inClosing ? outcome === "E_CONTROL_CHAR" : outcome === "ok" || (outcome !== "E_ENCODING" && outcome.startsWith("E_"));
          }
          if (!ok) stats.wrong++;
          expect(ok, `${bomName} ${Buffer.from(ins).toString("hex")} in ${inClosing ? "closing" : "end"} → ${outcome}\n${where}`).toBe(true);
        });
      }),
      { numRuns: RUNS * 2, seed: FUZZ ? undefined : 42 },
    );
  });

  // ---- 6. numbers -----------------------------------------------------------
  const LAI_CHAU = readFileSync("data/lai-chau-syt-2025.yaml", "utf8");
  const ROW = "values: [{ gt: 13.5 }, 13.1, { gt: 13.5 }]";
  /** "1.234.567,5" → 1234567.5: reads a Vietnamese number back, independently of the formatter */
  const readVi = (s: string) => (/^-?\d{1,3}(\.\d{3})*(,\d+)?$/.test(s) ? Number(s.replace(/\./g, "").replace(",", ".")) : NaN);
  const number = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 100),
    fc.constantFrom(1e21, 1e308, -1e308, 5e-324, 1e-7, 1e-6, 9007199254740991, 9007199254740992, 0, -0, 123456789012.5),
  );
  it("numbers: any double prints in Vietnamese digits that read back as itself, or is refused at its place", async () => {
    await fc.assert(
      fc.asyncProperty(number, fc.constantFrom("", "gt", "lte"), async (v, bound) => {
        const yaml = Object.is(v, -0) ? "-0" : String(v);
        const value = bound ? `{ ${bound}: ${yaml} }` : yaml;
        const src = LAI_CHAU.replace(ROW, `values: [${value}, 13.1, { gt: 13.5 }]`);
        await guarded(async () => {
          const inRange = Math.abs(v) <= Number.MAX_SAFE_INTEGER && (v === 0 || Math.abs(v) >= 1e-6);
          let ok: boolean;
          let detail = "";
          try {
            const texts = modelTexts(planToDocument(parsePlan("so.yaml", src).plan));
            const row = texts.findIndex((t) => t === "Số bác sĩ/10.000 dân");
            const cell = texts[row + 2] ?? "";
            detail = cell;
            const digits = cell.replace(/^(>|<|≥ |≤ )/, "");
            ok = inRange && readVi(digits) === (Object.is(v, -0) ? 0 : v) && !/e/i.test(cell);
          } catch (e) {
            if (!(e instanceof UserError)) throw e;
            detail = e.format();
            ok = !inRange && e.code === "E_SCHEMA" && detail.includes(`trường [field] indicators.rows[1].values[0]`);
          }
          if (!ok) stats.wrong++;
          expect(ok, `${value} → ${detail}`).toBe(true);
        });
      }),
      { numRuns: RUNS, seed: FUZZ ? undefined : 42 },
    );
  });

  // ---- 7. style ranges ------------------------------------------------------
  /** every kind of style number, with its range (the spec, written out here independently of the schema) */
  const STYLE_FIELDS: [string, (v: string) => string, number, number][] = [
    ["style.page.width", (v) => `page: { width: ${v} }`, 148, 1189],
    ["style.page.height", (v) => `page: { height: ${v} }`, 148, 1189],
    ["style.margins.left", (v) => `margins: { left: ${v} }`, 0, 40],
    ["style.margins.top", (v) => `margins: { top: ${v} }`, 0, 40],
    ["style.paragraph.body.size", (v) => `paragraph: { body: { size: ${v} } }`, 4, 96],
    ["style.paragraph.body.lineHeight", (v) => `paragraph: { body: { lineHeight: ${v} } }`, 1, 200],
    ["style.paragraph.body.spaceBefore", (v) => `paragraph: { body: { spaceBefore: ${v} } }`, 0, 200],
    ["style.paragraph.body.firstLineIndent", (v) => `paragraph: { body: { firstLineIndent: ${v} } }`, 0, 100],
    ["style.paragraph.body.indentLeft", (v) => `paragraph: { body: { indentLeft: ${v} } }`, 0, 100],
    ["style.paragraph.body.spaceAfter", (v) => `paragraph: { body: { spaceAfter: ${v} } }`, 0, 200],
    ["style.rules.summary.fraction", (v) => `rules: { summary: { fraction: ${v} } }`, Number.MIN_VALUE, 1],
    ["style.tables.tasks.padding.x", (v) => `tables: { tasks: { padding: { x: ${v}, y: 1 } } }`, 0, 20],
    ["style.margins.header", (v) => `margins: { header: ${v} }`, 0, 40],
    ["style.rules.summary.thickness", (v) => `rules: { summary: { thickness: ${v} } }`, 0.1, 10],
    ["style.tables.tasks.columns[1]", (v) => `tables: { tasks: { columns: [12, ${v}, 45, 50, 40] } }`, 1, 1000],
    ["style.signingSpace", (v) => `signingSpace: ${v}`, 0, 400],
  ];
  it("style values: out of range refused at their place; in range, a DOCX and a PDF of sane length", async () => {
    const value = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -100, max: 1300, noNaN: true }), fc.constantFrom(0, -1, 1e308, 5e-324, 148, 1189, 40));
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: STYLE_FIELDS.length - 1 }), value, async (which, v) => {
        const [path, style, min, max] = STYLE_FIELDS[which]!;
        const src = `${MINI}style: { ${style(String(v))} }\n`;
        await guarded(async () => {
          const inRange = v >= min && v <= max;
          let ok: boolean;
          let detail = "";
          try {
            const doc = planToDocument(parsePlan("kieu.yaml", src).plan);
            const docx = await renderDocx(doc);
            const pdf = Buffer.from(await renderPdf(doc, fonts)).toString("latin1");
            const pages = pdf.match(/\/Type \/Page[^s]/g)?.length ?? 0;
            detail = `${pages} pages`;
            ok = inRange && docx.length > 1000 && pages >= 1 && pages <= 60 && !/Infinity|NaN/.test(docxParagraphs(docx).join(""));
          } catch (e) {
            if (!(e instanceof UserError)) throw e;
            detail = e.format();
            ok = !inRange && e.code === "E_SCHEMA" && detail.includes(`trường [field] ${path}`) && /kieu\.yaml:\d+:\d+:/.test(detail);
          }
          if (!ok) stats.wrong++;
          expect(ok, `${path} = ${v} → ${detail}`).toBe(true);
        });
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: FUZZ ? undefined : 42 },
    );
  });

  it("style values: several in-range values at once (tiny page, widest margins, huge type) still make a DOCX and a PDF", async () => {
    const pick = fc.array(fc.tuple(fc.nat({ max: STYLE_FIELDS.length - 1 }), fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1))), { minLength: 2, maxLength: 5 });
    await fc.assert(
      fc.asyncProperty(pick, async (fields) => {
        // one value per field; margins and page merge into one mapping each
        const by = new Map<number, number>();
        for (const [i, f] of fields) by.set(i, Math.max(STYLE_FIELDS[i]![2], STYLE_FIELDS[i]![2] + f * (STYLE_FIELDS[i]![3] - STYLE_FIELDS[i]![2])));
        const style: Record<string, unknown> = {};
        for (const [i, v] of by) {
          const [path] = STYLE_FIELDS[i]!;
          const keys = path.replace(/^style\./, "").replace(/\[1\]$/, "").split(".");
          let o = style;
          for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
          const last = keys[keys.length - 1]!;
          if (last === "columns") o[last] = [12, v, 45, 50, 40];
          else if (last === "x") Object.assign(o, { x: v, y: 1 });
          else o[last] = v;
        }
        const src = `${MINI}style: ${JSON.stringify(style)}\n`;
        await guarded(async () => {
          const doc = planToDocument(parsePlan("kieu.yaml", src).plan);
          const docx = await renderDocx(doc);
          const pdf = Buffer.from(await renderPdf(doc, fonts)).toString("latin1");
          const pages = pdf.match(/\/Type \/Page[^s]/g)?.length ?? 0;
          const ok = docx.length > 1000 && pages >= 1 && pages <= 60;
          if (!ok) stats.wrong++;
          expect(ok, `${JSON.stringify(style)} → ${pages} pages`).toBe(true);
        });
      }),
      { numRuns: Math.ceil(RUNS / 4), seed: FUZZ ? undefined : 42 },
    );
  });

  // ---- 8. special files in extends ------------------------------------------
  it("special files as extends targets: the expected user error at once, never a hang", async () => {
    const root = join(tmp, "du-an");
    const outside = join(tmp, "ngoai");
    mkdirSync(join(root, "con"), { recursive: true });
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, "tinh.yaml"), MINI);
    writeFileSync(join(root, "tinh.yaml"), MINI);
    writeFileSync(join(root, "rong.yaml"), "");
    writeFileSync(join(root, "danh-sach.yaml"), "- a\n- b\n");
    writeFileSync(join(root, "lon.yaml"), "");
    truncateSync(join(root, "lon.yaml"), 600 * 1024 * 1024);
    writeFileSync(join(root, "utf16.yaml"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MINI, "utf16le")]));
    symlinkSync(join(outside, "tinh.yaml"), join(root, "link-ra.yaml"));
    symlinkSync(join(root, "tinh.yaml"), join(root, "link-vao.yaml"));
    symlinkSync(outside, join(root, "thu-muc-ra"));
    const fifo = spawnSync("mkfifo", [join(root, "ong.yaml")]).status === 0;
    /** target → [outcome inside the project check, outcome with --allow-outside] */
    const TARGETS: [string, string, string][] = [
      ["/dev/zero", "E_EXTENDS_OUTSIDE", "E_FILE_READ"],
      ["/dev/null", "E_EXTENDS_OUTSIDE", "E_FILE_READ"],
      ["/dev/urandom", "E_EXTENDS_OUTSIDE", "E_FILE_READ"],
      ["/proc/self/fd/0", "E_EXTENDS_OUTSIDE", "E_FILE_READ"],
      ...(fifo ? [["ong.yaml", "E_FILE_READ", "E_FILE_READ"] as [string, string, string]] : []),
      ["con", "E_FILE_READ", "E_FILE_READ"],
      ["khong-co.yaml", "E_REFERENCE", "E_REFERENCE"],
      ["lon.yaml", "E_FILE_TOO_LARGE", "E_FILE_TOO_LARGE"],
      ["rong.yaml", "E_SCHEMA", "E_SCHEMA"],
      ["danh-sach.yaml", "E_SCHEMA", "E_SCHEMA"],
      ["utf16.yaml", "E_ENCODING", "E_ENCODING"],
      ["link-ra.yaml", "E_EXTENDS_OUTSIDE", "ok"],
      ["thu-muc-ra/tinh.yaml", "E_EXTENDS_OUTSIDE", "ok"],
      ["link-vao.yaml", "ok", "ok"],
      ["tinh.yaml", "ok", "ok"],
      ["../ngoai/tinh.yaml", "E_EXTENDS_OUTSIDE", "ok"],
    ];
    const cases = Math.max(TARGETS.length * 2, Math.ceil(RUNS / 10));
    for (let i = 0; i < cases; i++) {
      const [target, inside, anywhere] = TARGETS[i % TARGETS.length]!;
      const allowOutside = Math.floor(i / TARGETS.length) % 2 === 1;
      const plan = join(root, `xa-${i}.yaml`);
      writeFileSync(plan, `extends: ${target}\nnumber: ${i + 1}\n`);
      await guarded(async () => {
        let timer: NodeJS.Timeout | undefined;
        const hang = new Promise<string>((r) => (timer = setTimeout(() => r("hang"), HANG_MS)));
        const run = loadPlan(plan, { root, allowOutside }).then(
          () => "ok",
          (e: unknown) => {
            if (!(e instanceof UserError)) throw e;
            return e.code;
          },
        );
        const outcome = await Promise.race([run, hang]);
        clearTimeout(timer);
        if (outcome === "hang") stats.hangs++;
        const ok = outcome === (allowOutside ? anywhere : inside);
        if (!ok) stats.wrong++;
        expect(outcome, `extends: ${target}${allowOutside ? " --allow-outside" : ""}`).toBe(allowOutside ? anywhere : inside);
      });
    }
  });

  it("found no crash, hang or wrong output", () => {
    expect(stats).toMatchObject({ crashes: 0, hangs: 0, wrong: 0 });
  });
});
