// A pool of build worker threads. Each worker loads fonts and templates once
// and builds many plans; the pool keeps every worker busy (two jobs in flight
// each, so a worker never waits for the main thread between plans).
import { Worker } from "node:worker_threads";
import { internalMessage } from "../errors.ts";
import type { JobResult } from "./build-one.ts";
import type { PlanJob } from "./inputs.ts";
import type { FromWorker, ToWorker, WorkerInit, WorkerMemory } from "./worker.ts";

// compiled (dist/, the package): the worker's own JavaScript; from the sources
// (tests, development): a plain .mjs entry that registers tsx in the thread
const COMPILED = !import.meta.url.endsWith(".ts");
const ENTRY = new URL(COMPILED ? "./worker.cjs" : "./worker-entry.mjs", import.meta.url);
const IN_FLIGHT = 2;

interface Task {
  id: number;
  job: PlanJob;
  resolve(r: JobResult): void;
}

interface Slot {
  worker: Worker;
  busy: Map<number, Task>;
  memory?: WorkerMemory;
  alive: boolean;
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(size: number, init: WorkerInit) {
    for (let i = 0; i < size; i++) this.spawn(init);
  }

  get size(): number {
    return this.slots.filter((s) => s.alive).length;
  }

  private spawn(init: WorkerInit): void {
    // execArgv: [] — from the sources the entry registers tsx itself;
    // inheriting the parent's loader flags would register it twice
    const worker = new Worker(ENTRY, { workerData: init, execArgv: [], stdout: false, stderr: false });
    const slot: Slot = { worker, busy: new Map(), alive: true };
    this.slots.push(slot);
    worker.on("message", (msg: FromWorker) => {
      if (msg.type !== "result") return;
      slot.memory = msg.memory;
      const task = slot.busy.get(msg.id);
      if (!task) return;
      slot.busy.delete(msg.id);
      task.resolve(msg.result);
      this.pump();
    });
    const die = (e: unknown) => {
      if (!slot.alive) return;
      slot.alive = false;
      const lost = [...slot.busy.values()];
      slot.busy.clear();
      for (const t of lost) t.resolve(failed(t.job, e));
      // no worker left: what is queued cannot run
      if (!this.slots.some((s) => s.alive)) for (const t of this.queue.splice(0)) t.resolve(failed(t.job, e));
      this.pump();
    };
    worker.on("error", die);
    worker.on("exit", (code) => {
      if (!this.closed) die(new Error(`luồng dựng dừng bất thường (worker exited with code ${code})`));
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (slot.alive && slot.busy.size < IN_FLIGHT && this.queue.length) {
        const task = this.queue.shift()!;
        slot.busy.set(task.id, task);
        slot.worker.postMessage({ type: "job", id: task.id, job: task.job } satisfies ToWorker);
      }
    }
  }

  run(job: PlanJob): Promise<JobResult> {
    return new Promise((resolve) => {
      if (this.closed || !this.slots.some((s) => s.alive)) {
        resolve(failed(job, new Error("không còn luồng dựng (no build worker left)")));
        return;
      }
      this.queue.push({ id: this.nextId++, job, resolve });
      this.pump();
    });
  }

  /** What each worker last reported about memory. */
  memory(): WorkerMemory[] {
    return this.slots.flatMap((s) => (s.memory ? [s.memory] : []));
  }

  async close(): Promise<void> {
    this.closed = true;
    const stopped = new Error("đã dừng (stopped)");
    for (const t of this.queue.splice(0)) t.resolve(failed(t.job, stopped));
    for (const s of this.slots) {
      for (const t of s.busy.values()) t.resolve(failed(t.job, stopped));
      s.busy.clear();
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

function failed(job: PlanJob, e: unknown): JobResult {
  return { file: job.file, base: job.base, ok: false, outputs: [], lines: [{ err: true, text: `${job.file}: ${internalMessage(e)}` }], internal: true };
}
