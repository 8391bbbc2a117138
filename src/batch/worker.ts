// A build worker thread: loads fonts and templates once (module caches of this
// thread), then builds the plans the main thread sends, one at a time.
import { getHeapStatistics } from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { UserError } from "../errors.ts";
import { buildOne, internalMessage, loadPdfModule, type JobResult } from "./build-one.ts";
import type { FontSet } from "../render/pdf/fonts.ts";
import type { PlanJob } from "./inputs.ts";

export interface WorkerInit {
  pdf: boolean;
  fontDir?: string | undefined;
  allowOutside?: boolean | undefined;
}
export type ToWorker = { type: "job"; id: number; job: PlanJob };
export interface WorkerMemory {
  /** process.resourceUsage().maxRSS in KiB: the whole process (threads share it) */
  maxRss: number;
  /** this thread's largest V8 heap so far, in bytes */
  heapPeak: number;
}
export type FromWorker = { type: "result"; id: number; result: JobResult; memory: WorkerMemory };

const port = parentPort;
if (!port) throw new Error("worker.ts runs in a worker thread");
const init = workerData as WorkerInit;

const fonts: Promise<FontSet | undefined> = init.pdf ? loadPdfModule().then((m) => m.loadFonts({ fontDir: init.fontDir })) : Promise.resolve(undefined);
fonts.catch(() => {}); // reported with each job

let heapPeak = 0;
const memory = (): WorkerMemory => {
  heapPeak = Math.max(heapPeak, getHeapStatistics().total_heap_size);
  return { maxRss: process.resourceUsage().maxRSS, heapPeak };
};

let firstResult: (() => void) | undefined;
/** `fn` runs once, after the first plan's result is sent (the package's worker then writes its code cache). */
export function afterFirstResult(fn: () => void): void {
  firstResult = fn;
}

let queue: Promise<void> = Promise.resolve();
port.on("message", (msg: ToWorker) => {
  if (msg.type !== "job") return;
  queue = queue.then(async () => {
    let result: JobResult;
    try {
      result = await buildOne(msg.job, await fonts, { allowOutside: init.allowOutside });
    } catch (e) {
      const text = e instanceof UserError ? e.format() : `${msg.job.file}: ${internalMessage(e)}`;
      result = { file: msg.job.file, base: msg.job.base, ok: false, outputs: [], lines: [{ err: true, text }], ...(e instanceof UserError ? {} : { internal: true }) };
    }
    port.postMessage({ type: "result", id: msg.id, result, memory: memory() } satisfies FromWorker);
    const after = firstResult;
    firstResult = undefined;
    after?.();
  });
});
