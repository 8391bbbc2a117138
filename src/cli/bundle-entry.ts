// What the bundle dist/cli/kehoach.cjs exports: the command, and the build
// worker's start (a worker thread loads the same bundle). Everything else is
// imported by these when needed, so esbuild wraps it to run on first use.
export { main } from "./main.ts";
export { internalMessage } from "../errors.ts";
/** Runs the build worker in this thread (see batch/worker.ts); `afterFirstResult` once its first plan is done. */
export const startWorker = async (afterFirstResult: () => void): Promise<void> => {
  (await import("../batch/worker.ts")).afterFirstResult(afterFirstResult);
};
