// Cross-references a schema cannot see: agency ids, section ids, citation
// references inside texts, duplicate ids.
import { UserError, UserErrors } from "../errors.ts";
import type { Plan } from "../model/plan.ts";
import { CITE_PATTERN } from "../model/inline.ts";
import { forEachString } from "../model/path.ts";
import { formatPath, locate, type PathSegment, type YamlSource } from "./source.ts";
import { suggest } from "./validate.ts";

export function checkReferences(src: YamlSource, plan: Plan): void {
  const errors: UserError[] = [];
  const err = (path: PathSegment[], message: string, expected: string, found: string) =>
    errors.push(new UserError("E_REFERENCE", message, { location: { ...locate(src, path) }, path: formatPath(path), expected, found }));

  const refCheck = (kind: string, known: string[], value: string, path: PathSegment[]) => {
    if (known.includes(value)) return;
    const hint = suggest(value, known);
    err(path, `Không có ${kind} mã "${value}" (unknown ${kind === "cơ quan" ? "agency" : kind === "mục" ? "section" : "document"})${hint ? `; có phải ý bạn là "${hint}"?` : ""}`, `một mã đã khai báo: ${known.join(", ")}`, `"${value}"`);
  };

  const agencies = Object.keys(plan.agencies);
  const sections = plan.sections.map((s) => s.id);
  const documents = Object.keys(plan.documents);

  const dupes = (kind: string, list: { id: string }[], key: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      if (seen.has(x.id)) err([key, i, "id"], `Mã ${kind} "${x.id}" bị trùng (duplicate id)`, "mã duy nhất", `"${x.id}"`);
      seen.add(x.id);
    });
  };
  dupes("mục", plan.sections, "sections");
  dupes("nhiệm vụ", plan.tasks, "tasks");
  dupes("mục tiêu", plan.targets, "targets");

  plan.tasks.forEach((t, i) => {
    refCheck("mục", sections, t.section, ["tasks", i, "section"]);
    t.lead.forEach((a, j) => refCheck("cơ quan", agencies, a, ["tasks", i, "lead", j]));
    t.partners.forEach((a, j) => refCheck("cơ quan", agencies, a, ["tasks", i, "partners", j]));
  });
  plan.duties.forEach((d, i) => {
    if (d.agency) refCheck("cơ quan", agencies, d.agency, ["duties", i, "agency"]);
  });

  // citation references in every text of the plan
  // every text but the style table's, whose numbering patterns ("{parent}.{arabic}. ") are not citations
  for (const [k, v] of Object.entries(plan)) {
    if (k !== "style") forEachString(v, (text, path) => {
      for (const m of text.matchAll(CITE_PATTERN)) refCheck("văn bản", documents, m[1]!, path);
    }, [k]);
  }

  if (errors.length) throw new UserErrors(errors);
}
