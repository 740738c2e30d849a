// Every workflow the project runs (.github/workflows/), ships as an example (examples/.github/workflows/)
// or shows in its documentation (```yaml blocks of the markdown files that are workflows or fragments of
// one) passes actionlint, built from its pinned Go module. The published action's `with:` is checked
// against action.yml's inputs.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { blockKind, lintWorkflows, yamlBlocks } from "../helpers/actionlint.ts";
import { repoRoot } from "../helpers/action.ts";

/** Files under `dir` (relative to the repository) whose names match, recursively. */
function filesUnder(dir: string, name: RegExp): string[] {
  if (!existsSync(join(repoRoot, dir))) return [];
  return readdirSync(join(repoRoot, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => name.test(f))
    .map((f) => join(dir, f))
    .sort();
}

const yamlFile = /\.ya?ml$/;

describe("actionlint", () => {
  it("passes every workflow in .github/workflows/, examples/ and the documentation", () => {
    const workflows = filesUnder(".github/workflows", yamlFile);
    const examples = filesUnder("examples/.github/workflows", yamlFile);
    const markdown = [...readdirSync(repoRoot).filter((f) => f.endsWith(".md")), ...filesUnder("docs", /\.md$/)];
    const { problems, linted } = lintWorkflows({ workflows, examples, markdown });
    assert.deepEqual(problems, [], `actionlint found problems:\n${problems.join("\n")}`);
    // what was linted, so that a scanner that finds nothing cannot pass
    assert.ok(workflows.includes(".github/workflows/ci.yml") && workflows.includes(".github/workflows/release.yml"));
    assert.ok(linted.includes("examples/.github/workflows/deploy.yaml"));
    assert.ok(linted.filter((l) => l.startsWith("README.md:")).length >= 10, linted.join("\n"));
  });

  it("pins every action the project's own workflows use by commit SHA, with the version in a comment", () => {
    const uses = filesUnder(".github/workflows", yamlFile).flatMap((file) =>
      readFileSync(join(repoRoot, file), "utf8")
        .split("\n")
        .flatMap((line, i) => (/^\s*(- )?uses:/.test(line) ? [{ where: `${file}:${i + 1}`, line: line.trim() }] : [])),
    );
    assert.ok(uses.length >= 8, "the workflows use actions");
    const unpinned = uses.filter(
      (u) => !/uses: (\.\/|[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$)/.test(u.line),
    );
    assert.deepEqual(unpinned, [], "a third-party action a tag can move under");
  });

  it("fails a broken block, naming the markdown file and line, and checks the action's inputs (fixture)", () => {
    const file = "test/fixtures/workflows/broken.md";
    const { problems, linted } = lintWorkflows({ workflows: [], examples: [], markdown: [file] });
    // the Kubernetes objects' block (line 37) is not linted; every other block is
    assert.deepEqual(linted, [`${file}:6`, `${file}:18`, `${file}:27`, `${file}:51`]);
    const where = problems.map((p) => /^[^ ]+:\d+(?=: )/.exec(p)?.[0]);
    assert.deepEqual(where.sort(), [`${file}:12`, `${file}:19`, `${file}:21`, `${file}:27`, `${file}:45`].sort());
    assert.ok(problems.some((p) => p.startsWith(`${file}:12: property "evnt_name" is not defined`)));
    assert.ok(problems.some((p) => p.startsWith(`${file}:21: input "manifest" is not defined in action "kubeship"`)));
    assert.ok(problems.some((p) => p.startsWith(`${file}:27: "writ" is invalid as permission of scope "id-token"`)));
    assert.ok(problems.some((p) => p.startsWith(`${file}:45: a yaml block that is neither a workflow`)));
  });

  it("tells workflows, their fragments and Kubernetes objects apart", () => {
    const kinds = yamlBlocks("x.md", "```yaml\non: push\njobs: {}\n```\n\n~~~yml\njobs: {}\n~~~\n").map((b) => [
      b.line,
      blockKind(b.text),
    ]);
    assert.deepEqual(kinds, [
      [2, "workflow"],
      [7, "jobs"],
    ]);
    assert.equal(blockKind("steps: []\npermissions: {}\n"), "job");
    assert.equal(blockKind("- uses: ./\n- run: echo\n"), "steps");
    assert.equal(blockKind("apiVersion: v1\nkind: Secret\n---\napiVersion: v1\nkind: Service\n"), "kubernetes");
    assert.equal(blockKind("- name: not a step\n"), "unknown");
  });
});
