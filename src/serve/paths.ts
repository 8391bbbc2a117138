// Never read or write outside the served folder: every path from the page is
// resolved against it, symbolic links included (real paths), before any use.
import { realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { isPlanName } from "../batch/inputs.ts";

export class PathRefused extends Error {}

const inside = (root: string, p: string): boolean => {
  const rel = relative(root, p);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
};

/**
 * A plan file of the served folder from the page's relative path: a .yaml
 * name, inside the folder after resolving links. `mustExist: false` allows a
 * new file (init, adapt) whose folder exists inside the served one.
 */
export async function planPath(root: string, rel: unknown, opts: { mustExist?: boolean } = {}): Promise<string> {
  if (typeof rel !== "string" || rel === "" || rel.includes("\0") || isAbsolute(rel)) throw new PathRefused("đường dẫn không hợp lệ (invalid path)");
  if (!isPlanName(basename(rel))) throw new PathRefused("chỉ mở được tệp kế hoạch .yaml (only plan files)");
  const realRoot = await realpath(root);
  const wanted = resolve(realRoot, rel);
  if (!inside(realRoot, wanted)) throw new PathRefused("đường dẫn ra ngoài thư mục đang phục vụ (outside the served folder)");
  let real: string;
  try {
    real = await realpath(wanted);
  } catch (e) {
    if (opts.mustExist !== false || (e as NodeJS.ErrnoException).code !== "ENOENT") throw new PathRefused("không tìm thấy tệp (file not found)");
    real = join(await realpath(dirname(wanted)).catch(() => {
      throw new PathRefused("thư mục không có (folder not found)");
    }), basename(wanted));
  }
  if (!inside(realRoot, real)) throw new PathRefused("đường dẫn ra ngoài thư mục đang phục vụ (outside the served folder)");
  return real;
}

/** The page's name for a file: relative to the served folder, with "/". */
export function pageName(realRoot: string, file: string): string {
  return relative(realRoot, file).split(sep).join("/");
}
