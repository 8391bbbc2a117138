// load/source.ts reads plans with js-yaml first and with the `yaml` package
// only for positions and for anything js-yaml complains about. The two must
// give the same data, or a plan would mean one thing in the build and another
// in its messages: every scalar form of YAML 1.2's core schema, every YAML
// file of the project, and random documents are compared here.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument, stringify } from "yaml";
import { locate, parseYamlSource } from "../src/load/source.ts";

const yamlData = (text: string): unknown => parseDocument(text.normalize("NFC"), { uniqueKeys: true }).toJS({ maxAliasCount: 100 });
const ours = (text: string): unknown => parseYamlSource("t.yaml", text).data;

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (n === "node_modules" || n.startsWith(".")) continue;
    if (statSync(p).isDirectory()) yamlFiles(p, out);
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

describe("the two YAML readers agree", () => {
  it.each([
    ["integers", ["0", "-0", "+12", "012", "00", "0o17", "0x1F", "9007199254740993", "0xFFFFFFFFFFFFFFFFFFFF"]],
    ["floats", ["1.", ".5", "+.5", "-.5e-3", "1e3", "1e+3", "1.5e-3", "0.0", "-0.0", "1e400", ".inf", "-.Inf", "+.inf", ".NaN"]],
    ["null and booleans", ["", "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]],
    ["strings that look like something else", ["0b101", "1_000", "1_0.5", "0x_1", "0o8", "0xG", "YES", "on", "y", "n", "2024-01-01", "12:30", "1:20:30", "Quý II/2026"]],
    ["explicit tags and quoting", ["!!str 12", '!!int "12"', "!!float 1", "!!null ''", "''", '""', '"\\x41\\u0041\\N"', "!custom x"]],
    ["block scalars and flows", ["|\n  Đẩy mạnh\n  ứng dụng\n", ">-\n  a\n  b\n", "[a, 1, {b: ~}]", "{a: 1, b: [x, y]}"]],
  ])("%s", (_, values) => {
    for (const v of values) {
      const text = `k: ${v}\n`;
      expect(ours(text), JSON.stringify(v)).toStrictEqual(yamlData(text));
    }
  });

  it("every YAML file of the project: plans, seeds, templates, fixtures", () => {
    const root = join(import.meta.dirname, "..");
    const files = ["data", "seeds", "templates", "test"].flatMap((d) => yamlFiles(join(root, d)));
    expect(files.length).toBeGreaterThan(20);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      expect(ours(text), f).toStrictEqual(yamlData(text));
    }
  });

  it("random documents with Vietnamese text, numbers and nesting, in every style `yaml` writes", () => {
    const word = fc.constantFrom("Đẩy mạnh", "ữ", "ở", "Ỷ", "ơ ư", "1", "-2", "3.5", "true", "null", "~", "#x", "a: b", "- c", "'q'", '"d"', "**đậm**", "", " ", "0o7", "1e3", "Q2/2024");
    const scalar = fc.oneof(fc.array(word, { maxLength: 4 }).map((w) => w.join(" ")), fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: "small" }, scalar, fc.array(tie("v"), { maxLength: 4 }), fc.dictionary(fc.constantFrom("id", "title", "tasks", "đơn vị", "2", "x y"), tie("v"), { maxKeys: 4 })),
    })).v;
    const style = fc.record({ flow: fc.boolean(), quote: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL", "BLOCK_FOLDED") as fc.Arbitrary<"PLAIN">, width: fc.integer({ min: 20, max: 100 }) });
    fc.assert(
      fc.property(value, style, (v, s) => {
        // a plan is a mapping; the value also stands alone (a top-level scalar or list goes through `yaml`)
        for (const doc of [v, { "kế hoạch": v, tasks: [v, { id: "t1", text: v }] }]) {
          const text = stringify(doc, { collectionStyle: s.flow ? "flow" : "any", defaultStringType: s.quote, lineWidth: s.width });
          expect(ours(text)).toStrictEqual(yamlData(text));
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
  });

  it("positions are found when a message needs them, in the file as written", () => {
    const src = parseYamlSource("p.yaml", "title: Kế hoạch\ntasks:\n  - id: t1\n    text: Đẩy mạnh\n  - id: t2\n    text: Ỷ\n");
    expect(locate(src, ["tasks", 1, "text"])).toEqual({ file: "p.yaml", line: 6, col: 11 });
  });

  it("what js-yaml would read otherwise goes through `yaml`: a %YAML 1.1 directive, lists and mappings as keys, tags it lacks", () => {
    for (const text of ["%YAML 1.1\n---\na: yes\n", "? [a, b]\n: c\n", "? {a: 1}\n: c\n", "{[a, b]: c}\n", "a: !!binary aGk=\n", "a: 1\nb: !!int x\n", "a: !!set {x}\n"]) {
      expect(ours(text), text).toStrictEqual(yamlData(text));
    }
  });

  it("aliases and duplicate keys still go through `yaml`: its limits and messages", () => {
    expect(ours("a: &x [1, 2]\nb: *x\n")).toStrictEqual({ a: [1, 2], b: [1, 2] });
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
    expect(() => ours(laughs)).toThrow(expect.objectContaining({ code: "E_YAML_ALIASES" }));
    expect(() => ours("a: 1\na: 2\n")).toThrow(expect.objectContaining({ code: "E_YAML_SYNTAX", message: expect.stringContaining("Map keys must be unique") }));
  });
});
