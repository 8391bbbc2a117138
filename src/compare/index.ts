// `build --compare`: the new plan's document with the old plan's differences
// as tracked changes, by whom and when the data says (never the clock).
import type { DocumentModel } from "../document/model.ts";
import type { Plan } from "../model/plan.ts";
import { planTimestamp, planToDocument } from "../pipeline.ts";
import { compareDocuments, type RevisionInfo } from "./merge.ts";

export { compareDocuments, hasRevisions, type RevisionInfo } from "./merge.ts";
export { printView } from "../document/revisions.ts";

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Author and date of a plan's changes: its `revision`, else its issuer and
 * issue date (a draft, which has only a year, gives 1 January of that year).
 */
export function revisionOf(plan: Plan): RevisionInfo {
  if (plan.revision) {
    const d = plan.revision.date;
    return { author: plan.revision.author, date: `${d.year}-${pad(d.month)}-${pad(d.day)}` };
  }
  return { author: plan.issuer.fullName, date: planTimestamp(plan).slice(0, 10) };
}

/** The new plan's document model, marked with what changed since the old plan. */
export function comparePlans(oldPlan: Plan, newPlan: Plan): DocumentModel {
  return compareDocuments(planToDocument(oldPlan), planToDocument(newPlan), revisionOf(newPlan));
}
