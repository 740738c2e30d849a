// Which files the `manifests` input reads: one rule for symbolic links met while expanding directories
// and globs, explicit paths anywhere, brace globs, and file names that would break the log refused.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { readSettings } from "../../src/inputs.ts";
import { loadManifests, ManifestError } from "../../src/manifests/load.ts";

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\n`;

/**
 * A workspace `ws` beside a directory `outside` (a file the runner has that the repository does not:
 * outside/secret.yaml, outside/dir/other.yaml); `files` and `links` (name → target, relative to the
 * link's folder) are created in the workspace.
 */
function layout(files: Record<string, string>, links: Record<string, string>): { ws: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), "kubeship-paths-"));
  const ws = join(root, "ws");
  const outside = join(root, "outside");
  mkdirSync(join(outside, "dir"), { recursive: true });
  writeFileSync(join(outside, "secret.yaml"), configMap("outside"));
  writeFileSync(join(outside, "dir", "other.yaml"), configMap("outside-dir"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, name)), { recursive: true });
    writeFileSync(join(ws, name), text);
  }
  for (const [name, target] of Object.entries(links)) {
    mkdirSync(dirname(join(ws, name)), { recursive: true });
    symlinkSync(target, join(ws, name));
  }
  return { ws, outside };
}

interface Case {
  name: string;
  files?: Record<string, string>;
  links?: Record<string, string>;
  /** the `manifests` entries; `OUTSIDE` stands for the outside directory's absolute path */
  manifests: string[];
  /** `file:name` of each object read, in order */
  loads?: string[];
  /** else the error: every pattern matches it */
  error?: RegExp[];
}

const app = { "k8s/app.yaml": configMap("app") };
const outsideError = (link: string) => [
  new RegExp(`manifests: ${link} is a symbolic link to OUTSIDE/\\S+, outside the workspace`),
  /name the target itself/,
];

const cases: Case[] = [
  {
    name: "a glob meets a link to a file outside the workspace: an error naming the link",
    files: app,
    links: { "k8s/link.yaml": "../../outside/secret.yaml" },
    manifests: ["k8s/*.yaml"],
    error: outsideError("k8s/link\\.yaml"),
  },
  {
    name: "a directory meets a link to a file outside the workspace: the same error, not a silent skip",
    files: app,
    links: { "k8s/link.yaml": "../../outside/secret.yaml" },
    manifests: ["k8s"],
    error: outsideError("k8s/link\\.yaml"),
  },
  {
    name: "a directory meets a link to a directory outside the workspace",
    files: app,
    links: { "k8s/ext": "../../outside/dir" },
    manifests: ["k8s/"],
    error: outsideError("k8s/ext"),
  },
  {
    name: "a glob's directory is a link out of the workspace",
    files: { "other.yaml": configMap("other") },
    links: { k8s: "../outside/dir" },
    manifests: ["k8s/*.yaml"],
    error: outsideError("k8s"),
  },
  {
    name: "a named directory in the workspace is a link out of it",
    files: { "other.yaml": configMap("other") },
    links: { k8s: "../outside/dir" },
    manifests: ["k8s"],
    error: outsideError("k8s"),
  },
  {
    name: "a link to a file inside the workspace is followed by a directory, under the link's name",
    files: { ...app, "shared/common.yaml": configMap("common") },
    links: { "k8s/common.yaml": "../shared/common.yaml" },
    manifests: ["k8s"],
    loads: ["k8s/app.yaml:app", "k8s/common.yaml:common"],
  },
  {
    name: "a link to a directory inside the workspace is followed by a directory",
    files: { ...app, "shared/common.yaml": configMap("common") },
    links: { "k8s/shared": "../shared" },
    manifests: ["k8s"],
    loads: ["k8s/app.yaml:app", "k8s/shared/common.yaml:common"],
  },
  {
    name: "a link to a file inside the workspace is followed by a glob; the file is read once",
    files: { ...app, "shared/common.yaml": configMap("common") },
    links: { "k8s/common.yaml": "../shared/common.yaml" },
    manifests: ["k8s/*.yaml", "shared"],
    loads: ["k8s/app.yaml:app", "k8s/common.yaml:common"],
  },
  {
    name: "a link back to an enclosing directory ends, without looping",
    files: app,
    links: { "k8s/loop": ".." },
    manifests: ["k8s"],
    loads: ["k8s/app.yaml:app"],
  },
  {
    name: "a link to a manifest that does not exist: an error naming it",
    files: app,
    links: { "k8s/gone.yaml": "nothing-here.yaml" },
    manifests: ["k8s"],
    error: [/manifests: k8s\/gone\.yaml is a symbolic link to a file that does not exist/],
  },
  {
    name: "a link out of the workspace that is no manifest is not read, and no error",
    files: app,
    links: { "k8s/README": "../../outside/secret.yaml" },
    manifests: ["k8s"],
    loads: ["k8s/app.yaml:app"],
  },
  {
    name: "an explicit file may be a link anywhere (the workflow named it)",
    files: app,
    links: { "rendered.yaml": "../outside/secret.yaml" },
    manifests: ["rendered.yaml"],
    loads: ["rendered.yaml:outside"],
  },
  {
    name: "an explicit directory outside the workspace: links inside it may stay inside it",
    links: { "../outside/dir/again.yaml": "../secret.yaml" },
    manifests: ["OUTSIDE"],
    loads: ["OUTSIDE/dir/again.yaml:outside", "OUTSIDE/dir/other.yaml:outside-dir"],
  },
  {
    name: "an explicit directory outside the workspace: a link out of it is an error",
    links: { "../outside/dir/up.yaml": "../secret.yaml" },
    manifests: ["OUTSIDE/dir"],
    error: [/manifests: OUTSIDE\/dir\/up\.yaml is a symbolic link to .*, outside the directory OUTSIDE\/dir;/],
  },
  {
    name: "brace globs, as the manifests input gives them",
    files: { "k8s/app/a.yaml": configMap("a"), "k8s/db/b.yaml": configMap("b"), "k8s/web/c.yaml": configMap("c") },
    manifests: [...readSettings({ INPUT_MANIFESTS: "k8s/{app,db}/*.yaml", GITHUB_WORKSPACE: "/ws" }).manifests],
    loads: ["k8s/app/a.yaml:a", "k8s/db/b.yaml:b"],
  },
  {
    name: "a file name with a newline (a workflow command on the next log line): an error naming it escaped",
    files: { ...app, "k8s/evil\n::error::forged.yaml": configMap("evil") },
    manifests: ["k8s"],
    error: [/manifests: the file name k8s\/evil\\n::error::forged\.yaml contains control characters/],
  },
  {
    name: "a file name with a carriage return or an escape character: an error naming it escaped",
    files: { ...app, "k8s/a\rb.yaml": configMap("cr"), "k8s/c\u001bd.yaml": configMap("esc") },
    manifests: ["k8s/*.yaml"],
    error: [/k8s\/a\\rb\.yaml contains control characters/, /k8s\/c\\u001bd\.yaml contains control characters/],
  },
];

/** a character that would end the runner's log line or drive a terminal */
const controlCharacter = (text: string) => [...text].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

async function load(c: Case): Promise<{ loads: string[] } | { error: string }> {
  const { ws, outside } = layout(c.files ?? {}, c.links ?? {});
  const entries = c.manifests.map((m) => m.replace("OUTSIDE", outside));
  try {
    const objects = await loadManifests(entries, ws);
    return { loads: objects.map((o) => `${o.source.file.replace(outside, "OUTSIDE")}:${o.ref.name}`) };
  } catch (error) {
    assert.ok(error instanceof ManifestError, String(error));
    for (const problem of error.problems) {
      assert.ok(!controlCharacter(problem.message), `raw: ${JSON.stringify(problem)}`);
    }
    return { error: error.message.replaceAll(outside, "OUTSIDE") };
  }
}

describe("manifest files", () => {
  for (const c of cases) {
    it(c.name, async () => {
      const result = await load(c);
      if (c.loads !== undefined) assert.deepEqual(result, { loads: c.loads });
      else {
        assert.ok("error" in result, `expected an error, read ${JSON.stringify(result)}`);
        for (const pattern of c.error ?? []) assert.match(result.error, pattern);
      }
    });
  }

  it("the manifests input keeps a brace glob's commas and still splits items on commas and newlines", () => {
    const input = "k8s/{app,db}/*.yaml, crds/\nother.yaml,{a,b}.json";
    const settings = readSettings({ INPUT_MANIFESTS: input, GITHUB_WORKSPACE: "/ws" });
    assert.deepEqual(settings.manifests, ["k8s/{app,db}/*.yaml", "crds/", "other.yaml", "{a,b}.json"]);
  });
});
