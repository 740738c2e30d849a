// scripts/install-first.mjs, the `pretest`/`predemo` hook: `npm ci` when node_modules is missing or
// older than package-lock.json, nothing otherwise. Run with the real npm on a copy of the script in a
// small project (one local workspace package, so npm ci installs something, offline, in a second).
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { repoRoot } from "../helpers/action.ts";
import { type Finished, runProcess } from "../helpers/process.ts";
import { writeFiles } from "../helpers/workspace.ts";

const project = mkdtempSync(join(tmpdir(), "kubeship-install-first-"));
// offline: the project's one package is local, and no test waits on the network
const env = {
  PATH: [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
  HOME: process.env.HOME,
  npm_config_offline: "true",
};
const installed = join(project, "node_modules", ".package-lock.json");

/** npm's own script, found as a shell finds `npm`: what npm passes to hooks as npm_execpath. */
function npmScript(): string {
  for (const dir of env.PATH.split(delimiter)) {
    const npm = join(dir, "npm");
    if (existsSync(npm)) return realpathSync(npm);
  }
  throw new Error("npm is not on PATH");
}

/** The hook as `npm test` runs it (npm_execpath set), or as `node scripts/install-first.mjs` does. */
function hook(asNpmRunsIt = false): Promise<Finished> {
  const script = join(project, "scripts", "install-first.mjs");
  return runProcess(process.execPath, [script], {
    cwd: project,
    env: asNpmRunsIt ? { ...env, npm_execpath: npmScript() } : env,
  });
}

describe("install-first", () => {
  before(async () => {
    mkdirSync(join(project, "scripts"));
    copyFileSync(join(repoRoot, "scripts", "install-first.mjs"), join(project, "scripts", "install-first.mjs"));
    writeFiles(project, {
      "package.json": JSON.stringify({
        name: "tiny",
        private: true,
        workspaces: ["lib"],
        scripts: { pretest: "node scripts/install-first.mjs", test: "node --version" },
      }),
      // stands in for the pinned Node's platform package (a 120 MB download): a `node` command it installs
      "lib/package.json": JSON.stringify({ name: "tiny-lib", version: "1.0.0", bin: { node: "node.sh" } }),
      "lib/node.sh": '#!/bin/sh\necho "the pinned node, given: $*"\n',
    });
    const lock = await runProcess("npm", ["install", "--no-audit", "--no-fund"], { cwd: project, env });
    assert.equal(lock.code, 0, lock.stderr);
    rmSync(join(project, "node_modules"), { recursive: true });
  });
  after(() => rmSync(project, { recursive: true, force: true }));

  it("installs when node_modules is missing, then leaves it alone", async () => {
    const first = await hook(true);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^node_modules is missing: running npm ci first$/m);
    assert.ok(existsSync(join(project, "node_modules", "tiny-lib", "package.json")));

    const again = await hook();
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, "");
  });

  it("installs again when package-lock.json changed after the install", async () => {
    const before = statSync(installed).mtimeMs;
    const later = new Date(before + 60_000);
    utimesSync(join(project, "package-lock.json"), later, later);
    const run = await hook();
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^package-lock\.json is newer than node_modules: running npm ci first$/m);
    assert.ok(statSync(installed).mtimeMs > before, "npm ci did not write node_modules again");
  });

  it("lets `npm test` run its script on the node that the install put in node_modules/.bin", async () => {
    rmSync(join(project, "node_modules"), { recursive: true });
    const run = await runProcess("npm", ["test"], { cwd: project, env });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /node_modules is missing: running npm ci first/);
    assert.match(run.stdout, /^the pinned node, given: --version$/m);
  });

  it("stops with npm's failure, not the test run's", async () => {
    // a lockfile npm cannot read
    writeFiles(project, { "package-lock.json": "{" });
    rmSync(join(project, "node_modules"), { recursive: true });
    const run = await hook();
    assert.equal(run.code, 1);
    assert.match(run.stderr, /npm ci failed \(exit \d+\): see its output above/);
  });
});
