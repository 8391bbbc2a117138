// One kind of problem report for the whole tool: a Diagnostic (severity, code,
// message, the plan's file:line:col and field path, expected/found). Load,
// schema, check rules, templates, layout and the file system all produce them;
// front ends (the CLI, the web page) only format or show them. A mistake that
// stops the work is thrown as a UserError carrying its diagnostics.
/**
 * The catalogue of user errors: code → what it means, in Vietnamese (the
 * message of each error adds the specifics). Exit code 1, except E_USAGE (2).
 * Internal errors are not UserErrors: the CLI prints them with exit code 3.
 */
export const ERROR_CATALOGUE = {
  E_FILE_NOT_FOUND: "không tìm thấy tệp",
  E_FILE_READ: "không đọc được tệp (thư mục, lỗi đọc)",
  E_FILE_PERMISSION: "không có quyền đọc tệp",
  E_FILE_TOO_LARGE: "tệp đầu vào quá lớn",
  E_ENCODING: "tệp không phải văn bản UTF-8 (UTF-16/32, Windows-1258, Latin-1…)",
  E_YAML_SYNTAX: "lỗi cú pháp YAML",
  E_YAML_ALIASES: "YAML dùng quá nhiều bí danh (alias), có thể là tệp độc hại",
  E_CONTROL_CHAR: "văn bản chứa ký tự điều khiển",
  E_SCHEMA: "dữ liệu không đúng mẫu (trường thiếu, thừa, sai kiểu)",
  E_REFERENCE: "tham chiếu tới mã không có (cơ quan, mục tiêu, văn bản, mục)",
  E_EXTENDS_CYCLE: "vòng lặp extends",
  E_EXTENDS_OUTSIDE: "extends trỏ ra ngoài thư mục dự án",
  E_DEADLINE: "thời hạn không đúng dạng",
  E_INLINE: "dấu định dạng trong câu (** đậm, * nghiêng) mở mà không đóng",
  E_CHECK: "kế hoạch vi phạm quy tắc nhất quán mức lỗi",
  E_TEMPLATE: "lỗi mẫu văn bản hoặc bảng kiểu",
  E_NUMBERING: "quá số mục đánh số được (a) … y): 23 chữ cái)",
  E_MISSING_GLYPH: "phông chữ không có ký tự cần in",
  E_FONT: "không dùng được phông chữ",
  E_OUTPUT: "không ghi được tệp kết quả",
  E_OUTPUT_IS_INPUT: "tệp kết quả trùng một tệp đầu vào (kế hoạch, tệp extends, phông chữ)",
  E_OUTPUT_EXISTS: "tệp kết quả đã có (cần --force)",
  E_OUTPUT_DIR: "thư mục kết quả không ghi được",
  E_OUTPUT_LOCKED: "tệp kết quả đang mở ở chương trình khác",
  E_DISK_FULL: "ổ đĩa đầy",
  E_IMPORT_FORMAT: "loại tệp không nhập được (cần .docx, .pdf, .txt, .md)",
  E_IMPORT_CORRUPT: "tệp nhập hỏng (zip, XML hay PDF không đọc được)",
  E_IMPORT_ENCRYPTED: "tệp PDF có mật khẩu",
  E_IMPORT_NO_TEXT: "PDF không có lớp chữ (bản quét)",
  E_IMPORT_NOT_PLAN: "văn bản nhập không phải kế hoạch",
  E_SERVE: "không mở được máy chủ của trang soạn thảo (cổng đang dùng, trang chưa dựng)",
  E_USAGE: "dùng lệnh sai (tùy chọn, đối số)",
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export type Severity = "error" | "warning" | "placeholder";

export interface SourceLocation {
  file: string;
  line?: number;
  col?: number;
}

export interface Diagnostic {
  severity: Severity;
  /** E_… (a user error of the catalogue) or C_… (a rule of kehoach check) */
  code: string;
  /** what is wrong, in Vietnamese with the English key in brackets */
  message: string;
  /** the plan file (or template, output file) the problem is in; "" when none */
  file: string;
  /** 1-based; 0 when unknown */
  line: number;
  col: number;
  /** field path in the plan, e.g. "tasks[3].lead[0]"; "" when none */
  path: string;
  expected?: string;
  found?: string;
}

export interface UserErrorDetails {
  location?: SourceLocation;
  /** field path in the plan, e.g. "tasks[3].lead[0]" */
  path?: string;
  expected?: string;
  found?: string;
}

/** A diagnostic from a code, a message and where it is. */
export function diagnostic(code: string, message: string, details: UserErrorDetails = {}, severity: Severity = "error"): Diagnostic {
  const d: Diagnostic = {
    severity,
    code,
    message,
    file: details.location?.file ?? "",
    line: details.location?.line ?? 0,
    col: details.location?.col ?? 0,
    path: details.path ?? "",
  };
  if (details.expected !== undefined) d.expected = details.expected;
  if (details.found !== undefined) d.found = details.found;
  return d;
}

const SEVERITY_VI: Record<Severity, string> = { error: "lỗi", warning: "cảnh báo", placeholder: "chỗ trống" };

/** "file:line:col: lỗi [CODE]: message", then the field path, expected and found on their own lines. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ""}${d.line && d.col ? `:${d.col}` : ""}: ` : "";
  const parts: string[] = [];
  if (d.path) parts.push(`trường [field] ${d.path}`);
  if (d.expected) parts.push(`cần [expected] ${d.expected}`);
  if (d.found !== undefined) parts.push(`nhận được [found] ${d.found}`);
  return `${where}${SEVERITY_VI[d.severity]} [${d.code}]: ${d.message}${parts.length ? `\n  ${parts.join("\n  ")}` : ""}`;
}

export const countBySeverity = (list: readonly Diagnostic[], s: Severity): number => list.filter((d) => d.severity === s).length;

/** "2 lỗi, 1 cảnh báo, 0 chỗ trống" */
export function severityCounts(list: readonly Diagnostic[]): string {
  return (["error", "warning", "placeholder"] as const).map((s) => `${countBySeverity(list, s)} ${SEVERITY_VI[s]}`).join(", ");
}

/** A user mistake that stops the work: one or more error diagnostics. Exit code 1 (2 for E_USAGE). */
export class UserError extends Error {
  readonly code: ErrorCode;
  readonly details: UserErrorDetails;
  readonly exitCode: number;
  readonly diagnostics: Diagnostic[];

  constructor(code: ErrorCode, message: string, details: UserErrorDetails = {}, diagnostics?: Diagnostic[]) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.details = details;
    this.exitCode = code === "E_USAGE" ? 2 : 1;
    this.diagnostics = diagnostics ?? [diagnostic(code, message, details)];
  }

  format(): string {
    return this.diagnostics.map(formatDiagnostic).join("\n");
  }
}

/** Several user errors at once (e.g. every schema issue of one file). */
export class UserErrors extends UserError {
  constructor(errors: UserError[]) {
    const first = errors[0];
    if (!first) throw new Error("UserErrors needs at least one error");
    super(first.code, first.message, first.details, errors.flatMap((e) => e.diagnostics));
  }
}

/** What the CLI prints for a bug of kehoach (exit code 3): short, with a hint to report it. */
export function internalMessage(e: unknown): string {
  const detail = process.env.KEHOACH_DEBUG ? ((e as Error)?.stack ?? String(e)) : String((e as Error)?.message ?? e);
  return `lỗi nội bộ [E_INTERNAL]: ${detail}\nĐây là lỗi của kehoach, không phải của dữ liệu: xin báo lại kèm tệp kế hoạch.`;
}
