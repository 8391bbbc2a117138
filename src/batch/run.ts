// `kehoach build` over many plans: find them, hash their inputs, skip what is
// unchanged, build the rest in this thread (1–2 plans) or on a pool of worker
// threads (more), write a manifest of what was built, and sum up.
import { availableParallelism } from "node:os";
import { writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { recoverOutputDir } from "./output.ts";
import type { BuildOptions, Io } from "./options.ts";
import { UserError } from "../errors.ts";
import type { FontSet } from "../render/pdf/fonts.ts";
import type { JobResult } from "./build-one.ts";
import { hashFile, PlanHasher, toolHash } from "./hash.ts";
import { planJobs, type PlanJob } from "./inputs.ts";
import { markPartialRun } from "../load/cache.ts";
import { defaultCacheDir, loadManifest, manifestKey, saveManifest } from "./manifest.ts";
import type { WorkerPool } from "./pool.ts";
import { InputSet, outputIsInput } from "./protect-inputs.ts";
import { makeProgress, type TtyStream } from "./progress.ts";
import type { WorkerMemory } from "./worker.ts";

export interface BatchOptions extends BuildOptions {
  /** rebuild every plan, whatever the manifest says */
  force?: boolean | undefined;
  /** worker threads: 0 = build in this thread alone; n = n workers, this thread only waits; default: this thread
   * alone for a few plans, else this thread and one worker per other core (env KEHOACH_WORKERS overrides) */
  workers?: number | undefined;
  /** up to how many plans this thread builds alone when `workers` is not given (default: inProcessMax()) */
  inProcessMax?: number | undefined;
  /** where the manifest lives (default .kehoach-cache/ in the working folder, env KEHOACH_CACHE_DIR) */
  cacheDir?: string | undefined;
  /** a terminal to draw the progress bar on; plain lines without one */
  tty?: TtyStream | undefined;
  /** do not list unchanged plans one by one (rebuilds of --watch) */
  quietUnchanged?: boolean | undefined;
  /** let `extends` point outside the project folder (--allow-outside) */
  allowOutside?: boolean | undefined;
  /** stops between plans (Ctrl-C in --watch): what was built is kept, nothing more is reported */
  signal?: AbortSignal | undefined;
}

export interface BatchStats {
  total: number;
  built: number;
  skipped: number;
  failed: string[];
  seconds: number;
  /** worker threads used (0: this thread) */
  workers: number;
  /** plans built in the main thread (the others by workers) */
  builtHere: number;
  /** max RSS of the process in KiB (main thread and worker threads share one process) */
  maxRss: number;
  /** what each worker reported: the process's max RSS as it saw it, and its own V8 heap peak */
  workerMemory: WorkerMemory[];
}

export interface BatchResult {
  code: number;
  stats: BatchStats;
  /** every input file read (plans and what they extend), absolute: what --watch watches */
  inputs: string[];
}

/**
 * State kept between the builds of `--watch`: a warm worker pool, and which
 * tool hash this thread's caches (library, templates, fonts) were loaded with —
 * after seeds/ or templates/ change, only fresh workers see the new ones.
 */
export interface BatchSession {
  pool?: WorkerPool | undefined;
  poolTool?: string | undefined;
  inProcessTool?: string | undefined;
  /** plans that failed, by manifest key → input hash: not retried until something changes */
  failed: Map<string, string>;
}

function configuredWorkers(opts: BatchOptions): number | undefined {
  if (opts.workers !== undefined) return Math.max(0, Math.floor(opts.workers));
  const env = process.env.KEHOACH_WORKERS;
  if (env !== undefined && env !== "" && Number.isFinite(Number(env))) return Math.max(0, Math.floor(Number(env)));
  return undefined;
}

/** Runs `fn` over `items` with at most `limit` at a time, keeping the order of results. */
async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
  return out;
}

/**
 * Up to how many plans building in this thread beats starting workers. A
 * worker costs ~1 s of CPU before its first plan (loading the bundle, fonts,
 * templates, and its first plan run cold), and on this 2-core machine the two
 * threads slow each other: 20 plans took 1.8 s in this thread alone and 2.0–2.3 s
 * with one worker joining it (quiet machine, 2026-12-01; under load 15, 45%
 * more wall time). It pays off once the plans' time saved by the other cores
 * is larger: n·t·(1 − 1/cores) > 1 s, with t ≈ 40 ms per plan for DOCX + PDF,
 * ≈ 10 ms for DOCX alone. Never fewer than 2; one core: never a pool.
 */
export function inProcessMax(formats: readonly string[], cores = availableParallelism()): number {
  if (cores <= 1) return Infinity;
  const perPlan = (formats.includes("pdf") ? 0.03 : 0) + (formats.includes("docx") ? 0.01 : 0);
  return Math.max(2, Math.ceil(WORKER_START_S / (Math.max(perPlan, 0.01) * (1 - 1 / cores))));
}
const WORKER_START_S = 1;

const seconds = (ms: number) => (ms / 1000).toFixed(1).replace(".", ",");

export async function runBatch(inputs: string[], opts: BatchOptions, io: Io, session?: BatchSession): Promise<BatchResult> {
  const t0 = performance.now();
  const stats: BatchStats = { total: 0, built: 0, skipped: 0, failed: [], seconds: 0, workers: 0, builtHere: 0, maxRss: 0, workerMemory: [] };
  const done = (code: number, files: string[] = []): BatchResult => {
    stats.seconds = (performance.now() - t0) / 1000;
    stats.maxRss = process.resourceUsage().maxRSS;
    return { code, stats, inputs: files };
  };

  let jobs: PlanJob[];
  try {
    jobs = await planJobs(inputs, opts.outDir, opts.formats);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    io.err(e.format());
    return done(e.exitCode);
  }
  if (jobs.length === 0) {
    io.err("lỗi [E_USAGE]: không có tệp kế hoạch (.yaml) nào để dựng (no plan files)");
    return done(2);
  }
  stats.total = jobs.length;

  // the font files are found now (they are inputs), but read only when a plan is built
  const pdf = opts.formats.includes("pdf");
  const fontModule = pdf ? await import("../render/pdf/fonts.ts") : undefined; // our own font reader, small: the renderer loads later
  let fontFiles: string[] | undefined;
  if (fontModule) {
    try {
      fontFiles = Object.values(await fontModule.findFontFiles({ fontDir: opts.fontDir }));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      io.err(e.format());
      return done(1);
    }
  }

  // what changed: input hashes against the manifest, outputs against their recorded bytes
  const tool = await toolHash({ formats: opts.formats, fontFiles });
  // outputs a killed build left half renamed are completed first, so what follows sees whole pairs
  for (const dir of new Set(jobs.map((j) => dirname(j.base)))) await recoverOutputDir(dir);
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  const manifest = await loadManifest(cacheDir, opts.outDir);
  const hasher = new PlanHasher(tool, opts.allowOutside === true);
  const readFiles = new Set<string>();
  const planned = await mapLimit(jobs, 16, async (job) => {
    const { hash, files } = await hasher.plan(job.file);
    for (const f of files) readFiles.add(f);
    const key = manifestKey(opts.outDir, job.base);
    if (opts.force) return { job, key, hash, skip: false };
    if (session?.failed.get(key) === hash) return { job, key, hash, skip: "failed" as const };
    const entry = manifest.plans[key];
    if (!entry || entry.input !== hash) return { job, key, hash, skip: false };
    for (const o of job.outputs) {
      const recorded = entry.outputs[manifestKey(opts.outDir, o.path)];
      if (!recorded || (await hashFile(o.path)) !== recorded) return { job, key, hash, skip: false };
    }
    return { job, key, hash, skip: true };
  });

  // an output that would replace any input of this build (a plan named x.docx, a file some plan extends, a font): that plan fails, nothing is written
  const allInputs = await new InputSet().add([...readFiles, ...(fontFiles ?? [])]);
  const clashes = new Map<string, UserError>();
  for (const p of planned) {
    for (const o of p.job.outputs) {
      const input = await allInputs.clash(o.path);
      if (input !== undefined) {
        clashes.set(p.key, outputIsInput(o.path, input));
        break;
      }
    }
  }

  const progress = makeProgress(jobs.length, io, jobs.length > 1 ? opts.tty : undefined, opts.quietUnchanged); // one plan: its line says it all
  const stillFailing: string[] = [];
  for (const p of planned) {
    const clash = clashes.get(p.key);
    if (clash) {
      stats.failed.push(p.job.file);
      progress.result(false, [{ err: true, text: clash.format() }]);
    } else if (p.skip === true) progress.unchanged(p.job.file);
    else if (p.skip === "failed") {
      stillFailing.push(p.job.file);
      progress.result(false, [{ err: true, text: `${p.job.file}: vẫn lỗi như lần trước, chưa sửa (still failing, unchanged)` }]);
    }
  }
  const todo = planned.filter((p) => p.skip === false && !clashes.has(p.key));
  // nothing to build: this run's compiled code is no model for the next build's code cache
  if (todo.length === 0) markPartialRun();

  // a font that cannot be used is one message, not one per plan
  let fonts: FontSet | undefined;
  if (fontModule && (todo.length > 0 || opts.verbose)) {
    try {
      fonts = await fontModule.loadFonts({ fontDir: opts.fontDir });
      if (opts.verbose) io.err(`phông chữ PDF: ${fonts.name} (${fonts.source})`);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      io.err(e.format());
      return done(1);
    }
  }

  // where to build: this thread for a few plans; for more, also workers on the other cores, all taking the
  // next plan from one queue (this thread starts at once, warm; the workers join when they are ready).
  // KEHOACH_WORKERS=n / opts.workers: n workers and this thread only waits (0: this thread alone).
  const configured = configuredWorkers(opts);
  // this thread's caches hold the library and templates it first loaded: once they change, fresh workers only
  const stale = session?.inProcessTool !== undefined && session.inProcessTool !== tool;
  let size = configured ?? (todo.length <= (opts.inProcessMax ?? inProcessMax(opts.formats)) ? 0 : Math.max(availableParallelism() - (stale ? 0 : 1), 1));
  size = Math.min(size, todo.length);
  if (size === 0 && todo.length > 0 && stale) size = 1;
  const here = todo.length > 0 && !stale && (size === 0 || configured === undefined);
  let pool: WorkerPool | undefined;
  if (size > 0) {
    if (session?.pool && session.poolTool === tool) pool = session.pool;
    else {
      if (session?.pool) await session.pool.close();
      const { WorkerPool } = await import("./pool.ts");
      pool = new WorkerPool(size, { pdf: opts.formats.includes("pdf"), fontDir: opts.fontDir, allowOutside: opts.allowOutside });
      if (session) {
        session.pool = pool;
        session.poolTool = tool;
      }
    }
    stats.workers = pool.size;
    if (opts.verbose) io.err(`dựng ${todo.length} kế hoạch trên ${here ? "luồng chính và " : ""}${pool.size} luồng phụ (${here ? "main thread and " : ""}worker threads)`);
  }
  if (here && session) session.inProcessTool ??= tool;

  const results: JobResult[] = [];
  const aborted = () => opts.signal?.aborted === true;
  const record = (p: (typeof todo)[number], r: JobResult) => {
    if (aborted() && !r.ok) return; // stopped, not failed
    results.push(r);
    progress.result(r.ok, r.lines);
    if (r.ok) {
      manifest.plans[p.key] = { input: p.hash, outputs: Object.fromEntries(r.outputs.map((o) => [manifestKey(opts.outDir, o.path), o.hash])) };
      session?.failed.delete(p.key);
    } else {
      stats.failed.push(r.file);
      session?.failed.set(p.key, p.hash);
    }
  };
  try {
    let next = 0;
    const take = () => (aborted() || next >= todo.length ? undefined : todo[next++]);
    const lanes: Promise<void>[] = [];
    // a lane builds plans one after another until none is left; `afterFirst` once its first is back
    const lane = async (build: (job: PlanJob) => Promise<JobResult>, afterFirst?: () => void) => {
      for (let p = take(); p; p = take()) {
        record(p, await build(p.job));
        afterFirst?.();
        afterFirst = undefined;
      }
      afterFirst?.();
    };
    if (pool) {
      const inWorker = pool.run.bind(pool);
      // two plans in flight per worker, so it never waits for this thread between plans; the second only
      // once the first is back: a worker still starting holds one plan, and this thread builds the others
      for (let w = 0; w < pool.size; w++) {
        let warm!: () => void;
        lanes.push(lane(inWorker, () => warm()));
        lanes.push(new Promise<void>((r) => (warm = r)).then(() => lane(inWorker)));
      }
    }
    if (here) {
      const { buildOne } = await import("./build-one.ts"); // the renderers: only when something is built
      lanes.push(
        lane(async (job) => {
          const r = await buildOne(job, fonts, { allowOutside: opts.allowOutside });
          stats.builtHere++;
          return r;
        }),
      );
    }
    await Promise.all(lanes);
  } finally {
    if (pool) {
      stats.workerMemory = pool.memory();
      if (!session) await pool.close();
    }
  }
  progress.finish();

  if (results.some((r) => r.ok)) {
    const warning = await saveManifest(cacheDir, manifest);
    if (warning) io.err(`cảnh báo: ${warning}`);
  }

  stats.built = progress.counts.built;
  if (aborted()) return done(0, [...readFiles]);
  stats.skipped = progress.counts.skipped;
  // failures in input order, whichever finished first
  const order = new Map(jobs.map((j, i) => [j.file, i]));
  const failed = [...stats.failed, ...stillFailing].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  stats.failed = failed;
  if (jobs.length > 1 || stats.skipped > 0) {
    io.err(`xong ${jobs.length} kế hoạch: ${stats.built} dựng, ${stats.skipped} không đổi, ${failed.length} lỗi (${seconds(performance.now() - t0)} s)`);
  }
  if (failed.length) {
    const shown = failed.slice(0, 20).join(", ") + (failed.length > 20 ? ` và ${failed.length - 20} kế hoạch khác` : "");
    io.err(`${failed.length}/${jobs.length} kế hoạch lỗi: ${shown} — không ghi tệp nào cho chúng (failed plans wrote nothing)`);
  }
  const code = results.some((r) => r.internal) ? 3 : failed.length ? 1 : 0;
  // KEHOACH_STATS=<file>: the figures as JSON, for npm run bench:batch
  const result = done(code, [...readFiles]);
  if (process.env.KEHOACH_STATS) await writeFile(process.env.KEHOACH_STATS, JSON.stringify(result.stats)).catch(() => {});
  return result;
}

