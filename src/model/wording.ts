// The wording `kehoach init` and `kehoach adapt` write into new plan files
// (seeds/wording/new-plans.yaml): data, so an office can reword it without code.
import * as z from "zod/mini";

const text = z.string().check(z.minLength(1));
const recipients = z.strictObject({ items: z.array(text), archive: text });
const signer = z.strictObject({ authority: text, delegate: z.optional(text), title: z.optional(text), name: text });
const communeFamily = z.strictObject({ issuer: text, conclusion: text, closing: text, recipients, signer });

export const newPlanWordingSchema = z.strictObject({
  starter: z.strictObject({
    header: z.array(z.string()),
    title: text,
    legalBasis: z.strictObject({ items: z.array(text), conclusion: text }),
    purposes: z.array(text),
    requirements: z.array(text),
    closing: text,
    appendixTitle: text,
    recipients: z.strictObject({ state: recipients, party: recipients }),
    signer: z.strictObject({ party: signer, department: signer, state: signer }),
    sectionTask: text,
    toConfirm: text,
    deadlineToSet: text,
    deadlineToConfirm: text,
  }),
  commune: z.strictObject({
    header: z.array(z.string()),
    legalBasisItem: text,
    state: communeFamily,
    party: communeFamily,
  }),
});
export type NewPlanWording = z.output<typeof newPlanWordingSchema>;

/**
 * Fills "${name}" slots. A slot the caller does not give stays as written, so a
 * misspelt name shows in the new file instead of vanishing.
 */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\$\{(\w+)\}/g, (all, name: string) => (name in vars ? String(vars[name]) : all));
}

/** fill() over every string of a plain value (lists, objects). */
export function fillAll<T>(value: T, vars: Record<string, string | number>): T {
  if (typeof value === "string") return fill(value, vars) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => fillAll(v, vars)) as T;
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillAll(v, vars)])) as T;
  return value;
}
