// The build manifest: for each plan built into an output folder, the input
// hash it was built from and the hashes of the files written. A plan is
// skipped when its input hash is the same AND its outputs are still there with
// the recorded bytes.
//
// It lives in .kehoach-cache/ of the working folder (git-ignored), one file
// per output folder, not inside the output folder: out/ holds only the
// documents, which people copy and send around as they are.
import { mkdir, readdir, readFile, rm, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { sha256 } from "./hash.ts";
import { writeAtomically } from "./output.ts";

export const MANIFEST_VERSION = 1;
/** manifests kept in one cache folder (one per output folder); the least recently written go first */
const MAX_MANIFESTS = 64;

export interface ManifestEntry {
  /** input hash of the plan (hash.ts) */
  input: string;
  /** output path (relative to the output folder) → sha256 of the bytes written */
  outputs: Record<string, string>;
}

export interface Manifest {
  version: number;
  outDir: string;
  /** output base (relative to the output folder, without extension) → entry */
  plans: Record<string, ManifestEntry>;
}

export function defaultCacheDir(): string {
  return resolve(process.env.KEHOACH_CACHE_DIR ?? ".kehoach-cache");
}

export function manifestPath(cacheDir: string, outDir: string): string {
  return join(cacheDir, `build-${sha256(resolve(outDir)).slice(0, 16)}.json`);
}

export async function loadManifest(cacheDir: string, outDir: string): Promise<Manifest> {
  const empty: Manifest = { version: MANIFEST_VERSION, outDir: resolve(outDir), plans: {} };
  try {
    const m = JSON.parse(await readFile(manifestPath(cacheDir, outDir), "utf8")) as Manifest;
    if (m.version !== MANIFEST_VERSION || m.outDir !== empty.outDir || typeof m.plans !== "object" || m.plans === null) return empty;
    return m;
  } catch {
    return empty; // none yet, or unreadable: everything builds
  }
}

/** Writes the manifest atomically; a manifest that cannot be written costs a rebuild next time, never a failed build. */
export async function saveManifest(cacheDir: string, m: Manifest): Promise<string | undefined> {
  const file = manifestPath(cacheDir, m.outDir);
  try {
    await mkdir(cacheDir, { recursive: true });
    const sorted: Manifest = { ...m, plans: Object.fromEntries(Object.entries(m.plans).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
    await writeAtomically([{ path: file, data: new TextEncoder().encode(`${JSON.stringify(sorted, null, 1)}\n`) }]);
    await prune(cacheDir);
    return undefined;
  } catch (e) {
    return `không ghi được sổ dựng ${file} (cannot write the build manifest): ${(e as Error).message}`;
  }
}

async function prune(cacheDir: string): Promise<void> {
  const names = (await readdir(cacheDir)).filter((n) => /^build-[0-9a-f]{16}\.json$/.test(n));
  if (names.length <= MAX_MANIFESTS) return;
  const withTime = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(cacheDir, n)).catch(() => undefined))?.mtimeMs ?? 0 })));
  withTime.sort((a, b) => a.t - b.t);
  for (const { n } of withTime.slice(0, withTime.length - MAX_MANIFESTS)) await rm(join(cacheDir, n), { force: true });
}

/** The manifest key of an output base (out/nq72/xa-dong-tam → nq72/xa-dong-tam). */
export const manifestKey = (outDir: string, path: string): string => relative(outDir, path).split("\\").join("/");
