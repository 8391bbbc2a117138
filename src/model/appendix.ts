// Appendices (PHỤ LỤC) as data: what each one tabulates, its columns and their
// header words, group rows, numbering and caption. The rows themselves are
// derived from the plan's tasks, targets or indicators, never typed twice.
import * as z from "zod/mini";
import { described, describedCopy, nonEmpty, transformed } from "./schema-kit.ts";
import { deadlineSchema } from "./deadline.ts";

const text = nonEmpty;

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

const columnSchema = described(
  transformed(
    z.union([
      z.enum(COLUMN_KEYS),
      z.strictObject({
        key: described(z.enum(COLUMN_KEYS), "Nội dung cột: no, content, detail, lead, partners, deadline, output, budget, note (phụ lục nhiệm vụ); no, text, milestone (phụ lục chỉ tiêu)"),
        header: described(z.optional(text), "Chữ ở dòng tiêu đề, ví dụ Đơn vị chủ trì, Thời gian thực hiện"),
        width: described(z.optional(z.number().check(z.positive())), "Độ rộng cột (mm); các cột được co giãn cho vừa trang ngang 252 mm"),
      }),
    ]),
    (c) => (typeof c === "string" ? { key: c } : c),
  ),
  "Một cột: tên cột (ví dụ lead) hoặc { key, header, width }",
);

export const appendixSchema = z
  .strictObject({
    heading: described(z.optional(nonEmpty), "Dòng đầu, mặc định PHỤ LỤC (thêm I, II… khi có từ hai phụ lục)"),
    title: describedCopy(text, "Tên phụ lục, ví dụ DANH MỤC NHIỆM VỤ …"),
    content: described(z._default(z.enum(["tasks", "targets", "indicators"]), "tasks"), "Nội dung bảng: tasks (nhiệm vụ), targets (các mục tiêu/chỉ tiêu), indicators (bảng chỉ tiêu số liệu)"),
    columns: described(z.optional(z.array(columnSchema).check(z.minLength(2))), "Các cột theo thứ tự; mặc định [no, content, lead, partners, deadline] (tasks), [no, text, milestone] (targets)"),
    groups: described(z.optional(z.boolean()), "true: nhóm nhiệm vụ theo mục (sections) dưới dòng in đậm suốt bảng \"I. Tên mục\""),
    numbering: described(z._default(z.enum(["continuous", "restart"]), "continuous"), "Số TT chạy suốt bảng (continuous) hay bắt đầu lại ở mỗi nhóm (restart)"),
    caption: described(
      z._default(
        z.strictObject({
          of: described(z.optional(text), "Phần sau \"của\", ví dụ Ủy ban nhân dân tỉnh (mặc định tên đầy đủ của cơ quan ban hành)"),
          date: described(z.optional(z.enum(["words", "slash"])), "words: ngày 01 tháng 12 năm 2025 (mặc định); slash: ngày 01/12/2025"),
        }),
        {},
      ),
      "Cách ghi dòng (Kèm theo Kế hoạch số … ngày … của …)",
    ),
    pointer: described(
      z.optional(z.union([z.literal(false), text])),
      "Câu dẫn tới phụ lục sau các mục nhiệm vụ: false để bỏ; một câu để in đúng câu đó (đoạn thường, không đánh số); bỏ trống: mục đánh số \"Nhiệm vụ cụ thể … tại Phụ lục kèm theo.\"",
    ),
  })
  .check(
    z.superRefine((a, ctx) => {
      // keys that would print nothing in this kind of appendix are errors with their place
      const keys: readonly string[] = Object.keys(a.content === "tasks" ? TASK_COLUMNS : TARGET_COLUMNS);
      a.columns?.forEach((c, i) => {
        if (a.content === "indicators") ctx.addIssue({ code: "custom", path: ["columns"], message: "Phụ lục indicators lấy cột từ indicators.columns, không dùng columns (no effect)" });
        else if (!keys.includes(c.key)) ctx.addIssue({ code: "custom", path: ["columns", i], message: `Cột "${c.key}" không dùng được trong phụ lục ${a.content}; các cột: ${keys.join(", ")}` });
      });
      if (a.groups && a.content !== "tasks") ctx.addIssue({ code: "custom", path: ["groups"], message: "groups chỉ dùng cho phụ lục nhiệm vụ (content: tasks)" });
      if (a.pointer !== undefined && a.content !== "tasks") ctx.addIssue({ code: "custom", path: ["pointer"], message: "pointer chỉ dùng cho phụ lục nhiệm vụ (content: tasks)" });
    }),
  );
export type Appendix = z.output<typeof appendixSchema>;

/** One or more appendices: an object, or a list printed as PHỤ LỤC I, II … */
export const appendicesSchema = described(
  z.union([appendixSchema, z.array(appendixSchema).check(z.minLength(1))]),
  "Phụ lục: một phụ lục, hoặc danh sách phụ lục (PHỤ LỤC I, II …)",
);

/** A sub-row of a task in the appendix: its own content; unset fields share (merge) the task's cell. */
export const subRowSchema = z.strictObject({
  content: describedCopy(text, "Nội dung thực hiện của dòng con"),
  lead: z.optional(z.array(z.string())),
  partners: z.optional(z.array(z.string())),
  deadline: z.optional(deadlineSchema),
  output: z.optional(text),
  budget: z.optional(text),
  note: z.optional(text),
});
export type SubRow = z.output<typeof subRowSchema>;

/** Task fields that only the appendix prints. */
export const taskAppendixFields = {
  output: described(z.optional(text), "Sản phẩm dự kiến / kết quả (cột output của phụ lục)"),
  budget: described(z.optional(text), "Kinh phí (cột budget của phụ lục)"),
  note: described(z.optional(text), "Ghi chú (cột note của phụ lục)"),
  rows: described(z.optional(z.array(subRowSchema)), "Các dòng con trong phụ lục; ô không ghi riêng được gộp (một cơ quan chủ trì, một thời hạn cho cả nhóm)"),
};
