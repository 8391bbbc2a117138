// `kehoach init`: writes a starter plan (to a file, atomically, or to stdout).
import { stringify } from "yaml";
import { UserError } from "../errors.ts";
import { starterPlan, starterYaml, type InitOptions } from "../init/starter.ts";
import { library } from "../load/library.ts";
import type { Level } from "../model/levels.ts";
import { report, type Io } from "./build.ts";
import { writeNewFile } from "../batch/output.ts";
import { yearOption } from "./options.ts";

export async function initCommand(
  o: { directive: string; issuer: string; place: string; level: Level; family: "state" | "party"; year?: string | undefined; out?: string | undefined; force?: boolean | undefined },
  io: Io,
): Promise<number> {
  try {
    const year = yearOption(o.year);
    const opts: InitOptions = { directive: o.directive, issuer: o.issuer.normalize("NFC").trim(), place: o.place.normalize("NFC").trim(), level: o.level, family: o.family, year };
    const text = starterYaml(starterPlan(opts, library()), opts, (v) => stringify(v, { lineWidth: 100 }));
    if (!o.out) {
      io.out(text);
      return 0;
    }
    await writeNewFile(o.out, text, o.force);
    io.out(`đã tạo ${o.out} — điền các chỗ [[…]], rồi: kehoach check ${o.out}`);
    return 0;
  } catch (e) {
    report(io, e);
    return e instanceof UserError ? e.exitCode : 3;
  }
}
