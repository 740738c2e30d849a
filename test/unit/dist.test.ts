import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";

const root = join(import.meta.dirname, "..", "..");

function check(dist: string) {
  return spawnSync(process.execPath, [join(root, "scripts", "build.ts"), "--check", "--dist", dist], {
    encoding: "utf8",
  });
}

describe("the dist/ staleness check", () => {
  it("passes for the committed bundles and fails for a changed, missing or extra file", () => {
    const copy = mkdtempSync(join(tmpdir(), "kubeship-dist-"));
    cpSync(join(root, "dist"), copy, { recursive: true });
    assert.equal(check(copy).status, 0, check(copy).stderr);

    appendFileSync(join(copy, "index.js"), "\n// edited by hand\n");
    const changed = check(copy);
    assert.equal(changed.status, 1);
    assert.match(
      changed.stderr,
      /dist\/index\.js differs from a fresh build of src\/[\s\S]*run `npm run build` and commit dist\//,
    );

    rmSync(join(copy, "post.js"));
    assert.match(check(copy).stderr, /dist\/post\.js is missing/);
    cpSync(join(root, "dist", "post.js"), join(copy, "stray.js"));
    assert.match(check(copy).stderr, /dist\/stray\.js is not produced by the build/);
  });

  it("fails when kustomize.wasm is not the module its stamp records, or the stamp's sources differ", () => {
    const copy = mkdtempSync(join(tmpdir(), "kubeship-dist-"));
    cpSync(join(root, "dist"), copy, { recursive: true });
    appendFileSync(join(copy, "kustomize.wasm"), "x");
    assert.match(check(copy).stderr, /dist\/kustomize\.wasm is not the module its stamp records/);

    cpSync(join(root, "dist", "kustomize.wasm"), join(copy, "kustomize.wasm"));
    const stamp = join(copy, "kustomize.wasm.stamp");
    // what the stamp of a build from an older main.go or go.sum looks like: another sources hash
    writeFileSync(stamp, readFileSync(stamp, "utf8").replace(/^sources \S+/m, "sources 0000000000000000"));
    const stale = check(copy);
    assert.equal(stale.status, 1);
    assert.match(stale.stderr, /dist\/kustomize\.wasm was built from other sources than kustomize\/wasm\//);

    rmSync(stamp);
    assert.match(check(copy).stderr, /dist\/kustomize\.wasm or dist\/kustomize\.wasm\.stamp is missing/);
  });
});
