// Cross-references a schema cannot see: agency ids, section ids, citation
// references inside texts, duplicate ids.
import { UserError, UserErrors } from "../errors.ts";
import type { Plan } from "../model/plan.ts";
import { AGENCY_PATTERN, CITE_PATTERN, FOOTNOTE_PATTERN, TARGET_PATTERN } from "../model/inline.ts";
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
    err(path, `Không có ${kind} mã "${value}" (unknown ${kind === "cơ quan" ? "agency" : kind === "mục" ? "section" : kind === "mục tiêu" ? "target" : kind === "chú thích" ? "footnote" : "document"})${hint ? `; có phải ý bạn là "${hint}"?` : ""}`, `một mã đã khai báo: ${known.join(", ")}`, `"${value}"`);
  };

  const agencies = Object.keys(plan.agencies);
  const sections = plan.sections.map((s) => s.id);
  const documents = Object.keys(plan.documents);
  const notes = Object.keys(plan.footnotes);

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
    t.rows?.forEach((r, k) => {
      r.lead?.forEach((a, j) => refCheck("cơ quan", agencies, a, ["tasks", i, "rows", k, "lead", j]));
      r.partners?.forEach((a, j) => refCheck("cơ quan", agencies, a, ["tasks", i, "rows", k, "partners", j]));
    });
  });
  plan.duties.forEach((d, i) => {
    if (typeof d.agency === "string") refCheck("cơ quan", agencies, d.agency, ["duties", i, "agency"]);
    else d.agency?.forEach((a, j) => refCheck("cơ quan", agencies, a, ["duties", i, "agency", j]));
    if (d.tasks !== undefined && d.tasks !== true) d.tasks.sections.forEach((x, j) => refCheck("mục", sections, x, ["duties", i, "tasks", "sections", j]));
  });

  // citation references in every text of the plan
  const targetIds = plan.targets.map((g) => g.id);
  // every text but the style table's, whose numbering patterns ("{parent}.{arabic}. ") are not citations
  for (const [k, v] of Object.entries(plan)) {
    if (k !== "style") forEachString(v, (text, path) => {
      for (const m of text.matchAll(CITE_PATTERN)) {
        refCheck("văn bản", documents, m[1]!, path);
        // the title prints only in the full form ({id} at its first mention, {id:full})
        const c = plan.documents[m[1]!];
        if (c && c.title === undefined && m[2] !== "short" && m[2] !== "dated") {
          err(path, `Văn bản "${m[1]}" được dẫn đầy đủ nhưng chưa có trích yếu (title) (document cited in full without a title)`, `documents.${m[1]}.title, hoặc dẫn {${m[1]}:short} / {${m[1]}:dated}`, `"${m[0]}"`);
        }
      }
      for (const m of text.matchAll(AGENCY_PATTERN)) refCheck("cơ quan", agencies, m[1]!, path);
      for (const m of text.matchAll(TARGET_PATTERN)) {
        const g = plan.targets.find((x) => x.id === m[1]);
        if (!g) refCheck("mục tiêu", targetIds, m[1]!, path);
        else if (g.value === undefined) err(path, `Mục tiêu "${m[1]}" chưa có giá trị (value) để in trong câu (target without value)`, `targets[].value của "${m[1]}"`, `"${m[0]}"`);
      }
      // a footnote mark needs its note; a note holds no further marks
      for (const m of text.matchAll(FOOTNOTE_PATTERN)) {
        if (path[0] === "footnotes") err(path, `Chú thích không được chứa dấu chú thích khác [^${m[1]}] (footnote inside a footnote)`, "văn bản chú thích không có [^…]", `"[^${m[1]}]"`);
        else refCheck("chú thích", notes, m[1]!, path);
      }
    }, [k]);
  }

  if (errors.length) throw new UserErrors(errors);
}
