import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { documentPieces, loadManifests, ManifestError, parseManifest } from "../../src/manifests/load.ts";

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

  it("reads a large file in pieces of whole documents exactly as in one piece: values, lines and errors", async () => {
    // ~0.9 MB: block YAML, a document `yaml` must read (an anchor), a List, a block scalar holding `---`
    // after indentation, a document on its marker's line, and a syntax error near the end
    const documents = Array.from({ length: 8000 }, (_, i) => {
      const name = `cm-${i}`;
      if (i === 1500) return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: &d {a: "1"}\n`;
      if (i === 2500) return `--- {apiVersion: v1, kind: ConfigMap, metadata: {name: ${name}}}\n`;
      if (i === 3000)
        return `apiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: ${name}\n`;
      if (i === 7990) return `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}\n`;
      return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  script: |\n    echo a\n     ---\n    echo b\n`;
    });
    const text = documents.map((d, i) => (i === 0 || d.startsWith("---") ? d : `---\n${d}`)).join("");
    assert.ok(documentPieces(text).length >= 3, "the file is read in pieces");
    assert.equal(
      documentPieces(text)
        .map((p) => p.text)
        .join(""),
      text,
    );
    const dir = mkdtempSync(join(tmpdir(), "kubeship-pieces-"));
    writeFileSync(join(dir, "large.yaml"), text);
    const error = await loadManifests(["large.yaml"], dir).catch((e: unknown) => e);
    assert.ok(error instanceof ManifestError);
    const whole = parseManifest(text, "large.yaml");
    assert.deepEqual(error.problems, whole.problems);
    assert.equal(whole.problems.length, 1);
    // without the broken document, every object with the line it starts on
    const fixed = text.replace("{name: cm-7990\n", "{name: cm-7990}\n");
    writeFileSync(join(dir, "large.yaml"), fixed);
    const objects = await loadManifests(["large.yaml"], dir);
    assert.deepEqual(objects, parseManifest(fixed, "large.yaml").objects);
    assert.equal(objects.length, 8000);
    const itemLine = fixed.slice(0, fixed.indexOf("- apiVersion")).split("\n").length;
    assert.deepEqual(objects[3000]?.source, { file: "large.yaml", line: itemLine });
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
