// `npm test`: typecheck, lint, the dist/ staleness check, then unit and integration tests with Node's
// test runner. Starts the local test cluster first when none is running (building it if needed), and
// last runs the compatibility suite on the older Kubernetes in a second cluster (README "Kubernetes versions").
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kubernetesVersion, kubernetesVersions } from "./cluster/layout.ts";

/** What build.sh builds for a cluster (`build.sh all`), each on its own. */
const components = ["k8s", "etcd", "kwok"];

const root = join(import.meta.dirname, "..");

/**
 * The files that also run on the older Kubernetes: what depends on the server's behaviour (apply and
 * plan, pruning with ApplySets, the take-over of client-side-applied objects, discovery, every
 * rollout rule, OIDC through structured authentication). Not kustomize-render, which compares with
 * the default cluster's kubectl.
 */
const compatibilitySuite = [
  "test/integration/apply.test.ts",
  "test/integration/rollout.test.ts",
  "test/integration/oidc.test.ts",
  "test/integration/action.test.ts",
  "test/integration/round-trips.test.ts",
];

const bin = (name: string) => join(root, "node_modules", ".bin", name);

console.log(`kubeship tests on Node ${process.version}`);

function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): void {
  console.log(`\n== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal ?? "?"})`);
    process.exit(result.status ?? 1);
  }
  console.log(`== ${title}: ok in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

const only = process.argv.slice(2);
const older = only.length === 0 ? kubernetesVersions.slice(1) : [];
const defaultVersion = kubernetesVersions[0] ?? kubernetesVersion;
// A fresh machine builds the test cluster from Go modules: tens of minutes on 2 cores, most of a cold
// run. The default cluster's components build from the start, beside the checks below and beside each
// other, so that module downloads and linking, which leave cores idle, overlap other work. Each older
// Kubernetes (about 15 minutes of both cores of the project's machine) builds meanwhile at the lowest
// CPU priority, so that the tests and the default cluster go first. A warm machine's build.sh finds
// its binaries and returns at once.
const defaultBuilds =
  only.length === 0 ? components.map((component) => buildInBackground(defaultVersion, component, "normal")) : [];
const olderBuilds = new Map(older.map((version) => [version, buildInBackground(version, "k8s", "lowest")]));
// The real install manifests (argo-cd, ingress-nginx, prometheus-operator) from their Go modules, which
// the YAML reader's test compares with `yaml`.
const installs =
  only.length === 0
    ? inBackground("real install manifests", "installs", [process.execPath, "bench/real-installs.ts"], {}, "normal")
    : undefined;
// Ctrl-C ends the test runner in the foreground; this process then exits, stopping the builds too.
process.on("SIGINT", () => process.exit(130));
process.on("SIGTERM", () => process.exit(143));

interface Background {
  what: string;
  log: string;
  done: Promise<number>;
}

/** build.sh for one component of one Kubernetes version. */
function buildInBackground(version: string, component: string, priority: "normal" | "lowest"): Background {
  const what = component === "k8s" ? `Kubernetes ${version}` : component;
  const command = ["bash", "test/cluster/build.sh", component];
  return inBackground(what, `${component}-${version}`, command, { KUBESHIP_KUBERNETES: version }, priority);
}

/** A command that prepares the tests, run beside the foreground, its output kept in a log file. */
function inBackground(
  what: string,
  name: string,
  command: string[],
  env: NodeJS.ProcessEnv,
  priority: "normal" | "lowest",
): Background {
  const log = join(mkdtempSync(join(tmpdir(), "kubeship-build-")), `${name}.log`);
  const out = openSync(log, "w");
  const [file = "bash", ...args] = priority === "lowest" ? ["nice", "-n", "19", ...command] : command;
  const child = spawn(file, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", out, out],
    detached: true, // a process group of its own, so that go and its compilers stop with it
  });
  // Detached, the build is a session of its own, and Linux's scheduler autogroups give each session an
  // equal share of the CPU whatever the nice values inside: the "niced" build took half the cores, and
  // the default Kubernetes, which the tests wait for, built no sooner than this one (both in 31 minutes
  // on a cold machine). The session's own nice value puts it behind everything else.
  try {
    if (priority === "lowest" && child.pid !== undefined) writeFileSync(`/proc/${child.pid}/autogroup`, "19");
  } catch {
    // not Linux, or no autogroups: nice alone decides
  }
  // A run that fails or is interrupted must not leave the build going on alone (build.sh moves a
  // finished build into place whole, so a stopped one leaves nothing half-built behind).
  process.on("exit", () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  });
  const done = new Promise<number>((resolve) => {
    child.on("error", () => resolve(1));
    child.on("close", (code) => resolve(code ?? 1));
  });
  return { what, log, done };
}

/** Waits for a background command; its log and the exit when it failed. */
async function built(build: Background): Promise<void> {
  const started = Date.now();
  const code = await build.done;
  console.log(`\n== ${build.what}: done in the background (waited ${((Date.now() - started) / 1000).toFixed(1)}s)`);
  if (code !== 0) {
    console.error(`${readFileSync(build.log, "utf8")}\n${build.what} failed (exit ${code})`);
    process.exit(1);
  }
}

if (only.length === 0) {
  step("typecheck", bin("tsc"), ["-p", "."]);
  step("lint", bin("eslint"), ["."]);
  step("format", bin("prettier"), ["--check", "."]);
  step("dist/ matches src/", process.execPath, ["scripts/build.ts", "--check"]);
}
// The full run starts on the default Kubernetes, whatever KUBESHIP_KUBERNETES says; `npm test -- <files>`
// runs on the version it selects.
const mainEnv = only.length === 0 ? { ...process.env, KUBESHIP_KUBERNETES: defaultVersion } : process.env;
for (const build of defaultBuilds) await built(build);
step(
  `test cluster ${only.length === 0 ? defaultVersion : kubernetesVersion}`,
  process.execPath,
  ["test/cluster/cluster.ts", "up"],
  mainEnv,
);
// Each test run also writes TAP to a file, so that the totals of all runs can close the output.
const tapDir = mkdtempSync(join(tmpdir(), "kubeship-tap-"));
const tapFiles: string[] = [];
function tests(title: string, concurrency: number, files: string[], env?: NodeJS.ProcessEnv): void {
  const tap = join(tapDir, `${tapFiles.length}.tap`);
  tapFiles.push(tap);
  const reporters = [
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tap}`,
  ];
  step(
    title,
    process.execPath,
    ["--test", `--test-concurrency=${concurrency}`, "--test-timeout=300000", ...reporters, ...files],
    env,
  );
}

// Integration tests mostly wait on the cluster, so run several files at once even on 2 cores.
// test/serial/ stops parts of the cluster (restart, down), so it runs afterwards, alone.
if (only.length > 0) tests("tests", 4, only, mainEnv);
else {
  if (installs !== undefined) await built(installs);
  tests("unit and integration tests", 4, ["test/unit/*.test.ts", "test/integration/*.test.ts"], mainEnv);
  tests("cluster tests (serial)", 1, ["test/serial/*.test.ts"], mainEnv);
  // The compatibility suite again on each older Kubernetes, in a cluster of its own beside the
  // default one, which keeps running (README "Kubernetes versions").
  for (const version of older) {
    const build = olderBuilds.get(version);
    if (build !== undefined) await built(build);
    const env = { ...process.env, KUBESHIP_KUBERNETES: version };
    step(`test cluster ${version}`, process.execPath, ["test/cluster/cluster.ts", "up"], env);
    tests(`compatibility suite on Kubernetes ${version}`, 4, compatibilitySuite, env);
  }
}

/** A TAP summary count (`# pass 12`) summed over every run. */
function total(key: "pass" | "fail" | "skipped"): number {
  const pattern = new RegExp(`^# ${key} (\\d+)$`, "m");
  return tapFiles.reduce((sum, file) => sum + Number(pattern.exec(readFileSync(file, "utf8"))?.[1] ?? 0), 0);
}
console.log(`\n${total("pass")} passed, ${total("fail")} failed, ${total("skipped")} skipped`);
