// What the page shows next to a field: the same diagnostics, with positions,
// that `kehoach check` prints (check findings and load errors as one shape).
import type { Finding } from "../check/rules.ts";
import { UserError, UserErrors } from "../errors.ts";

export interface Diagnostic {
  severity: "error" | "warning" | "placeholder";
  code: string;
  message: string;
  /** field path in the plan, e.g. "tasks[3].lead[0]" ("" when the whole file) */
  path: string;
  file: string;
  line: number;
  col: number;
  /** what was expected and what was found, when the message says so */
  expected?: string;
  found?: string;
  /** the CLI's line for it, "file:line:col: lỗi [CODE]: …" */
  text: string;
}

export function fromFinding(f: Finding, text: string): Diagnostic {
  return { severity: f.severity, code: f.code, message: f.message, path: f.path, file: f.file, line: f.line, col: f.col, text };
}

export function fromUserError(e: UserError): Diagnostic[] {
  const list = e instanceof UserErrors ? e.errors : [e];
  return list.map((x) => ({
    severity: "error",
    code: x.code,
    message: x.message,
    ...(x.details.expected ? { expected: x.details.expected } : {}),
    ...(x.details.found !== undefined ? { found: x.details.found } : {}),
    path: x.details.path ?? "",
    file: x.details.location?.file ?? "",
    line: x.details.location?.line ?? 0,
    col: x.details.location?.col ?? 0,
    text: x.format(),
  }));
}
