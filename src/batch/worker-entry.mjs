// Entry of a build worker thread: plain JavaScript, so Node starts it however
// the main thread was started (tsx CLI, bin.mjs, vitest); it registers tsx's
// loader in this thread, then loads the TypeScript worker.
import { register } from "tsx/esm/api";
register();
await import("./worker.ts");
