// YAML 1.2's core schema for js-yaml, scalar for scalar as the `yaml` package
// reads it (load/source.ts reads plans with js-yaml first): js-yaml's own
// schemas differ at the edges ("0b101" is 5 there, a string in YAML 1.2;
// "+.5" and "-.5e-3" are strings there, numbers in YAML 1.2).
import { FAILSAFE_SCHEMA, Type } from "js-yaml";

const NULL = /^(?:~|null|Null|NULL)?$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;

const INT_DEC = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
/** a dot or an exponent: "1" is an int, and `!!float 1` a string, as in `yaml` */
const FLOAT = /^[-+]?(?:(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[0-9]+[eE][-+]?[0-9]+)$/;
const INF = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;

const nul = new Type("tag:yaml.org,2002:null", {
  kind: "scalar",
  resolve: (s: string | null) => s === null || NULL.test(s),
  construct: () => null,
  predicate: (v: unknown) => v === null,
  represent: () => "null",
});

const bool = new Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (s: string | null) => s !== null && BOOL.test(s),
  construct: (s: string) => s[0] === "t" || s[0] === "T",
  predicate: (v: unknown) => typeof v === "boolean",
  represent: (v: object) => String(v),
});

const int = new Type("tag:yaml.org,2002:int", {
  kind: "scalar",
  resolve: (s: string | null) => s !== null && (INT_DEC.test(s) || INT_OCT.test(s) || INT_HEX.test(s)),
  construct: (s: string) => (INT_OCT.test(s) ? parseInt(s.slice(2), 8) : INT_HEX.test(s) ? parseInt(s.slice(2), 16) : parseInt(s, 10)),
  predicate: (v: unknown) => typeof v === "number" && Number.isInteger(v),
  represent: (v: object) => String(v),
});

const float = new Type("tag:yaml.org,2002:float", {
  kind: "scalar",
  resolve: (s: string | null) => s !== null && (FLOAT.test(s) || INF.test(s) || NAN.test(s)),
  construct: (s: string) => (NAN.test(s) ? NaN : INF.test(s) ? (s.startsWith("-") ? -Infinity : Infinity) : parseFloat(s)),
  predicate: (v: unknown) => typeof v === "number",
  represent: (v: object) => String(v),
});

export const CORE_SCHEMA_12 = FAILSAFE_SCHEMA.extend({ implicit: [nul, bool, int, float] });
