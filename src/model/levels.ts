/** Government levels a plan is written for (no district level since 01/7/2025). */
export const LEVELS = ["province", "department", "commune"] as const;
export type Level = (typeof LEVELS)[number];
