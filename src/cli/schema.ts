// `kehoach schema`: JSON Schemas for editors (the YAML language server).
import * as z from "zod/mini";
import { directiveSchema, levelSchema } from "../model/directive.ts";
import { planSchema } from "../model/plan.ts";

export const SCHEMAS = { plan: planSchema, directive: directiveSchema, level: levelSchema } as const;
export type SchemaKind = keyof typeof SCHEMAS;

/** JSON Schema (input side) of a plan, a library directive or a level registry, for editors. */
export function jsonSchema(kind: SchemaKind = "plan"): object {
  const schema = z.toJSONSchema(SCHEMAS[kind], { io: "input", unrepresentable: "any" }) as { properties?: Record<string, { items?: object }> };
  if (kind === "plan") allowDropEntries(schema);
  return schema;
}

/** A plan that `extends` another may list { id, drop: true } in these lists (see load/extends.ts). */
function allowDropEntries(schema: { properties?: Record<string, { items?: object }> }): void {
  for (const key of ["targets", "sections", "tasks"]) {
    const list = schema.properties?.[key];
    if (!list?.items) continue;
    const drop = {
      type: "object",
      description: "Bỏ mục kế thừa có mã này (chỉ trong kế hoạch có extends)",
      properties: { id: { type: "string" }, drop: { const: true } },
      required: ["id", "drop"],
      additionalProperties: false,
    };
    list.items = { anyOf: [list.items, drop] };
  }
}
export const planJsonSchema = (): object => jsonSchema("plan");
