// Inline syntax allowed in plan texts (data, not templates):
//   {ct25} {ct25:full} {ct25:short} {ct25:dated}   a reference to the citation registry
//     (dated = number, date and issuer without the title)
//   [[…]]                              a placeholder the clerk must fill
export const CITE_PATTERN = /\{([a-z0-9][a-z0-9-_.]*)(?::(full|short|dated))?\}/g;
export const PLACEHOLDER_PATTERN = /\[\[([^\]]*)\]\]/g;

export type CiteForm = "auto" | "full" | "short" | "dated";
