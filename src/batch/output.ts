// Writing outputs safely: every file goes to a temporary file in the same
// folder and is renamed over the target, so a failed or interrupted build never
// leaves half a file or destroys the last good one.
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
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

/** Writes a file the user asked for (init, adapt): refuses to replace one unless forced. */
export async function writeNewFile(path: string, text: string, force: boolean | undefined): Promise<void> {
  if (!force && (await access(path).then(() => true, () => false))) {
    throw new UserError("E_OUTPUT_EXISTS", "Tệp đã có; dùng --force để ghi đè (file exists)", { location: { file: path } });
  }
  await writeAtomically([{ path, data: new TextEncoder().encode(text) }]);
}
