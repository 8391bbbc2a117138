// Property-based tests (fast-check). `npm test` runs a quick slice; `npm run fuzz`
// runs FUZZ_RUNS cases per property (10,000+ in all) and prints the figures.
//  1. random valid plans (long paragraphs, words longer than a line or a cell,
//     many tasks, empty optional parts, NFD text, combining marks, & < > " ')
//     build to DOCX and PDF whose words are the model's words;
//  2. characters the font lacks (emoji, other scripts) give E_MISSING_GLYPH,
//     never a crash or a blank box;
//  3. random corruptions of valid plan files (deleted lines, swapped types,
//     wrong indentation, truncation, random bytes) give a user error or a
//     valid plan, never a crash or a hang.
import fc from "fast-check";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { UserError } from "../src/errors.ts";
import { parsePlan } from "../src/load/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { loadFonts, renderPdf, type FontSet } from "../src/render/pdf/index.ts";
import { docxParagraphs } from "./helpers/docx-text.ts";
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

  it("found no crash, hang or wrong output", () => {
    expect(stats).toMatchObject({ crashes: 0, hangs: 0, wrong: 0 });
  });
});
