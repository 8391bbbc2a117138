// `kehoach import <file>`: a DOCX/PDF/text plan → plan YAML (to a file,
// atomically and never over an existing one without --force, or to stdout),
// with a summary of what was recognised. The readers (XML, PDF libraries) load
// only here, so other commands start as fast as before.
import { UserError } from "../errors.ts";
import { MAX_IMPORT_BYTES, readRegularFile } from "../load/input-file.ts";
import { library } from "../load/library.ts";
import { report, type Io } from "./build.ts";
import { writeNewFile } from "../batch/output.ts";

export async function importCommand(file: string, o: { out?: string | undefined; force?: boolean | undefined }, io: Io): Promise<number> {
  try {
    // a regular file of bounded size, as every input: a FIFO never hangs it, a huge file is refused unread
    const bytes = await readRegularFile(file, MAX_IMPORT_BYTES);
    const { importPlan, summaryLines } = await import("../import/index.ts");
    const result = await importPlan(file, bytes, library());
    const summary = summaryLines(result);
    if (!o.out) {
      io.out(result.yaml);
      for (const l of summary) io.err(l);
      return 0;
    }
    await writeNewFile(o.out, result.yaml, o.force);
    for (const l of summary) io.out(l);
    io.out(`đã tạo ${o.out} — xem lại các dòng trên, rồi: kehoach check ${o.out}`);
    return 0;
  } catch (e) {
    report(io, e);
    return e instanceof UserError ? e.exitCode : 3;
  }
}
