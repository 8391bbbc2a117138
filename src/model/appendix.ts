// Appendices (PHỤ LỤC) as data: what each one tabulates, its columns and their
// header words, group rows, numbering and caption. The rows themselves are
// derived from the plan's tasks, targets or indicators, never typed twice.
import { z } from "zod";
import { deadlineSchema } from "./deadline.ts";

const text = z.string().min(1);

/** Columns of a task appendix: what each prints, with the header words real plans use. */
export const TASK_COLUMNS = {
  no: { header: "TT", width: 12, align: "center" },
  content: { header: "Nội dung nhiệm vụ", width: 105, align: "justify" },
  detail: { header: "Nội dung thực hiện", width: 80, align: "justify" },
  lead: { header: "Cơ quan chủ trì", width: 45, align: "center" },
  partners: { header: "Cơ quan phối hợp", width: 50, align: "center" },
  deadline: { header: "Thời gian hoàn thành", width: 40, align: "center" },
  output: { header: "Sản phẩm dự kiến", width: 40, align: "center" },
  budget: { header: "Kinh phí", width: 30, align: "center" },
  note: { header: "Ghi chú", width: 25, align: "center" },
} as const;
/** Columns of a target appendix (Phụ lục II: chỉ tiêu). */
export const TARGET_COLUMNS = {
  no: { header: "TT", width: 12, align: "center" },
  text: { header: "Chỉ tiêu", width: 180, align: "justify" },
  milestone: { header: "Thời hạn", width: 40, align: "center" },
} as const;
export type TaskColumnKey = keyof typeof TASK_COLUMNS;
export type TargetColumnKey = keyof typeof TARGET_COLUMNS;
const COLUMN_KEYS = [...new Set([...Object.keys(TASK_COLUMNS), ...Object.keys(TARGET_COLUMNS)])] as [string, ...string[]];

const columnSchema = z
  .union([
    z.enum(COLUMN_KEYS),
    z.strictObject({
      key: z.enum(COLUMN_KEYS).meta({ description: "Nội dung cột: no, content, detail, lead, partners, deadline, output, budget, note (phụ lục nhiệm vụ); no, text, milestone (phụ lục chỉ tiêu)" }),
      header: text.optional().meta({ description: "Chữ ở dòng tiêu đề, ví dụ Đơn vị chủ trì, Thời gian thực hiện" }),
      width: z.number().positive().optional().meta({ description: "Độ rộng cột (mm); các cột được co giãn cho vừa trang ngang 252 mm" }),
    }),
  ])
  .transform((c) => (typeof c === "string" ? { key: c } : c))
  .meta({ description: "Một cột: tên cột (ví dụ lead) hoặc { key, header, width }" });

export const appendixSchema = z.strictObject({
  heading: z.string().min(1).optional().meta({ description: "Dòng đầu, mặc định PHỤ LỤC (thêm I, II… khi có từ hai phụ lục)" }),
  title: text.meta({ description: "Tên phụ lục, ví dụ DANH MỤC NHIỆM VỤ …" }),
  content: z.enum(["tasks", "targets", "indicators"]).default("tasks").meta({ description: "Nội dung bảng: tasks (nhiệm vụ), targets (các mục tiêu/chỉ tiêu), indicators (bảng chỉ tiêu số liệu)" }),
  columns: z.array(columnSchema).min(2).optional().meta({ description: "Các cột theo thứ tự; mặc định [no, content, lead, partners, deadline] (tasks), [no, text, milestone] (targets)" }),
  groups: z.boolean().optional().meta({ description: "true: nhóm nhiệm vụ theo mục (sections) dưới dòng in đậm suốt bảng \"I. Tên mục\"" }),
  numbering: z.enum(["continuous", "restart"]).default("continuous").meta({ description: "Số TT chạy suốt bảng (continuous) hay bắt đầu lại ở mỗi nhóm (restart)" }),
  caption: z
    .strictObject({
      of: text.optional().meta({ description: "Phần sau \"của\", ví dụ Ủy ban nhân dân tỉnh (mặc định tên đầy đủ của cơ quan ban hành)" }),
      date: z.enum(["words", "slash"]).optional().meta({ description: "words: ngày 01 tháng 12 năm 2025 (mặc định); slash: ngày 01/12/2025" }),
    })
    .default({})
    .meta({ description: "Cách ghi dòng (Kèm theo Kế hoạch số … ngày … của …)" }),
  pointer: z
    .union([z.literal(false), text])
    .optional()
    .meta({ description: "Câu dẫn tới phụ lục sau các mục nhiệm vụ: false để bỏ; một câu để in đúng câu đó (đoạn thường, không đánh số); bỏ trống: mục đánh số \"Nhiệm vụ cụ thể … tại Phụ lục kèm theo.\"" }),
}).superRefine((a, ctx) => {
  // keys that would print nothing in this kind of appendix are errors with their place
  const keys: readonly string[] = Object.keys(a.content === "tasks" ? TASK_COLUMNS : TARGET_COLUMNS);
  a.columns?.forEach((c, i) => {
    if (a.content === "indicators") ctx.addIssue({ code: "custom", path: ["columns"], message: "Phụ lục indicators lấy cột từ indicators.columns, không dùng columns (no effect)" });
    else if (!keys.includes(c.key)) ctx.addIssue({ code: "custom", path: ["columns", i], message: `Cột "${c.key}" không dùng được trong phụ lục ${a.content}; các cột: ${keys.join(", ")}` });
  });
  if (a.groups && a.content !== "tasks") ctx.addIssue({ code: "custom", path: ["groups"], message: "groups chỉ dùng cho phụ lục nhiệm vụ (content: tasks)" });
  if (a.pointer !== undefined && a.content !== "tasks") ctx.addIssue({ code: "custom", path: ["pointer"], message: "pointer chỉ dùng cho phụ lục nhiệm vụ (content: tasks)" });
});
export type Appendix = z.output<typeof appendixSchema>;

/** One or more appendices: an object, or a list printed as PHỤ LỤC I, II … */
export const appendicesSchema = z
  .union([appendixSchema, z.array(appendixSchema).min(1)])
  .meta({ description: "Phụ lục: một phụ lục, hoặc danh sách phụ lục (PHỤ LỤC I, II …)" });

/** A sub-row of a task in the appendix: its own content; unset fields share (merge) the task's cell. */
export const subRowSchema = z.strictObject({
  content: text.meta({ description: "Nội dung thực hiện của dòng con" }),
  lead: z.array(z.string()).optional(),
  partners: z.array(z.string()).optional(),
  deadline: deadlineSchema.optional(),
  output: text.optional(),
  budget: text.optional(),
  note: text.optional(),
});
export type SubRow = z.output<typeof subRowSchema>;

/** Task fields that only the appendix prints. */
export const taskAppendixFields = {
  output: text.optional().meta({ description: "Sản phẩm dự kiến / kết quả (cột output của phụ lục)" }),
  budget: text.optional().meta({ description: "Kinh phí (cột budget của phụ lục)" }),
  note: text.optional().meta({ description: "Ghi chú (cột note của phụ lục)" }),
  rows: z.array(subRowSchema).optional().meta({ description: "Các dòng con trong phụ lục; ô không ghi riêng được gộp (một cơ quan chủ trì, một thời hạn cho cả nhóm)" }),
};
