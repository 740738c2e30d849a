// What each committed bundle loads when it starts (its static imports among dist/'s files), read from
// the module comments esbuild writes (`// node_modules/undici/lib/…`, `// src/post.ts`): one undici in
// all of dist/, the credential plugin's cached path free of undici, yaml and HTTPS, and a post step
// without the token services.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { bundleText as text, closure, dist } from "../helpers/bundles.ts";

/** The source modules bundled into `files`, as esbuild names them. */
function modules(files: string[]): string[] {
  return files.flatMap((file) =>
    [...text(file).matchAll(/^\/\/ ((?:node_modules|src)\/\S+)$/gm)].map((m) => m[1] ?? ""),
  );
}

describe("the bundles", () => {
  it("hold one copy of undici in all of dist/", () => {
    const all = modules(readdirSync(dist).filter((file) => file.endsWith(".js")));
    const copies = new Set(
      all.filter((m) => m.endsWith("/undici/index.js") || m.endsWith("/undici/lib/dispatcher/client.js")),
    );
    assert.deepEqual([...copies].sort(), [
      "node_modules/undici/index.js",
      "node_modules/undici/lib/dispatcher/client.js",
    ]);
  });

  it("the credential plugin's cached path loads no dependency, no HTTPS and no provider", () => {
    const files = closure("credential.js");
    assert.deepEqual(
      modules(files).filter((m) => m.startsWith("node_modules/") || m.includes("/providers/")),
      [],
    );
    assert.doesNotMatch(files.map(text).join("\n"), /from "node:(https|http|tls)"/);
    // the path that obtains a token exists, loaded when needed
    assert.ok(modules(closure("credential.js", true)).includes("src/credentials/providers/transport.ts"));
  });

  it("the credential plugin never contains @actions/core, whose masking writes to stdout", () => {
    const all = closure("credential.js", true);
    assert.deepEqual(
      modules(all).filter((m) => m.startsWith("node_modules/@actions/")),
      [],
    );
    assert.doesNotMatch(all.map(text).join("\n"), /add-mask/);
  });

  it("the post step loads neither the token services nor a YAML parser nor undici", () => {
    const loaded = modules(closure("post.js", true));
    assert.deepEqual(
      loaded.filter((m) =>
        /node_modules\/(undici|yaml|@actions\/http-client)\/|src\/credentials\/(providers|sources)\//.test(m),
      ),
      [],
    );
  });

  it("what the action loads at start holds no WebAssembly as text: undici's HTTP/1.1 parser is read when needed", () => {
    assert.doesNotMatch(closure("index.js").map(text).join("\n"), /AGFzbQ/, "base64 of a WebAssembly module");
    const beside = closure("index.js", true).filter((file) => file.endsWith(".wasm"));
    assert.deepEqual(beside.sort(), [
      "undici-llhttp-llhttp-wasm.wasm",
      "undici-llhttp-llhttp_simd-wasm.wasm",
      "undici-milo-no-simd.wasm",
      "undici-milo-simd.wasm",
    ]);
    // each one a WebAssembly module (its magic number and version 1)
    for (const file of beside)
      assert.deepEqual([...readFileSync(join(dist, file)).subarray(0, 8)], [0, 97, 115, 109, 1, 0, 0, 0]);
  });

  it("the action loads GitHub's client only when it records something in GitHub", () => {
    assert.deepEqual(
      modules(closure("index.js")).filter((m) => m.includes("@octokit/") || m.includes("@actions/github/")),
      [],
    );
    assert.ok(modules(closure("index.js", true)).some((m) => m.startsWith("node_modules/@actions/github/")));
  });

  it("the action loads at start only what its first request needs: the YAML parser and the later stages follow it", () => {
    const atStart = modules(closure("index.js"));
    const later = modules(closure("index.js", true));
    const deferred = [
      "node_modules/yaml/", // the manifests and a kubeconfig are parsed after the first request is sent
      "src/manifests/load.ts",
      "src/pipeline/plan.ts",
      "src/apply/run.ts",
      "src/rollout/wait.ts",
      "src/pipeline/assemble.ts",
      "src/report/summary.ts",
      "src/credentials/sources/kubeconfig.ts", // and with it exec plugins' child processes
      "src/credentials/sources/oidc.ts",
    ];
    for (const prefix of deferred) {
      assert.deepEqual(
        atStart.filter((m) => m.startsWith(prefix)),
        [],
        `${prefix} is loaded at start`,
      );
      assert.ok(
        later.some((m) => m.startsWith(prefix)),
        `${prefix} is never loaded`,
      );
    }
    // what the first request needs is there
    for (const needed of ["src/pipeline/connect.ts", "src/pipeline/ask.ts", "src/kube/client.ts"])
      assert.ok(atStart.includes(needed), `${needed} is not loaded at start`);
    assert.doesNotMatch(closure("index.js").map(text).join("\n"), /from "node:child_process"/);
  });
});
