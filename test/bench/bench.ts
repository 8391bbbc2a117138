// npm run bench: how fast kehoach starts and builds, like with like.
//
// 1. Whole processes, as a user runs them: `node dist/cli/bin.cjs …` (the
//    installed command's code) from spawn to exit, median wall time of several
//    runs and mean user+sys CPU time, next to `node -e 0` (the floor: Node
//    itself) and LibreOffice converting the same 20 DOCX to PDF in one call.
//    The prepared-data cache is warm (as after a user's first run); one row
//    shows the first run with an empty cache.
// 2. In one process, warm: the full build of one plan (read, parse, validate,
//    check, document model, DOCX + PDF, write both files), median per plan.
//
// Targets are printed with each figure (met / not met), never asserted:
// machines are shared and noisy. CPU time is less sensitive to other load on
// the machine than wall time; both are printed. Uses hyperfine when installed
// (BENCH_RUNS runs, default 9), else its own spawns (wall time only).
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const PLAN = resolve(process.argv[2] ?? "data/bac-kan-ct25.yaml");
const BIN = resolve("dist/cli/bin.cjs");
const MANY = 20;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (v: number) => `${v.toFixed(0)} ms`.padStart(8);
const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const HYPERFINE = has("hyperfine");

interface Timing {
  /** median wall time, ms */
  wall: number;
  /** mean user + sys CPU time, ms (hyperfine only) */
  cpu?: number;
}

const shq = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** Times a whole process `runs` times after `warmup` runs; `prepare` runs before each (not timed). */
function time(argv: string[], o: { runs?: number; warmup?: number; prepare?: string; env?: Record<string, string> } = {}): Timing {
  const runs = o.runs ?? RUNS;
  const warmup = o.warmup ?? 1;
  const env = { ...process.env, ...o.env };
  if (HYPERFINE) {
    const json = join(tmpdir(), `kehoach-hf-${process.pid}.json`);
    const args = ["-N", "--style", "none", "-w", String(warmup), "-r", String(runs), "--export-json", json];
    if (o.prepare) args.push("--prepare", o.prepare);
    const r = spawnSync("hyperfine", [...args, argv.map(shq).join(" ")], { env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`hyperfine failed: ${r.stderr}`);
    const res = (JSON.parse(readFileSync(json, "utf8")) as { results: { times: number[]; user: number; system: number }[] }).results[0]!;
    rmSync(json, { force: true });
    return { wall: median(res.times) * 1000, cpu: (res.user + res.system) * 1000 };
  }
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    if (o.prepare) spawnSync("sh", ["-c", o.prepare], { env });
    const t = performance.now();
    const r = spawnSync(argv[0]!, argv.slice(1), { env, stdio: "ignore" });
    if (r.status !== 0) throw new Error(`${argv.join(" ")}: exit code ${r.status}`);
    if (i >= warmup) times.push(performance.now() - t);
  }
  return { wall: median(times) };
}

function row(label: string, t: Timing, target?: number): void {
  const cpu = t.cpu === undefined ? "" : `   cpu ${ms(t.cpu)}`;
  const goal = target === undefined ? "" : `   target ≤ ${target} ms: ${t.wall <= target ? "met" : "NOT MET"}`;
  console.log(`  ${label.padEnd(58)}${ms(t.wall)}${cpu}${goal}`);
}

async function warmPerPlan(dir: string): Promise<void> {
  const { buildOne } = await import("../../src/batch/build-one.ts");
  const { loadFonts } = await import("../../src/render/pdf/fonts.ts");
  process.env.KEHOACH_CACHE_DIR = join(dir, "cache");
  const out = join(dir, "warm");
  const job = { file: PLAN, base: join(out, "plan"), outputs: [{ format: "docx" as const, path: join(out, "plan.docx") }, { format: "pdf" as const, path: join(out, "plan.pdf") }] };
  let t = performance.now();
  const fonts = await loadFonts();
  const first = await buildOne(job, fonts);
  if (!first.ok) throw new Error(first.lines.map((l) => l.text).join("\n"));
  const firstMs = performance.now() - t;
  const each: number[] = [];
  for (let i = 0; i < Math.max(RUNS * 3, 20); i++) {
    t = performance.now();
    await buildOne(job, fonts);
    each.push(performance.now() - t);
  }
  console.log(`in one process (the code from src/ through tsx, JIT-warm): full build of one plan =`);
  console.log(`read + parse YAML + validate + check + document model + DOCX + PDF + write both files`);
  console.log(`  first plan of the process (fonts parsed, caches filled)            ${ms(firstMs)}`);
  console.log(`  each further plan, median of ${each.length}                                 ${ms(median(each))}`);
}

async function main(): Promise<void> {
  if (!existsSync(BIN)) throw new Error("dist/cli/bin.cjs is missing: npm run build");
  const dir = mkdtempSync(join(tmpdir(), "kehoach-bench-"));
  const cache = join(dir, "cache");
  const env = { KEHOACH_CACHE_DIR: cache, KEHOACH_WORKERS: process.env.KEHOACH_WORKERS ?? "" };
  const k = (...args: string[]) => [process.execPath, BIN, ...args];
  try {
    // 20 plans: the sample under 20 names, in one folder
    const many = join(dir, "many");
    mkdirSync(many);
    for (let i = 0; i < MANY; i++) copyFileSync(PLAN, join(many, `plan-${String(i + 1).padStart(2, "0")}.yaml`));

    console.log(`plan: ${PLAN}`);
    console.log(`whole process, spawn to exit: median wall time of ${RUNS} runs${HYPERFINE ? " (hyperfine), mean user+sys CPU time" : " (hyperfine not installed: no CPU time)"}`);
    const floor = time([process.execPath, "-e", "0"], { env });
    row("node -e 0 (the floor: Node itself)", floor);
    row("kehoach --help", time(k("--help"), { env }), 200);
    row("kehoach --version", time(k("--version"), { env }));
    row("kehoach check <plan>", time(k("check", PLAN), { env }), 400);
    const one = join(dir, "one");
    row("kehoach build <plan> (DOCX + PDF, --force: builds)", time(k("build", PLAN, "-o", one, "--force"), { env }), 500);
    row("kehoach build <plan> (nothing changed: skips)", time(k("build", PLAN, "-o", one), { env }), 250);
    row("kehoach build -f docx <plan> (--force)", time(k("build", PLAN, "-o", one, "-f", "docx", "--force"), { env }));
    row("kehoach build <plan> (--force), first run: empty cache", time(k("build", PLAN, "-o", one, "--force"), { env, prepare: `rm -rf ${shq(cache)}` }));
    const out20 = join(dir, "out20");
    const ours = time(k("build", many, "-o", out20, "--force"), { env, runs: Math.min(RUNS, 5) });
    row(`kehoach build <folder of ${MANY} plans> (DOCX + PDF, one call)`, ours);

    if (!has("soffice")) {
      console.log("  LibreOffice: not installed, comparison skipped");
    } else {
      const docx = readdirSync(out20).filter((n) => n.endsWith(".docx")).map((n) => join(out20, n));
      const profile = join(dir, "lo-profile");
      const lo = time(["soffice", `-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "pdf", "--outdir", join(dir, "lo"), ...docx], { runs: Math.min(RUNS, 3) });
      const made = existsSync(join(dir, "lo")) ? readdirSync(join(dir, "lo")).filter((n) => n.endsWith(".pdf")).length : 0;
      row(`soffice --headless --convert-to pdf <the same ${MANY} DOCX> (one call)`, lo);
      if (made !== MANY) console.log(`  LibreOffice made ${made}/${MANY} PDFs`);
      const ratio = lo.wall / ours.wall;
      const cpuRatio = lo.cpu !== undefined && ours.cpu !== undefined ? `, CPU ${(lo.cpu / ours.cpu).toFixed(1)}×` : "";
      console.log(`  ${MANY} plans, whole process against whole process: kehoach (DOCX + PDF from YAML) is ${ratio.toFixed(1)}× faster than LibreOffice (PDF from DOCX) by wall time${cpuRatio}   target ≥ 5×: ${ratio >= 5 ? "met" : "NOT MET"}`);
    }
    console.log();
    await warmPerPlan(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
