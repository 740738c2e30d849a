// `timeout` and cancellation bound every stage, credentials included, and every ending is reported:
// the bundled action run as the runner runs it against what hangs — an API server that completes
// TLS and never answers, exec credential plugins that never finish (one ignores SIGTERM), a token
// service that never answers — ends near its timeout or within seconds of SIGTERM, names the stage and
// what it waited for, writes `result` and the summary, and leaves the post step the kubeconfig's path.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { stringify } from "yaml";
import { type ActionRun, runAction, visibleLog } from "../helpers/action.ts";
import { clusterAccess, kubeconfigWith, scratch } from "../helpers/identities.ts";
import { startIdTokenEndpoint } from "../helpers/oidc.ts";
import { type SilentServer, startSilentServer } from "../helpers/silent-server.ts";
import { workspaceWith } from "../helpers/workspace.ts";

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function silent(options?: { tls: boolean }): Promise<SilentServer> {
  const server = await startSilentServer(options);
  cleanups.push(() => server.close());
  return server;
}

const manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: never-applied}\ndata: {a: b}\n";

/** A kubeconfig naming `server`, trusted through the cluster's CA (which signed the silent server's certificate). */
function kubeconfigFor(server: string): string {
  const access = clusterAccess();
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "hung", cluster: { server, "certificate-authority-data": access.caData } }],
    users: [{ name: "ci", user: { token: "not-a-real-token" } }],
    contexts: [{ name: "hung", context: { cluster: "hung", user: "ci", namespace: "default" } }],
    "current-context": "hung",
  });
}

interface Timed {
  run: ActionRun;
  /** from the start of the process to its exit */
  ms: number;
  /** from its first output — the run is under way by then, its deadline started — to its exit */
  afterStart: number;
}

/**
 * Runs the action and times it. On this shared machine the start-up of Node and the bundle alone
 * can take many seconds under load, so the whole is held to a generous bound only, and the run
 * itself (from its first output line, printed once the deploy has begun) to the sharp one.
 */
async function timed(options: Parameters<typeof runAction>[0]): Promise<Timed> {
  const started = Date.now();
  let firstOutput: number | undefined;
  const run = await runAction({
    ...options,
    onStart: (child) => {
      child.stdout?.once("data", () => (firstOutput ??= Date.now()));
      options.onStart?.(child);
    },
  });
  const ended = Date.now();
  return { run, ms: ended - started, afterStart: ended - (firstOutput ?? started) };
}

/** Well short of what held the step before (300 s, or for ever), well above a loaded machine's start-up. */
const generousMs = 60_000;

/** A 3 s timeout reached, and the report written: within a few seconds of it. */
function assertEndedNear3s(t: Timed): void {
  assert.ok(t.ms < generousMs, `took ${t.ms / 1000}s`);
  assert.ok(t.afterStart < 6_000, `ended ${t.afterStart / 1000}s after the run started`);
}

/** What every ending must leave: `result`, a summary, a failed step, and the post step's state. */
function assertReported(run: ActionRun, summary: RegExp): void {
  assert.equal(run.exitCode, 1, visibleLog(run.log));
  assert.equal(run.outputs.result, "failure");
  assert.match(run.summary, summary);
  const path = run.state["kubeconfig-path"] ?? "";
  assert.match(path, /kubeship-kubeconfig-[0-9a-f]+\.yaml$/, "the post step knows the kubeconfig's path");
  assert.ok(path.startsWith(run.runnerTemp), path);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether `pid` is gone within `ms` (a killed process is reaped by init once its parent exits). */
async function goneWithin(pid: number, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (!alive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !alive(pid);
}

describe("an API server that completes TLS but never answers", () => {
  it("ends at a 3s timeout, naming the stage and the request, with result, summary and the post step's state", async () => {
    const server = await silent();
    const timing = await timed({
      workspace: workspaceWith({ "cm.yaml": manifest }),
      inputs: { manifests: "cm.yaml", kubeconfig: kubeconfigFor(server.url), timeout: "3s" },
    });
    const { run } = timing;
    // before: undici's 300s header timeout held the step
    assertEndedNear3s(timing);
    const log = visibleLog(run.log);
    assert.match(
      log,
      new RegExp(
        `timeout 3s reached in the identity stage while waiting for the API server to answer POST /apis/authentication\\.k8s\\.io/v1/selfsubjectreviews at ${server.url.replace(/\./g, "\\.")}: raise the timeout input if it needs longer, or check that the API server answers`,
      ),
    );
    assertReported(run, /❌ Deploy failed[\s\S]*timeout 3s reached in the identity stage/);
    // nothing was written, and the post step copes with that
    const path = run.state["kubeconfig-path"] ?? "";
    assert.equal(existsSync(path), false);
    const post = await runAction({ entry: "post", inputs: {}, state: { "kubeconfig-path": path } });
    assert.equal(post.exitCode, 0, visibleLog(post.log));
  });

  it("SIGTERM while it waits ends the step within seconds, reporting the cancellation", async () => {
    const server = await silent();
    let child: ChildProcess | undefined;
    const running = timed({
      workspace: workspaceWith({ "cm.yaml": manifest }),
      inputs: { manifests: "cm.yaml", kubeconfig: kubeconfigFor(server.url), timeout: "5m" },
      onStart: (c) => (child = c),
    });
    for (let i = 0; i < 600 && server.accepted === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(server.accepted > 0, "the request reached the server");
    const signalled = Date.now();
    child?.kill("SIGTERM");
    const { run } = await running;
    const took = Date.now() - signalled;
    // before: SIGTERM was swallowed and the step waited for undici's 300s header timeout
    assert.ok(took < 5_000, `exited ${took / 1000}s after SIGTERM`);
    assert.match(visibleLog(run.log), /Received SIGTERM: stopping everything in flight/);
    assert.match(
      visibleLog(run.log),
      /the workflow was cancelled in the identity stage while waiting for the API server to answer POST \/apis\/authentication\.k8s\.io\/v1\/selfsubjectreviews/,
    );
    assertReported(run, /❌ Deploy cancelled/);
  });
});

/**
 * An exec credential plugin that never finishes: it records its pid and its child's, then waits on a
 * child that sleeps. With `ignoreTerm`, it (and so its child) ignores SIGTERM.
 */
function hangingPlugin(ignoreTerm: boolean): { path: string; pids: () => number[] } {
  const dir = scratch();
  const path = join(dir, "hang.sh");
  writeFileSync(
    path,
    [
      "#!/bin/sh",
      ...(ignoreTerm ? ["trap '' TERM"] : []),
      "sleep 1000 &",
      `echo "$$ $!" > ${join(dir, "pids")}`,
      "wait",
      "",
    ].join("\n"),
  );
  chmodSync(path, 0o755);
  const pids = () => readFileSync(join(dir, "pids"), "utf8").trim().split(" ").map(Number);
  return { path, pids };
}

describe("an exec credential plugin that never finishes", { concurrency: true }, () => {
  for (const ignoreTerm of [false, true]) {
    it(`is killed at a 3s timeout with its child${ignoreTerm ? ", SIGKILL when it ignores SIGTERM" : ""}`, async () => {
      const plugin = hangingPlugin(ignoreTerm);
      const kubeconfig = kubeconfigWith({
        exec: { apiVersion: "client.authentication.k8s.io/v1", command: plugin.path, interactiveMode: "Never" },
      });
      const timing = await timed({
        workspace: workspaceWith({ "cm.yaml": manifest }),
        inputs: { manifests: "cm.yaml", kubeconfig, namespace: "default", timeout: "3s" },
      });
      const { run } = timing;
      // before: the step waited for the plugin as long as it ran
      assertEndedNear3s(timing);
      assert.match(
        visibleLog(run.log),
        /timeout 3s reached in the identity stage while running the exec credential plugin `[^`]*hang\.sh` \(the exec plugin of user "ci" in the kubeconfig input; killed\): raise the timeout input if it needs longer, or check that "[^"]*hang\.sh" finishes on its own without a terminal/,
      );
      assertReported(run, /timeout 3s reached/);
      const [pid = 0, child = 0] = plugin.pids();
      assert.ok(await goneWithin(pid, 3000), `the plugin (pid ${pid}) is still running`);
      assert.ok(await goneWithin(child, 3000), `the plugin's child (pid ${child}) is still running`);
    });
  }
});

describe("a cloud token service that never answers", () => {
  it("auth: aws with an STS that never answers ends at a 3s timeout, naming the call", async () => {
    const sts = await silent();
    const ids = await startIdTokenEndpoint({ subject: "repo:kubeship-test/app:ref:refs/heads/main" });
    cleanups.push(ids.close);
    const timing = await timed({
      workspace: workspaceWith({ "cm.yaml": manifest }),
      inputs: {
        manifests: "cm.yaml",
        auth: "aws",
        "aws-role-arn": "arn:aws:iam::123456789012:role/deployer",
        "aws-region": "us-east-1",
        "cluster-name": "kubeship-test",
        namespace: "default",
        timeout: "3s",
      },
      env: { ...ids.env, AWS_ENDPOINT_URL_STS: sts.url, AWS_ENDPOINT_URL_EKS: sts.url },
    });
    // before: no deadline at all on token services (undici's 30s header timeout per try, 4 tries)
    const { run } = timing;
    assertEndedNear3s(timing);
    assert.ok(sts.accepted > 0, "STS was asked");
    assert.match(
      visibleLog(run.log),
      new RegExp(
        `timeout 3s reached in the credentials stage while waiting for AWS STS AssumeRoleWithWebIdentity at ${new URL(sts.url).host.replace(/\./g, "\\.")}: raise the timeout input if it needs longer, or check that the service is reachable`,
      ),
    );
    assertReported(run, /timeout 3s reached in the credentials stage/);
  });
});
