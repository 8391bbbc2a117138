// `kehoach build --watch`: build once, then rebuild what changed on every save.
//
// Watching uses node:fs's own fs.watch on FOLDERS, one watcher per folder and
// never `recursive: true`: every folder below the ones named on the command
// line, seeds/ and templates/ is walked and watched on its own, and so is the
// folder of every other plan file and every file a plan extends. Not files:
// editors that save by writing a new file and renaming it over the old one
// (vim, many IDEs) would silently end a watch on the old file. Not recursive
// watches either: on Linux, Node 20 emulates them with one watch per file and
// loses a file once it has been renamed over (issue 12). A folder watch sees
// every kind of save (in place, rename-over, delete + create), on every
// platform. After each build the folders are walked again: a new sub-folder is
// watched, a folder deleted and created again gets a fresh watcher. Events
// only say "look again": each rebuild recomputes the input hashes, so exactly
// the plans whose inputs changed are rebuilt — a provincial plan and every
// commune that extends it, or everything after a template changes — and
// spurious or duplicate events cost one hash pass, nothing else.
import { internalMessage } from "../errors.ts";
import { watch, type FSWatcher } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Io } from "./options.ts";
import { SEEDS_DIR, TEMPLATES_DIR } from "../paths.ts";
import { runBatch, type BatchOptions, type BatchResult, type BatchSession } from "./run.ts";

export const DEBOUNCE_MS = 150;

export interface WatchHooks {
  /** after each build (the first one included), with its number (0 = the first) */
  onBuild?(result: BatchResult, n: number): void;
}

const inside = (dir: string, p: string): boolean => {
  const r = relative(dir, p);
  return r === "" || (!r.startsWith("..") && !isAbsolute(r));
};

/** Builds, then watches and rebuilds until `signal` aborts; resolves with 0 then (2 for a usage mistake on the first build). */
export async function watchBuild(inputs: string[], opts: BatchOptions, io: Io, signal: AbortSignal, hooks: WatchHooks = {}): Promise<number> {
  const session: BatchSession = { failed: new Map() };
  const outDir = resolve(opts.outDir);
  const watchers = new Map<string, { watcher: FSWatcher; ino: number }>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let n = 0;

  const relevant = (dir: string, recursive: boolean, name: string | null): boolean => {
    if (name === null) return true;
    const p = resolve(dir, name);
    if (inside(outDir, p)) return false; // our own outputs
    if (relative(dir, p).split(sep).some((s) => s.startsWith("."))) return false; // temp files, caches, .git
    if (recursive && (inside(SEEDS_DIR, p) || inside(TEMPLATES_DIR, p))) return true;
    return /\.ya?ml$/i.test(p) || (opts.fontDir !== undefined && inside(resolve(opts.fontDir), p));
  };

  const schedule = () => {
    if (signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) again = true;
      else running = rebuild();
    }, DEBOUNCE_MS);
  };

  /** every folder below `dir` (itself included), skipping dot-folders, node_modules and the output folder */
  const foldersUnder = async (dir: string, acc: string[] = [], depth = 0): Promise<string[]> => {
    if (inside(outDir, dir) || depth > 32) return acc;
    acc.push(dir);
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith(".") && e.name !== "node_modules") await foldersUnder(join(dir, e.name), acc, depth + 1);
    }
    return acc;
  };

  const rewatch = async (result: BatchResult) => {
    const want = new Map<string, boolean>(); // folder → below a folder watched as a tree (seeds/, templates/, an input folder)
    const trees = [SEEDS_DIR, TEMPLATES_DIR, ...(opts.fontDir ? [resolve(opts.fontDir)] : [])];
    for (const i of inputs) if (await stat(i).then((s) => s.isDirectory(), () => false)) trees.push(resolve(i));
    for (const t of trees) for (const d of await foldersUnder(t)) want.set(d, true);
    for (const f of result.inputs) if (!want.has(dirname(f))) want.set(dirname(f), false);
    for (const i of inputs) if (!want.has(dirname(resolve(i)))) want.set(dirname(resolve(i)), false);
    for (const [dir, w] of watchers) {
      // gone, or deleted and made again (another inode): the old watcher sees nothing more
      const ino = await stat(dir).then((s) => s.ino, () => undefined);
      if (!want.has(dir) || ino !== w.ino) {
        w.watcher.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, tree] of want) {
      if (watchers.has(dir)) continue;
      try {
        const ino = (await stat(dir)).ino;
        const watcher = watch(dir, { persistent: true }, (_event, name) => {
          if (name === null) return schedule();
          const p = resolve(dir, String(name));
          if (relevant(dir, tree, String(name))) schedule();
          // a new sub-folder of a tree: the rebuild's walk starts watching it (and what is saved in it)
          else if (tree && !inside(outDir, p) && !String(name).startsWith(".")) void stat(p).then((s) => s.isDirectory() && !watchers.has(p) && schedule(), () => {});
        });
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, { watcher, ino });
      } catch {
        // a folder that does not exist (yet): nothing to watch there
      }
    }
  };

  const build = async (): Promise<BatchResult> => {
    const result = await runBatch(inputs, { ...opts, signal, quietUnchanged: n > 0 }, io, session);
    if (!signal.aborted) {
      await rewatch(result);
      hooks.onBuild?.(result, n);
    }
    n++;
    return result;
  };

  const rebuild = async (): Promise<void> => {
    try {
      do {
        again = false;
        if (signal.aborted) return;
        io.err("— có thay đổi, dựng lại (change detected, rebuilding)");
        await build();
      } while (again && !signal.aborted);
    } catch (e) {
      io.err(internalMessage(e));
    } finally {
      running = undefined;
      if (!signal.aborted) io.err("đang theo dõi thay đổi… (Ctrl-C để thoát)");
    }
  };

  const stopped = new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener("abort", () => r(), { once: true })));
  try {
    const first = await build();
    if (first.code === 2 && !signal.aborted) return 2;
    if (!signal.aborted) io.err("đang theo dõi thay đổi… (Ctrl-C để thoát)");
    await stopped;
    return 0;
  } finally {
    clearTimeout(timer);
    for (const w of watchers.values()) w.watcher.close();
    watchers.clear();
    await session.pool?.close(); // ends the jobs of a build still running
    await running;
    await session.pool?.close();
  }
}

/** The CLI's `build --watch`: Ctrl-C (SIGINT) or SIGTERM ends it with exit code 0. */
export async function watchCommand(inputs: string[], opts: BatchOptions, io: Io): Promise<number> {
  if (opts.compare !== undefined) {
    io.err("lỗi [E_USAGE]: --watch không dùng cùng --compare (--watch and --compare do not go together)");
    return 2;
  }
  const ac = new AbortController();
  const stop = () => ac.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    return await watchBuild(inputs, { ...opts, tty: process.stderr.isTTY ? process.stderr : undefined }, io, ac.signal);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}
