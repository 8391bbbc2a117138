// Attaches what a plan takes from the directive library: the citation data
// of its directive and of every other library document (so a plan cites them
// by id without retyping), and the agency registry of its government level.
// What the plan states itself always wins.
import { UserError } from "../errors.ts";
import type { Plan } from "../model/plan.ts";
import { citationChain, type Library } from "./library.ts";
import { locate, type YamlSource } from "./source.ts";
import { suggest } from "./validate.ts";

export function resolveLibrary(plan: Plan, src: YamlSource, getLibrary: () => Library): Plan {
  if (plan.directive === undefined && plan.level === undefined) return plan;
  const lib = getLibrary();
  let documents = plan.documents;
  if (plan.directive !== undefined) {
    if (!lib.directives.has(plan.directive)) {
      const known = [...lib.directives.keys()];
      const hint = suggest(plan.directive, known);
      throw new UserError("E_REFERENCE", `Không có văn bản mã "${plan.directive}" trong thư viện seeds/ (unknown directive)${hint ? `; có phải ý bạn là "${hint}"?` : ""}`, {
        location: { ...locate(src, ["directive"]) },
        path: "directive",
        expected: `một mã trong thư viện: ${known.join(", ")}`,
        found: `"${plan.directive}"`,
      });
    }
    // the whole library is the citation registry: the directive, what it implements and
    // what implements it (Quyết định 281 for Chỉ thị 25, a province's Kế hoạch 212 …)
    const all = Object.fromEntries([...lib.directives.values()].map((d) => [d.id, d.citation]));
    documents = { ...all, ...Object.fromEntries(citationChain(lib, plan.directive)), ...plan.documents };
  }
  let agencies = plan.agencies;
  if (plan.level !== undefined) {
    const registry = lib.levels.get(plan.level);
    if (registry) agencies = { ...registry.agencies, ...plan.agencies };
  }
  return { ...plan, documents, agencies };
}
