// Reads and validates one plan file: file → YAML with positions → Plan.
import { UserError } from "../errors.ts";
import { planSchema, type Plan } from "../model/plan.ts";
import { library, type Library } from "./library.ts";
import { checkReferences } from "./references.ts";
import { attachWrittenOrder, checkEffects } from "./effect.ts";
import { resolveLibrary } from "./resolve.ts";
import { loadSourceChain, sourceFiles } from "./extends.ts";
import { readTextFile } from "./input-file.ts";
import { projectRoot } from "./real-path.ts";
import { locate, parseYamlSource, type YamlSource } from "./source.ts";
import { validateSource } from "./validate.ts";

export { inputError, MAX_INPUT_BYTES, readTextFile } from "./input-file.ts";

export interface LoadedPlan {
  plan: Plan;
  source: YamlSource;
  /** the files it was read from: the plan, then what it extends */
  files: string[];
}

/**
 * Pure given the library: text → validated plan (throws UserError / UserErrors).
 * The library is read only when the plan names a directive or a level.
 */
export function parsePlan(file: string, text: string, lib: () => Library = () => library()): LoadedPlan {
  return validatePlanSource(parseYamlSource(file, text), lib);
}

/** A (possibly merged) source → validated plan with its library parts attached. */
export function validatePlanSource(source: YamlSource, lib: () => Library = () => library()): LoadedPlan {
  const file = source.file;
  if (source.data === null || typeof source.data !== "object" || Array.isArray(source.data)) {
    throw new UserError("E_SCHEMA", "Tệp kế hoạch phải là một đối tượng YAML (plan must be a mapping)", {
      location: { file, line: 1, col: 1 },
      expected: "đối tượng (object) với các trường issuer, title, …",
      found: source.data === null ? "tệp rỗng (empty)" : Array.isArray(source.data) ? "danh sách (array)" : typeof source.data,
    });
  }
  rejectStrayDrops(source);
  const plan = resolveLibrary(validateSource(source, planSchema), source, lib);
  checkReferences(source, plan);
  checkEffects(plan, source);
  attachWrittenOrder(plan, source);
  return { plan, source, files: sourceFiles(source) };
}

/** `{ id, drop: true }` removes an inherited entry; in a plan that extends nothing it is a mistake. */
function rejectStrayDrops(source: YamlSource): void {
  const data = source.data as Record<string, unknown>;
  for (const key of ["targets", "sections", "tasks"]) {
    const list = data[key];
    if (!Array.isArray(list)) continue;
    const i = list.findIndex((x) => typeof x === "object" && x !== null && (x as { drop?: unknown }).drop === true);
    if (i >= 0) {
      throw new UserError("E_SCHEMA", "drop: true chỉ dùng trong kế hoạch có extends, để bỏ một mục kế thừa (drop needs extends)", {
        location: locate(source, [key, i, "drop"], { key: true }),
        path: `${key}[${i}].drop`,
        expected: "extends: <kế hoạch cha>, hoặc xóa mục này",
      });
    }
  }
}

export interface LoadOptions {
  /** `extends` may not leave this folder (default: projectRoot(file)) */
  root?: string | undefined;
  /** let `extends` point anywhere (--allow-outside) */
  allowOutside?: boolean | undefined;
}

export { projectRoot };

/** Reads a plan file, with everything it extends, and validates the result. */
export async function loadPlan(file: string, opts: LoadOptions = {}): Promise<LoadedPlan> {
  const root = opts.allowOutside ? undefined : (opts.root ?? projectRoot(file));
  return validatePlanSource(await loadSourceChain(file, { read: readTextFile, root }));
}
