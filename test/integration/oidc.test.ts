// auth: github-oidc and auth: token-exchange, run as the runner runs the action, against the test
// cluster, which trusts the local issuer through structured authentication configuration and the
// exchanged tokens through its token-review webhook. Only the runner's ID-token endpoint is a local
// stand-in (test/helpers/oidc.ts); the cluster, its authenticators and kubectl are real.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { parse } from "yaml";
import { clusterAudience, exchangeAudience, githubUserPrefix } from "../cluster/identity/trust.ts";
import { paths } from "../cluster/layout.ts";
import { type ActionRun, maskedValues, runAction, visibleLog } from "../helpers/action.ts";
import { createNamespace, deleteNamespace, kubectl } from "../helpers/cluster.ts";
import { clusterAccess, scratch } from "../helpers/identities.ts";
import { type IdTokenEndpoint, identityServices, startIdTokenEndpoint } from "../helpers/oidc.ts";
import { exampleWorkspace, workspaceWith } from "../helpers/workspace.ts";

const cleanups: (() => Promise<unknown>)[] = [];
after(async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
});

async function namespace(prefix: string): Promise<string> {
  const ns = await createNamespace(prefix);
  cleanups.push(() => deleteNamespace(ns));
  return ns;
}

/** A repository of the trusted organisation, its own for this test, so that its user is too. */
function repository(): string {
  return `kubeship-test/app-${randomBytes(3).toString("hex")}`;
}

/** Lets `user` do anything in the cluster (examples/ creates its Namespace). */
async function clusterAdmin(user: string): Promise<void> {
  const name = `oidc-${randomBytes(4).toString("hex")}`;
  await kubectl(["create", "clusterrolebinding", name, "--clusterrole=cluster-admin", `--user=${user}`]);
  cleanups.push(() => kubectl(["delete", "clusterrolebinding", name, "--ignore-not-found"]));
}

async function admin(ns: string, user: string): Promise<void> {
  await kubectl(["create", "rolebinding", "oidc-admin", "-n", ns, "--clusterrole=admin", `--user=${user}`]);
}

async function endpoint(options: Parameters<typeof startIdTokenEndpoint>[0] = {}): Promise<IdTokenEndpoint> {
  const started = await startIdTokenEndpoint(options);
  cleanups.push(started.close);
  return started;
}

const clusterInputs = () => ({ server: clusterAccess().server, "certificate-authority-data": clusterAccess().caData });

const slowDeployment = (seconds: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: slow}\nspec:\n  selector: {matchLabels: {app: slow}}\n  template:\n    metadata: {labels: {app: slow}, annotations: {kubeship.test/ready-after: '${seconds}'}}\n    spec: {containers: [{name: app, image: registry.example/app:1}]}\n`;

/** No ID token, exchanged token or request token in what a reader sees; each ID token registered for masking. */
function assertNoLeak(run: ActionRun, idTokens: readonly string[], requestToken: string): void {
  const readable = [visibleLog(run.log), JSON.stringify(run.outputs), run.summary].join("\n");
  const masked = maskedValues(run.log);
  assert.ok(idTokens.length > 0);
  for (const token of idTokens) {
    assert.ok(!readable.includes(token), "an ID token appears in the log, outputs or summary");
    assert.ok(masked.includes(token), "an ID token was not registered with ::add-mask::");
  }
  assert.ok(masked.includes(requestToken), "the runner's request token was not registered with ::add-mask::");
  assert.ok(!readable.includes(requestToken), "the runner's request token appears in the log");
  // JWTs (ID tokens) and the local services' tokens have recognisable shapes: none is visible
  assert.doesNotMatch(readable, /eyJ[\w-]{10,}\.[\w-]{10,}/);
  assert.doesNotMatch(readable, /kubeship-fake\.[\w-]{10,}/);
}

const run = promisify(execFile);

/** kubectl in a later step of the same job: the exported kubeconfig, and the step's ID-token request variables. */
async function laterStep(kubeconfigPath: string, env: Record<string, string>, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const kubectlBinary = join((JSON.parse(readFileSync(paths.binaries, "utf8")) as { k8s: string }).k8s, "kubectl");
  return run(kubectlBinary, ["--kubeconfig", kubeconfigPath, ...args], { env: { PATH: process.env.PATH ?? "", HOME: scratch(), ...env } });
}

interface ExecStanza {
  users: { user: { exec?: { command: string; args: string[]; env: { name: string; value: string }[] }; token?: string } }[];
}

/** The exported kubeconfig runs kubeship's plugin with the runner's Node, and carries no secret. */
function assertPluginStanza(kubeconfigPath: string, endpointEnv: Record<string, string>): string {
  const text = readFileSync(kubeconfigPath, "utf8");
  const exec = (parse(text) as ExecStanza).users[0]?.user.exec;
  assert.ok(exec !== undefined, "the kubeconfig's user is not an exec plugin");
  assert.equal(exec.command, process.execPath);
  assert.match(exec.args[0] ?? "", /\/dist\/credential\.js$/);
  assert.doesNotMatch(text, /eyJ[\w-]{10,}|kubeship-fake\./);
  assert.ok(!text.includes(endpointEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "?"));
  const config = JSON.parse(exec.env[0]?.value ?? "{}") as { cache: string };
  assert.equal(statSync(config.cache).mode & 0o777, 0o600);
  return config.cache;
}

describe("auth: github-oidc", { concurrency: true }, () => {
  it("deploys examples/ with the GitHub ID token as the bearer token, masked", async () => {
    const repo = repository();
    const user = `${githubUserPrefix}repo:${repo}:ref:refs/heads/main`;
    await clusterAdmin(user);
    const ns = `oidc-example-${randomBytes(3).toString("hex")}`;
    cleanups.push(() => deleteNamespace(ns));
    const ids = await endpoint({ repository: repo });
    const result = await runAction({
      workspace: exampleWorkspace(ns),
      inputs: { manifests: "examples/app", auth: "github-oidc", audience: clusterAudience, ...clusterInputs(), timeout: "2m" },
      env: ids.env,
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.equal(result.outputs.changed, "4");
    assert.match(visibleLog(result.log), new RegExp(`Deploying as ${user.replace(/[/.]/g, "\\$&")}`));
    assert.match(visibleLog(result.log), /credentials from auth: github-oidc/);
    assert.deepEqual([...new Set(ids.audiences)], [clusterAudience]);
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "");
  });

  it("with tokens that live 20 seconds, waits a minute without a 401, and later steps still authenticate after the first token expired", async () => {
    const repo = repository();
    const user = `${githubUserPrefix}repo:${repo}:ref:refs/heads/main`;
    const ns = await namespace("oidc-refresh");
    await admin(ns, user);
    const ids = await endpoint({ repository: repo, lifetime: 20 });
    const started = Date.now();
    const result = await runAction({
      workspace: workspaceWith({ "slow.yaml": slowDeployment(60) }),
      inputs: { manifests: "slow.yaml", namespace: ns, auth: "github-oidc", audience: clusterAudience, ...clusterInputs(), timeout: "3m" },
      env: ids.env,
    });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.ok(seconds > 60, `the deploy took ${seconds}s, not longer than three token lifetimes`);
    // the requests after the wait went out with a renewed token, never one the cluster refused
    assert.ok(ids.issued.length >= 2, `${ids.issued.length} ID tokens in ${seconds}s`);
    assert.doesNotMatch(result.log, /refused the token \(401\)/);
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "");

    const kubeconfigPath = result.outputs["kubeconfig-path"] ?? "";
    assertPluginStanza(kubeconfigPath, ids.env);
    const firstStep = await laterStep(kubeconfigPath, ids.env, ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"]);
    assert.equal(firstStep.stdout, user);
    const afterDeploy = ids.issued.length;
    // the cached token expires: the plugin obtains another one, which kubectl uses
    await sleep(21_000);
    const secondStep = await laterStep(kubeconfigPath, ids.env, ["get", "deployment", "slow", "-n", ns, "-o", "jsonpath={.status.readyReplicas}"]);
    assert.equal(secondStep.stdout, "1");
    assert.match(secondStep.stderr, /kubeship: obtained the GitHub ID token/);
    assert.equal(ids.issued.length, afterDeploy + 1, "the plugin ran once and minted one ID token");
    assert.doesNotMatch(secondStep.stderr, /eyJ/);
  });

  it("a wrong audience: the cluster's refusal names the audience, and what to check", async () => {
    const ns = await namespace("oidc-audience");
    const ids = await endpoint();
    const result = await runAction({
      workspace: workspaceWith({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n" }),
      inputs: { manifests: "cm.yaml", namespace: ns, auth: "github-oidc", audience: "https://wrong.example", ...clusterInputs() },
      env: ids.env,
    });
    assert.equal(result.exitCode, 1);
    const log = visibleLog(result.log);
    assert.match(log, /rejected the credentials \(401 Unauthorized\): the cluster refused the GitHub ID token/);
    assert.match(log, /does not list the audience "https:\/\/wrong\.example" \(the audience input\)/);
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "");
  });

  it("an untrusted subject: the refusal names the subject and the claim rules", async () => {
    const ns = await namespace("oidc-subject");
    const ids = await endpoint({ repository: "someone-else/app" });
    const result = await runAction({
      workspace: workspaceWith({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n" }),
      inputs: { manifests: "cm.yaml", namespace: ns, auth: "github-oidc", audience: clusterAudience, ...clusterInputs() },
      env: ids.env,
    });
    assert.equal(result.exitCode, 1);
    const log = visibleLog(result.log);
    assert.match(log, /subject repo:someone-else\/app:ref:refs\/heads\/main/);
    assert.match(log, /claim rules refuse that subject/);
  });

  it("without id-token: write (no request URL), says so before anything is sent", async () => {
    const result = await runAction({
      workspace: workspaceWith({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n" }),
      inputs: { manifests: "cm.yaml", auth: "github-oidc", audience: clusterAudience, ...clusterInputs() },
    });
    assert.equal(result.exitCode, 1);
    assert.match(visibleLog(result.log), /permissions: id-token: write`; pull requests from forks get no ID token/);
  });

  it("auth: auto never uses the ID-token request variables by itself", async () => {
    const ids = await endpoint();
    const result = await runAction({
      workspace: workspaceWith({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n" }),
      inputs: { manifests: "cm.yaml" },
      env: ids.env,
    });
    assert.equal(result.exitCode, 1);
    assert.match(visibleLog(result.log), /no cluster credentials/);
    assert.equal(ids.issued.length, 0);
  });
});

describe("auth: token-exchange", { concurrency: true }, () => {
  it("deploys examples/ with the token the RFC 8693 service issued for the ID token, masked", async () => {
    const repo = repository();
    const user = `exchange:repo:${repo}:ref:refs/heads/main`;
    await clusterAdmin(user);
    const ns = `xchg-example-${randomBytes(3).toString("hex")}`;
    cleanups.push(() => deleteNamespace(ns));
    const ids = await endpoint({ repository: repo });
    const result = await runAction({
      workspace: exampleWorkspace(ns),
      inputs: {
        manifests: "examples/app",
        auth: "token-exchange",
        audience: exchangeAudience,
        "token-exchange-url": identityServices().exchangeUrl,
        "token-exchange-scope": "kubernetes",
        ...clusterInputs(),
        timeout: "2m",
      },
      env: ids.env,
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.equal(result.outputs.changed, "4");
    assert.match(visibleLog(result.log), new RegExp(`Deploying as ${user.replace(/[/.]/g, "\\$&")}`));
    assert.deepEqual([...new Set(ids.audiences)], [exchangeAudience]);
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "");
    assert.ok(
      maskedValues(result.log).some((value) => value.startsWith("kubeship-fake.")),
      "the exchanged token was not registered with ::add-mask::",
    );
  });

  it("with exchanged tokens that live 12 seconds, a 40-second wait succeeds, and a later step gets a fresh one", async () => {
    const repo = repository();
    const user = `exchange:repo:${repo}:ref:refs/heads/main`;
    const ns = await namespace("xchg-refresh");
    await admin(ns, user);
    // the local service's tokens live as long as the ID token they were exchanged for
    const ids = await endpoint({ repository: repo, lifetime: 12 });
    const result = await runAction({
      workspace: workspaceWith({ "slow.yaml": slowDeployment(40) }),
      inputs: { manifests: "slow.yaml", namespace: ns, auth: "token-exchange", audience: exchangeAudience, "token-exchange-url": identityServices().exchangeUrl, ...clusterInputs() },
      env: ids.env,
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.ok(ids.issued.length >= 2, `${ids.issued.length} exchanges in a 40s wait with 12s tokens`);
    assert.doesNotMatch(result.log, /refused the token \(401\)/);
    const kubeconfigPath = result.outputs["kubeconfig-path"] ?? "";
    assertPluginStanza(kubeconfigPath, ids.env);
    await sleep(13_000);
    const later = await laterStep(kubeconfigPath, ids.env, ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"]);
    assert.equal(later.stdout, user);
    assert.match(later.stderr, /kubeship: obtained a token from/);
  });

  it("a refused exchange shows the service's error and its usual causes", async () => {
    const ns = await namespace("xchg-refused");
    const ids = await endpoint();
    const url = identityServices().exchangeUrl;
    const result = await runAction({
      workspace: workspaceWith({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n" }),
      // the cluster's audience, not the exchange's
      inputs: { manifests: "cm.yaml", namespace: ns, auth: "token-exchange", audience: clusterAudience, "token-exchange-url": url, ...clusterInputs() },
      env: ids.env,
    });
    assert.equal(result.exitCode, 1);
    const log = visibleLog(result.log);
    assert.ok(log.includes(`token exchange at ${url} failed (invalid_grant: subject token audience ${clusterAudience} is not ${exchangeAudience})`), log);
    assert.match(log, /its issuer, audience \(the audience input\) or subject is not trusted there/);
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "");
  });
});
