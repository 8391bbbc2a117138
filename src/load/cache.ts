// A cache of what is prepared once and is the same at every start (the
// validated seeds library, the precompiled templates), so a command does not
// redo it. Entries are keyed by a hash of everything they are made from —
// their input files and the code that made them — so a changed seed, template
// or kehoach version never meets a stale entry. Files are written atomically
// (temporary file, then rename): two processes racing write the same bytes,
// and a reader sees a whole file or none. An unreadable or corrupt entry is
// ignored and made again; a cache that cannot be written costs time, never a
// failure.
//
// Where: $KEHOACH_CACHE_DIR when set, else the user's cache folder
// (~/.cache/kehoach, $XDG_CACHE_HOME/kehoach, %LOCALAPPDATA%\kehoach\Cache,
// ~/Library/Caches/kehoach).
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { Script, type ScriptOptions } from "node:vm";
import { homedir } from "node:os";
import { join, relative } from "node:path";
import { CODE_DIR } from "../paths.ts";

/** bump when the shape of a cached entry changes */
const FORMAT = 1;
/** entries kept per kind; the least recently written go first */
const KEEP = 32;

export function preparedCacheDir(): string {
  if (process.env.KEHOACH_CACHE_DIR) return process.env.KEHOACH_CACHE_DIR;
  if (process.platform === "win32") return join(process.env.LOCALAPPDATA ?? join(homedir(), "AppData", "Local"), "kehoach", "Cache");
  if (process.platform === "darwin") return join(homedir(), "Library", "Caches", "kehoach");
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "kehoach");
}

function treeFiles(dir: string, out: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => !n.startsWith(".")).sort();
  } catch {
    return out;
  }
  for (const n of names) {
    const p = join(dir, n);
    try {
      if (statSync(p).isDirectory()) treeFiles(p, out);
      else out.push(p);
    } catch {
      // vanished meanwhile: not part of the hash
    }
  }
  return out;
}

/** A file by size and modification time, or null when it is missing: for files replaced rather than edited (fonts). */
export function statStamp(file: string): string | null {
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? `${st.size}\0${st.mtimeMs}` : null;
}

/**
 * Feeds every file under a folder (relative names and bytes, sorted) into a
 * hash; files `byStat` names are fed by size and modification time instead
 * (fonts: megabytes that change only when replaced).
 */
export function hashFilesInto(h: ReturnType<typeof createHash>, dir: string, byStat: (file: string) => boolean = () => false): void {
  for (const f of treeFiles(dir)) {
    if (byStat(f)) {
      const stamp = statStamp(f);
      if (stamp !== null) h.update(`${relative(dir, f)}\0stat\0${stamp}\0`);
      continue;
    }
    let b: Buffer;
    try {
      b = readFileSync(f);
    } catch {
      continue;
    }
    h.update(`${relative(dir, f)}\0${b.length}\0`);
    h.update(b);
  }
}

/** dist/ carries its own hash, written by `npm run build` (src/batch/stamp-code.ts) */
export const CODE_STAMP = join(CODE_DIR, "code-hash.txt");

let code: string | undefined;
/**
 * Which code prepares the entries: the stamp `npm run build` writes into
 * dist/ (read in microseconds), or, running from the sources, a hash of src/.
 */
export function codeIdentity(): string {
  if (code !== undefined) return code;
  try {
    code = readFileSync(CODE_STAMP, "utf8").trim();
  } catch {
    code = "";
  }
  if (!code) {
    const h = createHash("sha256");
    hashFilesInto(h, CODE_DIR);
    code = h.digest("hex");
  }
  return code;
}

/** The key of an entry: the cache format, the code, and what the caller says the entry is made from. */
export function preparedKey(kind: string, feed: (h: ReturnType<typeof createHash>) => void): string {
  const h = createHash("sha256").update(`${FORMAT}\0${kind}\0${codeIdentity()}\0`);
  feed(h);
  return h.digest("hex").slice(0, 32);
}

export const preparedFile = (kind: string, key: string, dir = preparedCacheDir()): string => join(dir, `prepared-${kind}-${key}.json`);

let missed = false;
let partial = false;
/**
 * Whether this run is not what a later run of its command should be compiled
 * for (the code cache holds what a run compiled): it had to prepare something
 * (an entry was missing or bad: a first run), or it did only part of its
 * command's work (a build that found nothing changed: its cache would lack
 * everything a real build runs, and later builds would compile it each time).
 */
export const preparedMissed = (): boolean => missed || partial;
/** This run did only part of its command's usual work (see preparedMissed). */
export function markPartialRun(): void {
  partial = true;
}

/** The cached entry, or undefined when there is none or it is unreadable, corrupt or not of the expected shape. */
export function readPrepared<T>(kind: string, key: string, isValid: (v: unknown) => v is T): T | undefined {
  try {
    const v: unknown = JSON.parse(readFileSync(preparedFile(kind, key), "utf8"));
    if (isValid(v)) return v;
  } catch {
    // missing or unreadable: made again
  }
  missed = true;
  return undefined;
}

/** Writes an entry atomically; errors (read-only home, full disk) are ignored. */
export function writePrepared(kind: string, key: string, value: unknown): void {
  writeCacheFile(`prepared-${kind}-`, preparedFile(kind, key), JSON.stringify(value));
}

/**
 * Writes `file` (in the cache folder, its name starting with `prefix`)
 * atomically, then keeps only the newest entries of that prefix; errors
 * (read-only home, full disk) are ignored.
 */
export function writeCacheFile(prefix: string, file: string, data: string | Uint8Array, keep = KEEP): void {
  const dir = preparedCacheDir();
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, file);
    prune(dir, prefix, keep);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** A script compiled with V8's code cache from the cache folder (see compileCached). */
export interface CachedScript {
  script: Script;
  /** writes the code cache now (once), if there was none or V8 rejected it */
  save(): void;
}

/**
 * Compiles JavaScript through vm.Script with the V8 code cache kept in the
 * cache folder as `name` (starting with `prefix`, the newest `keep` kept):
 * the cache holds the functions compiled so far, so `save` belongs after a
 * typical run. V8 checks the cache against the source and its flags and
 * rejects a mismatch; then the script compiles as usual and `save` writes a
 * new one.
 */
export function compileCached(source: string, filename: string, prefix: string, name: string, keep: number, options: Pick<ScriptOptions, "importModuleDynamically"> = {}): CachedScript {
  const file = join(preparedCacheDir(), name);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    // first run: compiled from the source, cached by save()
  }
  const script = new Script(source, { filename, ...(cachedData ? { cachedData } : {}), ...options });
  let pending = cachedData === undefined || script.cachedDataRejected === true;
  return {
    script,
    save() {
      if (!pending) return;
      pending = false;
      writeCacheFile(prefix, file, script.createCachedData(), keep);
    },
  };
}

function prune(dir: string, prefix: string, keep: number): void {
  const names = readdirSync(dir).filter((n) => n.startsWith(prefix) && !n.endsWith(".tmp"));
  if (names.length <= keep) return;
  const byTime = names.map((n) => ({ n, t: statSync(join(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0 })).sort((a, b) => a.t - b.t);
  for (const { n } of byTime.slice(0, byTime.length - keep)) rmSync(join(dir, n), { force: true });
}
