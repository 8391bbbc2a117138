// Starting the installed command fast. kehoach's code is one CommonJS bundle
// (dist/cli/kehoach.cjs, made by scripts/build.mjs); this module compiles it
// through vm.Script with V8's code cache, kept in the cache folder per part
// of the tool (one command's functions, the build worker's). Node 20 has no
// code cache for ES modules (module.enableCompileCache() came in Node 22), and
// compiling the bundle, then each function as it is first called, was ~20% of
// a `check`. The cache is keyed by the code's hash, Node's version and the
// part; V8 also checks it against the source and its flags and rejects a
// mismatch, in which case the script compiles as usual and a new cache is
// written. The cache holds what the run compiled, so the caller saves it when
// the run is over (at exit; a worker, after its first plan), and it is saved
// only after a typical run: a first run also compiles what prepares the cached
// data (templates, library, DOCX skeleton), which would double what is read.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { constants } from "node:vm";
import { codeIdentity, compileCached } from "../load/cache.ts";

/** What the bundle must export for its cache: whether this run prepared data (src/load/cache.ts). */
interface Bundle {
  preparedMissed(): boolean;
}

export interface LoadedBundle<T> {
  exports: T;
  /** writes the code cache now (once), if there was none or V8 rejected it, and this run prepared nothing */
  saveCache(): void;
}

const PREFIX = "code-";
/** one entry per part (a few commands, the worker) and per installed version */
const KEEP = 24;

/** `part`: which use of the tool the cache is for ("check", "build", "worker", …): each compiles other functions. */
export function loadBundle<T extends Bundle>(bundle: string, part: string): LoadedBundle<T> {
  // ASCII (scripts/build.mjs makes it so): read as Latin-1, Node hands V8 the bytes as they are,
  // where reading it as UTF-8 costs ~30 ms for 2.4 MB
  const source = readFileSync(bundle).toString("latin1");
  const name = `${PREFIX}${part.replace(/[^a-z0-9-]/gi, "_")}-${codeIdentity().slice(0, 16)}-${process.version}-${process.arch}.v8`;
  // the file is already wrapped as Node wraps a CommonJS module: (function (exports, require, module, __filename, __dirname) {…})
  const { script, save } = compileCached(source, bundle, PREFIX, name, KEEP, {
    // import() inside the bundle (pdf.js for `import`) goes through Node's own loader
    importModuleDynamically: constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as T };
  (script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: unknown, f: string, d: string) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  const saveCache = () => {
    if (!module.exports.preparedMissed()) save();
  };
  return { exports: module.exports, saveCache };
}
