// `kehoach adapt`: writes a commune plan that extends a provincial plan.
import { dirname, relative, resolve } from "node:path";
import { stringify } from "yaml";
import { communePlan, communeYaml, type AdaptOptions } from "../adapt/commune.ts";
import { UserError } from "../errors.ts";
import { library } from "../load/library.ts";
import { loadPlan } from "../load/plan.ts";
import { report, type Io } from "./build.ts";
import { writeNewFile } from "../batch/output.ts";
import { assertOutputsSpareInputs, InputSet } from "../batch/protect-inputs.ts";
import { yearOption } from "./options.ts";

export async function adaptCommand(
  province: string,
  o: { commune: string; family: "state" | "party"; year?: string | undefined; out?: string | undefined; force?: boolean | undefined },
  io: Io,
): Promise<number> {
  try {
    const { plan, files } = await loadPlan(province);
    const year = yearOption(o.year);
    const base = o.out ? dirname(resolve(o.out)) : process.cwd();
    const extendsPath = relative(base, resolve(province)).split("\\").join("/");
    const opts: AdaptOptions = { commune: o.commune.normalize("NFC"), family: o.family, year, extendsPath };
    const text = communeYaml(communePlan(plan, opts, library()), extendsPath, (v) => stringify(v, { lineWidth: 100 }));
    if (!o.out) {
      io.out(text);
      return 0;
    }
    // even with --force, never over the provincial plan or a file it extends
    await assertOutputsSpareInputs([o.out], await new InputSet().add(files));
    await writeNewFile(o.out, text, o.force);
    io.out(`đã tạo ${o.out} (kế thừa ${extendsPath}) — điền các chỗ [[…]], rồi: kehoach check ${o.out}`);
    return 0;
  } catch (e) {
    report(io, e);
    return e instanceof UserError ? e.exitCode : 3;
  }
}
