// The test cluster's version setting and the separation of the clusters of two versions: a `down`
// of one must never stop the other's daemons (both run at once on a developer's machine and in CI).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { clusterDirOf, kubernetesVersions, selectedVersion } from "../cluster/layout.ts";
import { strayProcesses } from "../cluster/processes.ts";

describe("KUBESHIP_KUBERNETES", () => {
  it("defaults to 1.36, accepts 1.35, and names the versions it knows when given another", () => {
    assert.equal(selectedVersion(undefined), "1.36");
    assert.equal(selectedVersion(""), "1.36");
    assert.equal(selectedVersion("1.35"), "1.35");
    assert.throws(() => selectedVersion("1.34"), /KUBESHIP_KUBERNETES=1\.34 .*use one of 1\.36, 1\.35/);
    assert.throws(() => selectedVersion("v1.35"), /KUBESHIP_KUBERNETES=v1\.35/);
  });

  it("gives each version its own cluster folder, the default keeping the one it always had", () => {
    const dirs = kubernetesVersions.map(clusterDirOf);
    assert.equal(new Set(dirs).size, kubernetesVersions.length);
    assert.match(clusterDirOf("1.36"), /[/]cluster$/);
    assert.match(clusterDirOf("1.35"), /[/]cluster-1\.35$/);
  });
});

describe("stray daemons", () => {
  const root = mkdtempSync(join(tmpdir(), "kubeship-strays-"));
  const children: number[] = [];
  after(() => {
    for (const pid of children) process.kill(pid);
    rmSync(root, { recursive: true, force: true });
  });

  it("of one cluster are not those of the cluster whose folder name extends it", async () => {
    const bin = join(root, "bin", "k8s-test");
    mkdirSync(bin, { recursive: true });
    // a daemon "built" under the binaries folder: node, linked there, idling with a cluster path argument
    const daemon = join(bin, "daemon");
    symlinkSync(process.execPath, daemon);
    const older = join(root, "cluster-1.35");
    const child = spawn(daemon, ["-e", "setInterval(() => {}, 1000)", "--", `--data-dir=${join(older, "etcd")}`], {
      stdio: "ignore",
    });
    assert.ok(child.pid !== undefined);
    children.push(child.pid);
    await new Promise((resolve) => child.once("spawn", resolve));
    assert.deepEqual(strayProcesses(join(root, "bin"), older), [child.pid]);
    assert.deepEqual(strayProcesses(join(root, "bin"), join(root, "cluster")), []);
  });
});
