// The directive library (seeds/): parent documents as structured data.
// A directive carries its citation data, the documents it implements (the
// chain plans cite), its headline targets and its numbered sections; a section
// may list standard tasks, written against agency roles that each government
// level names in seeds/levels/<level>.yaml.
import { z } from "zod";
import { DEADLINE_FORMS, deadlineSchema } from "./deadline.ts";
import { LEVELS } from "./levels.ts";
import { citationSchema } from "./plan.ts";

const id = z.string().regex(/^[a-z0-9][a-z0-9-_.]*$/, { message: "mã chỉ gồm chữ thường không dấu, số, -, _ và ." });

export { LEVELS, type Level } from "./levels.ts";

/** Where a library entry comes from: the document and its part. */
const source = z
  .string()
  .min(1)
  .meta({ description: 'Văn bản và phần văn bản mà nội dung lấy từ đó, ví dụ: "NQ 72-NQ/TW, II.2", "CT 25-CT/TW, đoạn 5"' });

/**
 * Whether the entry was checked against the published text: "yes: <checked against what>"
 * or "no" (optionally "no: <why>"). Unverified figures reach plans only as placeholders.
 */
const verified = z
  .string()
  .regex(/^(?:yes: \S.*|no(?:: \S.*)?)$/, { message: 'ghi "yes: <đã đối chiếu với văn bản nào>" hoặc "no" (hoặc "no: <lý do>")' })
  .meta({ description: 'Đã đối chiếu với văn bản gốc chưa: "yes: <đối chiếu với gì>" hoặc "no" / "no: <lý do>"' });

/** A library entry's `verified` says it was checked against the published text. */
export const isVerified = (status: string): boolean => status.startsWith("yes:");

export const standardTaskSchema = z.strictObject({
  id,
  content: z.string().min(1),
  lead: z.array(id).min(1).meta({ description: "Vai trò chủ trì (mã vai trò trong seeds/levels/*.yaml)" }),
  partners: z.array(id).default([]),
  deadline: deadlineSchema
    .optional()
    .meta({ description: `Thời hạn, chỉ khi văn bản gốc đặt thời hạn (không ghi: kế hoạch khởi tạo để chỗ trống [[thời hạn]]): ${DEADLINE_FORMS}` }),
  levels: z.array(z.enum(LEVELS)).default([...LEVELS]).meta({ description: "Cấp áp dụng nhiệm vụ" }),
  source,
  verified,
});

export const directiveSectionSchema = z.strictObject({
  number: z.number().int().positive(),
  title: z.string().min(1),
  /** where the title (and text) comes from */
  source,
  verified,
  /** "tasks" sections are mirrored by plans; "organization" is the directive's own Tổ chức thực hiện */
  kind: z.enum(["tasks", "organization"]).default("tasks"),
  text: z.array(z.string().min(1)).default([]).meta({ description: "Nội dung mục của văn bản" }),
  tasks: z.array(standardTaskSchema).default([]),
});

export const directiveSchema = z.strictObject({
  $schema: z.string().optional(),
  id,
  citation: citationSchema,
  family: z.enum(["state", "party"]).meta({ description: "Văn bản của Đảng hay của Nhà nước" }),
  implements: z.array(id).default([]).meta({ description: "Các văn bản mà văn bản này triển khai (mã trong seeds/)" }),
  horizon: z.number().int().optional().meta({ description: "Năm đích của các mục tiêu" }),
  targets: z
    .array(z.strictObject({ id, text: z.string().min(1), milestone: z.string().optional(), source, verified }))
    .default([]),
  sections: z.array(directiveSectionSchema).default([]),
});

export type Directive = z.output<typeof directiveSchema>;
export type StandardTask = z.output<typeof standardTaskSchema>;
export type DirectiveTarget = Directive["targets"][number];

/** seeds/levels/<level>.yaml: the agency registry of a government level, by role. */
export const levelSchema = z.strictObject({
  $schema: z.string().optional(),
  level: z.enum(LEVELS),
  note: z.string().optional(),
  agencies: z.record(id, z.strictObject({ name: z.string().min(1), group: z.boolean().optional() })),
});
export type LevelRegistry = z.output<typeof levelSchema>;
