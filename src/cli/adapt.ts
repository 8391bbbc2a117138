// `kehoach adapt`: writes a commune plan that extends a provincial plan.
import { access } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import { stringify } from "yaml";
import { communePlan, communeYaml, type AdaptOptions } from "../adapt/commune.ts";
import { UserError } from "../errors.ts";
import { library } from "../load/library.ts";
import { loadPlan } from "../load/plan.ts";
import { report, type Io } from "./build.ts";
import { writeAtomically } from "./output.ts";

export async function adaptCommand(
  province: string,
  o: { commune: string; family: "state" | "party"; year?: string | undefined; out?: string | undefined; force?: boolean | undefined },
  io: Io,
): Promise<number> {
  try {
    const { plan } = await loadPlan(province);
    const year = o.year === undefined ? new Date().getFullYear() : Number(o.year);
    if (!Number.isInteger(year) || year < 1945 || year > 2200) {
      throw new UserError("E_USAGE", "Năm không hợp lệ (invalid year)", { path: "--year", found: JSON.stringify(o.year) });
    }
    const base = o.out ? dirname(resolve(o.out)) : process.cwd();
    const extendsPath = relative(base, resolve(province)).split("\\").join("/");
    const opts: AdaptOptions = { commune: o.commune.normalize("NFC"), family: o.family, year, extendsPath };
    const text = communeYaml(communePlan(plan, opts, library()), extendsPath, (v) => stringify(v, { lineWidth: 100 }));
    if (!o.out) {
      io.out(text);
      return 0;
    }
    if (!o.force && (await access(o.out).then(() => true, () => false))) {
      throw new UserError("E_OUTPUT_EXISTS", "Tệp đã có; dùng --force để ghi đè (file exists)", { location: { file: o.out } });
    }
    await writeAtomically([{ path: o.out, data: new TextEncoder().encode(text) }]);
    io.out(`đã tạo ${o.out} (kế thừa ${extendsPath}) — điền các chỗ [[…]], rồi: kehoach check ${o.out}`);
    return 0;
  } catch (e) {
    report(io, e);
    return e instanceof UserError ? e.exitCode : 3;
  }
}
