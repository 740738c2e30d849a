import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadManifests, ManifestError, parseManifest } from "../../src/manifests/load.ts";

describe("manifests", () => {
  it("reads every document of a file with the line it starts on, skipping empty ones and comments", () => {
    const text = [
      "# leading comment",
      "apiVersion: v1",
      "kind: ConfigMap",
      "metadata: {name: one}",
      "---",
      "# only a comment",
      "---",
      "",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: two",
      "  namespace: prod",
    ].join("\n");
    const { objects, problems } = parseManifest(text, "app.yaml");
    assert.deepEqual(problems, []);
    assert.deepEqual(
      objects.map((o) => [o.ref.kind, o.ref.name, o.ref.namespace, o.source.line]),
      [
        ["ConfigMap", "one", undefined, 2],
        ["Deployment", "two", "prod", 9],
      ],
    );
  });

  it("flattens kind: List and *List, each item keeping its own line", () => {
    const text = [
      "apiVersion: v1",
      "kind: ConfigMapList",
      "items:",
      "- apiVersion: v1",
      "  kind: ConfigMap",
      "  metadata: {name: a}",
      "- apiVersion: v1",
      "  kind: ConfigMap",
      "  metadata: {name: b}",
    ].join("\n");
    const { objects } = parseManifest(text, "list.yaml");
    assert.deepEqual(
      objects.map((o) => [o.ref.name, o.source.line]),
      [
        ["a", 4],
        ["b", 7],
      ],
    );
  });

  it("names the line of a syntax error and of an object missing required fields", () => {
    const broken = parseManifest(
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: a: b\nmetadata: {name: x}\n",
      "bad.yaml",
    );
    assert.equal(broken.objects.length, 1);
    assert.equal(broken.problems.length >= 1, true);
    assert.equal(broken.problems[0]?.source?.line, 6);
    assert.match(broken.problems[0]?.message ?? "", /YAML syntax/);

    const missing = parseManifest("apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: web-\n", "pod.yaml");
    assert.equal(missing.problems[0]?.source?.line, 1);
    assert.match(
      missing.problems[0]?.message ?? "",
      /Pod is missing metadata.name \(generateName cannot be used with server-side apply/,
    );
  });

  it("loads files, directories (recursively) and globs relative to the workspace, each file once", async () => {
    const ws = mkdtempSync(join(tmpdir(), "kubeship-ws-"));
    mkdirSync(join(ws, "k8s", "nested"), { recursive: true });
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;
    writeFileSync(join(ws, "k8s", "a.yaml"), cm("a"));
    writeFileSync(join(ws, "k8s", "nested", "b.yml"), cm("b"));
    writeFileSync(
      join(ws, "k8s", "nested", "c.json"),
      JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" } }),
    );
    writeFileSync(join(ws, "k8s", "notes.txt"), "not a manifest");
    const objects = await loadManifests(["k8s", "k8s/nested/*.yml"], ws);
    assert.deepEqual(
      objects.map((o) => `${o.source.file}:${o.ref.name}`),
      ["k8s/a.yaml:a", "k8s/nested/b.yml:b", "k8s/nested/c.json:c"],
    );
  });

  it("reports every problem in every file together", async () => {
    const ws = mkdtempSync(join(tmpdir(), "kubeship-ws-"));
    writeFileSync(join(ws, "one.yaml"), "kind: ConfigMap\nmetadata: {name: a}\n");
    writeFileSync(join(ws, "two.yaml"), "apiVersion: v1\nkind: Secret\nmetadata: {}\n");
    await assert.rejects(loadManifests(["one.yaml", "two.yaml", "missing/"], ws), (error: unknown) => {
      assert.ok(error instanceof ManifestError);
      assert.equal(error.problems.length, 3);
      assert.match(error.message, /"missing\/" matches no file/);
      assert.match(error.message, /one\.yaml:1: ConfigMap is missing apiVersion/);
      assert.match(error.message, /two\.yaml:1: Secret is missing metadata\.name/);
      return true;
    });
  });
});
