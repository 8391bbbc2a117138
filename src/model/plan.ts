// The plan data model: what a plan YAML file may contain. Every object is
// strict (unknown keys are errors with a "did you mean" hint).
// Texts may reference documents of the citation registry: "{ct25}" (first
// mention in full + "(gọi tắt là …)", later the short name), "{ct25:full}",
// "{ct25:short}". "[[…]]" marks a placeholder left for the clerk.
import * as z from "zod/mini";
import { deadlineSchema, type Deadline, type DeadlinePoint } from "./deadline.ts";
import { isoDateSchema, issueDateSchema } from "./date.ts";
import { LEVELS } from "./levels.ts";
import { styleOverrideSchema } from "./style.ts";
import { appendicesSchema, taskAppendixFields } from "./appendix.ts";
import { addIssue, described, describedCopy, nonEmpty, transformed } from "./schema-kit.ts";

const id = described(
  z.string().check(z.regex(/^[a-z0-9][a-z0-9-_.]*$/, { message: "mã chỉ gồm chữ thường không dấu, số, -, _ và ." })),
  "Mã (id): chữ thường không dấu, số, dấu -",
);
const text = describedCopy(nonEmpty, "Đoạn văn (có thể dẫn văn bản: {ct25}, {ct25:full}, {ct25:short})");
const lines = described(
  transformed(z.union([nonEmpty, z.array(nonEmpty).check(z.minLength(1))]), (v) => (Array.isArray(v) ? v : [v])),
  "Một dòng hoặc danh sách dòng (xuống dòng theo dữ liệu)",
);

/** A paragraph with optional "-" bullets, which may have "+" sub-bullets. */
export interface ItemInput {
  text: string;
  bullets?: (string | ItemInput)[];
}
export const itemSchema: z.ZodMiniType<string | Item, string | ItemInput> = z.union([
  text,
  z.strictObject({
    text: text,
    get bullets() {
      return z.optional(z.array(itemSchema));
    },
  }),
]);
export interface Item {
  text: string;
  bullets?: (string | Item)[] | undefined;
}

export const issuerSchema = z.strictObject({
  parent: described(z.optional(lines), "Cơ quan chủ quản (dòng chữ in hoa đứng, không đậm), ví dụ UBND TỈNH LAI CHÂU"),
  name: describedCopy(lines, "Tên cơ quan ban hành trên tiêu đề, in hoa đậm, ví dụ [ỦY BAN NHÂN DÂN, TỈNH BẮC KẠN]"),
  fullName: describedCopy(nonEmpty, "Tên cơ quan viết thường trong câu, ví dụ Ủy ban nhân dân tỉnh Bắc Kạn"),
  place: describedCopy(nonEmpty, "Địa danh ghi ở dòng ngày tháng, ví dụ Bắc Kạn"),
});

export const citationSchema = z.strictObject({
  kind: describedCopy(nonEmpty, "Loại văn bản: Chỉ thị, Nghị quyết, Quyết định, Kế hoạch…"),
  number: describedCopy(nonEmpty, "Số và ký hiệu, ví dụ 25-CT/TW, 281/QĐ-TTg"),
  date: isoDateSchema,
  issuer: describedCopy(nonEmpty, "Cơ quan ban hành, ví dụ Ban Bí thư"),
  title: described(z.optional(nonEmpty), "Trích yếu, ví dụ về tiếp tục củng cố…; cần khi văn bản được dẫn đầy đủ ({id} lần đầu, {id:full})"),
});

export const targetSchema = z.strictObject({
  id,
  text,
  milestone: described(z.optional(z.string()), "Mốc thời gian của mục tiêu, ví dụ 2025, 2030, 2045"),
  value: described(z.optional(z.union([z.number(), nonEmpty])), "Giá trị của mục tiêu, in trong câu bằng {target:<mã>}, ví dụ 95 (in 95) hoặc \"trên 95%\""),
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
  plain: described(z.optional(z.boolean()), "true: tiêu đề là đoạn văn thường có đánh số (không in đậm), nội dung theo sau"),
  numbered: described(z._default(z.boolean(), true), "false: tiêu đề in đậm không đánh số, ví dụ \"Đến năm 2025:\""),
  paragraphs: described(z._default(z.array(itemSchema), []), "Đoạn văn thường"),
  letters: described(z._default(z.array(itemSchema), []), "Các ý đánh chữ a), b), c)…"),
  dashes: described(z._default(z.array(itemSchema), []), "Các ý gạch đầu dòng \"-\" (ý con: \"+\")"),
  use: described(z.optional(z.enum(USES)), "Chèn dữ liệu của kế hoạch: purposes, requirements, targets, sections, duties, indicators"),
  milestone: described(z.optional(z.string()), "Với use: targets — chỉ các mục tiêu của mốc này"),
  as: described(z.optional(z.enum(["numbered", "letters", "dashes", "paragraphs"])), "Với use: targets — cách trình bày (mặc định numbered)"),
  part: described(z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-_.]*$/))), "Với use: duties — chỉ in các phân công có part này (một kế hoạch có thể phân công ở nhiều phần)"),
};
// (a getter, not a spread field: spreading would read nodeSchema before it exists)
export const nodeSchema: z.ZodMiniType<OutlineNode, NodeInput> = z.strictObject({
  title: z.optional(text),
  ...nodeFields,
  get children() {
    return described(z._default(z.array(nodeSchema), []), "Các mục con (đánh số cấp tiếp theo)");
  },
});

export const sectionSchema = z.strictObject({
  id,
  title: describedCopy(text, "Tên mục (mục của Chỉ thị mà kế hoạch bám theo)"),
  directiveSection: described(z.optional(z.int().check(z.positive())), "Số mục tương ứng trong văn bản cấp trên"),
  ...nodeFields,
  get children() {
    return described(z._default(z.array(nodeSchema), []), "Các mục con (đánh số cấp tiếp theo)");
  },
});

/**
 * The numbers an indicator table prints exactly in Vietnamese digits: integers
 * up to 2^53 − 1 (beyond it a double no longer holds the digits typed) and
 * fractions down to a millionth (0 aside); anything else is refused with its place.
 */
export const MAX_PRINTED_NUMBER = Number.MAX_SAFE_INTEGER;
export const MIN_PRINTED_FRACTION = 1e-6;
const printedNumber = z.number().check(
  z.gte(-MAX_PRINTED_NUMBER),
  z.lte(MAX_PRINTED_NUMBER),
  z.refine((v) => v === 0 || Math.abs(v) >= MIN_PRINTED_FRACTION, {
    message: "số quá gần 0, không in được gọn (too close to zero)",
    params: { expected: "0, hoặc giá trị tuyệt đối từ 0,000001 đến 9.007.199.254.740.991" },
  }),
);

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
  columns: described(z.array(nonEmpty).check(z.minLength(1)), "Tiêu đề các cột số liệu, ví dụ [Chỉ tiêu Nghị quyết Đại hội 2026-2030, Năm 2025, KH đến năm 2030]"),
  rows: z.array(
    z.union([
      z.strictObject({
        id: z.optional(id),
        name: text,
        unit: z._default(z.string(), ""),
        values: z.array(indicatorValueSchema),
        decimals: described(z.optional(z.int().check(z.gte(0), z.lte(4))), "Số chữ số thập phân khi in"),
      }),
      z.strictObject({ group: describedCopy(text, "Dòng nhóm chỉ tiêu, ví dụ Chỉ tiêu đầu vào") }),
    ]),
  ),
});

export const taskSchema = transformed(
  z.strictObject({
    id,
    section: describedCopy(id, "Mã mục nhiệm vụ (sections[].id)"),
    content: text,
    lead: described(z._default(z.array(id), []), "Cơ quan chủ trì (mã trong agencies)"),
    partners: described(z._default(z.array(id), []), "Cơ quan phối hợp (mã trong agencies)"),
    deadline: described(z.optional(deadlineSchema), "Thời hạn; có thể bỏ khi mọi dòng con (rows) có thời hạn riêng"),
    targets: described(z._default(z.array(id), []), "Mục tiêu mà nhiệm vụ phục vụ (mã trong targets)"),
    ...taskAppendixFields,
  }),
  (task, ctx) => {
    // a task whose sub-rows each have their own deadline needs none of its own:
    // it spans theirs (what the agency lists and `check` use)
    const deadline = task.deadline ?? spanOfRows(task.rows);
    if (!deadline) {
      addIssue(ctx, { path: ["deadline"], message: "thiếu thời hạn của nhiệm vụ (deadline)", params: { expected: "deadline, hoặc thời hạn ở mọi dòng con (rows)", found: "không có (missing)" } });
      return z.NEVER;
    }
    return { ...task, deadline };
  },
);

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
  name: describedCopy(nonEmpty, "Tên hiển thị, ví dụ Sở Y tế; nhóm chung viết thường: các cơ quan, đơn vị liên quan"),
  group: described(z.optional(z.boolean()), "Nhóm chung (đứng cuối, nối bằng \"và\")"),
  short: described(z.optional(nonEmpty), "Tên gọi tắt: lần đầu in tên đầy đủ, các lần sau in tên này, ví dụ Sở VHTTDL"),
  request: described(z.optional(z.boolean()), "Cơ quan mà cơ quan ban hành đề nghị chứ không giao việc (ví dụ Ủy ban Mặt trận Tổ quốc): tiêu đề phân công in \"Đề nghị …\""),
});

export const dutySchema = z
  .strictObject({
    agency: described(
      z.optional(z.union([id, z.array(id).check(z.minLength(1))])),
      "Mã cơ quan (tiêu đề lấy tên cơ quan); nhiều mã: một tiêu đề cho nhiều cơ quan, ví dụ [so-vhttdl, bao-ptth]",
    ),
    title: described(z.optional(nonEmpty), "Tiêu đề, khi không dùng mã cơ quan"),
    inline: described(z.optional(z.boolean()), "Tiêu đề và nội dung trên cùng một dòng: \"8. X: nội dung\""),
    part: described(z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-_.]*$/))), "Phần của dàn ý in phân công này (outline: use: duties, part: <mã>); bỏ trống: phần use: duties không có part"),
    items: z._default(z.array(itemSchema), []),
    tasks: described(
      z.optional(z.union([z.literal(true), z.strictObject({ sections: described(z.array(id).check(z.minLength(1)), "Chỉ các nhiệm vụ thuộc các mục này") })])),
      "In các nhiệm vụ (tasks) mà cơ quan chủ trì, lấy từ cùng dữ liệu với Phụ lục: true, hoặc { sections: [...] }",
    ),
    listTasks: described(z.optional(z.boolean()), "Thêm câu liệt kê các nhiệm vụ cơ quan chủ trì trong Phụ lục"),
  })
  .check(z.refine((d) => d.items.length > 0 || d.listTasks === true || d.tasks !== undefined, { message: "cần ít nhất một ý (items), tasks hoặc listTasks: true", path: ["items"] }));

/** Per-plan choices of wording where real plans differ; the family gives the default. */
export const phrasingSchema = described(
  z._default(
    z.strictObject({
      deadlines: described(z.optional(z.enum(["long", "short"])), "Cách in thời hạn: long (Nhiệm vụ thường xuyên, Quý IV năm 2025, Năm 2025) hoặc short (Thường xuyên, Quý IV/2025, 2025)"),
      citationDates: described(z.optional(z.enum(["slash", "words"])), "Ngày trong trích dẫn: slash (ngày 15/8/2024) hoặc words (ngày 15 tháng 8 năm 2024)"),
      purposes: described(z.optional(z.enum(["letters", "dashes"])), "Mục đích, yêu cầu in theo a), b) (letters) hoặc gạch đầu dòng (dashes)"),
      dutyItems: described(z.optional(z.enum(["dashes", "letters"])), "Các ý dưới mỗi cơ quan trong phân công: gạch đầu dòng (dashes) hoặc a), b) (letters)"),
    }),
    {},
  ),
  "Cách diễn đạt riêng của kế hoạch; bỏ trống: mặc định của thể thức",
);
export type Phrasing = z.output<typeof phrasingSchema>;

/** A Quyết định that issues the plan: printed first, the plan follows on a new page. */
export const decisionSchema = described(
  z
    .strictObject({
      authority: describedCopy(lines, "Thẩm quyền ban hành in đậm trước (nhà nước) hoặc sau (Đảng) các căn cứ, ví dụ ỦY BAN NHÂN DÂN TỈNH BẮC KẠN, BAN THƯỜNG VỤ TỈNH ỦY"),
      title: described(z.optional(lines), "Trích yếu của Quyết định, theo dòng; bỏ trống: \"Ban hành Kế hoạch …\" theo trích yếu của kế hoạch"),
      bases: described(z.array(text).check(z.minLength(1)), "Các căn cứ, mỗi dòng một căn cứ, không có dấu ; cuối dòng, ví dụ Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025"),
      proposal: described(z.optional(text), "Dòng đề nghị cuối phần căn cứ, ví dụ Theo đề nghị của Giám đốc Sở Y tế tại Tờ trình số 210/TTr-SYT ngày 05/11/2025"),
      articles: described(z.optional(z.array(text).check(z.minLength(1))), "Các Điều, viết sẵn (thay cho Điều 1 ban hành, Điều 2 hiệu lực, Điều 3 thi hành mặc định)"),
      effect: described(z.optional(text), "Với Điều mặc định: câu của Điều 2 khi khác mặc định \"Quyết định này có hiệu lực kể từ ngày ký.\", ví dụ Quyết định này có hiệu lực thi hành kể từ ngày ký."),
      executors: described(z.optional(text), "Với Điều mặc định: những người chịu trách nhiệm thi hành (Điều 3), ví dụ Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các sở…"),
    })
    .check(
      z.superRefine((d, ctx) => {
        if (d.articles && d.executors) ctx.addIssue({ code: "custom", message: "executors không có tác dụng khi đã viết articles (key without effect)", path: ["executors"], params: { expected: "articles hoặc executors, không cả hai" } });
        if (d.articles && d.effect) ctx.addIssue({ code: "custom", message: "effect không có tác dụng khi đã viết articles (key without effect)", path: ["effect"], params: { expected: "articles hoặc effect, không cả hai" } });
        if (!d.articles && !d.executors) ctx.addIssue({ code: "custom", message: "cần executors (Điều 3: những người thi hành) hoặc articles", path: ["executors"], params: { expected: "executors: <những người thi hành>" } });
      }),
    ),
  "Kế hoạch ban hành kèm theo Quyết định: Quyết định (căn cứ, Điều 1–3, nơi nhận, chữ ký) in trước, kế hoạch sang trang mới với dòng (Ban hành kèm theo Quyết định số …). Khi có decision, number/symbol/date/recipients/signer của tệp là của Quyết định",
);

export const recipientsSchema = z.strictObject({
  punctuation: described(z.optional(z.enum([";", ","])), "Dấu cuối mỗi dòng nơi nhận (mặc định: \";\" văn bản nhà nước, \",\" văn bản Đảng)"),
  before: described(z._default(z.array(nonEmpty), []), "Dòng đứng trước danh sách, ví dụ Gửi bản điện tử:"),
  items: z.array(nonEmpty).check(z.minLength(1)),
  archive: describedCopy(nonEmpty, "Phần sau \"Lưu:\", ví dụ VT, VXNV"),
});

export const signerSchema = z.strictObject({
  authority: describedCopy(nonEmpty, "Thẩm quyền ký, ví dụ TM. ỦY BAN NHÂN DÂN"),
  delegate: described(z.optional(nonEmpty), "Ký thay, ví dụ KT. CHỦ TỊCH"),
  title: described(z.optional(nonEmpty), "Chức vụ người ký, ví dụ PHÓ CHỦ TỊCH"),
  name: nonEmpty,
});

const openingSchema = z.union([
  describedCopy(text, "Cả đoạn căn cứ, viết sẵn"),
  z.strictObject({
    items: described(z.array(text).check(z.minLength(1)), "Các văn bản căn cứ; in: Thực hiện A; B; <conclusion>"),
    conclusion: text,
  }),
]);

export const planSchema = z.strictObject({
  $schema: z.optional(z.string()),
  extends: described(z.optional(nonEmpty), "Kế hoạch cha (đường dẫn tương đối): kế thừa mọi thứ, ghi đè những gì tệp này nêu; targets/sections/tasks ghép theo id (drop: true để bỏ)"),
  agencyMap: described(z.optional(z.record(id, z.union([id, z.null()]))), "Đổi mã cơ quan trong nhiệm vụ và phân công kế thừa, ví dụ so-yt: tram-y-te; null: bỏ cơ quan đó"),
  directive: described(z.optional(id), "Văn bản cấp trên mà kế hoạch thực hiện (mã trong thư viện seeds/); trích dẫn của nó và các văn bản nó triển khai được thêm vào documents"),
  level: described(z.optional(z.enum(LEVELS)), "Cấp ban hành: province, department, commune"),
  kind: described(z._default(z.enum(["ke-hoach", "chuong-trinh"]), "ke-hoach"), "Loại văn bản: ke-hoach (KẾ HOẠCH) hoặc chuong-trinh (CHƯƠNG TRÌNH HÀNH ĐỘNG); mẫu của loại nằm ở templates/kinds/"),
  family: described(z._default(z.enum(["state", "party"]), "state"), "Thể thức: state (Nghị định 30/2020) hoặc party (Hướng dẫn 36-HD/VPTW)"),
  style: z.optional(styleOverrideSchema),
  phrasing: phrasingSchema,
  decision: z.optional(decisionSchema),
  header: z._default(
    z.strictObject({
      nation: described(z.optional(z.string()), "Ghi đè quốc hiệu (ví dụ CỘNG HOÀ… kiểu cũ)"),
      motto: z.optional(z.string()),
      draft: described(
        z.optional(z.union([z.boolean(), z.int().check(z.gte(2))])),
        "In dấu dự thảo trên tiêu đề: true (DỰ THẢO; văn bản Đảng: Dự thảo) hoặc số lần, ví dụ 2 (DỰ THẢO LẦN 2 / Dự thảo lần 2)",
      ),
    }),
    {},
  ),
  issuer: issuerSchema,
  number: described(z.optional(z.union([z.int().check(z.positive()), z.string().check(z.regex(/^\d+$/))])), "Số văn bản; bỏ trống khi là dự thảo"),
  symbol: describedCopy(nonEmpty, "Ký hiệu, ví dụ KH-UBND"),
  date: issueDateSchema,
  revision: described(
    z.optional(
      z.strictObject({
        author: describedCopy(nonEmpty, "Người/cơ quan sửa đổi, ghi vào các thay đổi được theo dõi, ví dụ Sở Y tế"),
        date: describedCopy(isoDateSchema, "Ngày sửa đổi dạng YYYY-MM-DD, ví dụ 2024-03-15"),
      }),
    ),
    "Thông tin sửa đổi cho kehoach build --compare (bản DOCX có theo dõi thay đổi); bỏ trống: tên cơ quan ban hành và ngày ban hành (dự thảo: ngày 01/01 của năm)",
  ),
  period: described(z.optional(z.strictObject({ from: z.int().check(z.gte(1945), z.lte(2200)), to: z.int().check(z.gte(1945), z.lte(2200)) })), "Thời kỳ kế hoạch"),
  title: describedCopy(lines, "Trích yếu nội dung, theo dòng"),
  documents: described(z._default(z.record(id, citationSchema), {}), "Văn bản được dẫn (sổ trích dẫn)"),
  legalBasis: z.union([openingSchema, described(z.array(openingSchema).check(z.minLength(1)), "Phần mở đầu nhiều đoạn (tình hình, căn cứ…), mỗi phần tử một đoạn")]),
  outline: described(z.optional(z.array(nodeSchema)), "Dàn ý riêng của kế hoạch (khi không theo dàn ý mặc định I. Mục đích, yêu cầu / II. Mục tiêu / III. Nhiệm vụ và giải pháp / IV. Tổ chức thực hiện)"),
  purposes: z._default(z.array(itemSchema), []),
  requirements: z._default(z.array(itemSchema), []),
  targets: z._default(z.array(targetSchema), []),
  indicators: z.optional(indicatorsSchema),
  sections: z._default(z.array(sectionSchema), []),
  tasks: z._default(z.array(taskSchema), []),
  agencies: described(z._default(z.record(id, agencySchema), {}), "Sổ cơ quan: mã → tên; với level, sổ chuẩn của cấp đó (seeds/levels/) được dùng làm nền"),
  duties: z._default(z.array(dutySchema), []),
  closing: z.optional(text),
  recipients: recipientsSchema,
  signer: signerSchema,
  copy: described(
    z.optional(
      z.strictObject({
        kind: described(z._default(nonEmpty, "SAO LỤC"), "SAO LỤC, SAO Y…"),
        issuer: issuerSchema,
        number: z.optional(z.union([z.int().check(z.positive()), z.string().check(z.regex(/^\d+$/))])),
        symbol: describedCopy(nonEmpty, "Ký hiệu bản sao, ví dụ BS/TU"),
        date: issueDateSchema,
        paragraphs: described(z._default(z.array(itemSchema), []), "Ý kiến chỉ đạo kèm bản sao"),
        recipients: recipientsSchema,
        signer: signerSchema,
      }),
    ),
    "Khối sao văn bản (SAO LỤC) in sau chữ ký, như cuối Chỉ thị 25-CT/TW do Tỉnh ủy sao lục",
  ),
  appendix: z.optional(appendicesSchema),
  footnotes: described(z._default(z.record(id, text), {}), "Chú thích cuối trang: mã → nội dung; đánh dấu trong mọi đoạn văn bằng [^mã], đánh số liên tục theo thứ tự xuất hiện"),
});

export type PlanInput = z.input<typeof planSchema>;
export type Plan = z.output<typeof planSchema>;
export type Task = Plan["tasks"][number];
/** A duty, with the order its keys were written in (set by the loader: tasks before items?) */
export type Duty = Plan["duties"][number] & { order?: string[] | undefined };
export type Citation = Plan["documents"][string];
