// The commands' code: everything of kehoach but the command line itself. In
// the package this is the bundle dist/cli/kehoach.cjs, which bin.ts compiles
// with V8's code cache only when a command runs (`--help`, `--version` and
// usage mistakes never load it); each command's modules run on first use.
export const commands = {
  build: () => import("./build.ts"),
  watch: () => import("../batch/watch.ts"),
  init: () => import("./init.ts"),
  adapt: () => import("./adapt.ts"),
  import: () => import("./import.ts"),
  diff: () => import("./diff.ts"),
  serve: () => import("../serve/index.ts"),
  schema: () => import("./schema.ts"),
};
export type Commands = typeof commands;
// whether this run prepared data (templates, library): then its code cache would hold the preparing code too
export { preparedMissed } from "../load/cache.ts";

/** Runs the build worker in this thread (see batch/worker.ts); `afterFirstResult` once its first plan is done. */
export const startWorker = async (afterFirstResult: () => void): Promise<void> => {
  (await import("../batch/worker.ts")).afterFirstResult(afterFirstResult);
};
