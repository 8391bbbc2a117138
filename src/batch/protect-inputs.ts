// No output may ever replace an input of the build: a plan named plan.docx
// built with -o into its own folder would otherwise be renamed over by its own
// DOCX. Files are compared by identity (device and inode), so another spelling
// of the path, a folder reached through a link, a plan that is a link to the
// file the output would replace, or a case-insensitive file system cannot slip past.
import { lstat, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { UserError } from "../errors.ts";

type Identity = string;

/** An input is known by its entry and by what a link leads to; an output by its entry only (a rename replaces the entry, not what a link leads to). */
async function identities(p: string, follow: boolean): Promise<Identity[]> {
  const out: Identity[] = [];
  for (const f of follow ? [lstat, stat] : [lstat]) {
    const s = await f(p).catch(() => undefined);
    if (s) out.push(`${s.dev}:${s.ino}`);
  }
  return out;
}

/** The identities of a set of input files, to test outputs against. */
export class InputSet {
  private readonly ids = new Map<Identity, string>();
  private readonly paths = new Map<string, string>();

  async add(files: Iterable<string>): Promise<this> {
    for (const f of files) {
      this.paths.set(resolve(f), f);
      for (const id of await identities(f, true)) if (!this.ids.has(id)) this.ids.set(id, f);
    }
    return this;
  }

  /** The input an output path would overwrite, if any. */
  async clash(output: string): Promise<string | undefined> {
    const byPath = this.paths.get(resolve(output));
    if (byPath !== undefined) return byPath;
    for (const id of await identities(output, false)) {
      const hit = this.ids.get(id);
      if (hit !== undefined) return hit;
    }
    return undefined;
  }
}

/** Throws E_OUTPUT_IS_INPUT, before anything is written, when an output would replace one of `inputs`. */
export async function assertOutputsSpareInputs(outputs: readonly string[], inputs: InputSet): Promise<void> {
  for (const out of outputs) {
    const input = await inputs.clash(out);
    if (input !== undefined) throw outputIsInput(out, input);
  }
}

export function outputIsInput(output: string, input: string): UserError {
  return new UserError("E_OUTPUT_IS_INPUT", `Tệp kết quả ${output} sẽ ghi đè lên tệp đầu vào ${input}: không ghi gì cả (an output would overwrite an input)`, {
    location: { file: input },
    expected: "thư mục kết quả khác (-o) hoặc đổi tên tệp đầu vào cho khỏi trùng",
    found: output,
  });
}
