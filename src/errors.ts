// One error type for user mistakes. The CLI prints `message` (Vietnamese, with
// the code and the English key) and exits with `exitCode`; no stack trace.

export type ErrorCode =
  | "E_FILE_NOT_FOUND"
  | "E_FILE_READ"
  | "E_YAML_SYNTAX"
  | "E_SCHEMA"
  | "E_REFERENCE"
  | "E_DEADLINE"
  | "E_TEMPLATE"
  | "E_MISSING_GLYPH"
  | "E_FONT"
  | "E_OUTPUT"
  | "E_USAGE";

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
