// What a build is asked for, and where it prints: shared by batch and its front ends.

export type Format = "docx" | "pdf";
export const FORMATS: Format[] = ["docx", "pdf"];

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export interface BuildOptions {
  outDir: string;
  formats: Format[];
  fontDir?: string | undefined;
  verbose?: boolean | undefined;
  /** an older version of the plan: the outputs show what changed since (tracked changes, change bars) */
  compare?: string | undefined;
  /** rebuild every plan, even those whose inputs did not change */
  force?: boolean | undefined;
  /** let `extends` point outside the project folder */
  allowOutside?: boolean | undefined;
}
