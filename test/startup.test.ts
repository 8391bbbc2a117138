// Start-up: each command loads only the libraries it needs (the compiled
// command, traced with a loader hook; dist/ is mapped back to its sources with
// esbuild's metafile), and what is prepared once is cached on disk by content
// hash, ignored when corrupt and made again when its inputs change. Speed
// itself is measured by `npm run bench`, never asserted here.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildView } from "../src/derive/view.ts";
import { readLibrary } from "../src/load/library.ts";
import { loadPlan } from "../src/load/plan.ts";
import { compileFamily } from "../src/template/engine.ts";
import { tempDir } from "./helpers/run.ts";

const ROOT = resolve(import.meta.dirname, "..");
const META = join(ROOT, "node_modules/.cache/kehoach-build-meta.json");
const PLAN = join(ROOT, "data/bac-kan-ct25.yaml");

interface Metafile {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

const BUNDLE = join(ROOT, "dist/cli/kehoach.cjs");
const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1] ?? input;

/** The sources (node_modules packages by name, our files by path) a command runs: the ES module files of dist/ it loads (the command line), and of the bundle the modules it started plus those the bundle runs at once. */
function loadedSources(args: string[], env: Record<string, string> = {}): { code: number | null; sources: Set<string> } {
  const trace = join(tempDir("kehoach-trace-"), "loads.txt");
  writeFileSync(trace, "");
  const r = spawnSync(process.execPath, ["--import", join(ROOT, "test/helpers/trace-loads.mjs"), join(ROOT, "dist/cli/bin.cjs"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, KEHOACH_TRACE_LOADS: trace, ...env },
  });
  const meta = JSON.parse(readFileSync(META, "utf8")) as Metafile;
  const sources = new Set<string>();
  const lines = readFileSync(trace, "utf8").split("\n").filter(Boolean);
  for (const url of lines.filter((l) => l.startsWith("file://"))) {
    const out = Object.keys(meta.outputs).find((o) => url.endsWith(`/${o}`));
    for (const input of Object.keys(meta.outputs[out ?? ""]?.inputs ?? {})) sources.add(packageOf(input));
  }
  const started = lines.filter((l) => !l.startsWith("file://"));
  if (started.length) {
    const bundle = readFileSync(BUNDLE, "utf8");
    const wrapped = new Set([...bundle.matchAll(/__(?:esm|commonJS)\(\{"([^"]+)"/g)].map((m) => m[1]!));
    for (const input of Object.keys(meta.outputs["dist/cli/kehoach.cjs"]?.inputs ?? {})) if (!wrapped.has(input)) sources.add(packageOf(input));
    for (const name of started) sources.add(packageOf(name));
  }
  return { code: r.status, sources };
}

const HEAVY = ["zod", "yaml", "handlebars", "docx", "fflate"];
/** The PDF renderer's own object writer: loaded exactly when a PDF is made. */
const PDF_WRITER = "src/render/pdf/writer.ts";
/** pdf-lib and what it brings: no longer part of any command (our writer does its job). */
const PDF_LIB = ["pdf-lib", "@pdf-lib/standard-fonts", "@pdf-lib/upng", "pako", "@pdf-lib/fontkit"];

describe("each command loads only what it needs", () => {
  beforeAll(() => {
    // `npm test` builds dist/ first (pretest)
    expect(existsSync(META), "run npm run build").toBe(true);
  });

  it("--help and --version load no library but commander", () => {
    for (const args of [["--help"], ["--version"], ["build", "--help"]]) {
      const { code, sources } = loadedSources(args);
      expect(code).toBe(0);
      expect(sources.has("commander")).toBe(true); // the trace works
      for (const lib of HEAVY) expect(sources.has(lib), `${args.join(" ")} loads ${lib}`).toBe(false);
    }
  });

  it("check loads the YAML reader, the schemas and the templates, but no renderer", () => {
    const { code, sources } = loadedSources(["check", PLAN], { KEHOACH_CACHE_DIR: tempDir() });
    expect(code).toBe(0);
    for (const lib of ["yaml", "zod", "handlebars"]) expect(sources.has(lib), lib).toBe(true);
    for (const lib of ["docx", PDF_WRITER, "fflate"]) expect(sources.has(lib), lib).toBe(false);
    expect([...sources].some((s) => s.startsWith("src/render/")), "a renderer").toBe(false);
  });

  it("a build that finds nothing changed loads neither renderer nor templates nor schemas", () => {
    const env = { KEHOACH_CACHE_DIR: tempDir() };
    const out = tempDir();
    const first = loadedSources(["build", PLAN, "-o", out], env);
    expect(first.code).toBe(0);
    for (const lib of ["docx", PDF_WRITER, "handlebars", "zod"]) expect(first.sources.has(lib), lib).toBe(true);
    for (const lib of PDF_LIB) expect(first.sources.has(lib), lib).toBe(false);
    const again = loadedSources(["build", PLAN, "-o", out], env);
    expect(again.code).toBe(0);
    for (const lib of [...HEAVY, PDF_WRITER]) expect(again.sources.has(lib), `unchanged build loads ${lib}`).toBe(false);
  });

  it("-f docx does not load the PDF renderer, nor docx once its skeleton is cached; -f pdf does not load docx", () => {
    const env = { KEHOACH_CACHE_DIR: tempDir() };
    const docx = loadedSources(["build", PLAN, "-o", tempDir(), "-f", "docx"], env);
    expect(docx.code).toBe(0);
    expect(docx.sources.has("docx")).toBe(true);
    expect(docx.sources.has(PDF_WRITER)).toBe(false);
    expect([...docx.sources].some((s) => s.startsWith("src/render/pdf/")), "the PDF renderer").toBe(false);
    // the DOCX skeleton now comes from the cache: the docx package is not loaded at all
    const again = loadedSources(["build", PLAN, "-o", tempDir(), "-f", "docx"], env);
    expect(again.code).toBe(0);
    expect(again.sources.has("src/render/docx/body-xml.ts")).toBe(true);
    expect(again.sources.has("docx")).toBe(false);
    // our own zip container: fflate (its tables cost ~10 ms at start) is for reading DOCX only
    expect(again.sources.has("fflate")).toBe(false);
    const pdf = loadedSources(["build", PLAN, "-o", tempDir(), "-f", "pdf"], env);
    expect(pdf.code).toBe(0);
    expect(pdf.sources.has(PDF_WRITER)).toBe(true);
    expect(pdf.sources.has("docx")).toBe(false);
    for (const lib of PDF_LIB) expect(pdf.sources.has(lib), lib).toBe(false);
  });

  it("neither fontkit nor pdf-lib is part of the command at all: our own font reader and PDF writer do their jobs", () => {
    const meta = JSON.parse(readFileSync(META, "utf8")) as Metafile;
    const inputs = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
    for (const ours of ["src/render/pdf/sfnt-info.ts", PDF_WRITER]) expect(inputs.some((i) => i.endsWith(ours)), ours).toBe(true);
    expect(inputs.filter((i) => PDF_LIB.includes(packageOf(i)))).toEqual([]);
  });
});

describe("the prepared-data cache", () => {
  const saved = process.env.KEHOACH_CACHE_DIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.KEHOACH_CACHE_DIR;
    else process.env.KEHOACH_CACHE_DIR = saved;
  });
  const entries = (dir: string, kind: string) => readdirSync(dir).filter((n) => n.startsWith(`prepared-${kind}-`) && n.endsWith(".json"));

  it("the seeds library: written once, read back equal, and what is read is the cache", () => {
    const cache = tempDir();
    process.env.KEHOACH_CACHE_DIR = cache;
    const fresh = readLibrary();
    const [file] = entries(cache, "library");
    expect(file).toBeDefined();
    const cached = readLibrary();
    expect(isDeepStrictEqual(cached.directives, fresh.directives)).toBe(true);
    expect(isDeepStrictEqual(cached.levels, fresh.levels)).toBe(true);
    // an entry edited in place is what the next process gets: the cache is really read
    const path = join(cache, file!);
    writeFileSync(path, readFileSync(path, "utf8").replace('"number":"25-CT/TW"', '"number":"99-CT/TW"'));
    expect(readLibrary().directives.get("ct25")?.citation.number).toBe("99-CT/TW");
  });

  it("a corrupt library entry is ignored and written again", () => {
    const cache = tempDir();
    process.env.KEHOACH_CACHE_DIR = cache;
    const fresh = readLibrary();
    const path = join(cache, entries(cache, "library")[0]!);
    for (const garbage of ['{"directives": [["ct25", {"id": "ct2', "", '{"directives": 3}']) {
      writeFileSync(path, garbage);
      expect(isDeepStrictEqual(readLibrary().directives, fresh.directives)).toBe(true);
      expect(() => JSON.parse(readFileSync(path, "utf8"))).not.toThrow();
    }
  });

  it("a changed seed changes the key: the edit is seen, never a stale entry", () => {
    const cache = tempDir();
    process.env.KEHOACH_CACHE_DIR = cache;
    const seeds = tempDir();
    cpSync(join(ROOT, "seeds"), seeds, { recursive: true });
    readLibrary(seeds);
    const file = join(seeds, "qd281.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^id: qd281$/m, "id: qd281-moi"));
    expect(readLibrary(seeds).directives.has("qd281-moi")).toBe(true);
    expect(entries(cache, "library")).toHaveLength(2);
  });

  it("templates: a changed template invalidates the cached compile; a corrupt entry is rebuilt", async () => {
    const cache = tempDir();
    process.env.KEHOACH_CACHE_DIR = cache;
    const templates = tempDir();
    cpSync(join(ROOT, "templates"), templates, { recursive: true, filter: (s) => !s.includes("fonts") });
    const view = buildView((await loadPlan(PLAN)).plan);
    const before = compileFamily("state", templates).render(view);
    expect(entries(cache, "templates")).toHaveLength(1);
    // the same output from the cache as from compiling
    expect(compileFamily("state", templates).render(view)).toBe(before);
    const main = join(templates, "plan.hbs");
    writeFileSync(main, `ĐÃ SỬA Ở ĐÂY\n${readFileSync(main, "utf8")}`);
    const after = compileFamily("state", templates).render(view);
    expect(after).toBe(`ĐÃ SỬA Ở ĐÂY\n${before}`);
    expect(entries(cache, "templates")).toHaveLength(2);
    for (const f of entries(cache, "templates")) writeFileSync(join(cache, f), "{ not json");
    expect(compileFamily("state", templates).render(view)).toBe(after);
  });
});

describe("the DOCX skeleton cache, through the command", () => {
  it("gives the same bytes from the cache, and when its entry is corrupt", () => {
    const cache = tempDir();
    const env = { ...process.env, KEHOACH_CACHE_DIR: cache };
    const build = (out: string) => {
      const r = spawnSync(process.execPath, [join(ROOT, "dist/cli/bin.cjs"), "build", PLAN, "-o", out, "-f", "docx", "--force"], { cwd: ROOT, env, encoding: "utf8" });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(out, "bac-kan-ct25.docx"));
    };
    const made = build(tempDir());
    const skeletons = readdirSync(cache).filter((n) => n.startsWith("prepared-docx-skeleton-"));
    expect(skeletons).toHaveLength(1);
    expect(build(tempDir()).equals(made)).toBe(true);
    writeFileSync(join(cache, skeletons[0]!), '[["word/document.xml", {"base64": 1}]]');
    expect(build(tempDir()).equals(made)).toBe(true);
    expect(readFileSync(join(cache, skeletons[0]!), "utf8")).toContain("word/styles.xml");
  });
});

describe("the code cache of the installed command", () => {
  const run = (args: string[], cache: string) => spawnSync(process.execPath, [join(ROOT, "dist/cli/bin.cjs"), ...args], { cwd: ROOT, env: { ...process.env, KEHOACH_CACHE_DIR: cache }, encoding: "utf8" });
  const codeEntries = (cache: string) => readdirSync(cache).filter((n) => n.startsWith("code-")).sort();

  it("is written after the first typical run of a command, used as it is by the next, one per command", () => {
    const cache = tempDir();
    // the first run prepares the cached data (templates, library): its code is not what later runs need
    const first = run(["check", PLAN], cache);
    expect(first.status, first.stderr).toBe(0);
    expect(codeEntries(cache)).toEqual([]);
    expect(run(["check", PLAN], cache).stdout).toBe(first.stdout);
    const [entry] = codeEntries(cache);
    expect(entry).toMatch(/^code-check-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.v8$/);
    const bytes = readFileSync(join(cache, entry!));
    expect(bytes.length).toBeGreaterThan(100_000); // the functions the check compiled, not only the bundle's top level
    // V8 accepts it: the next run neither rejects nor rewrites it, and says the same
    const again = run(["check", PLAN], cache);
    expect(again.stdout).toBe(first.stdout);
    expect(readFileSync(join(cache, entry!)).equals(bytes)).toBe(true);
    // --version and --help are the command line alone: the commands' code is not even read
    expect(run(["--version"], cache).status).toBe(0);
    expect(run(["--help"], cache).status).toBe(0);
    expect(codeEntries(cache)).toEqual([entry]);
    expect(run(["schema"], cache).status).toBe(0); // prepares nothing: its first run is typical
    expect(codeEntries(cache)).toEqual([entry, expect.stringMatching(/^code-schema-/)]);
  });

  it("a build that finds nothing changed writes no code cache for `build`: the next real build does", () => {
    const cache = tempDir();
    const out = tempDir();
    const buildEntries = () => codeEntries(cache).filter((n) => n.startsWith("code-build-"));
    expect(run(["build", PLAN, "-o", out], cache).status).toBe(0); // first run: prepares the cached data
    expect(run(["build", PLAN, "-o", out], cache).status).toBe(0); // nothing changed
    expect(buildEntries()).toEqual([]);
    expect(run(["build", PLAN, "-o", out, "--force"], cache).status).toBe(0);
    expect(buildEntries()).toHaveLength(1);
  });

  it("the templates' compiled code is cached too: written at the first render, reused, and rewritten when corrupt", () => {
    const cache = tempDir();
    const templateEntries = () => readdirSync(cache).filter((n) => n.startsWith("templates-code-"));
    const first = run(["check", PLAN], cache);
    expect(first.status, first.stderr).toBe(0);
    const [entry] = templateEntries();
    expect(entry).toMatch(/^templates-code-[0-9a-f]{32}-v\d+\.\d+\.\d+-\w+\.v8$/);
    const bytes = readFileSync(join(cache, entry!));
    expect(run(["check", PLAN], cache).stdout).toBe(first.stdout);
    expect(readFileSync(join(cache, entry!)).equals(bytes)).toBe(true);
    writeFileSync(join(cache, entry!), "not a code cache");
    expect(run(["check", PLAN], cache).stdout).toBe(first.stdout);
    const rewritten = readFileSync(join(cache, entry!));
    expect(rewritten.length).toBeGreaterThan(10_000);
    // V8 accepts the new one: the next run keeps it as it is
    expect(run(["check", PLAN], cache).stdout).toBe(first.stdout);
    expect(readFileSync(join(cache, entry!)).equals(rewritten)).toBe(true);
  });

  it("a corrupt or truncated cache is rejected by V8 and written again; the command is not affected", () => {
    const cache = tempDir();
    run(["check", PLAN], cache);
    const first = run(["check", PLAN], cache);
    const file = join(cache, codeEntries(cache)[0]!);
    const good = readFileSync(file);
    for (const garbage of [Buffer.from("not a code cache"), good.subarray(0, good.length >> 1), Buffer.alloc(0)]) {
      writeFileSync(file, garbage);
      const r = run(["check", PLAN], cache);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(first.stdout);
      expect(readFileSync(file).length).toBeGreaterThan(100_000);
    }
  });
});
