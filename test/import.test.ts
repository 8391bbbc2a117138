// kehoach import: plans a clerk already has (our DOCX and PDF, the reference
// texts, LibreOffice's DOCX of them) come back as plan data that builds the
// same words, with appendix rows as tasks, numbered targets as targets and
// citations as documents; bad input gets one clear message and exit 1.
import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync, ftruncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { deadlineText } from "../src/derive/format.ts";
import { deadlineStyle, deadlineValue } from "../src/import/deadlines.ts";
import { importPlan } from "../src/import/index.ts";
import { parseDeadlineText } from "../src/model/deadline.ts";
import { readText } from "../src/import/read-text.ts";
import { recognise } from "../src/import/recognise.ts";
import { library } from "../src/load/library.ts";
import { loadPlan } from "../src/load/plan.ts";
import type { Plan } from "../src/model/plan.ts";
import { planToDocument } from "../src/pipeline.ts";
import { renderDocx } from "../src/render/docx/index.ts";
import { loadFonts, renderPdf } from "../src/render/pdf/index.ts";
import { encryptedPdf, scannedPdf } from "./helpers/bad-pdf.ts";
import { docxText, docxXml } from "./helpers/docx-text.ts";
import { runCli, tempDir } from "./helpers/run.ts";
import { has } from "./helpers/tools.ts";
import { similarity, strictSimilarity, words } from "./helpers/words.ts";

/** every sample plan of data/ (a new sample joins the round trip without editing this test) */
const PLANS = [...readdirSync("data"), ...readdirSync("data/nq72").map((f) => `nq72/${f}`)].filter((f) => f.endsWith(".yaml")).map((f) => `data/${f}`).sort();
const SEEDS = ["001_5b3198c1a597e194.txt", "002_9f49aac2b4a91be7.txt", "003_2f70747e408638d8.txt", "004_bb1c804f6b92b670.txt"];

/** Imports bytes, writes the YAML, loads it back (as `check` and `build` would) and returns both. */
async function roundTrip(name: string, bytes: Uint8Array, dir: string) {
  const result = await importPlan(name, bytes, library());
  const file = join(dir, `${basename(name).replace(/\.\w+$/, "")}.yaml`);
  writeFileSync(file, result.yaml);
  const { plan } = await loadPlan(file);
  const text = docxText(await renderDocx(planToDocument(plan)));
  return { result, plan, text, file };
}

/** Every document the original cites is a reference in the imported data, not typed text. */
function unlinkedCitations(original: Plan, yamlText: string): string[] {
  const data = parse(yamlText) as Record<string, unknown>;
  delete data.documents; // a document's own title may name others
  const text = JSON.stringify(data).replace(/\s+/g, " ");
  return Object.values(original.documents)
    .map((c) => `${c.kind} số ${c.number}`)
    .filter((s) => text.includes(s));
}

/** What the imported plan holds as data, against the original: tasks (and their sub-rows), targets, footnotes, duties, the decision. */
function expectStructured(original: Plan, plan: Plan, yamlText: string): void {
  expect(plan.tasks.length).toBe(original.tasks.length);
  expect(plan.tasks.every((t) => t.lead.length > 0)).toBe(true);
  // agencies read back one by one, as many as the original named (a registry name with "và các …" is one);
  // tasks printed under their agency come in the duties' order and show no partners
  const counts = (p: Plan, key: "lead" | "partners") => p.tasks.map((t) => t[key].length).sort();
  expect(counts(plan, "lead")).toEqual(counts(original, "lead"));
  if (original.appendix) expect(plan.tasks.map((t) => t.partners.length)).toEqual(original.tasks.map((t) => t.partners.length));
  expect(plan.tasks.map((t) => t.rows?.length ?? 0)).toEqual(original.tasks.map((t) => t.rows?.length ?? 0));
  // a deadline the printer prints the same way comes back as data, not { theo }
  const conditions = (p: Plan) => p.tasks.filter((t) => t.deadline.kind === "condition").length;
  expect(conditions(plan)).toBe(conditions(original));
  expect(plan.targets.length).toBeGreaterThanOrEqual(original.targets.length);
  expect(Object.keys(plan.footnotes)).toHaveLength(Object.keys(original.footnotes).length);
  expect(plan.decision === undefined).toBe(original.decision === undefined);
  if (original.decision) expect(plan.decision!.bases).toHaveLength(original.decision.bases.length);
  expect([plan.appendix].flat().filter(Boolean).length).toBe([original.appendix].flat().filter(Boolean).length);
  expect(unlinkedCitations(original, yamlText)).toEqual([]);
  // work grouped by agency is duties, and a table of indicators is indicators, with the same figures
  // (numbered paragraphs without a heading: one entry each, however the original grouped them)
  const entries = (p: Plan) => p.duties.reduce((n, d) => n + (d.agency !== undefined || d.title !== undefined ? 1 : d.items.length), 0);
  expect(entries(plan)).toBe(entries(original));
  expect(plan.indicators?.rows.map((r) => ("group" in r ? r.group : r.values))).toEqual(original.indicators?.rows.map((r) => ("group" in r ? r.group : r.values)));
}

describe.each(PLANS)("%s: build → import → build", (file) => {
  it("from our DOCX gives the same words and punctuation (≥ 0.99), structured", async () => {
    const dir = tempDir("kehoach-imp-");
    const { plan: original } = await loadPlan(file);
    const doc = planToDocument(original);
    const before = docxText(await renderDocx(doc));
    const { result, plan, text } = await roundTrip(file.replace(/\.yaml$/, ".docx"), await renderDocx(doc), dir);
    const sim = strictSimilarity(before, text);
    const c = result.summary.counts;
    console.log(`${file}: DOCX round trip ${sim.toFixed(4)}; tasks ${c.tasks}/${original.tasks.length}, targets ${c.targets}/${original.targets.length}, footnotes ${Object.keys(plan.footnotes).length}, duties ${plan.duties.length}/${original.duties.length}${plan.indicators ? `, indicators ${plan.indicators.rows.length}` : ""}${plan.decision ? ", decision" : ""}`);
    expect(sim).toBeGreaterThanOrEqual(0.99);
    expectStructured(original, plan, result.yaml);
    const check = await runCli(["check", join(dir, basename(file))]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });

  it("from our PDF gives the same words (≥ 0.97), structured", async () => {
    const dir = tempDir("kehoach-imp-");
    const { plan: original } = await loadPlan(file);
    const doc = planToDocument(original);
    const before = docxText(await renderDocx(doc));
    const { result, plan, text } = await roundTrip(file.replace(/\.yaml$/, ".pdf"), await renderPdf(doc, await loadFonts()), dir);
    const sim = strictSimilarity(before, text);
    console.log(`${file}: PDF round trip ${sim.toFixed(4)}; tasks ${plan.tasks.length}/${original.tasks.length}, sub-rows ${plan.tasks.reduce((n, t) => n + (t.rows?.length ?? 0), 0)}, footnotes ${Object.keys(plan.footnotes).length}, duties ${plan.duties.length}/${original.duties.length}${plan.indicators ? `, indicators ${plan.indicators.rows.length}` : ""}`);
    expect(sim).toBeGreaterThanOrEqual(0.97);
    expectStructured(original, plan, result.yaml);
  });
});

describe("the shapes of the samples come back as data", () => {
  const fromDocx = async (file: string) => {
    const { plan: original } = await loadPlan(file);
    const { plan, result } = await roundTrip(file.replace(/\.yaml$/, ".docx"), await renderDocx(planToDocument(original)), tempDir("kehoach-imp-"));
    return { original, plan, data: parse(result.yaml) as Record<string, unknown> };
  };

  it("a plan issued by a Quyết định: decision: with its bases, proposal and Điều 3's executors", async () => {
    const { original, plan } = await fromDocx("data/phu-tho-qd-nq72.yaml");
    expect(plan.decision).toMatchObject({ authority: ["ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ"], executors: original.decision!.executors!.replace(/\s+/g, " ") });
    expect(plan.decision!.proposal).toBe(original.decision!.proposal);
    expect([plan.number, plan.symbol, plan.signer.name]).toEqual([2315, "QĐ-UBND", "Trần Minh Hải"]);
    expect(plan.title.join(" ")).not.toMatch(/Ban hành kèm theo/); // printed from the decision, not typed
  });

  it("work grouped by agency: duties with the tasks printed under them (Hà Tĩnh)", async () => {
    const { plan, data } = await fromDocx("data/ha-tinh-attp-2026.yaml");
    expect(plan.duties.length).toBe(8);
    expect(plan.duties.filter((d) => d.tasks === true)).toHaveLength(5);
    expect(plan.tasks.map((t) => deadlineText(t.deadline, "short"))).toEqual(["Tháng 4/2026", "Quý II/2026", "Hằng năm", "Thường xuyên", "Khi có phát sinh", "2026 - 2027"]);
    expect(plan.tasks.map((t) => t.deadline.kind)).toEqual(["month", "quarter", "annual", "recurring", "event", "range"]);
    expect(data.phrasing).toEqual({ deadlines: "short", citationDates: "words", dutyItems: "letters" });
    expect(plan.agencies["uy-ban-mat-tran-to-quoc"]).toMatchObject({ request: true });
    // named in full first, by their short names after: one agency each, with its short name
    expect(plan.agencies["truyen-thong"]).toMatchObject({ name: "Sở Văn hóa, Thể thao và Du lịch", short: "Sở VHTTDL" });
    expect(Object.values(plan.agencies).filter((a) => /NN&MT|Nông nghiệp/u.test(a.name + (a.short ?? "")))).toEqual([{ name: "Sở Nông nghiệp và Môi trường", short: "Sở NN&MT" }]);
  });

  it("two appendices, extra columns, groups, merged sub-rows and footnotes (TP.HCM, Quảng Ngãi)", async () => {
    const hcm = await fromDocx("data/tp-hcm-syt-ct25.yaml");
    const list = [hcm.plan.appendix].flat();
    expect(list.map((a) => a!.content)).toEqual(["tasks", "targets"]);
    expect(list[0]!.columns!.map((c) => c.key)).toEqual(["no", "content", "lead", "partners", "deadline", "output", "note"]);
    expect(hcm.plan.tasks[2]).toMatchObject({ output: "Danh sách luân phiên hằng năm", note: "Ưu tiên đặc khu Cần Giờ, Côn Đảo" });
    expect(hcm.plan.targets.map((t) => t.milestone)).toEqual(["Năm 2027", "Năm 2026", "Năm 2030", "Năm 2030"]);
    const qn = await fromDocx("data/quang-ngai-nq72.yaml");
    const a = [qn.plan.appendix].flat()[0]!;
    expect(a.groups).toBe(true);
    expect(qn.plan.sections.map((s) => s.title)).toEqual(qn.original.sections.map((s) => s.title));
    expect(qn.plan.tasks[0]!.rows!.map((r) => r.deadline && deadlineText(r.deadline))).toEqual([undefined, undefined, "Quý I năm 2026"]);
    expect(qn.plan.tasks[4]!.rows![1]!.lead).toEqual(["khoa-hoc"]);
    // numbered in the order the text cites them
    expect(Object.values(qn.plan.footnotes).sort()).toEqual(Object.values(qn.original.footnotes).map((t) => t.replace(/\s+/g, " ")).sort());
    expect(JSON.stringify(qn.data)).toContain("của tỉnh[^cc1]; tạo");
  });
});

describe("kehoach import, then build --compare", () => {
  it("shows no change where the import kept the received plan, and exactly the clerk's edit", async () => {
    const dir = tempDir("kehoach-imp-cmp-");
    const { plan } = await loadPlan("data/quang-ngai-nq72.yaml");
    writeFileSync(join(dir, "tinh.docx"), await renderDocx(planToDocument(plan)));
    expect((await runCli(["import", join(dir, "tinh.docx"), "-o", join(dir, "nhan.yaml")])).code).toBe(0);
    // the regenerated plan against the province's own data: nothing is marked as changed
    const same = await runCli(["build", join(dir, "nhan.yaml"), "--compare", "data/quang-ngai-nq72.yaml", "-o", join(dir, "same"), "-f", "docx"]);
    expect(same.code, same.stderr).toBe(0);
    const sameXml = docxXml(readFileSync(join(dir, "same", "nhan.docx")));
    expect(sameXml).not.toMatch(/<w:(ins|del) /);
    // the clerk raises one target and moves one deadline: only that is marked
    const edited = readFileSync(join(dir, "nhan.yaml"), "utf8").replace("đạt trên 95% vào năm 2027", "đạt trên 96% vào năm 2027").replace("deadline: Quý II năm 2026\n    output: Nghị quyết", "deadline: Quý III năm 2026\n    output: Nghị quyết");
    expect(edited).toContain("trên 96%");
    expect(edited).toContain("Quý III năm 2026");
    writeFileSync(join(dir, "sua.yaml"), edited);
    const cmp = await runCli(["build", join(dir, "sua.yaml"), "--compare", join(dir, "nhan.yaml"), "-o", join(dir, "cmp"), "-f", "docx"]);
    expect(cmp.code, cmp.stderr).toBe(0);
    const xml = docxXml(readFileSync(join(dir, "cmp", "sua.docx")));
    const del = [...xml.matchAll(/<w:delText[^>]*>([^<]*)<\/w:delText>/g)].map((m) => m[1]);
    const ins = [...xml.matchAll(/<w:ins [^>]*>[\s\S]*?<\/w:ins>/g)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(""));
    expect(del.join("|")).toMatch(/^95%\|(?:Quý )?II\b/);
    expect(ins.join("|")).toMatch(/^96%\|(?:Quý )?III\b/);
  }, 120_000);
});

describe.each(SEEDS)("reference text %s", (seed) => {
  it("imports and builds back the words of the seed (≥ 0.97)", async () => {
    const dir = tempDir("kehoach-imp-");
    const src = readFileSync(`test/fixtures/seeds/${seed}`);
    const { text, result } = await roundTrip(seed, src, dir);
    const sim = similarity(words(src.toString("utf8")), words(text));
    console.log(`${seed}: text import ${sim.toFixed(4)}`);
    expect(sim).toBeGreaterThanOrEqual(0.97);
    expect(result.summary.counts.documents).toBeGreaterThan(0);
  });
});

describe("seed 001's appendix", () => {
  it("comes back as 19 tasks with agencies and structured deadlines", async () => {
    const dir = tempDir("kehoach-imp-");
    const { plan, result } = await roundTrip("001.txt", readFileSync(`test/fixtures/seeds/${SEEDS[0]}`), dir);
    expect(plan.tasks).toHaveLength(19);
    expect(plan.tasks.every((t) => t.lead.length > 0 && t.partners.length > 0)).toBe(true);
    const kinds = plan.tasks.map((t) => t.deadline.kind);
    // two deadlines are conditions in the seed ("Theo lộ trình do Chính phủ quy định", "Theo tiến độ …")
    expect(kinds.filter((k) => k === "condition")).toHaveLength(2);
    expect(kinds.slice(0, 3)).toEqual(["quarter", "recurring", "recurring"]);
    expect(plan.tasks[5]!.deadline).toEqual({ kind: "before", date: { day: 1, month: 7, year: 2025 } });
    expect(plan.tasks[4]!.lead).toEqual(["y-te"]); // Sở Y tế, from the province's registry
    expect(plan.directive).toBe("ct25");
    expect(plan.signer).toMatchObject({ authority: "TM. ỦY BAN NHÂN DÂN", delegate: "KT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", name: "Phạm Duy Hưng" });
    expect(plan.issuer.name).toEqual(["ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN"]);
    expect(plan.number).toBeUndefined(); // a draft: number and day left blank
    expect(plan.date).toEqual({ year: 2024 });
    expect(result.yaml).toContain("{qd281:dated}");
  });
});

describe.skipIf(!has("soffice"))("LibreOffice's DOCX of each reference text", () => {
  it.each(SEEDS)("%s imports as well as the text", async (seed) => {
    const dir = mkdtempSync(join(tmpdir(), "kehoach-lo-"));
    const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
    writeFileSync(join(dir, seed), readFileSync(`test/fixtures/seeds/${seed}`));
    spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "docx", "--outdir", dir, join(dir, seed)], { timeout: 180_000 });
    const docx = join(dir, seed.replace(/\.txt$/, ".docx"));
    expect(existsSync(docx)).toBe(true);
    const fromText = await roundTrip(seed, readFileSync(`test/fixtures/seeds/${seed}`), tempDir("kehoach-imp-"));
    const fromDocx = await roundTrip(docx, readFileSync(docx), tempDir("kehoach-imp-"));
    const seedWords = words(readFileSync(`test/fixtures/seeds/${seed}`, "utf8"));
    const simText = similarity(seedWords, words(fromText.text));
    const simDocx = similarity(seedWords, words(fromDocx.text));
    console.log(`${seed}: LibreOffice DOCX import ${simDocx.toFixed(4)} (text ${simText.toFixed(4)})`);
    expect(simDocx).toBeGreaterThanOrEqual(Math.min(0.97, simText - 0.005));
    expect(fromDocx.plan.tasks.length).toBe(fromText.plan.tasks.length);
  }, 240_000);
});

describe.skipIf(!has("soffice"))("our DOCX saved again by an office suite", () => {
  it("keeps its decision, duties, sub-rows and footnotes through LibreOffice's DOCX and PDF", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kehoach-resave-"));
    const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
    const names = ["quang-ngai-nq72", "phu-tho-qd-nq72", "ha-tinh-attp-2026"];
    const originals = new Map<string, Plan>();
    for (const name of names) {
      const { plan } = await loadPlan(`data/${name}.yaml`);
      originals.set(name, plan);
      writeFileSync(join(dir, `${name}.docx`), await renderDocx(planToDocument(plan)));
    }
    spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", join(dir, "re"), ...names.map((n) => join(dir, `${n}.docx`))], { timeout: 180_000 });
    for (const name of names) {
      const original = originals.get(name)!;
      const { plan, text, result } = await roundTrip(`${name}.docx`, readFileSync(join(dir, "re", `${name}.docx`)), tempDir("kehoach-imp-"));
      const sim = strictSimilarity(docxText(await renderDocx(planToDocument(original))), text);
      console.log(`${name}: LibreOffice re-saved DOCX ${sim.toFixed(4)}`);
      expect(sim).toBeGreaterThanOrEqual(0.99);
      expectStructured(original, plan, result.yaml);
    }
    // and its PDF, as a clerk exports one from Word: another writer's text layer (cells padded with blanks)
    spawnSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", join(dir, "pdf"), ...names.map((n) => join(dir, "re", `${n}.docx`))], { timeout: 180_000 });
    for (const name of names) {
      const original = originals.get(name)!;
      const { plan, text, result } = await roundTrip(`${name}.pdf`, readFileSync(join(dir, "pdf", `${name}.pdf`)), tempDir("kehoach-imp-"));
      const sim = strictSimilarity(docxText(await renderDocx(planToDocument(original))), text);
      console.log(`${name}: LibreOffice PDF ${sim.toFixed(4)}`);
      expect(sim).toBeGreaterThanOrEqual(0.97);
      expectStructured(original, plan, result.yaml);
    }
  }, 360_000);
});

describe("the recogniser on text", () => {
  const rec = (s: string) => recognise(readText("t.txt", s, false));
  const PARTY = ["ĐẢNG BỘ TỈNH TUYÊN QUANG", "ĐẢNG ỦY XÃ ĐỒNG TÂM", "*", "Số 12-KH/ĐU", "ĐẢNG CỘNG SẢN VIỆT NAM", "Đồng Tâm, ngày 05 tháng 01 năm 2026", "KẾ HOẠCH", "thực hiện Nghị quyết số 72-NQ/TW", "-----"];
  it("reads a Party letterhead, dash numbering and the 1.1- level as structure", () => {
    const r = rec([...PARTY, "Thực hiện chủ trương của Tỉnh ủy, Ban Thường vụ Đảng ủy ban hành kế hoạch như sau:", "I- MỤC ĐÍCH, YÊU CẦU", "1- Mục đích", "1.1- Quán triệt sâu rộng", "- Nâng cao nhận thức về sức khỏe ở thôn Ỷ La.", "+ Tổ chức hội nghị.", "II- NHIỆM VỤ", "1- Tuyên truyền", "Trên đây là Kế hoạch thực hiện./."].join("\n"));
    expect(r.family).toBe("party");
    expect(r.issuerParent).toEqual(["ĐẢNG BỘ TỈNH TUYÊN QUANG"]);
    expect(r.issuerName).toEqual(["ĐẢNG ỦY XÃ ĐỒNG TÂM"]);
    expect([r.number, r.symbol, r.place, r.date]).toEqual([12, "KH/ĐU", "Đồng Tâm", { day: 5, month: 1, year: 2026 }]);
    expect(r.outline.map((n) => n.title)).toEqual(["MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ"]);
    const sub = r.outline[0]!.children[0]!.children[0]!;
    expect(sub.title).toBe("Quán triệt sâu rộng");
    expect(sub.content[0]!.items[0]).toMatchObject({ text: "Nâng cao nhận thức về sức khỏe ở thôn Ỷ La.", bullets: [{ text: "Tổ chức hội nghị." }] });
    expect(r.separators).toMatchObject({ roman: "-", arabic: "-", sub: "-" });
    expect(r.closing).toBe("Trên đây là Kế hoạch thực hiện./.");
  });

  it("notes a numbering gap with its line", () => {
    const r = rec([...PARTY, "Căn cứ tình hình thực tế.", "I- MỤC ĐÍCH", "III- NHIỆM VỤ"].join("\n"));
    expect(r.notes.some((n) => n.at.line === 12 && /III/.test(n.text))).toBe(true);
  });
});

describe("kehoach import on the command line", () => {
  const seed1 = `test/fixtures/seeds/${SEEDS[0]}`;
  it("writes the YAML atomically, prints a summary and refuses to clobber without --force", async () => {
    const dir = tempDir("kehoach-imp-");
    const out = join(dir, "ke-hoach.yaml");
    const r = await runCli(["import", seed1, "-o", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/nhiệm vụ \(tasks\): 19, mục tiêu \(targets\): 5/);
    expect(r.stdout).toMatch(/đã tạo .*ke-hoach\.yaml/);
    expect(parse(readFileSync(out, "utf8")).tasks).toHaveLength(19);
    writeFileSync(out, "# của tôi\n");
    const again = await runCli(["import", seed1, "-o", out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("[E_OUTPUT_EXISTS]");
    expect(readFileSync(out, "utf8")).toBe("# của tôi\n");
    expect((await runCli(["import", seed1, "-o", out, "--force"])).code).toBe(0);
    expect((await runCli(["check", out])).code).toBe(0);
  });

  it("names the lines it was unsure of by their line number in the input", async () => {
    const r = await runCli(["import", `test/fixtures/seeds/${SEEDS[3]}`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Cần xem lại \(unsure\): \d+/);
    expect(r.stderr).toMatch(/004_bb1c804f6b92b670\.txt: dòng 1: không có tiêu đề văn bản/);
    expect(r.stdout).toMatch(/^# yaml-language-server/); // the YAML goes to stdout, the summary to stderr
  });

  it("import then adapt: a commune has its own plan from the province's DOCX in two commands", async () => {
    const dir = tempDir("kehoach-imp-");
    const { plan } = await loadPlan("data/nq72/tinh-tuyen-quang.yaml");
    const docx = join(dir, "tinh.docx");
    writeFileSync(docx, await renderDocx(planToDocument(plan)));
    expect((await runCli(["import", docx, "-o", join(dir, "tinh.yaml")])).code).toBe(0);
    const a = await runCli(["adapt", join(dir, "tinh.yaml"), "--commune", "Đồng Tâm", "--year", "2026", "-o", join(dir, "xa.yaml")]);
    expect(a.code, a.stderr + a.stdout).toBe(0);
    const b = await runCli(["build", join(dir, "xa.yaml"), "-o", join(dir, "out"), "-f", "docx"]);
    expect(b.code, b.stderr + b.stdout).toBe(0);
    const text = docxText(readFileSync(join(dir, "out", "xa.docx")));
    expect(text).toContain("Đồng Tâm");
    expect(text).toMatch(/PHỤ LỤC/);
  });

  const bad = async (name: string, bytes: Uint8Array | undefined, code: string) => {
    const dir = tempDir("kehoach-bad-");
    const f = join(dir, name);
    if (bytes) writeFileSync(f, bytes);
    const r = await runCli(["import", f, "-o", join(dir, "out.yaml")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`[${code}]`);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(dir, "out.yaml"))).toBe(false);
    return r.stderr;
  };
  it("a document that is not a plan", async () => {
    await bad("thu-moi.txt", strToU8("Kính gửi: Ông Nguyễn Văn Đức\nMời ông dự buổi họp lúc 8 giờ sáng thứ Hai tại hội trường ủy ban xã.\nTrân trọng."), "E_IMPORT_NOT_PLAN");
  });
  it("a corrupt zip", async () => {
    const zip = zipSync({ "word/document.xml": strToU8("<w:document>") });
    await bad("hong.docx", zip.subarray(0, zip.length - 30), "E_IMPORT_CORRUPT");
    await bad("khong-phai-zip.docx", strToU8("đây không phải DOCX"), "E_IMPORT_CORRUPT");
  });
  it("an encrypted PDF and a scanned one", async () => {
    await bad("mat-khau.pdf", await encryptedPdf(), "E_IMPORT_ENCRYPTED");
    await bad("ban-quet.pdf", await scannedPdf(), "E_IMPORT_NO_TEXT");
  });
  it("a 100 MB file", async () => {
    const dir = tempDir("kehoach-big-");
    const f = join(dir, "lon.pdf");
    const fd = openSync(f, "w");
    ftruncateSync(fd, 100 * 1024 * 1024); // sparse: no disk used
    closeSync(fd);
    const r = await runCli(["import", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("[E_FILE_TOO_LARGE]");
  });
  it("a format it does not read", async () => {
    await bad("bang.xlsx", strToU8("PK"), "E_IMPORT_FORMAT");
  });
});

describe("deadline cells", () => {
  it("come back as data in every form the tool prints, long or short, and in the common spellings", () => {
    const forms: [string, "long" | "short", string][] = [
      ["Quý II năm 2026", "long", "quarter"],
      ["Quý II/2026", "short", "quarter"],
      ["Quí IV/2025", "short", "quarter"],
      ["Tháng 12/2025", "short", "month"],
      ["Năm 2027", "long", "year"],
      ["2027", "short", "year"],
      ["Từ năm 2026", "long", "from"],
      ["Trước ngày 01/7/2025", "long", "before"],
      ["Hằng năm", "long", "annual"],
      ["Hàng năm", "long", "annual"],
      ["Tháng 12 hằng năm", "long", "annual"],
      ["Quý IV/2025 - Quý II/2026", "short", "range"],
      ["2026 - 2030", "short", "range"],
      ["Khi có phát sinh", "long", "event"],
      ["Nhiệm vụ thường xuyên", "long", "recurring"],
      ["Thường xuyên", "short", "recurring"],
    ];
    for (const [cell, style, kind] of forms) {
      const d = deadlineValue(cell, style);
      expect(d.structured, cell).toBe(true);
      expect(parseDeadlineText(d.value as string)?.kind, cell).toBe(kind);
    }
    expect(deadlineStyle(["Quý II/2026", "Thường xuyên", "2027"])).toBe("short");
    // what the printer would word differently, or cannot read, stays the cell's own words
    expect(deadlineValue("Theo lộ trình của Bộ Y tế", "long").value).toEqual({ theo: "Theo lộ trình của Bộ Y tế" });
    expect(deadlineValue("Quý IV năm 2025 và Quý I năm 2026", "long").value).toEqual({ theo: "Quý IV năm 2025 và Quý I năm 2026" });
  });
});

describe("a Party plan with several appendices", () => {
  it("imports without headings of its own: the family's numbering (PHỤ LỤC 1, 2) is the one the tool prints", async () => {
    const dir = tempDir("kehoach-party-");
    for (const f of ["tinh-tuyen-quang.yaml", "xa-bac-quang.yaml"]) writeFileSync(join(dir, f), readFileSync(join("data/nq72", f), "utf8"));
    const file = join(dir, "xa-bac-quang.yaml");
    writeFileSync(file, `${readFileSync(file, "utf8")}appendix:\n  - content: tasks\n    title: Các nhiệm vụ\n  - content: targets\n    title: Các chỉ tiêu theo từng năm\n`);
    const { plan } = await loadPlan(file);
    expect(plan.family).toBe("party");
    const docx = await renderDocx(planToDocument(plan));
    expect(docxText(docx)).toContain("PHỤ LỤC 2");
    const { yaml } = await importPlan("xa.docx", docx, library());
    const appendix = (parse(yaml) as { appendix: { heading?: string; title: string }[] }).appendix;
    expect(appendix.map((a) => a.title)).toEqual(["Các nhiệm vụ", "Các chỉ tiêu theo từng năm"]);
    expect(appendix.map((a) => a.heading)).toEqual([undefined, undefined]);
  });
});
