// node --import ./test/helpers/trace-loads.mjs …: appends the URL of every
// module Node loads to the file named by KEHOACH_TRACE_LOADS (startup.test.ts).
import { register } from "node:module";

const hooks = `
import { appendFileSync } from "node:fs";
export async function load(url, context, next) {
  if (process.env.KEHOACH_TRACE_LOADS) appendFileSync(process.env.KEHOACH_TRACE_LOADS, url + "\\n");
  return next(url, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
