// The layers of ../shared/DESIGN.md, lowest first: a module may import its own
// layer and the ones below, never one above; and no import cycles at all.
// `npm run lint` runs this (depcruise), so a wrong-way import fails CI.
const LAYERS = [
  ["model", "^src/(model/|errors\\.ts$|paths\\.ts$)"],
  ["load", "^src/load/"],
  // import reads documents back into plan data by how derive prints them, so it sits with derive
  ["derive", "^src/(derive|check|init|adapt|diff|import)/"],
  ["template", "^src/template/"],
  ["document", "^src/(document|compare)/|^src/pipeline\\.ts$"],
  ["render", "^src/render/"],
  ["build", "^src/batch/"],
  ["front end", "^src/(cli|serve)/"],
];

const layerRules = LAYERS.slice(0, -1).map(([name, from], i) => ({
  name: `layer-${name.replace(/ /g, "-")}`,
  comment: `${name} must not import a higher layer (${LAYERS.slice(i + 1).map(([n]) => n).join(", ")})`,
  severity: "error",
  from: { path: from },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => `(${p})`).join("|") },
}));

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "import cycles make layers meaningless",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    ...layerRules,
    {
      name: "renderers-independent",
      comment: "each renderer stands alone on the document model",
      severity: "error",
      from: { path: "^src/render/(docx|pdf)/" },
      to: { path: "^src/render/", pathNot: "^src/render/$1/" },
    },
    {
      name: "every-module-in-a-layer",
      comment: "a new folder in src/ must be given a layer in .dependency-cruiser.cjs",
      severity: "error",
      from: { path: "^src/", pathNot: LAYERS.map(([, p]) => `(${p})`).join("|") },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.mjs$" },
  },
};
