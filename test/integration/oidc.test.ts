// auth: github-oidc and auth: token-exchange, run as the runner runs the action, against the test
// cluster, which trusts the local issuer through structured authentication configuration and the
// exchanged tokens through its token-review webhook. Only the runner's ID-token endpoint is a local
// stand-in (test/helpers/oidc.ts); the cluster, its authenticators and kubectl are real.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { after, describe, it } from "node:test";
import { promisify } from "node:util";
import { parse } from "yaml";
import { clusterAudience, eksClusterId, exchangeAudience, githubUserPrefix } from "../cluster/identity/trust.ts";
import { paths } from "../cluster/layout.ts";
import { type ActionRun, maskedValues, runAction, visibleLog } from "../helpers/action.ts";
import { createNamespace, deleteNamespace, kubectl } from "../helpers/cluster.ts";
import { clusterAccess, scratch } from "../helpers/identities.ts";
import { startFakeAws } from "../helpers/aws.ts";
import { startFakeAzure } from "../helpers/azure.ts";
import { gcpProvider, startFakeGcp } from "../helpers/gcp.ts";
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
function assertNoLeak(
  run: ActionRun,
  idTokens: readonly string[],
  requestToken: string,
  issued: readonly string[] = [],
): void {
  const readable = [visibleLog(run.log), JSON.stringify(run.outputs), run.summary].join("\n");
  const masked = maskedValues(run.log);
  assert.ok(idTokens.length > 0);
  for (const token of idTokens) {
    assert.ok(!readable.includes(token), "an ID token appears in the log, outputs or summary");
    assert.ok(masked.includes(token), "an ID token was not registered with ::add-mask::");
  }
  // what the cloud's token services issued (session credentials, access tokens)
  for (const secret of issued) {
    assert.ok(!readable.includes(secret), "an issued credential appears in the log, outputs or summary");
    assert.ok(masked.includes(secret), "an issued credential was not registered with ::add-mask::");
  }
  assert.doesNotMatch(readable, /k8s-aws-v1\.[\w-]{10,}/);
  assert.ok(masked.includes(requestToken), "the runner's request token was not registered with ::add-mask::");
  assert.ok(!readable.includes(requestToken), "the runner's request token appears in the log");
  // JWTs (ID tokens) and the local services' tokens have recognisable shapes: none is visible
  assert.doesNotMatch(readable, /eyJ[\w-]{10,}\.[\w-]{10,}/);
  assert.doesNotMatch(readable, /kubeship-fake\.[\w-]{10,}/);
}

const run = promisify(execFile);

/** kubectl in a later step of the same job: the exported kubeconfig, and the step's ID-token request variables. */
async function laterStep(
  kubeconfigPath: string,
  env: Record<string, string>,
  args: string[],
): Promise<{ stdout: string; stderr: string }> {
  const kubectlBinary = join((JSON.parse(readFileSync(paths.binaries, "utf8")) as { k8s: string }).k8s, "kubectl");
  return run(kubectlBinary, ["--kubeconfig", kubeconfigPath, ...args], {
    env: { PATH: process.env.PATH ?? "", HOME: scratch(), ...env },
  });
}

interface ExecStanza {
  users: {
    user: { exec?: { command: string; args: string[]; env: { name: string; value: string }[] }; token?: string };
  }[];
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

/** A workspace with one ConfigMap, cm.yaml. */
const configMapWorkspace = () => workspaceWith({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n" });

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
      inputs: {
        manifests: "examples/app",
        auth: "github-oidc",
        audience: clusterAudience,
        ...clusterInputs(),
        timeout: "2m",
      },
      env: ids.env,
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.equal(result.outputs.changed, "4");
    assert.match(visibleLog(result.log), new RegExp(`Deploying as ${user.replace(/[/.]/g, "\\$&")}`));
    assert.match(visibleLog(result.log), /credentials from auth: github-oidc/);
    assert.deepEqual([...new Set(ids.audiences)], [clusterAudience]);
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "");
  });

  it("with tokens that live 20 seconds, waits a minute without a 401, and later steps still authenticate after the first token expired", async (t) => {
    const repo = repository();
    const user = `${githubUserPrefix}repo:${repo}:ref:refs/heads/main`;
    const ns = await namespace("oidc-refresh");
    await admin(ns, user);
    const ids = await endpoint({ repository: repo, lifetime: 20 });
    const started = Date.now();
    const result = await runAction({
      workspace: workspaceWith({ "slow.yaml": slowDeployment(60) }),
      inputs: {
        manifests: "slow.yaml",
        namespace: ns,
        auth: "github-oidc",
        audience: clusterAudience,
        ...clusterInputs(),
        timeout: "3m",
      },
      env: ids.env,
    });
    const seconds = (Date.now() - started) / 1000;
    t.diagnostic(
      `deploy ${seconds.toFixed(1)}s; ID tokens obtained at ${ids.times.map((time) => `${((time - started) / 1000).toFixed(1)}s`).join(", ")}`,
    );
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.ok(seconds > 60, `the deploy took ${seconds}s, not longer than three token lifetimes`);
    // the requests after the wait went out with a renewed token, never one the cluster refused
    assert.ok(ids.issued.length >= 2, `${ids.issued.length} ID tokens in ${seconds}s`);
    assert.doesNotMatch(result.log, /refused the token \(401\)/);
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "");

    const kubeconfigPath = result.outputs["kubeconfig-path"] ?? "";
    assertPluginStanza(kubeconfigPath, ids.env);
    const firstStep = await laterStep(kubeconfigPath, ids.env, [
      "auth",
      "whoami",
      "-o",
      "jsonpath={.status.userInfo.username}",
    ]);
    assert.equal(firstStep.stdout, user);
    const afterDeploy = ids.issued.length;
    // the cached token expires: the plugin obtains another one, which kubectl uses
    await sleep(21_000);
    const secondStep = await laterStep(kubeconfigPath, ids.env, [
      "get",
      "deployment",
      "slow",
      "-n",
      ns,
      "-o",
      "jsonpath={.status.readyReplicas}",
    ]);
    assert.equal(secondStep.stdout, "1");
    assert.match(secondStep.stderr, /kubeship: obtained the GitHub ID token/);
    assert.equal(ids.issued.length, afterDeploy + 1, "the plugin ran once and minted one ID token");
    assert.doesNotMatch(secondStep.stderr, /eyJ/);
    // the post step removes the kubeconfig and the plugin's cache
    const cache = assertPluginStanza(kubeconfigPath, ids.env);
    const post = await runAction({ entry: "post", inputs: {}, state: { "kubeconfig-path": kubeconfigPath } });
    assert.equal(post.exitCode, 0);
    assert.ok(
      !existsSync(kubeconfigPath) && !existsSync(cache),
      "the kubeconfig or the credential cache is left behind",
    );
  });

  it("a wrong audience: the cluster's refusal names the audience, and what to check", async () => {
    const ns = await namespace("oidc-audience");
    const ids = await endpoint();
    const result = await runAction({
      workspace: configMapWorkspace(),
      inputs: {
        manifests: "cm.yaml",
        namespace: ns,
        auth: "github-oidc",
        audience: "https://wrong.example",
        ...clusterInputs(),
      },
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
      workspace: configMapWorkspace(),
      inputs: {
        manifests: "cm.yaml",
        namespace: ns,
        auth: "github-oidc",
        audience: clusterAudience,
        ...clusterInputs(),
      },
      env: ids.env,
    });
    assert.equal(result.exitCode, 1);
    const log = visibleLog(result.log);
    assert.match(log, /subject repo:someone-else\/app:ref:refs\/heads\/main/);
    assert.match(log, /claim rules refuse that subject/);
  });

  it("without id-token: write (no request URL), says so before anything is sent", async () => {
    const result = await runAction({
      workspace: configMapWorkspace(),
      inputs: { manifests: "cm.yaml", auth: "github-oidc", audience: clusterAudience, ...clusterInputs() },
    });
    assert.equal(result.exitCode, 1);
    assert.match(visibleLog(result.log), /permissions: id-token: write`; pull requests from forks get no ID token/);
  });

  it("`npm run cluster -- env` gives the runner's ID-token variables for the local endpoint: auth: github-oidc runs by hand as on a runner", async () => {
    const { stdout } = await run(process.execPath, [join(import.meta.dirname, "..", "cluster", "cluster.ts"), "env"]);
    const exported = Object.fromEntries(
      [...stdout.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1] ?? "", m[2] ?? ""]),
    );
    const env = {
      ACTIONS_ID_TOKEN_REQUEST_URL: exported.ACTIONS_ID_TOKEN_REQUEST_URL ?? "",
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: exported.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "",
      NODE_EXTRA_CA_CERTS: exported.NODE_EXTRA_CA_CERTS ?? "",
    };
    assert.match(env.ACTIONS_ID_TOKEN_REQUEST_URL, /^https:\/\/127\.0\.0\.1:\d+\/idtoken\?api-version=2\.0$/);
    const ns = await namespace("oidc-by-hand");
    await admin(ns, `${githubUserPrefix}repo:kubeship-test/app:ref:refs/heads/main`);
    const result = await runAction({
      workspace: configMapWorkspace(),
      inputs: {
        manifests: "cm.yaml",
        namespace: ns,
        auth: "github-oidc",
        audience: clusterAudience,
        ...clusterInputs(),
      },
      env,
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.match(visibleLog(result.log), /Deploying as github:repo:kubeship-test\/app:ref:refs\/heads\/main/);
    assert.ok(maskedValues(result.log).includes(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN));
  });

  it("auth: auto never uses the ID-token request variables by itself", async () => {
    const ids = await endpoint();
    const result = await runAction({
      workspace: configMapWorkspace(),
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
      inputs: {
        manifests: "slow.yaml",
        namespace: ns,
        auth: "token-exchange",
        audience: exchangeAudience,
        "token-exchange-url": identityServices().exchangeUrl,
        ...clusterInputs(),
      },
      env: ids.env,
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.ok(ids.issued.length >= 2, `${ids.issued.length} exchanges in a 40s wait with 12s tokens`);
    assert.doesNotMatch(result.log, /refused the token \(401\)/);
    const kubeconfigPath = result.outputs["kubeconfig-path"] ?? "";
    assertPluginStanza(kubeconfigPath, ids.env);
    await sleep(13_000);
    const later = await laterStep(kubeconfigPath, ids.env, [
      "auth",
      "whoami",
      "-o",
      "jsonpath={.status.userInfo.username}",
    ]);
    assert.equal(later.stdout, user);
    assert.match(later.stderr, /kubeship: obtained a token from/);
  });

  it("a refused exchange shows the service's error and its usual causes", async () => {
    const ns = await namespace("xchg-refused");
    const ids = await endpoint();
    const url = identityServices().exchangeUrl;
    const result = await runAction({
      workspace: configMapWorkspace(),
      // the cluster's audience, not the exchange's
      inputs: {
        manifests: "cm.yaml",
        namespace: ns,
        auth: "token-exchange",
        audience: clusterAudience,
        "token-exchange-url": url,
        ...clusterInputs(),
      },
      env: ids.env,
    });
    assert.equal(result.exitCode, 1);
    const log = visibleLog(result.log);
    assert.ok(
      log.includes(
        `token exchange at ${url} failed (invalid_grant: subject token audience ${clusterAudience} is not ${exchangeAudience})`,
      ),
      log,
    );
    assert.match(log, /its issuer, audience \(the audience input\) or subject is not trusted there/);
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "");
  });
});

describe("auth: aws (EKS through local stand-ins for STS and EKS)", { concurrency: true }, () => {
  const trusted = (sub: string) => sub.startsWith("repo:kubeship-test/");
  const awsInputs = (roleArn: string) => ({
    auth: "aws",
    "aws-role-arn": roleArn,
    "aws-region": "us-east-1",
    "cluster-name": eksClusterId,
  });
  const awsEnv = (url: string) => ({ AWS_ENDPOINT_URL_STS: url, AWS_ENDPOINT_URL_EKS: url });

  it("deploys examples/: AssumeRoleWithWebIdentity, DescribeCluster for endpoint and CA, the presigned EKS token checked by the cluster's webhook", async () => {
    const aws = await startFakeAws({
      roleName: `deploy-${randomBytes(3).toString("hex")}`,
      trustsSubject: trusted,
      clusterName: eksClusterId,
    });
    cleanups.push(aws.close);
    await clusterAdmin(aws.roleArn);
    const ns = `eks-example-${randomBytes(3).toString("hex")}`;
    cleanups.push(() => deleteNamespace(ns));
    const ids = await endpoint();
    const result = await runAction({
      workspace: exampleWorkspace(ns),
      inputs: { manifests: "examples/app", ...awsInputs(aws.roleArn), timeout: "2m" },
      env: { ...ids.env, ...awsEnv(aws.url) },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.equal(result.outputs.changed, "4");
    const log = visibleLog(result.log);
    assert.match(log, new RegExp(`Deploying as ${aws.roleArn.replace(/[/.]/g, "\\$&")}`));
    assert.match(log, /credentials from auth: aws \(cluster from EKS DescribeCluster of kubeship-test \(us-east-1\)\)/);
    assert.deepEqual([...new Set(ids.audiences)], ["sts.amazonaws.com"]);
    assert.ok(
      aws.calls.describeCluster === 1 && aws.calls.assumeRole >= 2 && aws.calls.getCallerIdentity >= 1,
      JSON.stringify(aws.calls),
    );
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "", aws.secrets);
    assert.ok(
      maskedValues(result.log).some((value) => value.startsWith("k8s-aws-v1.")),
      "the EKS token was not registered with ::add-mask::",
    );
  });

  it("role sessions of 20 seconds: a 40-second wait succeeds, and a later step signs with a new session", async () => {
    const aws = await startFakeAws({
      roleName: `slow-${randomBytes(3).toString("hex")}`,
      trustsSubject: trusted,
      clusterName: eksClusterId,
      sessionSeconds: 20,
    });
    cleanups.push(aws.close);
    const ns = await namespace("eks-refresh");
    await admin(ns, aws.roleArn);
    const ids = await endpoint();
    const result = await runAction({
      workspace: workspaceWith({ "slow.yaml": slowDeployment(40) }),
      inputs: { manifests: "slow.yaml", namespace: ns, ...awsInputs(aws.roleArn), ...clusterInputs() },
      env: { ...ids.env, ...awsEnv(aws.url) },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.doesNotMatch(result.log, /refused the token \(401\)/);
    assert.ok(aws.calls.assumeRole >= 2, JSON.stringify(aws.calls));
    const kubeconfigPath = result.outputs["kubeconfig-path"] ?? "";
    assertPluginStanza(kubeconfigPath, ids.env);
    await sleep(21_000);
    const before = aws.calls.assumeRole;
    // the later step's environment has no AWS_ENDPOINT_URL_*: the plugin's settings carry them
    const later = await laterStep(kubeconfigPath, ids.env, [
      "auth",
      "whoami",
      "-o",
      "jsonpath={.status.userInfo.username}",
    ]);
    assert.equal(later.stdout, aws.roleArn);
    assert.match(later.stderr, /kubeship: obtained an EKS token/);
    assert.equal(aws.calls.assumeRole, before + 1);
  });

  it("a trust policy that refuses the workflow: STS's error with its usual causes", async () => {
    const aws = await startFakeAws({
      roleName: "deploy",
      trustsSubject: (sub) => sub.endsWith(":environment:production"),
      clusterName: eksClusterId,
    });
    cleanups.push(aws.close);
    const ids = await endpoint();
    const result = await runAction({
      workspace: configMapWorkspace(),
      inputs: { manifests: "cm.yaml", ...awsInputs(aws.roleArn) },
      env: { ...ids.env, ...awsEnv(aws.url) },
    });
    assert.equal(result.exitCode, 1);
    const log = visibleLog(result.log);
    assert.ok(
      log.includes(
        `AWS STS AssumeRoleWithWebIdentity for ${aws.roleArn} failed (AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity)`,
      ),
      log,
    );
    assert.match(log, /its conditions on token\.actions\.githubusercontent\.com:sub and :aud must match/);
    assert.match(log, /subject repo:kubeship-test\/app:ref:refs\/heads\/main/);
  });

  it("a wrong cluster-name: the lookup says there is no such cluster", async () => {
    const aws = await startFakeAws({ roleName: "deploy", trustsSubject: trusted, clusterName: eksClusterId });
    cleanups.push(aws.close);
    const ids = await endpoint();
    const result = await runAction({
      workspace: configMapWorkspace(),
      inputs: { manifests: "cm.yaml", ...awsInputs(aws.roleArn), "cluster-name": "prod-eu" },
      env: { ...ids.env, ...awsEnv(aws.url) },
    });
    assert.equal(result.exitCode, 1);
    assert.match(
      visibleLog(result.log),
      /EKS DescribeCluster \(cluster lookup\) failed \(ResourceNotFoundException: No cluster found for name: prod-eu\.\); there is no cluster prod-eu in us-east-1/,
    );
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "", aws.secrets);
  });
});

/** A later step after the deploy's last token expired: the plugin obtains a new one, and kubectl works. */
async function assertLaterStepRenews(
  kubeconfigPath: string,
  env: Record<string, string>,
  seconds: number,
  user: string,
  obtained: RegExp,
): Promise<void> {
  await sleep(seconds * 1000);
  const later = await laterStep(kubeconfigPath, env, ["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}"]);
  assert.equal(later.stdout, user);
  assert.match(later.stderr, obtained);
}

describe(
  "auth: gcp (GKE through local stand-ins for Google STS, IAM Credentials and the GKE API)",
  { concurrency: true },
  () => {
    const cluster = { project: "kubeship-test", location: "us-central1", name: "gke-test" };
    const trusted = (claims: Record<string, unknown>) => claims.repository_owner === "kubeship-test";
    const gcpInputs = {
      auth: "gcp",
      "gcp-workload-identity-provider": gcpProvider,
      "gcp-project": cluster.project,
      "gcp-location": cluster.location,
      "cluster-name": cluster.name,
    };
    const gcpEnv = (url: string) => ({
      CLOUDSDK_API_ENDPOINT_OVERRIDES_STS: url,
      CLOUDSDK_API_ENDPOINT_OVERRIDES_IAMCREDENTIALS: url,
      CLOUDSDK_API_ENDPOINT_OVERRIDES_CONTAINER: url,
    });

    it("deploys examples/ as a service account: STS exchange, generateAccessToken, the cluster from the GKE API", async () => {
      const account = `deploy-${randomBytes(3).toString("hex")}@kubeship-test.iam.gserviceaccount.com`;
      const gcp = await startFakeGcp({ condition: trusted, serviceAccounts: [account], cluster });
      cleanups.push(gcp.close);
      await clusterAdmin(account);
      const ns = `gke-example-${randomBytes(3).toString("hex")}`;
      cleanups.push(() => deleteNamespace(ns));
      const ids = await endpoint();
      const result = await runAction({
        workspace: exampleWorkspace(ns),
        inputs: { manifests: "examples/app", ...gcpInputs, "gcp-service-account": account, timeout: "2m" },
        env: { ...ids.env, ...gcpEnv(gcp.url) },
      });
      assert.equal(result.exitCode, 0, visibleLog(result.log));
      assert.equal(result.outputs.changed, "4");
      const log = visibleLog(result.log);
      assert.match(log, new RegExp(`Deploying as ${account.replace(/[.]/g, "\\.")}`));
      assert.match(
        log,
        /cluster from the GKE API \(projects\/kubeship-test\/locations\/us-central1\/clusters\/gke-test\)/,
      );
      assert.deepEqual([...new Set(ids.audiences)], [`https://iam.googleapis.com/${gcpProvider}`]);
      assert.ok(gcp.calls.getCluster === 1 && gcp.calls.generateAccessToken >= 2, JSON.stringify(gcp.calls));
      assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "", gcp.issued);
    });

    it("federated tokens of 15 seconds (direct workload identity): a 40-second wait succeeds, and a later step gets a new one", async () => {
      const repo = repository();
      const principal = `principal://iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/github/subject/repo:${repo}:ref:refs/heads/main`;
      const gcp = await startFakeGcp({ condition: trusted, serviceAccounts: [], cluster });
      cleanups.push(gcp.close);
      const ns = await namespace("gke-refresh");
      await admin(ns, principal);
      const ids = await endpoint({ repository: repo, lifetime: 15 });
      const result = await runAction({
        workspace: workspaceWith({ "slow.yaml": slowDeployment(40) }),
        inputs: { manifests: "slow.yaml", namespace: ns, ...gcpInputs },
        env: { ...ids.env, ...gcpEnv(gcp.url) },
      });
      assert.equal(result.exitCode, 0, visibleLog(result.log));
      assert.doesNotMatch(result.log, /refused the token \(401\)/);
      assert.ok(gcp.calls.sts >= 3, JSON.stringify(gcp.calls));
      assertPluginStanza(result.outputs["kubeconfig-path"] ?? "", ids.env);
      await assertLaterStepRenews(
        result.outputs["kubeconfig-path"] ?? "",
        ids.env,
        16,
        principal,
        /kubeship: obtained a Google access token/,
      );
    });

    it("an attribute condition that refuses the repository: STS's error with its usual causes", async () => {
      const gcp = await startFakeGcp({ condition: () => false, serviceAccounts: [], cluster });
      cleanups.push(gcp.close);
      const ids = await endpoint();
      const result = await runAction({
        workspace: configMapWorkspace(),
        inputs: { manifests: "cm.yaml", ...gcpInputs },
        env: { ...ids.env, ...gcpEnv(gcp.url) },
      });
      assert.equal(result.exitCode, 1);
      const log = visibleLog(result.log);
      assert.ok(
        log.includes(
          `Google STS token exchange with ${gcpProvider} failed (unauthorized_client: The given credential is rejected by the attribute condition.)`,
        ),
        log,
      );
      assert.match(log, /its attribute condition refuses this repository/);
      assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "", gcp.issued);
    });
  },
);

describe("auth: azure (AKS through local stand-ins for Microsoft Entra ID and ARM)", { concurrency: true }, () => {
  const tenantId = "00000000-0000-0000-0000-0000000000aa";
  const cluster = { subscriptionId: "00000000-0000-0000-0000-0000000000bb", resourceGroup: "deploy", name: "aks-test" };
  const subject = "repo:kubeship-test/app:ref:refs/heads/main";
  const azureInputs = (clientId: string) => ({
    auth: "azure",
    "azure-client-id": clientId,
    "azure-tenant-id": tenantId,
    "azure-subscription-id": cluster.subscriptionId,
    "azure-resource-group": cluster.resourceGroup,
    "cluster-name": cluster.name,
  });
  const azureEnv = (url: string) => ({ AZURE_AUTHORITY_HOST: url, AZURE_RESOURCE_MANAGER_ENDPOINT: url });

  it("deploys examples/: Entra client assertion for AKS, the cluster from ARM", async () => {
    const clientId = `client-${randomBytes(3).toString("hex")}`;
    const azure = await startFakeAzure({ tenantId, clientId, subject, cluster });
    cleanups.push(azure.close);
    await clusterAdmin(`azure:${clientId}`);
    const ns = `aks-example-${randomBytes(3).toString("hex")}`;
    cleanups.push(() => deleteNamespace(ns));
    const ids = await endpoint();
    const result = await runAction({
      workspace: exampleWorkspace(ns),
      inputs: { manifests: "examples/app", ...azureInputs(clientId), timeout: "2m" },
      env: { ...ids.env, ...azureEnv(azure.url) },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.equal(result.outputs.changed, "4");
    const log = visibleLog(result.log);
    assert.match(log, new RegExp(`Deploying as azure:${clientId}`));
    assert.match(log, /cluster from Azure Resource Manager \(aks-test in deploy\)/);
    assert.deepEqual([...new Set(ids.audiences)], ["api://AzureADTokenExchange"]);
    assert.deepEqual(
      [...new Set(azure.scopes)],
      [`${azure.url}/.default`, "6dae42f8-4368-4678-94ff-3960e28e3630/.default"],
    );
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "", azure.issued);
  });

  it("Entra tokens of 15 seconds: a 40-second wait succeeds, and a later step gets a new one", async () => {
    const clientId = `client-${randomBytes(3).toString("hex")}`;
    const azure = await startFakeAzure({ tenantId, clientId, subject, cluster, tokenSeconds: 15 });
    cleanups.push(azure.close);
    const ns = await namespace("aks-refresh");
    await admin(ns, `azure:${clientId}`);
    const ids = await endpoint();
    const result = await runAction({
      workspace: workspaceWith({ "slow.yaml": slowDeployment(40) }),
      inputs: { manifests: "slow.yaml", namespace: ns, ...azureInputs(clientId), ...clusterInputs() },
      env: { ...ids.env, ...azureEnv(azure.url) },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.doesNotMatch(result.log, /refused the token \(401\)/);
    assert.ok(azure.issued.length >= 2, `${azure.issued.length} Entra tokens`);
    assertPluginStanza(result.outputs["kubeconfig-path"] ?? "", ids.env);
    await assertLaterStepRenews(
      result.outputs["kubeconfig-path"] ?? "",
      ids.env,
      16,
      `azure:${clientId}`,
      /kubeship: obtained a Microsoft Entra token/,
    );
  });

  it("a federated credential for another subject: Entra's AADSTS700213 with its usual causes", async () => {
    const azure = await startFakeAzure({
      tenantId,
      clientId: "client",
      subject: "repo:kubeship-test/app:environment:production",
      cluster,
    });
    cleanups.push(azure.close);
    const ids = await endpoint();
    const result = await runAction({
      workspace: configMapWorkspace(),
      inputs: { manifests: "cm.yaml", ...azureInputs("client") },
      env: { ...ids.env, ...azureEnv(azure.url) },
    });
    assert.equal(result.exitCode, 1);
    const log = visibleLog(result.log);
    assert.match(
      log,
      /Microsoft Entra token request for client client \(scope .*\) failed \(invalid_client: AADSTS700213: No matching federated identity record found/,
    );
    assert.match(log, /its subject the token's sub \(with an environment: repo:ORG\/REPO:environment:NAME\)/);
    assertNoLeak(result, ids.issued, ids.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "", azure.issued);
  });
});
