// Where a path really leads: symbolic links (of the file or of any folder on
// the way) resolved, so a folder check cannot be escaped through a link.
import { realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";

/** The real path of `p`; for a path that does not exist (yet), the real path of its nearest existing folder with the rest appended. */
export async function realPath(p: string): Promise<string> {
  const abs = resolve(p);
  try {
    return await realpath(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(await realPath(parent), basename(abs));
  }
}

/** Is `p` inside folder `root` once both are resolved to their real paths? */
export async function isReallyInside(root: string, p: string): Promise<boolean> {
  const rel = relative(await realPath(root), await realPath(p));
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

/**
 * The project folder a plan's `extends` must stay in: the working directory
 * when the plan is inside it, else the plan's own folder.
 */
export function projectRoot(file: string): string {
  const cwd = process.cwd();
  const rel = relative(cwd, resolve(file));
  return rel.startsWith("..") || isAbsolute(rel) ? dirname(resolve(file)) : cwd;
}
