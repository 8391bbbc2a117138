// The plan data model: what a plan YAML file may contain. Every object is
// strict (unknown keys are errors with a "did you mean" hint).
// Texts may reference documents of the citation registry: "{ct25}" (first
// mention in full + "(gọi tắt là …)", later the short name), "{ct25:full}",
// "{ct25:short}". "[[…]]" marks a placeholder left for the clerk.
import { z } from "zod";
import { deadlineSchema, type Deadline, type DeadlinePoint } from "./deadline.ts";
import { isoDateSchema, issueDateSchema } from "./date.ts";
import { LEVELS } from "./levels.ts";
import { styleOverrideSchema } from "./style.ts";
import { appendicesSchema, taskAppendixFields } from "./appendix.ts";

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
  title: z.string().min(1).optional().meta({ description: "Trích yếu, ví dụ về tiếp tục củng cố…; cần khi văn bản được dẫn đầy đủ ({id} lần đầu, {id:full})" }),
});

export const targetSchema = z.strictObject({
  id,
  text,
  milestone: z.string().optional().meta({ description: "Mốc thời gian của mục tiêu, ví dụ 2025, 2030, 2045" }),
  value: z.union([z.number(), z.string().min(1)]).optional().meta({ description: "Giá trị của mục tiêu, in trong câu bằng {target:<mã>}, ví dụ 95 (in 95) hoặc \"trên 95%\"" }),
});

/** What an outline node can embed from the plan's typed data. */
export const USES = ["purposes", "requirements", "targets", "sections", "duties", "indicators"] as const;

/** The order in which a node's content keys were written (set by the loader from the YAML). */
export type ContentKey = "paragraphs" | "letters" | "dashes";

/**
 * One heading of the plan's outline with its content. Depth gives the
 * numbering level (I. / 1. / 1.1. / a) in state documents, I- / 1- / 1.1- in
 * Party ones); content is plain paragraphs, lettered items a) b) or "-" items.
 */
export interface NodeInput {
  title?: string;
  plain?: boolean;
  numbered?: boolean;
  paragraphs?: (string | ItemInput)[];
  letters?: (string | ItemInput)[];
  dashes?: (string | ItemInput)[];
  use?: (typeof USES)[number];
  milestone?: string;
  as?: "numbered" | "letters" | "dashes" | "paragraphs";
  part?: string;
  children?: NodeInput[];
}
export interface OutlineNode {
  title?: string | undefined;
  plain?: boolean | undefined;
  numbered: boolean;
  paragraphs: (string | Item)[];
  letters: (string | Item)[];
  dashes: (string | Item)[];
  use?: (typeof USES)[number] | undefined;
  milestone?: string | undefined;
  as?: "numbered" | "letters" | "dashes" | "paragraphs" | undefined;
  part?: string | undefined;
  children: OutlineNode[];
  /** content keys in the order the YAML wrote them (loader); absent: paragraphs, letters, dashes */
  order?: ContentKey[] | undefined;
}
const nodeFields = {
  plain: z.boolean().optional().meta({ description: "true: tiêu đề là đoạn văn thường có đánh số (không in đậm), nội dung theo sau" }),
  numbered: z.boolean().default(true).meta({ description: "false: tiêu đề in đậm không đánh số, ví dụ \"Đến năm 2025:\"" }),
  paragraphs: z.array(itemSchema).default([]).meta({ description: "Đoạn văn thường" }),
  letters: z.array(itemSchema).default([]).meta({ description: "Các ý đánh chữ a), b), c)…" }),
  dashes: z.array(itemSchema).default([]).meta({ description: "Các ý gạch đầu dòng \"-\" (ý con: \"+\")" }),
  use: z.enum(USES).optional().meta({ description: "Chèn dữ liệu của kế hoạch: purposes, requirements, targets, sections, duties, indicators" }),
  milestone: z.string().optional().meta({ description: "Với use: targets — chỉ các mục tiêu của mốc này" }),
  as: z.enum(["numbered", "letters", "dashes", "paragraphs"]).optional().meta({ description: "Với use: targets — cách trình bày (mặc định numbered)" }),
  part: z.string().regex(/^[a-z0-9][a-z0-9-_.]*$/).optional().meta({ description: "Với use: duties — chỉ in các phân công có part này (một kế hoạch có thể phân công ở nhiều phần)" }),
};
// (a getter, not a spread field: spreading would read nodeSchema before it exists)
export const nodeSchema: z.ZodType<OutlineNode, NodeInput> = z.strictObject({
  title: text.optional(),
  ...nodeFields,
  get children() {
    return z.array(nodeSchema).default([]).meta({ description: "Các mục con (đánh số cấp tiếp theo)" });
  },
});

export const sectionSchema = z.strictObject({
  id,
  title: text.meta({ description: "Tên mục (mục của Chỉ thị mà kế hoạch bám theo)" }),
  directiveSection: z.number().int().positive().optional().meta({ description: "Số mục tương ứng trong văn bản cấp trên" }),
  ...nodeFields,
  get children() {
    return z.array(nodeSchema).default([]).meta({ description: "Các mục con (đánh số cấp tiếp theo)" });
  },
});

/**
 * The numbers an indicator table prints exactly in Vietnamese digits: integers
 * up to 2^53 − 1 (beyond it a double no longer holds the digits typed) and
 * fractions down to a millionth (0 aside); anything else is refused with its place.
 */
export const MAX_PRINTED_NUMBER = Number.MAX_SAFE_INTEGER;
export const MIN_PRINTED_FRACTION = 1e-6;
const printedNumber = z
  .number()
  .min(-MAX_PRINTED_NUMBER)
  .max(MAX_PRINTED_NUMBER)
  .refine((v) => v === 0 || Math.abs(v) >= MIN_PRINTED_FRACTION, {
    message: "số quá gần 0, không in được gọn (too close to zero)",
    params: { expected: "0, hoặc giá trị tuyệt đối từ 0,000001 đến 9.007.199.254.740.991" },
  });

/** A number as data: 13.5, or a bound { gt: 13.5 } printed ">13,5". */
export const indicatorValueSchema = z.union([
  printedNumber,
  z.strictObject({ gt: printedNumber }),
  z.strictObject({ lt: printedNumber }),
  z.strictObject({ gte: printedNumber }),
  z.strictObject({ lte: printedNumber }),
  z.string(),
]);
export type IndicatorValue = z.output<typeof indicatorValueSchema>;

export const indicatorsSchema = z.strictObject({
  columns: z.array(z.string().min(1)).min(1).meta({ description: "Tiêu đề các cột số liệu, ví dụ [Chỉ tiêu Nghị quyết Đại hội 2026-2030, Năm 2025, KH đến năm 2030]" }),
  rows: z.array(
    z.union([
      z.strictObject({
        id: id.optional(),
        name: text,
        unit: z.string().default(""),
        values: z.array(indicatorValueSchema),
        decimals: z.number().int().min(0).max(4).optional().meta({ description: "Số chữ số thập phân khi in" }),
      }),
      z.strictObject({ group: text.meta({ description: "Dòng nhóm chỉ tiêu, ví dụ Chỉ tiêu đầu vào" }) }),
    ]),
  ),
});

export const taskSchema = z
  .strictObject({
    id,
    section: id.meta({ description: "Mã mục nhiệm vụ (sections[].id)" }),
    content: text,
    lead: z.array(id).default([]).meta({ description: "Cơ quan chủ trì (mã trong agencies)" }),
    partners: z.array(id).default([]).meta({ description: "Cơ quan phối hợp (mã trong agencies)" }),
    deadline: deadlineSchema.optional().meta({ description: "Thời hạn; có thể bỏ khi mọi dòng con (rows) có thời hạn riêng" }),
    targets: z.array(id).default([]).meta({ description: "Mục tiêu mà nhiệm vụ phục vụ (mã trong targets)" }),
    ...taskAppendixFields,
  })
  .transform((task, ctx) => {
    // a task whose sub-rows each have their own deadline needs none of its own:
    // it spans theirs (what the agency lists and `check` use)
    const deadline = task.deadline ?? spanOfRows(task.rows);
    if (!deadline) {
      ctx.addIssue({ code: "custom", path: ["deadline"], message: "thiếu thời hạn của nhiệm vụ (deadline)", params: { expected: "deadline, hoặc thời hạn ở mọi dòng con (rows)", found: "không có (missing)" } });
      return z.NEVER;
    }
    return { ...task, deadline };
  });

/** The deadline that covers every sub-row's own one (undefined when a row has none or they cannot be spanned). */
function spanOfRows(rows: { deadline?: Deadline | undefined }[] | undefined): Deadline | undefined {
  if (!rows?.length || rows.some((r) => r.deadline === undefined)) return undefined;
  const ds = rows.map((r) => r.deadline!);
  if (ds.every((d) => JSON.stringify(d) === JSON.stringify(ds[0]))) return ds[0];
  const points = ds.flatMap((d): DeadlinePoint[] => (d.kind === "range" ? [d.from, d.to] : d.kind === "quarter" || d.kind === "month" || d.kind === "year" ? [d] : []));
  if (points.length !== ds.reduce((n, d) => n + (d.kind === "range" ? 2 : 1), 0)) return undefined;
  const start = (p: DeadlinePoint) => p.year * 100 + (p.kind === "year" ? 1 : p.kind === "quarter" ? p.quarter * 3 - 2 : p.month);
  const end = (p: DeadlinePoint) => p.year * 100 + (p.kind === "year" ? 12 : p.kind === "quarter" ? p.quarter * 3 : p.month);
  const from = points.reduce((a, b) => (start(b) < start(a) ? b : a));
  const to = points.reduce((a, b) => (end(b) > end(a) ? b : a));
  return start(from) < start(to) ? { kind: "range", from, to } : from;
}

export const agencySchema = z.strictObject({
  name: z.string().min(1).meta({ description: "Tên hiển thị, ví dụ Sở Y tế; nhóm chung viết thường: các cơ quan, đơn vị liên quan" }),
  group: z.boolean().optional().meta({ description: "Nhóm chung (đứng cuối, nối bằng \"và\")" }),
  short: z.string().min(1).optional().meta({ description: "Tên gọi tắt: lần đầu in tên đầy đủ, các lần sau in tên này, ví dụ Sở VHTTDL" }),
  request: z.boolean().optional().meta({ description: "Cơ quan mà cơ quan ban hành đề nghị chứ không giao việc (ví dụ Ủy ban Mặt trận Tổ quốc): tiêu đề phân công in \"Đề nghị …\"" }),
});

export const dutySchema = z
  .strictObject({
    agency: z
      .union([id, z.array(id).min(1)])
      .optional()
      .meta({ description: "Mã cơ quan (tiêu đề lấy tên cơ quan); nhiều mã: một tiêu đề cho nhiều cơ quan, ví dụ [so-vhttdl, bao-ptth]" }),
    title: z.string().min(1).optional().meta({ description: "Tiêu đề, khi không dùng mã cơ quan" }),
    inline: z.boolean().optional().meta({ description: "Tiêu đề và nội dung trên cùng một dòng: \"8. X: nội dung\"" }),
    part: z.string().regex(/^[a-z0-9][a-z0-9-_.]*$/).optional().meta({ description: "Phần của dàn ý in phân công này (outline: use: duties, part: <mã>); bỏ trống: phần use: duties không có part" }),
    items: z.array(itemSchema).default([]),
    tasks: z
      .union([z.literal(true), z.strictObject({ sections: z.array(id).min(1).meta({ description: "Chỉ các nhiệm vụ thuộc các mục này" }) })])
      .optional()
      .meta({ description: "In các nhiệm vụ (tasks) mà cơ quan chủ trì, lấy từ cùng dữ liệu với Phụ lục: true, hoặc { sections: [...] }" }),
    listTasks: z.boolean().optional().meta({ description: "Thêm câu liệt kê các nhiệm vụ cơ quan chủ trì trong Phụ lục" }),
  })
  .refine((d) => d.items.length > 0 || d.listTasks === true || d.tasks !== undefined, { message: "cần ít nhất một ý (items), tasks hoặc listTasks: true", path: ["items"] });

/** Per-plan choices of wording where real plans differ; the family gives the default. */
export const phrasingSchema = z
  .strictObject({
    deadlines: z.enum(["long", "short"]).optional().meta({ description: "Cách in thời hạn: long (Nhiệm vụ thường xuyên, Quý IV năm 2025, Năm 2025) hoặc short (Thường xuyên, Quý IV/2025, 2025)" }),
    citationDates: z.enum(["slash", "words"]).optional().meta({ description: "Ngày trong trích dẫn: slash (ngày 15/8/2024) hoặc words (ngày 15 tháng 8 năm 2024)" }),
    purposes: z.enum(["letters", "dashes"]).optional().meta({ description: "Mục đích, yêu cầu in theo a), b) (letters) hoặc gạch đầu dòng (dashes)" }),
    dutyItems: z.enum(["dashes", "letters"]).optional().meta({ description: "Các ý dưới mỗi cơ quan trong phân công: gạch đầu dòng (dashes) hoặc a), b) (letters)" }),
  })
  .default({})
  .meta({ description: "Cách diễn đạt riêng của kế hoạch; bỏ trống: mặc định của thể thức" });
export type Phrasing = z.output<typeof phrasingSchema>;

/** A Quyết định that issues the plan: printed first, the plan follows on a new page. */
export const decisionSchema = z
  .strictObject({
    authority: lines.meta({ description: "Thẩm quyền ban hành in đậm trước (nhà nước) hoặc sau (Đảng) các căn cứ, ví dụ ỦY BAN NHÂN DÂN TỈNH BẮC KẠN, BAN THƯỜNG VỤ TỈNH ỦY" }),
    title: lines.optional().meta({ description: "Trích yếu của Quyết định, theo dòng; bỏ trống: \"Ban hành Kế hoạch …\" theo trích yếu của kế hoạch" }),
    bases: z.array(text).min(1).meta({ description: "Các căn cứ, mỗi dòng một căn cứ, không có dấu ; cuối dòng, ví dụ Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025" }),
    proposal: text.optional().meta({ description: "Dòng đề nghị cuối phần căn cứ, ví dụ Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 210/TTr-SYT ngày 05/11/2025" }),
    articles: z.array(text).min(1).optional().meta({ description: "Các Điều, viết sẵn (thay cho Điều 1 ban hành, Điều 2 hiệu lực, Điều 3 thi hành mặc định)" }),
    effect: text.optional().meta({ description: "Với Điều mặc định: câu của Điều 2 khi khác mặc định \"Quyết định này có hiệu lực kể từ ngày ký.\", ví dụ Quyết định này có hiệu lực thi hành kể từ ngày ký." }),
    executors: text.optional().meta({ description: "Với Điều mặc định: những người chịu trách nhiệm thi hành (Điều 3), ví dụ Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở…" }),
  })
  .superRefine((d, ctx) => {
    if (d.articles && d.executors) ctx.addIssue({ code: "custom", message: "executors không có tác dụng khi đã viết articles (key without effect)", path: ["executors"], params: { expected: "articles hoặc executors, không cả hai" } });
    if (d.articles && d.effect) ctx.addIssue({ code: "custom", message: "effect không có tác dụng khi đã viết articles (key without effect)", path: ["effect"], params: { expected: "articles hoặc effect, không cả hai" } });
    if (!d.articles && !d.executors) ctx.addIssue({ code: "custom", message: "cần executors (Điều 3: những người thi hành) hoặc articles", path: ["executors"], params: { expected: "executors: <những người thi hành>" } });
  })
  .meta({ description: "Kế hoạch ban hành kèm theo Quyết định: Quyết định (căn cứ, Điều 1–3, nơi nhận, chữ ký) in trước, kế hoạch sang trang mới với dòng (Ban hành kèm theo Quyết định số …). Khi có decision, number/symbol/date/recipients/signer của tệp là của Quyết định" });

export const recipientsSchema = z.strictObject({
  punctuation: z.enum([";", ","]).optional().meta({ description: "Dấu cuối mỗi dòng nơi nhận (mặc định: \";\" văn bản nhà nước, \",\" văn bản Đảng)" }),
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

const openingSchema = z.union([
  text.meta({ description: "Cả đoạn căn cứ, viết sẵn" }),
  z.strictObject({
    items: z.array(text).min(1).meta({ description: "Các văn bản căn cứ; in: Thực hiện A; B; <conclusion>" }),
    conclusion: text,
  }),
]);

export const planSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.string().min(1).optional().meta({ description: "Kế hoạch cha (đường dẫn tương đối): kế thừa mọi thứ, ghi đè những gì tệp này nêu; targets/sections/tasks ghép theo id (drop: true để bỏ)" }),
  agencyMap: z.record(id, z.union([id, z.null()])).optional().meta({ description: "Đổi mã cơ quan trong nhiệm vụ và phân công kế thừa, ví dụ so-yt: tram-y-te; null: bỏ cơ quan đó" }),
  directive: id.optional().meta({ description: "Văn bản cấp trên mà kế hoạch thực hiện (mã trong thư viện seeds/); trích dẫn của nó và các văn bản nó triển khai được thêm vào documents" }),
  level: z.enum(LEVELS).optional().meta({ description: "Cấp ban hành: province, department, commune" }),
  kind: z.enum(["ke-hoach", "chuong-trinh"]).default("ke-hoach").meta({ description: "Loại văn bản: ke-hoach (KẾ HOẠCH) hoặc chuong-trinh (CHƯƠNG TRÌNH HÀNH ĐỘNG); mẫu của loại nằm ở templates/kinds/" }),
  family: z.enum(["state", "party"]).default("state").meta({ description: "Thể thức: state (Nghị định 30/2020) hoặc party (Hướng dẫn 36-HD/VPTW)" }),
  style: styleOverrideSchema.optional(),
  phrasing: phrasingSchema,
  decision: decisionSchema.optional(),
  header: z
    .strictObject({
      nation: z.string().optional().meta({ description: "Ghi đè quốc hiệu (ví dụ CỘNG HOÀ… kiểu cũ)" }),
      motto: z.string().optional(),
      draft: z
        .union([z.boolean(), z.number().int().min(2)])
        .optional()
        .meta({ description: "In dấu dự thảo trên tiêu đề: true (DỰ THẢO; văn bản Đảng: Dự thảo) hoặc số lần, ví dụ 2 (DỰ THẢO LẦN 2 / Dự thảo lần 2)" }),
    })
    .default({}),
  issuer: issuerSchema,
  number: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).optional().meta({ description: "Số văn bản; bỏ trống khi là dự thảo" }),
  symbol: z.string().min(1).meta({ description: "Ký hiệu, ví dụ KH-UBND" }),
  date: issueDateSchema,
  revision: z
    .strictObject({
      author: z.string().min(1).meta({ description: "Người/cơ quan sửa đổi, ghi vào các thay đổi được theo dõi, ví dụ Sở Y tế" }),
      date: isoDateSchema.meta({ description: "Ngày sửa đổi dạng YYYY-MM-DD, ví dụ 2024-03-15" }),
    })
    .optional()
    .meta({ description: "Thông tin sửa đổi cho kehoach build --compare (bản DOCX có theo dõi thay đổi); bỏ trống: tên cơ quan ban hành và ngày ban hành (dự thảo: ngày 01/01 của năm)" }),
  period: z.strictObject({ from: z.number().int().min(1945).max(2200), to: z.number().int().min(1945).max(2200) }).optional().meta({ description: "Thời kỳ kế hoạch" }),
  title: lines.meta({ description: "Trích yếu nội dung, theo dòng" }),
  documents: z.record(id, citationSchema).default({}).meta({ description: "Văn bản được dẫn (sổ trích dẫn)" }),
  legalBasis: z.union([openingSchema, z.array(openingSchema).min(1).meta({ description: "Phần mở đầu nhiều đoạn (tình hình, căn cứ…), mỗi phần tử một đoạn" })]),
  outline: z.array(nodeSchema).optional().meta({ description: "Dàn ý riêng của kế hoạch (khi không theo dàn ý mặc định I. Mục đích, yêu cầu / II. Mục tiêu / III. Nhiệm vụ và giải pháp / IV. Tổ chức thực hiện)" }),
  purposes: z.array(itemSchema).default([]),
  requirements: z.array(itemSchema).default([]),
  targets: z.array(targetSchema).default([]),
  indicators: indicatorsSchema.optional(),
  sections: z.array(sectionSchema).default([]),
  tasks: z.array(taskSchema).default([]),
  agencies: z.record(id, agencySchema).default({}).meta({ description: "Sổ cơ quan: mã → tên; với level, sổ chuẩn của cấp đó (seeds/levels/) được dùng làm nền" }),
  duties: z.array(dutySchema).default([]),
  closing: text.optional(),
  recipients: recipientsSchema,
  signer: signerSchema,
  copy: z
    .strictObject({
      kind: z.string().min(1).default("SAO LỤC").meta({ description: "SAO LỤC, SAO Y…" }),
      issuer: issuerSchema,
      number: z.union([z.number().int().positive(), z.string().regex(/^\d+$/)]).optional(),
      symbol: z.string().min(1).meta({ description: "Ký hiệu bản sao, ví dụ BS/TU" }),
      date: issueDateSchema,
      paragraphs: z.array(itemSchema).default([]).meta({ description: "Ý kiến chỉ đạo kèm bản sao" }),
      recipients: recipientsSchema,
      signer: signerSchema,
    })
    .optional()
    .meta({ description: "Khối sao văn bản (SAO LỤC) in sau chữ ký, như cuối Chỉ thị 25-CT/TW do Tỉnh ủy sao lục" }),
  appendix: appendicesSchema.optional(),
  footnotes: z.record(id, text).default({}).meta({ description: "Chú thích cuối trang: mã → nội dung; đánh dấu trong mọi đoạn văn bằng [^mã], đánh số liên tục theo thứ tự xuất hiện" }),
});

export type PlanInput = z.input<typeof planSchema>;
export type Plan = z.output<typeof planSchema>;
export type Task = Plan["tasks"][number];
/** A duty, with the order its keys were written in (set by the loader: tasks before items?) */
export type Duty = Plan["duties"][number] & { order?: string[] | undefined };
export type Citation = Plan["documents"][string];
