// The directive library (seeds/): parent documents as structured data.
// A directive carries its citation data, the documents it implements (the
// chain plans cite), its headline targets and its numbered sections; a section
// may list standard tasks, written against agency roles that each government
// level names in seeds/levels/<level>.yaml.
import * as z from "zod/mini";
import { DEADLINE_FORMS, deadlineSchema } from "./deadline.ts";
import { LEVELS } from "./levels.ts";
import { citationSchema } from "./plan.ts";
import { described, describedCopy, nonEmpty } from "./schema-kit.ts";

const id = z.string().check(z.regex(/^[a-z0-9][a-z0-9-_.]*$/, { message: "mã chỉ gồm chữ thường không dấu, số, -, _ và ." }));

export { LEVELS, type Level } from "./levels.ts";

/** Where a library entry comes from: the document and its part. */
const source = describedCopy(nonEmpty, 'Văn bản và phần văn bản mà nội dung lấy từ đó, ví dụ: "NQ 72-NQ/TW, II.2", "CT 25-CT/TW, đoạn 5"');

/**
 * Whether the entry was checked against the published text: "yes: <checked against what>"
 * or "no" (optionally "no: <why>"). Unverified figures reach plans only as placeholders.
 */
const verified = described(
  z.string().check(z.regex(/^(?:yes: \S.*|no(?:: \S.*)?)$/, { message: 'ghi "yes: <đã đối chiếu với văn bản nào>" hoặc "no" (hoặc "no: <lý do>")' })),
  'Đã đối chiếu với văn bản gốc chưa: "yes: <đối chiếu với gì>" hoặc "no" / "no: <lý do>"',
);

/** A library entry's `verified` says it was checked against the published text. */
export const isVerified = (status: string): boolean => status.startsWith("yes:");

export const standardTaskSchema = z.strictObject({
  id,
  content: nonEmpty,
  lead: described(z.array(id).check(z.minLength(1)), "Vai trò chủ trì (mã vai trò trong seeds/levels/*.yaml)"),
  partners: z._default(z.array(id), []),
  deadline: described(
    z.optional(deadlineSchema),
    `Thời hạn, chỉ khi văn bản gốc đặt thời hạn (không ghi: kế hoạch khởi tạo để chỗ trống [[thời hạn]]): ${DEADLINE_FORMS}`,
  ),
  levels: described(z._default(z.array(z.enum(LEVELS)), [...LEVELS]), "Cấp áp dụng nhiệm vụ"),
  source,
  verified,
});

export const directiveSectionSchema = z.strictObject({
  number: z.int().check(z.positive()),
  title: nonEmpty,
  /** where the title (and text) comes from */
  source,
  verified,
  /** "tasks" sections are mirrored by plans; "organization" is the directive's own Tổ chức thực hiện */
  kind: z._default(z.enum(["tasks", "organization"]), "tasks"),
  text: described(z._default(z.array(nonEmpty), []), "Nội dung mục của văn bản"),
  tasks: z._default(z.array(standardTaskSchema), []),
});

export const directiveSchema = z.strictObject({
  $schema: z.optional(z.string()),
  id,
  citation: citationSchema,
  family: described(z.enum(["state", "party"]), "Văn bản của Đảng hay của Nhà nước"),
  implements: described(z._default(z.array(id), []), "Các văn bản mà văn bản này triển khai (mã trong seeds/)"),
  horizon: described(z.optional(z.int()), "Năm đích của các mục tiêu"),
  targets: z._default(z.array(z.strictObject({ id, text: nonEmpty, milestone: z.optional(z.string()), source, verified })), []),
  sections: z._default(z.array(directiveSectionSchema), []),
});

export type Directive = z.output<typeof directiveSchema>;
export type StandardTask = z.output<typeof standardTaskSchema>;
export type DirectiveTarget = Directive["targets"][number];

/** seeds/levels/<level>.yaml: the agency registry of a government level, by role. */
export const levelSchema = z.strictObject({
  $schema: z.optional(z.string()),
  level: z.enum(LEVELS),
  note: z.optional(z.string()),
  agencies: z.record(id, z.strictObject({ name: nonEmpty, group: z.optional(z.boolean()) })),
});
export type LevelRegistry = z.output<typeof levelSchema>;
