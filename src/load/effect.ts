// What a schema cannot say about a plan's keys: the order its content was
// written in (a paragraph may follow the dash items of its section), and keys
// that are valid alone but would have no effect where they stand — those are
// refused with their place, like an unknown key, so nothing is silently ignored.
import { UserError, UserErrors } from "../errors.ts";
import { unbalancedEmphasis } from "../model/inline.ts";
import type { ContentKey, Duty, OutlineNode, Plan } from "../model/plan.ts";
import { formatPath, locate, type PathSegment, type YamlSource } from "./source.ts";

const CONTENT_KEYS: readonly string[] = ["paragraphs", "letters", "dashes"];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const at = (v: unknown, key: string | number): unknown => (isObject(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[key] : undefined);

/** Records, on each outline node, section and duty, the order its keys were written in. */
export function attachWrittenOrder(plan: Plan, src: YamlSource): void {
  const nodes = (list: OutlineNode[], raw: unknown) =>
    list.forEach((n, i) => {
      const r = at(raw, i);
      if (!isObject(r)) return;
      n.order = Object.keys(r).filter((k): k is ContentKey => CONTENT_KEYS.includes(k));
      nodes(n.children, r.children);
    });
  if (plan.outline) nodes(plan.outline, at(src.data, "outline"));
  nodes(plan.sections, at(src.data, "sections"));
  plan.duties.forEach((d: Duty, i) => {
    const r = at(at(src.data, "duties"), i);
    if (isObject(r)) d.order = Object.keys(r);
  });
}

/** Every "**" and "*" in a text must be closed in the same text. */
function emphasisErrors(src: YamlSource): UserError[] {
  const out: UserError[] = [];
  const walk = (v: unknown, path: PathSegment[]): void => {
    if (typeof v === "string") {
      const bad = unbalancedEmphasis(v);
      if (bad) {
        out.push(
          new UserError("E_INLINE", `Dấu ${bad.marker} mở mà không đóng (unbalanced ${bad.marker === "**" ? "bold" : "italic"} marker)`, {
            location: locate(src, path),
            path: formatPath(path),
            expected: bad.marker === "**" ? "**chữ đậm** (đóng bằng **), hoặc \\* để in dấu *" : "*chữ nghiêng* (đóng bằng *), hoặc \\* để in dấu *",
            found: JSON.stringify(v.slice(Math.max(0, bad.offset - 20), bad.offset + 30)),
          }),
        );
      }
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (isObject(v)) for (const [k, x] of Object.entries(v)) if (k !== "style") walk(x, [...path, k]);
  };
  walk(src.data, []);
  return out;
}

/** Keys that would change nothing where they stand. */
function ineffectiveKeys(plan: Plan, src: YamlSource): UserError[] {
  const out: UserError[] = [];
  const refuse = (path: PathSegment[], why: string, expected: string) =>
    out.push(new UserError("E_SCHEMA", `Trường "${String(path[path.length - 1])}" không có tác dụng ở đây (key without effect): ${why}`, { location: locate(src, path, { key: true }), path: formatPath(path), expected }));

  // what the outline prints
  const uses = new Set<string>();
  const dutyParts = new Set<string | undefined>();
  const walkNodes = (list: OutlineNode[], base: PathSegment[], raw: unknown) =>
    list.forEach((n, i) => {
      const path = [...base, i];
      const r = at(raw, i);
      const has = (k: string) => isObject(r) && k in r;
      if (n.use) uses.add(n.use);
      if (n.use === "duties") dutyParts.add(n.part);
      if (has("as") && n.use !== "targets") refuse([...path, "as"], "as chỉ dùng với use: targets", "bỏ as, hoặc use: targets; mục đích, yêu cầu in gạch đầu dòng: phrasing: { purposes: dashes }");
      if (has("milestone") && n.use !== "targets") refuse([...path, "milestone"], "milestone chỉ dùng với use: targets", "bỏ milestone, hoặc use: targets");
      if (has("part") && n.use !== "duties") refuse([...path, "part"], "part chỉ dùng với use: duties", "bỏ part, hoặc use: duties");
      if (has("plain") && !n.numbered) refuse([...path, "plain"], "tiêu đề không đánh số (numbered: false) luôn in đậm", "bỏ plain hoặc numbered: false");
      walkNodes(n.children, [...path, "children"], at(r, "children"));
    });
  if (plan.outline) walkNodes(plan.outline, ["outline"], at(src.data, "outline"));
  else {
    // the standard outline prints every part that has data, duties without a part
    for (const u of ["purposes", "requirements", "targets", "indicators", "sections", "duties"]) uses.add(u);
    dutyParts.add(undefined);
  }
  walkNodes(plan.sections, ["sections"], at(src.data, "sections"));

  if (plan.outline) {
    for (const key of ["purposes", "requirements", "indicators"] as const) {
      const v = plan[key];
      const present = Array.isArray(v) ? v.length > 0 : v !== undefined;
      if (present && !uses.has(key)) refuse([key], `dàn ý (outline) không có mục use: ${key} để in`, `thêm { use: ${key} } vào outline, hoặc bỏ ${key}`);
    }
  }
  if (plan.appendix && plan.tasks.length === 0) refuse(["appendix"], "kế hoạch không có nhiệm vụ (tasks) để lập Phụ lục", "thêm tasks, hoặc bỏ appendix");

  plan.duties.forEach((d, i) => {
    const r = at(at(src.data, "duties"), i);
    const has = (k: string) => isObject(r) && k in r;
    const path: PathSegment[] = ["duties", i];
    if (has("title") && d.agency !== undefined) refuse([...path, "title"], "tiêu đề lấy tên cơ quan (agency)", "bỏ title, hoặc bỏ agency và viết title");
    if (has("listTasks") && d.agency === undefined) refuse([...path, "listTasks"], "listTasks liệt kê nhiệm vụ của cơ quan (agency), phân công này không có agency", "agency: <mã cơ quan>, hoặc bỏ listTasks");
    else if (d.listTasks && !plan.appendix) refuse([...path, "listTasks"], "kế hoạch không có Phụ lục (appendix) để dẫn số nhiệm vụ", "appendix: { title: … }, hoặc tasks: true để in các nhiệm vụ ngay dưới cơ quan");
    if (has("tasks") && d.agency === undefined) refuse([...path, "tasks"], "tasks in các nhiệm vụ cơ quan (agency) chủ trì, phân công này không có agency", "agency: <mã cơ quan>, hoặc bỏ tasks");
    if (!dutyParts.has(d.part)) {
      refuse(
        d.part === undefined ? path : [...path, "part"],
        d.part === undefined ? "dàn ý không có mục use: duties (không có part) để in phân công này" : `dàn ý không có mục use: duties, part: ${d.part}`,
        d.part === undefined ? "thêm { use: duties } vào outline, hoặc part: <mã phần có use: duties>" : `thêm { use: duties, part: ${d.part} } vào outline`,
      );
    }
  });
  return out;
}

/** Throws every mistake of emphasis and every key without effect, with its place. */
export function checkEffects(plan: Plan, src: YamlSource): void {
  const errors = [...emphasisErrors(src), ...ineffectiveKeys(plan, src)];
  if (errors.length) throw new UserErrors(errors);
}
