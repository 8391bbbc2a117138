// What a duty (a "phân công" entry) covers: the agencies it is written for,
// and the tasks it lists under them (`tasks:`). The view prints those tasks and
// `check` warns of a task no duty or appendix prints: both read this.
import type { Duty, Task } from "../model/plan.ts";

/** The agencies a duty is written for: none, one or several. */
export const dutyAgencies = (d: Duty): string[] => (d.agency === undefined ? [] : Array.isArray(d.agency) ? d.agency : [d.agency]);

/** Whether a duty lists this task: it has `tasks:`, one of its agencies leads the task, and the task is in a section it names (all, with `tasks: true`). */
export function dutyListsTask(d: Duty, task: Task): boolean {
  if (d.tasks === undefined) return false;
  const ids = dutyAgencies(d);
  return task.lead.some((a) => ids.includes(a)) && (d.tasks === true || d.tasks.sections.includes(task.section));
}
