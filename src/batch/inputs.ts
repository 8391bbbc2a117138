// Which plans a build covers and where each one's outputs go.
//  - a folder argument: every *.yaml / *.yml under it, recursively, skipping
//    dot-files and dot-folders; outputs keep the plan's sub-path under the
//    output folder (data/nq72/xa-dong-tam.yaml → out/nq72/xa-dong-tam.docx), so
//    equal base names in different folders never collide;
//  - a file argument: out/<name>.docx, whatever folder it is in;
//  - two different plans that would write the same output: a usage error.
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join, relative, resolve } from "node:path";
import type { Format } from "./options.ts";
import { UserError } from "../errors.ts";

const PLAN_EXT = new Set([".yaml", ".yml"]);

export const isPlanName = (name: string): boolean => PLAN_EXT.has(extname(name).toLowerCase()) && !name.startsWith(".") && !name.endsWith(".schema.json");

/** A folder's entries without dot-files, sorted by name (a stable order for walks). */
export async function sortedEntries(d: string): Promise<Dirent[]> {
  const entries = await readdir(d, { withFileTypes: true }).catch(() => [] as Dirent[]);
  return entries.filter((e) => !e.name.startsWith(".")).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Plan files under a folder, recursively, in a stable (sorted) order; paths keep the folder as given. */
export async function plansUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await sortedEntries(d)) {
      const p = join(d, e.name);
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        // a linked plan file counts; linked folders are not followed (no loops)
        const s = await stat(p).catch(() => undefined);
        isFile = s?.isFile() ?? false;
        isDir = false;
      }
      if (isDir) {
        if (e.name === "node_modules") continue;
        await walk(p);
      } else if (isFile && isPlanName(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

export interface PlanInput {
  file: string;
  /** the plan's path below the folder named on the command line, without extension; undefined for a file named directly */
  sub?: string | undefined;
}

async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false; // a missing file is reported when it is read
  }
}

/** Arguments → plan files, folders expanded (recursively). */
export async function expandPlanInputs(inputs: string[]): Promise<PlanInput[]> {
  const out: PlanInput[] = [];
  for (const input of inputs) {
    if (await isDirectory(input)) {
      for (const file of await plansUnder(input)) {
        const rel = relative(input, file);
        out.push({ file, sub: rel.slice(0, rel.length - extname(rel).length) });
      }
    } else out.push({ file: input });
  }
  return out;
}

export interface PlanJob {
  /** the plan file, as named (relative paths stay relative: messages show them as the user typed) */
  file: string;
  /** output path without extension, e.g. out/nq72/xa-dong-tam */
  base: string;
  outputs: { format: Format; path: string }[];
}

/** Plans to build and their outputs; throws a usage error when two plans would write the same file. */
export async function planJobs(inputs: string[], outDir: string, formats: Format[]): Promise<PlanJob[]> {
  const jobs: PlanJob[] = [];
  const byOutput = new Map<string, { file: string; abs: string }>();
  for (const { file, sub } of await expandPlanInputs(inputs)) {
    const name = sub ?? basename(file, extname(file));
    const base = join(outDir, name);
    const key = resolve(base);
    const abs = resolve(file);
    const seen = byOutput.get(key);
    if (seen) {
      if (seen.abs === abs) continue; // the same plan named twice
      throw new UserError("E_USAGE", `Hai kế hoạch ghi ra cùng một tệp kết quả (two plans, one output): ${seen.file} và ${file} → ${base}.*; đổi tên một tệp, hoặc dựng cả thư mục chứa chúng`, {
        found: `${seen.file}, ${file}`,
      });
    }
    byOutput.set(key, { file, abs });
    jobs.push({ file, base, outputs: formats.map((format) => ({ format, path: `${base}.${format}` })) });
  }
  return jobs;
}
