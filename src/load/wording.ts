// Reads seeds/wording/new-plans.yaml once per process, validated, errors at their place.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { newPlanWordingSchema, type NewPlanWording } from "../model/wording.ts";
import { SEEDS_DIR } from "./library.ts";
import { parseYamlSource } from "./source.ts";
import { validateSource } from "./validate.ts";

const cache = new Map<string, NewPlanWording>();

export function newPlanWording(dir = SEEDS_DIR): NewPlanWording {
  let w = cache.get(dir);
  if (!w) {
    const file = join(dir, "wording", "new-plans.yaml");
    w = validateSource(parseYamlSource(file, readFileSync(file, "utf8")), newPlanWordingSchema);
    cache.set(dir, w);
  }
  return w;
}
