// One error type for user mistakes. The CLI prints `message` (Vietnamese, with
// the code and the English key) and exits with `exitCode`; no stack trace.

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
  E_YAML_SYNTAX: "lỗi cú pháp YAML",
  E_YAML_ALIASES: "YAML dùng quá nhiều bí danh (alias), có thể là tệp độc hại",
  E_CONTROL_CHAR: "văn bản chứa ký tự điều khiển",
  E_SCHEMA: "dữ liệu không đúng mẫu (trường thiếu, thừa, sai kiểu)",
  E_REFERENCE: "tham chiếu tới mã không có (cơ quan, mục tiêu, văn bản, mục)",
  E_EXTENDS_CYCLE: "vòng lặp extends",
  E_EXTENDS_OUTSIDE: "extends trỏ ra ngoài thư mục dự án",
  E_DEADLINE: "thời hạn không đúng dạng",
  E_CHECK: "kế hoạch vi phạm quy tắc nhất quán mức lỗi",
  E_TEMPLATE: "lỗi mẫu văn bản hoặc bảng kiểu",
  E_MISSING_GLYPH: "phông chữ không có ký tự cần in",
  E_FONT: "không dùng được phông chữ",
  E_OUTPUT: "không ghi được tệp kết quả",
  E_OUTPUT_EXISTS: "tệp kết quả đã có (cần --force)",
  E_OUTPUT_DIR: "thư mục kết quả không ghi được",
  E_OUTPUT_LOCKED: "tệp kết quả đang mở ở chương trình khác",
  E_DISK_FULL: "ổ đĩa đầy",
  E_USAGE: "dùng lệnh sai (tùy chọn, đối số)",
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface SourceLocation {
  file: string;
  line?: number;
  col?: number;
}

export interface UserErrorDetails {
  location?: SourceLocation;
  /** field path in the plan, e.g. "tasks[3].lead[0]" */
  path?: string;
  expected?: string;
  found?: string;
}

export class UserError extends Error {
  readonly code: ErrorCode;
  readonly details: UserErrorDetails;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, details: UserErrorDetails = {}) {
    super(message);
    this.name = "UserError";
    this.code = code;
    this.details = details;
    this.exitCode = code === "E_USAGE" ? 2 : 1;
  }

  /** "file:line:col: [CODE] message (trường: path; cần: …; nhận được: …)" */
  format(): string {
    const { location, path, expected, found } = this.details;
    const where = location
      ? `${location.file}${location.line ? `:${location.line}` : ""}${location.line && location.col ? `:${location.col}` : ""}: `
      : "";
    const parts: string[] = [];
    if (path) parts.push(`trường [field] ${path}`);
    if (expected) parts.push(`cần [expected] ${expected}`);
    if (found !== undefined) parts.push(`nhận được [found] ${found}`);
    return `${where}lỗi [${this.code}]: ${this.message}${parts.length ? `\n  ${parts.join("\n  ")}` : ""}`;
  }
}

/** Several user errors at once (e.g. every schema issue of one file). */
export class UserErrors extends UserError {
  readonly errors: UserError[];
  constructor(errors: UserError[]) {
    const first = errors[0];
    if (!first) throw new Error("UserErrors needs at least one error");
    super(first.code, first.message, first.details);
    this.errors = errors;
  }
  override format(): string {
    return this.errors.map((e) => e.format()).join("\n");
  }
}

/** What the CLI prints for a bug of kehoach (exit code 3): short, with a hint to report it. */
export function internalMessage(e: unknown): string {
  const detail = process.env.KEHOACH_DEBUG ? ((e as Error)?.stack ?? String(e)) : String((e as Error)?.message ?? e);
  return `lỗi nội bộ [E_INTERNAL]: ${detail}\nĐây là lỗi của kehoach, không phải của dữ liệu: xin báo lại kèm tệp kế hoạch.`;
}
