// Short phrases put together from data (templates/phrases.yaml): deadlines and
// list endings. Data, so their wording is changed without code.
import * as z from "zod/mini";

const slot = z.string().check(z.minLength(1));
const style = z.strictObject({ recurring: slot, quarter: slot, month: slot, year: slot });

export const phrasesSchema = z.strictObject({
  deadline: z.strictObject({
    long: style,
    short: style,
    yearInRange: slot,
    from: slot,
    before: slot,
    annual: slot,
    annualMonth: slot,
    every: z.strictObject({ quarter: slot, month: slot }),
    quarterInYear: slot,
    monthInYear: slot,
    range: slot,
    event: slot,
  }),
  and: slot,
  standingCommittee: slot,
});
export type Phrases = z.output<typeof phrasesSchema>;
