// `kehoach diff <cũ.yaml> <mới.yaml>`: what changed between two plans, in words.
// Exit codes like diff(1): 0 no differences, 1 differences, 2 usage mistakes or
// a file that cannot be read or is not a valid plan (1 already means "differs").
import { UserError } from "../errors.ts";
import { loadPlan } from "../load/plan.ts";
import type { Plan } from "../model/plan.ts";
import { diffJson, formatReport } from "../diff/format.ts";
import { diffPlans } from "../diff/plans.ts";
import { report, type Io } from "./build.ts";

export async function diffCommand(oldFile: string, newFile: string, opts: { json?: boolean | undefined }, io: Io): Promise<number> {
  const plans: Plan[] = [];
  let failed = false;
  for (const file of [oldFile, newFile]) {
    try {
      plans.push((await loadPlan(file)).plan);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      report(io, e);
      failed = true;
    }
  }
  const [a, b] = plans;
  if (failed || !a || !b) {
    io.err("không so sánh được: tệp kế hoạch có lỗi (cannot compare: invalid plan file)");
    return 2;
  }
  const changes = diffPlans(a, b);
  if (opts.json) io.out(JSON.stringify(diffJson(changes), null, 2));
  else for (const line of formatReport(changes, { old: oldFile, new: newFile })) io.out(line);
  return changes.length > 0 ? 1 : 0;
}
