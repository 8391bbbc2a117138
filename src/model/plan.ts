// The plan data model: what a plan YAML file may contain. Every object is
// strict (unknown keys are errors with a "did you mean" hint).
// Texts may reference documents of the citation registry: "{ct25}" (first
// mention in full + "(gọi tắt là …)", later the short name), "{ct25:full}",
// "{ct25:short}". "[[…]]" marks a placeholder left for the clerk.
import { z } from "zod";
import { deadlineSchema } from "./deadline.ts";
import { isoDateSchema, issueDateSchema } from "./date.ts";

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-_.]*$/, { message: "mã chỉ gồm chữ thường không dấu, số, -, _ và ." })
  .meta({ description: "Mã (id): chữ thường không dấu, số, dấu -" });
const text = z.string().min(1).meta({ description: "Đoạn văn (có thể dẫn văn bản: {ct25}, {ct25:full}, {ct25:short})" });
const lines = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .meta({ description: "Một dòng hoặc danh sách dòng (xuống dòng theo dữ liệu)" });

/** A paragraph with optional "-" bullets, which may have "+" sub-bullets. */
export interface ItemInput {
  text: string;
  bullets?: (string | ItemInput)[];
}
export const itemSchema: z.ZodType<string | Item, string | ItemInput> = z.union([
  text,
  z.strictObject({
    text: text,
    get bullets() {
      return z.array(itemSchema).optional();
    },
  }),
]);
export interface Item {
  text: string;
  bullets?: (string | Item)[] | undefined;
}

export const issuerSchema = z.strictObject({
  parent: lines.optional().meta({ description: "Cơ quan chủ quản (dòng chữ in hoa đứng, không đậm), ví dụ UBND TỈNH LAI CHÂU" }),
  name: lines.meta({ description: "Tên cơ quan ban hành trên tiêu đề, in hoa đậm, ví dụ [ỦY BAN NHÂN DÂN, TỈNH BẮC KẠN]" }),
  fullName: z.string().min(1).meta({ description: "Tên cơ quan viết thường trong câu, ví dụ Ủy ban nhân dân tỉnh Bắc Kạn" }),
  place: z.string().min(1).meta({ description: "Địa danh ghi ở dòng ngày tháng, ví dụ Bắc Kạn" }),
});

export const citationSchema = z.strictObject({
  kind: z.string().min(1).meta({ description: "Loại văn bản: Chỉ thị, Nghị quyết, Quyết định, Kế hoạch…" }),
  number: z.string().min(1).meta({ description: "Số và ký hiệu, ví dụ 25-CT/TW, 281/QĐ-TTg" }),
  date: isoDateSchema,
  issuer: z.string().min(1).meta({ description: "Cơ quan ban hành, ví dụ Ban Bí thư" }),
  title: z.string().min(1).meta({ description: "Trích yếu, ví dụ về tiếp tục củng cố…" }),
});

export const targetSchema = z.strictObject({
  id,
  text,
});

export const sectionSchema = z.strictObject({
  id,
  title: text.meta({ description: "Tên mục (mục của Chỉ thị mà kế hoạch bám theo)" }),
  directiveSection: z.number().int().positive().optional().meta({ description: "Số mục tương ứng trong văn bản cấp trên" }),
  items: z.array(itemSchema).default([]),
});

export const taskSchema = z.strictObject({
  id,
  section: id.meta({ description: "Mã mục nhiệm vụ (sections[].id)" }),
  content: text,
  lead: z.array(id).min(1).meta({ description: "Cơ quan chủ trì (mã trong agencies)" }),
  partners: z.array(id).default([]).meta({ description: "Cơ quan phối hợp (mã trong agencies)" }),
  deadline: deadlineSchema,
});

export const agencySchema = z.strictObject({
  name: z.string().min(1).meta({ description: "Tên hiển thị, ví dụ Sở Y tế; nhóm chung viết thường: các cơ quan, đơn vị liên quan" }),
  group: z.boolean().optional().meta({ description: "Nhóm chung (đứng cuối, nối bằng \"và\")" }),
});

export const dutySchema = z
  .strictObject({
    agency: id.optional().meta({ description: "Mã cơ quan (tiêu đề lấy tên cơ quan)" }),
    title: z.string().min(1).optional().meta({ description: "Tiêu đề, khi không dùng mã cơ quan" }),
    inline: z.boolean().optional().meta({ description: "Tiêu đề và nội dung trên cùng một dòng: \"8. X: nội dung\"" }),
    items: z.array(itemSchema).min(1),
  });

export const recipientsSchema = z.strictObject({
  before: z.array(z.string().min(1)).default([]).meta({ description: "Dòng đứng trước danh sách, ví dụ Gửi bản điện tử:" }),
  items: z.array(z.string().min(1)).min(1),
  archive: z.string().min(1).meta({ description: "Phần sau \"Lưu:\", ví dụ VT, VXNV" }),
});

export const signerSchema = z.strictObject({
  authority: z.string().min(1).meta({ description: "Thẩm quyền ký, ví dụ TM. ỦY BAN NHÂN DÂN" }),
  delegate: z.string().min(1).optional().meta({ description: "Ký thay, ví dụ KT. CHỦ TỊCH" }),
  title: z.string().min(1).optional().meta({ description: "Chức vụ người ký, ví dụ PHÓ CHỦ TỊCH" }),
  name: z.string().min(1),
});

export const planSchema = z.strictObject({
  $schema: z.string().optional(),
  family: z.enum(["state", "party"]).default("state").meta({ description: "Thể thức: state (Nghị định 30/2020) hoặc party (Hướng dẫn 36-HD/VPTW)" }),
  header: z
    .strictObject({
      nation: z.string().optional().meta({ description: "Ghi đè quốc hiệu (ví dụ CỘNG HOÀ… kiểu cũ)" }),
      motto: z.string().optional(),
      draft: z.boolean().optional().meta({ description: "In dấu DỰ THẢO" }),
    })
    .default({}),
  issuer: issuerSchema,
  number: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).optional().meta({ description: "Số văn bản; bỏ trống khi là dự thảo" }),
  symbol: z.string().min(1).meta({ description: "Ký hiệu, ví dụ KH-UBND" }),
  date: issueDateSchema,
  period: z.strictObject({ from: z.number().int(), to: z.number().int() }).optional().meta({ description: "Thời kỳ kế hoạch" }),
  title: lines.meta({ description: "Trích yếu nội dung, theo dòng" }),
  documents: z.record(id, citationSchema).default({}).meta({ description: "Văn bản được dẫn (sổ trích dẫn)" }),
  legalBasis: z.strictObject({
    items: z.array(text).min(1),
    conclusion: text,
  }),
  purposes: z.array(itemSchema).min(1),
  requirements: z.array(itemSchema).min(1),
  targets: z.array(targetSchema).default([]),
  sections: z.array(sectionSchema).min(1),
  tasks: z.array(taskSchema).default([]),
  agencies: z.record(id, agencySchema),
  duties: z.array(dutySchema).default([]),
  closing: text,
  recipients: recipientsSchema,
  signer: signerSchema,
  appendix: z
    .strictObject({
      heading: z.string().default("PHỤ LỤC"),
      title: text,
    })
    .optional(),
});

export type PlanInput = z.input<typeof planSchema>;
export type Plan = z.output<typeof planSchema>;
export type Task = Plan["tasks"][number];
export type Citation = Plan["documents"][string];
