// Malformed manifests holding a secret-looking value: the error gives the position and the kind of
// problem, never the document's text (parsing happens before anything is known to be secret and masked).
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadManifests, ManifestError } from "../../src/manifests/load.ts";

const secret = "Hunter2-SuperSecret";
const header = "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n";

interface Case {
  name: string;
  text: string;
  /** where the first problem is: `line:column` */
  at: string;
  /** what it says */
  says: RegExp;
}

/** the Secret's stringData holding these lines */
const secretWith = (...lines: string[]) => header + lines.map((line) => `  ${line}\n`).join("");

// Each alias level multiplies the one before: the `yaml` package stops at 100 expanded aliases.
const laughs = secretWith(
  `a: &${secret} [x, x, x, x, x, x, x, x, x, x]`,
  ...["b", "c", "d", "e", "f"].map((key, i) => {
    const previous = i === 0 ? secret : "bcdef"[i - 1];
    return `${key}: &${key} [${Array<string>(10)
      .fill(`*${previous ?? ""}`)
      .join(", ")}]`;
  }),
);

const cases: Case[] = [
  { name: "an alias with no anchor", text: secretWith(`password: *${secret}`), at: "5:13", says: /with no anchor/ },
  {
    name: "a block scalar header with extra characters",
    text: secretWith(`password: |${secret}`, "  x"),
    at: "5:14",
    says: /unexpected character/,
  },
  { name: "a bad escape in a quoted string", text: secretWith(`password: "\\q${secret}"`), at: "5:14", says: /escape/ },
  { name: "an unterminated quote", text: secretWith(`password: "${secret}`), at: "6:1", says: /closing quote/ },
  {
    name: "a flow mapping closed by a bracket",
    text: `apiVersion: v1\nkind: Secret\nstringData: {password: ${secret}]\n`,
    at: "3:43",
    says: /indentation/,
  },
  { name: "a reserved first character", text: secretWith(`password: @${secret}`), at: "5:13", says: /reserved/ },
  { name: "a duplicate key", text: secretWith(`${secret}: a`, `${secret}: b`), at: "6:3", says: /appears twice/ },
  { name: "a merge of a scalar", text: secretWith(`<<: ${secret}`), at: "5:3", says: /merge key/ },
  { name: "an alias with a tag", text: secretWith(`a: &x ${secret}`, "b: !!str *x"), at: "6:12", says: /carry/ },
  { name: "a nested compact mapping", text: secretWith(`password: ${secret}: x`), at: "5:13", says: /mapping key/ },
  { name: "a tab as indentation", text: `${header}\tpassword: ${secret}\n`, at: "5:1", says: /a tab used/ },
  { name: "an alias before its anchor", text: secretWith(`a: *${secret}`, `b: &${secret} y`), at: "5:6", says: /no/ },
  { name: "aliases expanding without bound", text: laughs, at: "1:1", says: /too many aliases/ },
];

async function problemsOf(text: string): Promise<ManifestError> {
  const ws = mkdtempSync(join(tmpdir(), "kubeship-yaml-"));
  writeFileSync(join(ws, "secret.yaml"), text);
  const error = await loadManifests(["secret.yaml"], ws).then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(error instanceof ManifestError, `expected a ManifestError, got ${String(error)}`);
  return error;
}

describe("YAML errors quote no document text", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const error = await problemsOf(c.text);
      assert.ok(!error.message.includes(secret), `the value is in the message: ${error.message}`);
      assert.ok(!error.message.includes(secret.slice(0, 8)), `part of the value is in the message: ${error.message}`);
      const [first] = error.problems;
      assert.equal(first?.source?.file, "secret.yaml");
      const [line, column] = c.at.split(":");
      assert.equal(first.source.line, Number(line), error.message);
      assert.match(first.message, new RegExp(`^YAML syntax error at column ${column}: `), error.message);
      assert.match(first.message, c.says);
    });
  }
});

describe("YAML warnings quote no document text either", () => {
  it("a mapping as a key is read without a process warning quoting it", async () => {
    // the `yaml` package warns on stderr with the key's text when it turns a collection key into a string
    const warnings: string[] = [];
    const listener = (warning: Error) => warnings.push(warning.message);
    process.on("warning", listener);
    try {
      const ws = mkdtempSync(join(tmpdir(), "kubeship-yaml-"));
      writeFileSync(join(ws, "secret.yaml"), secretWith(`? {password: ${secret}}`, "  : x"));
      await loadManifests(["secret.yaml"], ws);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
    } finally {
      process.off("warning", listener);
    }
    assert.deepEqual(
      warnings.filter((message) => message.includes(secret)),
      [],
    );
  });
});
