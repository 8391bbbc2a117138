// Entry of a build worker thread in the package (dist/cli/worker.cjs): the same
// bundle as the command, with the worker's own code cache, written once the
// first plan is built (a worker is terminated, it never reaches "exit") if
// nothing had to be prepared for it.
import { fileURLToPath } from "node:url";
import { loadBundle } from "./load-bundle.ts";

const { exports: kehoach, saveCache } = loadBundle<{ startWorker(afterFirstResult: () => void): Promise<void>; preparedMissed(): boolean }>(fileURLToPath(new URL("./kehoach.cjs", import.meta.url)), "worker");
void kehoach.startWorker(saveCache);
