// What a batch build shows while it runs.
//  - on a terminal: one progress bar line on stderr, redrawn at most every
//    100 ms (done/total, built, unchanged, failed, elapsed); error messages are
//    printed above it;
//  - anywhere else (CI, pipes, tests): plain lines, "plan → outputs",
//    "plan: không đổi (unchanged)", and the error messages.
import type { Io } from "./options.ts";
import type { Line } from "./build-one.ts";

export interface TtyStream {
  write(s: string): unknown;
  columns?: number | undefined;
}

export interface Counts {
  total: number;
  built: number;
  skipped: number;
  failed: number;
}

export interface Progress {
  /** a plan skipped because nothing changed */
  unchanged(file: string): void;
  /** a plan built or failed, with what it printed */
  result(ok: boolean, lines: Line[]): void;
  /** clears the bar (terminal) before the summary */
  finish(): void;
  readonly counts: Counts;
}

export function makeProgress(total: number, io: Io, tty: TtyStream | undefined, quietUnchanged = false): Progress {
  const counts: Counts = { total, built: 0, skipped: 0, failed: 0 };
  if (!tty) {
    return {
      counts,
      unchanged(file) {
        counts.skipped++;
        if (!quietUnchanged) io.out(`${file}: không đổi (unchanged)`);
      },
      result(ok, lines) {
        if (ok) counts.built++;
        else counts.failed++;
        for (const l of lines) (l.err ? io.err : io.out)(l.text);
      },
      finish() {},
    };
  }
  const t0 = performance.now();
  let last = 0;
  let drawn = false;
  const line = (): string => {
    const done = counts.built + counts.skipped + counts.failed;
    const width = Math.max(10, Math.min(30, (tty.columns ?? 80) - 60));
    const fill = total ? Math.round((done / total) * width) : width;
    const secs = ((performance.now() - t0) / 1000).toFixed(0);
    return `[${"█".repeat(fill)}${"░".repeat(width - fill)}] ${done}/${total} · dựng ${counts.built} · không đổi ${counts.skipped} · lỗi ${counts.failed} · ${secs} s`;
  };
  const draw = (force = false) => {
    const now = performance.now();
    if (!force && now - last < 100) return;
    last = now;
    tty.write(`\r\x1b[2K${line()}`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) tty.write("\r\x1b[2K");
    drawn = false;
  };
  draw(true);
  return {
    counts,
    unchanged() {
      counts.skipped++;
      draw();
    },
    result(ok, lines) {
      if (ok) counts.built++;
      else counts.failed++;
      const errors = lines.filter((l) => l.err);
      if (errors.length) {
        clear();
        for (const l of errors) io.err(l.text);
        draw(true);
      } else draw();
    },
    finish() {
      draw(true);
      tty.write("\n");
      drawn = false;
    },
  };
}
