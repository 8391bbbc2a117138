// `kehoach init`: writes a starter plan (to a file, atomically, or to stdout).
import { access } from "node:fs/promises";
import { stringify } from "yaml";
import { UserError } from "../errors.ts";
import { starterPlan, starterYaml, type InitOptions } from "../init/starter.ts";
import { library } from "../load/library.ts";
import type { Level } from "../model/levels.ts";
import { report, type Io } from "./build.ts";
import { writeAtomically } from "./output.ts";

export async function initCommand(
  o: { directive: string; issuer: string; place: string; level: Level; family: "state" | "party"; year?: string | undefined; out?: string | undefined; force?: boolean | undefined },
  io: Io,
): Promise<number> {
  try {
    const year = o.year === undefined ? new Date().getFullYear() : Number(o.year);
    if (!Number.isInteger(year) || year < 1945 || year > 2200) {
      throw new UserError("E_USAGE", "Năm không hợp lệ (invalid year)", { path: "--year", expected: "một năm, ví dụ 2026", found: JSON.stringify(o.year) });
    }
    const opts: InitOptions = { directive: o.directive, issuer: o.issuer.normalize("NFC").trim(), place: o.place.normalize("NFC").trim(), level: o.level, family: o.family, year };
    const text = starterYaml(starterPlan(opts, library()), opts, (v) => stringify(v, { lineWidth: 100 }));
    if (!o.out) {
      io.out(text);
      return 0;
    }
    if (!o.force) {
      const exists = await access(o.out).then(() => true, () => false);
      if (exists) throw new UserError("E_OUTPUT_EXISTS", "Tệp đã có; dùng --force để ghi đè (file exists)", { location: { file: o.out } });
    }
    await writeAtomically([{ path: o.out, data: new TextEncoder().encode(text) }]);
    io.out(`đã tạo ${o.out} — điền các chỗ [[…]], rồi: kehoach check ${o.out}`);
    return 0;
  } catch (e) {
    report(io, e);
    return e instanceof UserError ? e.exitCode : 3;
  }
}
