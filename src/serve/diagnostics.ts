// What the page shows next to a field: the tool's one Diagnostic (the same
// that `kehoach check` prints, with file:line:col and field path), plus the
// CLI's line for it.
import { formatDiagnostic, UserError, type Diagnostic as ToolDiagnostic } from "../errors.ts";

export interface Diagnostic extends ToolDiagnostic {
  /** the CLI's line for it, "file:line:col: lỗi [CODE]: …" */
  text: string;
}

export const forPage = (d: ToolDiagnostic): Diagnostic => ({ ...d, text: formatDiagnostic(d) });

export const fromUserError = (e: UserError): Diagnostic[] => e.diagnostics.map(forPage);
