// Writing outputs safely: every file goes to a temporary file in the same
// folder and is renamed over the target, so a failed or interrupted build never
// leaves half a file or destroys the last good one.
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { UserError } from "../errors.ts";

function outputError(file: string, e: unknown): UserError {
  const code = (e as NodeJS.ErrnoException).code;
  const reason =
    code === "EACCES" || code === "EPERM" ? "không có quyền ghi (permission denied)" :
    code === "EBUSY" ? "tệp đang được mở ở chương trình khác, hãy đóng Word rồi chạy lại (file is locked)" :
    code === "ENOSPC" ? "ổ đĩa đã đầy (disk full)" :
    code === "EROFS" ? "ổ đĩa chỉ đọc (read-only file system)" :
    code === "ENOTDIR" || code === "EEXIST" ? "đường dẫn thư mục ra không phải là thư mục (not a directory)" :
    `${code ?? (e as Error).message}`;
  return new UserError("E_OUTPUT", `Không ghi được tệp kết quả: ${reason}`, { location: { file } });
}

export async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    throw outputError(dir, e);
  }
}

/** Writes all files or none of the new ones (each rename is atomic). */
export async function writeAtomically(files: { path: string; data: Uint8Array }[]): Promise<void> {
  const temps: { tmp: string; path: string }[] = [];
  try {
    for (const f of files) {
      await ensureDir(dirname(f.path));
      const tmp = join(dirname(f.path), `.${basename(f.path)}.${process.pid}.tmp`);
      temps.push({ tmp, path: f.path });
      try {
        await writeFile(tmp, f.data);
      } catch (e) {
        throw outputError(f.path, e);
      }
    }
    for (const t of temps) {
      try {
        await rename(t.tmp, t.path);
      } catch (e) {
        throw outputError(t.path, e);
      }
    }
  } finally {
    await Promise.all(temps.map((t) => rm(t.tmp, { force: true })));
  }
}
