// Writing outputs safely: every file goes to a temporary file in the same
// folder and is renamed over the target, so a failed or interrupted build never
// leaves half a file or destroys the last good one.
import { createHash } from "node:crypto";
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UserError } from "../errors.ts";

/** A file-system failure while writing, as the user error that explains it. */
export function outputError(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  const at = { location: { file } };
  switch (code) {
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return new UserError("E_OUTPUT_DIR", `Không ghi được vào thư mục kết quả: ${code === "EROFS" ? "ổ đĩa chỉ đọc (read-only)" : "không có quyền ghi (permission denied)"}`, at);
    case "ENOTDIR":
    case "EEXIST":
    case "EISDIR":
      return new UserError("E_OUTPUT_DIR", "Đường dẫn kết quả không phải là thư mục, hoặc trùng tên một thư mục (not a directory)", at);
    case "EBUSY":
    case "ETXTBSY":
      return new UserError("E_OUTPUT_LOCKED", "Tệp kết quả đang được mở ở chương trình khác (Word?): hãy đóng nó rồi chạy lại (file is locked)", at);
    case "ENOSPC":
    case "EDQUOT":
      return new UserError("E_DISK_FULL", "Ổ đĩa đã đầy: giải phóng dung lượng rồi chạy lại (disk full)", at);
    default:
      return new UserError("E_OUTPUT", `Không ghi được tệp kết quả: ${code ?? (e as Error).message}`, at);
  }
}

export async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw outputError(dir, e);
  }
}

/**
 * A short temporary name in the target's folder: a hash of the target's name
 * and the process id (".kh-3f9a1c2b7d.12345.tmp"), never longer than a file
 * name may be, whatever the length of the plan's name.
 */
export function tempName(path: string, pid = process.pid): string {
  return join(dirname(path), `.kh-${shortHash(basename(path))}.${pid}.tmp`);
}
const shortHash = (s: string): string => createHash("sha256").update(s).digest("hex").slice(0, 10);
const JOURNAL = /^\.kh-[0-9a-f]{10}\.(\d+)\.pair$/;
/** temporary files of this version and of earlier ones (".name.docx.<pid>.tmp") */
const TEMP = /^\..*\.(\d+)\.tmp$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // alive, someone else's
  }
}

/**
 * Completes what a killed build left in `dir`: a pair journal of a process
 * that is gone means every temporary file of that pair was whole before the
 * first rename, so the remaining renames are done and the pair is again from
 * one build; then temporary files of processes that are gone are removed.
 */
export async function recoverOutputDir(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const n of names) {
    const m = JOURNAL.exec(n);
    if (!m || processAlive(Number(m[1]))) continue;
    const journal = join(dir, n);
    try {
      const pairs = JSON.parse(await readFile(journal, "utf8")) as unknown;
      if (Array.isArray(pairs)) {
        for (const p of pairs) {
          if (!Array.isArray(p) || typeof p[0] !== "string" || typeof p[1] !== "string") continue;
          const [tmp, target] = [join(dir, basename(p[0])), join(dir, basename(p[1]))];
          await rename(tmp, target).catch(() => {}); // already renamed: nothing to do
        }
      }
    } catch {
      // a journal cut short was written before any rename: nothing was replaced yet
    }
    await rm(journal, { force: true });
  }
  for (const n of names) {
    const m = TEMP.exec(n);
    if (m && !processAlive(Number(m[1]))) await rm(join(dir, n), { force: true });
  }
}

/** KEHOACH_TEST_CRASH=between-renames: the process dies after the first rename of a pair (tests only: stages a kill -9). */
function crashHook(point: string): void {
  if (process.env.KEHOACH_TEST_CRASH === point) process.kill(process.pid, "SIGKILL");
}

/**
 * Writes all files or none of the new ones. Every file goes to a temporary
 * file first; only when all are written are they renamed over their targets.
 * Files of one folder (a plan's DOCX and PDF) are a pair: a journal written
 * before the first rename lets the next build finish the renames if this
 * process dies between them, so a plan's outputs are always from one build.
 */
export async function writeAtomically(files: { path: string; data: Uint8Array }[]): Promise<void> {
  const temps: { tmp: string; path: string }[] = [];
  const dirs = new Set(files.map((f) => dirname(f.path)));
  const journal = files.length > 1 && dirs.size === 1 ? join([...dirs][0]!, `.kh-${shortHash(files.map((f) => basename(f.path)).join("\0"))}.${process.pid}.pair`) : undefined;
  let renamed = 0;
  try {
    for (const f of files) {
      await ensureDir(dirname(f.path));
      const tmp = tempName(f.path);
      temps.push({ tmp, path: f.path });
      try {
        await writeFile(tmp, f.data);
      } catch (e) {
        throw outputError(f.path, e);
      }
    }
    if (journal) {
      try {
        await writeFile(journal, JSON.stringify(temps.map((t) => [basename(t.tmp), basename(t.path)])));
      } catch (e) {
        throw outputError(journal, e);
      }
    }
    for (const t of temps) {
      try {
        await rename(t.tmp, t.path);
      } catch (e) {
        throw outputError(t.path, e);
      }
      renamed++;
      if (renamed === 1 && temps.length > 1) crashHook("between-renames");
    }
  } finally {
    if (journal && renamed > 0 && renamed < temps.length) {
      // a rename failed half-way: keep the journal, as a dead process's, so the next build completes the pair
      await rename(journal, journal.replace(/\.\d+\.pair$/, ".0.pair")).catch(() => {});
    } else {
      if (journal) await rm(journal, { force: true });
      await Promise.all(temps.map((t) => rm(t.tmp, { force: true })));
    }
  }
}

/** Writes a file the user asked for (init, adapt): refuses to replace one unless forced. */
export async function writeNewFile(path: string, text: string, force: boolean | undefined): Promise<void> {
  if (!force && (await access(path).then(() => true, () => false))) {
    throw new UserError("E_OUTPUT_EXISTS", "Tệp đã có; dùng --force để ghi đè (file exists)", { location: { file: path } });
  }
  await writeAtomically([{ path, data: new TextEncoder().encode(text) }]);
}
