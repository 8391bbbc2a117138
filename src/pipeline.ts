// The pure core: plan → view → markup → document model. No file system here
// except reading templates once (cached).
import { parseMarkup } from "./document/parse.ts";
import type { DocumentModel } from "./document/model.ts";
import { agencyNames, citationData, buildView, noteViews, targetValues } from "./derive/view.ts";
import type { Plan } from "./model/plan.ts";
import type { PathSegment } from "./model/path.ts";
import type { SourceLocation } from "./errors.ts";
import { templatesFor, TEMPLATES_DIR } from "./template/engine.ts";

/** ISO timestamp for output metadata: the plan's own date, never the clock. */
export function planTimestamp(plan: Plan): string {
  const m = String(plan.date.month ?? 1).padStart(2, "0");
  const d = String(plan.date.day ?? 1).padStart(2, "0");
  return `${plan.date.year}-${m}-${d}T00:00:00Z`;
}

export interface ToDocumentOptions {
  templatesDir?: string;
  /** file:line:col of a plan value (from the loaded source): late problems are reported at the plan's line */
  locate?: (path: PathSegment[]) => SourceLocation;
}

export function planToDocument(plan: Plan, opts: ToDocumentOptions = {}): DocumentModel {
  const templatesDir = opts.templatesDir ?? TEMPLATES_DIR;
  const templates = templatesFor(plan.family, templatesDir, plan.kind);
  const view = buildView(plan);
  const markup = templates.render(view);
  return parseMarkup(markup, {
    family: plan.family,
    styles: templates.stylesWith(plan.style),
    citations: templates.citations(citationData(plan)),
    targets: targetValues(plan),
    agencies: agencyNames(plan),
    notes: noteViews(plan),
    meta: {
      title: view.metaTitle,
      author: plan.issuer.fullName,
      subject: view.metaTitle,
      language: "vi-VN",
      date: planTimestamp(plan),
    },
    source: templates.source,
    ...(opts.locate ? { locate: opts.locate } : {}),
  });
}
