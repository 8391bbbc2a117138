// The model's schemas are written with zod/mini, zod v4's functional build: a
// schema carries a few shared methods instead of dozens of closures, and checks
// are arguments instead of chained clones. Every command that reads a plan
// builds all of them at start-up, so fewer and smaller objects matter (issue 11).
import * as z from "zod/mini";
import { en } from "zod/locales";

// zod/mini sets no locale: without this, issues would say "Invalid input" where
// the messages users see ("Invalid key in record", a pattern a value must match) are English.
z.config(en());

/**
 * Gives a schema made for this one place a description (editors show it, from
 * `kehoach schema`). Never a shared one such as nonEmpty: the description would
 * show wherever it is used (describedCopy is for those; the checked-in JSON
 * Schemas of data/ would show the leak).
 */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  z.globalRegistry.add(schema, { description });
  return schema;
}

/** A copy of a shared schema with a description of its own (the shared one keeps its own). */
export function describedCopy<T extends z.ZodMiniType>(schema: T, description: string): T {
  return described(schema.clone(), description);
}

/**
 * Adds a custom issue from a transform, as classic zod's ctx.addIssue did
 * (zod/mini hands a transform the bare parse payload): it stops the parse of
 * this value, and validate.ts reads its message and params.
 */
export function addIssue(ctx: z.core.ParsePayload, issue: { message: string; path?: PropertyKey[]; params?: Record<string, string> }): void {
  ctx.issues.push({ code: "custom", input: ctx.value, ...issue });
}

/** `schema` then `fn` on its output: classic zod's schema.transform(fn). */
export function transformed<A extends z.ZodMiniType, O>(schema: A, fn: (value: z.output<A>, ctx: z.core.ParsePayload) => O) {
  return z.pipe(schema, z.transform<z.output<A>, O>(fn));
}

/** A non-empty string, shared by the fields that need no description of their own (one schema, not one per field). */
export const nonEmpty = z.string().check(z.minLength(1));
