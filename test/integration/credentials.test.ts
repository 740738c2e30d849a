// Every way of handing kubeship credentials, run as the runner runs the action, against the test
// cluster: who it deploys as, what it refuses, what it leaves for later steps, and that no secret
// it was given shows up in anything it printed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { promisify } from "node:util";
import { parse } from "yaml";
import { writeTransientKubeconfig } from "../../src/credentials/export/kubeconfig.ts";
import { transientKubeconfigPath } from "../../src/credentials/export/names.ts";
import { whoAmI } from "../../src/credentials/identity.ts";
import { inClusterConnection } from "../../src/credentials/sources/in-cluster.ts";
import { missingPermissions, requiredPermissions } from "../../src/apply/permissions.ts";
import { serviceAccountConnection } from "../../src/credentials/authenticators/token-request.ts";
import { KubeClient } from "../../src/kube/client.ts";
import { bearerToken } from "../../src/kube/connection.ts";
import { KubeApiError } from "../../src/kube/errors.ts";
import { paths } from "../cluster/layout.ts";
import { type ActionRun, maskedValues, runAction, visibleLog } from "../helpers/action.ts";
import { adminKubeconfig, eventually, freshNamespaces, getJson, kubectl } from "../helpers/cluster.ts";
import {
  adminConnection,
  clusterAccess,
  deployer,
  execPlugin,
  kubeconfigWith,
  mintToken,
  pluginEnv,
  scratch,
} from "../helpers/identities.ts";
import { startProxy, type TestProxy } from "../helpers/connect-proxy.ts";
import { startSocksProxy } from "../helpers/socks-proxy.ts";

const namespace = freshNamespaces();

const configMap = (name: string, ns?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}${ns === undefined ? "" : `, namespace: ${ns}`}}\ndata: {a: "1"}\n`;
const slowDeployment = (seconds: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: slow}\nspec:\n  selector: {matchLabels: {app: slow}}\n  template:\n    metadata: {labels: {app: slow}, annotations: {kubeship.test/ready-after: '${seconds}'}}\n    spec: {containers: [{name: app, image: registry.example/app:1}]}\n`;

/** Nothing a reader of the step sees holds any of `secrets`, and each was registered for masking. */
function assertNoLeak(run: ActionRun, secrets: string[]): void {
  const readable = [visibleLog(run.log), JSON.stringify(run.outputs), run.summary].join("\n");
  const masked = maskedValues(run.log);
  for (const secret of secrets) {
    assert.ok(!readable.includes(secret), `a secret (${secret.length} chars) appears in the log, outputs or summary`);
    assert.ok(masked.includes(secret), `a secret (${secret.length} chars) was not registered with ::add-mask::`);
  }
}

async function configMapExists(ns: string, name: string): Promise<boolean> {
  return (await kubectl(["get", "configmaps", "-n", ns, "-o", "name"])).includes(`configmap/${name}`);
}

const run = promisify(execFile);
function kubectlBinary(): string {
  return join((JSON.parse(readFileSync(paths.binaries, "utf8")) as { k8s: string }).k8s, "kubectl");
}

/** kubectl with only the given kubeconfig, as a later workflow step would run it. */
async function kubectlWith(kubeconfigPath: string, args: string[]): Promise<string> {
  return (
    await run(kubectlBinary(), ["--kubeconfig", kubeconfigPath, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: scratch() },
    })
  ).stdout;
}

describe("direct inputs and tokens", () => {
  it("deploys with server, certificate-authority-data and a TokenRequest token, as that service account", async () => {
    const ns = await namespace("cred-token");
    const user = await deployer(ns);
    const token = await mintToken(ns, "deployer");
    const access = clusterAccess();
    const ws = scratch({ "cm.yaml": configMap("from-token") });
    const result = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        namespace: ns,
        server: access.server,
        "certificate-authority-data": access.caData,
        token,
      },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.match(visibleLog(result.log), new RegExp(`Deploying as ${user}`));
    assert.match(visibleLog(result.log), /credentials from the server and token inputs/);
    assert.ok(await configMapExists(ns, "from-token"));
    assertNoLeak(result, [token, Buffer.from(token).toString("base64")]);
  });

  it("deploys with client-certificate-data and client-key-data (the admin's certificate)", async () => {
    const ns = await namespace("cred-cert");
    const access = clusterAccess();
    const ws = scratch({ "cm.yaml": configMap("from-cert") });
    const result = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        namespace: ns,
        server: access.server,
        "certificate-authority-data": access.caPem,
        "client-certificate-data": access.certData,
        "client-key-data": access.keyData,
      },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.match(visibleLog(result.log), /Deploying as kubeship-admin|Deploying as \S+ \(groups system:masters/);
    const keyLines = Buffer.from(access.keyData, "base64")
      .toString("utf8")
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("-----"));
    assertNoLeak(result, [access.keyData, ...keyLines]);
  });

  it("rejects contradictory inputs before contacting the cluster", async () => {
    const result = await runAction({
      inputs: { manifests: "x.yaml", kubeconfig: adminKubeconfig(), server: "https://127.0.0.1:1", token: "abc" },
    });
    assert.equal(result.exitCode, 1);
    assert.match(result.log, /server, token and kubeconfig contradict each other/);
  });

  it("says an invalid token was rejected (401), without quoting it", async () => {
    const access = clusterAccess();
    const token = "not-a-valid-token-4f9a";
    const ws = scratch({ "cm.yaml": configMap("never") });
    const result = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml", server: access.server, "certificate-authority-data": access.caData, token },
    });
    assert.equal(result.exitCode, 1);
    assert.match(
      result.log,
      /rejected the credentials \(401 Unauthorized\): a bearer token from the server and token inputs is expired, revoked or not issued for this cluster/,
    );
    assertNoLeak(result, [token]);
  });

  it("names the CA and the host name when TLS verification fails", async () => {
    const access = clusterAccess();
    const ws = scratch({ "cm.yaml": configMap("never") });
    // A CA that did not sign the server's certificate: the admin's client certificate is no CA at all.
    const wrongCa = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        server: access.server,
        "certificate-authority-data": access.certData,
        token: "t",
      },
    });
    assert.equal(wrongCa.exitCode, 1);
    assert.match(
      wrongCa.log,
      /TLS verification failed: the server's certificate is not signed by a CA from the certificate-authority-data input/,
    );
    const wrongName = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        kubeconfig: kubeconfigWith({ token: "t" }, { "tls-server-name": "wrong.example" }),
      },
    });
    assert.equal(wrongName.exitCode, 1);
    assert.match(wrongName.log, /the server's certificate does not name "wrong\.example"/);
  });
});

describe("kubeconfig users", () => {
  it("reads an absolute tokenFile of an inline kubeconfig, and refuses a relative one (the workspace is the pull request's)", async () => {
    const ns = await namespace("cred-tokenfile");
    await deployer(ns);
    const token = await mintToken(ns, "deployer");
    const ws = scratch({ "cm.yaml": configMap("from-file"), "sa-token": `${token}\n` });
    const relative = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml", namespace: ns, kubeconfig: kubeconfigWith({ tokenFile: "sa-token" }) },
    });
    assert.equal(relative.exitCode, 1);
    assert.match(
      visibleLog(relative.log),
      /the tokenFile of user "ci" in the kubeconfig input is the relative path "sa-token"/,
    );
    const result = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml", namespace: ns, kubeconfig: kubeconfigWith({ tokenFile: `${ws}/sa-token` }) },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.match(visibleLog(result.log), new RegExp(`the token in ${ws}/sa-token`));
    assert.ok(await configMapExists(ns, "from-file"));
    assertNoLeak(result, [token]);
  });

  it("merges KUBECONFIG files as kubectl does", async () => {
    const ns = await namespace("cred-merge");
    await deployer(ns);
    const token = await mintToken(ns, "deployer");
    const access = clusterAccess();
    const dir = scratch({
      // the user and context are in the first file, the cluster in the second
      "a.yaml": `users: [{name: ci, user: {token: "${token}"}}]\ncontexts: [{name: ci, context: {cluster: test, user: ci, namespace: ${ns}}}]\n`,
      "b.yaml": `clusters: [{name: test, cluster: {server: "${access.server}", certificate-authority-data: ${access.caData}}}]\nusers: [{name: ci, user: {token: wrong}}]\ncurrent-context: ci\n`,
      "cm.yaml": configMap("merged"),
    });
    const result = await runAction({
      workspace: dir,
      inputs: { manifests: "cm.yaml" },
      env: { KUBECONFIG: [join(dir, "missing.yaml"), join(dir, "a.yaml"), join(dir, "b.yaml")].join(":") },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.match(visibleLog(result.log), /credentials from KUBECONFIG \(.*a\.yaml, .*b\.yaml\)/);
    assert.ok(await configMapExists(ns, "merged"), "the context's namespace from the first file was used");
    assertNoLeak(result, [token]);
  });

  it("connects with insecure-skip-tls-verify, warning about it, and writes no kubeconfig with export-kubeconfig: false", async () => {
    const ns = await namespace("cred-insecure");
    const access = clusterAccess();
    const ws = scratch({ "cm.yaml": configMap("insecure") });
    const kubeconfig = kubeconfigWith(
      { "client-certificate-data": access.certData, "client-key-data": access.keyData },
      { "certificate-authority-data": undefined, "insecure-skip-tls-verify": true },
    );
    const result = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml", namespace: ns, kubeconfig, "export-kubeconfig": "false" },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.match(
      result.log,
      /::warning::TLS verification of https:\/\/127\.0\.0\.1:\d+ is off \(insecure-skip-tls-verify in the kubeconfig input\)/,
    );
    assert.equal(result.outputs["kubeconfig-path"], undefined);
    assert.equal(result.state["kubeconfig-path"], undefined);
    assert.doesNotMatch(readFileSync(join(result.runnerTemp, "..", "env"), "utf8"), /KUBECONFIG/);
  });

  it("names the auth-provider's replacement and the missing context", async () => {
    const ws = scratch({ "cm.yaml": configMap("never") });
    const provider = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml", kubeconfig: kubeconfigWith({ "auth-provider": { name: "azure", config: {} } }) },
    });
    assert.match(provider.log, /removed auth-provider "azure".*kubelogin/);
    const context = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml", kubeconfig: kubeconfigWith({ token: "t" }), context: "prod" },
    });
    assert.match(context.log, /context "prod" is not defined in the kubeconfig input \(defined: test\)/);
    const malformed = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        kubeconfig: kubeconfigWith({ token: "t" }, { "insecure-skip-tls-verify": "sure" }),
      },
    });
    assert.match(
      malformed.log,
      /the kubeconfig input is malformed: clusters\[0\]\.cluster\.insecure-skip-tls-verify must be true or false/,
    );
  });

  it("sends username and password as basic authentication (which the API server no longer accepts)", async () => {
    // kube-apiserver removed basic authentication, so the header is checked on the wire: a local
    // TLS-less server stands in for the API server here.
    const { createServer } = await import("node:http");
    let authorization: string | undefined;
    const server = createServer((request, response) => {
      authorization = request.headers.authorization;
      response
        .writeHead(401, { "content-type": "application/json" })
        .end('{"kind":"Status","code":401,"reason":"Unauthorized"}');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const ws = scratch({ "cm.yaml": configMap("never") });
      const kubeconfig = `clusters: [{name: c, cluster: {server: "http://127.0.0.1:${port}"}}]\nusers: [{name: u, user: {username: deployer, password: pa55-w0rd-9}}]\ncontexts: [{name: c, context: {cluster: c, user: u}}]\ncurrent-context: c\n`;
      // plain HTTP, allowed explicitly for this stand-in
      const inputs = { manifests: "cm.yaml", kubeconfig, "allow-plain-http": "true" };
      const result = await runAction({ workspace: ws, inputs });
      assert.equal(result.exitCode, 1);
      assert.match(
        visibleLog(result.log),
        /is plain HTTP \(allow-plain-http: true\): the credentials cross the network/,
      );
      assert.equal(authorization, `Basic ${Buffer.from("deployer:pa55-w0rd-9").toString("base64")}`);
      assertNoLeak(result, ["pa55-w0rd-9", Buffer.from("deployer:pa55-w0rd-9").toString("base64")]);
    } finally {
      server.close();
    }
  });
});

describe("exec credential plugins", () => {
  it("runs the plugin once, caches its token, and runs it again after a 401, retrying the request", async () => {
    const ns = await namespace("cred-exec");
    const user = await deployer(ns);
    const token = await mintToken(ns, "deployer");
    // the first token the plugin prints is not valid: the server answers 401, the plugin runs again
    const dir = scratch({
      tokens: `revoked-token-1234\n${token}\n`,
      "app.yaml": `${configMap("one")}---\n${configMap("two")}---\n${slowDeployment(2)}`,
    });
    execPlugin(dir);
    const env = pluginEnv(dir);
    const kubeconfig = kubeconfigWith({
      exec: {
        apiVersion: "client.authentication.k8s.io/v1",
        command: "./plugin.mjs",
        env,
        interactiveMode: "Never",
        provideClusterInfo: true,
      },
    });
    writeFileSync(join(dir, "kubeconfig"), kubeconfig);
    const result = await runAction({
      workspace: dir,
      inputs: { manifests: "app.yaml", namespace: ns, "export-kubeconfig": "false" },
      env: { KUBECONFIG: join(dir, "kubeconfig") },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.match(visibleLog(result.log), new RegExp(`Deploying as ${user}`));
    // two runs: the rejected token and its replacement; every other request used the cached one
    assert.equal(readFileSync(join(dir, "count"), "utf8"), "2");
    assert.match(visibleLog(result.log), /test plugin: run 2/, "the plugin's stderr is passed through");
    const info = JSON.parse(readFileSync(join(dir, "info"), "utf8")) as {
      kind: string;
      spec: { interactive: boolean; cluster?: { server: string } };
    };
    assert.equal(info.kind, "ExecCredential");
    assert.equal(info.spec.interactive, false);
    assert.equal(info.spec.cluster?.server, clusterAccess().server, "provideClusterInfo sends the cluster");
    assertNoLeak(result, [token, "revoked-token-1234"]);
  });

  it("speaks v1beta1 too, sends no cluster info unless asked, and leaves the plugin to later steps", async () => {
    const ns = await namespace("cred-v1beta1");
    await deployer(ns);
    const token = await mintToken(ns, "deployer");
    const dir = scratch({ tokens: `${token}\n`, "cm.yaml": configMap("beta") });
    const env = pluginEnv(dir);
    const kubeconfig = kubeconfigWith({
      exec: {
        apiVersion: "client.authentication.k8s.io/v1beta1",
        command: execPlugin(dir, "client.authentication.k8s.io/v1beta1"),
        env,
      },
    });
    const result = await runAction({ workspace: dir, inputs: { manifests: "cm.yaml", namespace: ns, kubeconfig } });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.equal(readFileSync(join(dir, "count"), "utf8"), "1");
    const info = JSON.parse(readFileSync(join(dir, "info"), "utf8")) as {
      apiVersion: string;
      spec: { cluster?: unknown };
    };
    assert.equal(info.apiVersion, "client.authentication.k8s.io/v1beta1");
    assert.equal(info.spec.cluster, undefined);
    // later steps run the plugin themselves: the exported kubeconfig holds the exec stanza, not the token
    const path = result.outputs["kubeconfig-path"] ?? "";
    assert.ok(!readFileSync(path, "utf8").includes(token));
    assert.match(await kubectlWith(path, ["get", "configmap", "beta", "-n", ns, "-o", "name"]), /configmap\/beta/);
    assert.equal(readFileSync(join(dir, "count"), "utf8"), "2", "kubectl ran the plugin");
    assertNoLeak(result, [token]);
  });

  it("deploys with a client certificate the plugin returns", async () => {
    const ns = await namespace("cred-exec-cert");
    const access = clusterAccess();
    const status = JSON.stringify({
      clientCertificateData: Buffer.from(access.certData, "base64").toString("utf8"),
      clientKeyData: Buffer.from(access.keyData, "base64").toString("utf8"),
    });
    const dir = scratch({ tokens: `${status}\n`, "cm.yaml": configMap("exec-cert") });
    execPlugin(dir);
    const env = pluginEnv(dir);
    const kubeconfig = kubeconfigWith({
      exec: {
        apiVersion: "client.authentication.k8s.io/v1",
        command: join(dir, "plugin.mjs"),
        env,
        interactiveMode: "IfAvailable",
      },
    });
    const result = await runAction({ workspace: dir, inputs: { manifests: "cm.yaml", namespace: ns, kubeconfig } });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.ok(await configMapExists(ns, "exec-cert"));
    const keyLines = Buffer.from(access.keyData, "base64")
      .toString("utf8")
      .split("\n")
      .filter((l) => l !== "" && !l.startsWith("-----"));
    assertNoLeak(result, keyLines);
  });

  it("fails clearly for a missing command (with its install hint), interactiveMode Always, and a v1 stanza without interactiveMode", async () => {
    const ws = scratch({ "cm.yaml": configMap("never") });
    const missing = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        kubeconfig: kubeconfigWith({
          exec: {
            apiVersion: "client.authentication.k8s.io/v1",
            command: "kubeship-no-such-plugin",
            interactiveMode: "Never",
            installHint: "Install it with: brew install no-such-plugin",
          },
        }),
      },
    });
    assert.equal(missing.exitCode, 1);
    assert.match(
      missing.log,
      /the command "kubeship-no-such-plugin" was not found \(is it installed and on PATH\?\) Install it with: brew install no-such-plugin/,
    );
    const always = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        kubeconfig: kubeconfigWith({
          exec: { apiVersion: "client.authentication.k8s.io/v1", command: "x", interactiveMode: "Always" },
        }),
      },
    });
    assert.match(always.log, /needs a terminal \(interactiveMode: Always\) and a CI job has none/);
    const noMode = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        kubeconfig: kubeconfigWith({ exec: { apiVersion: "client.authentication.k8s.io/v1", command: "x" } }),
      },
    });
    assert.match(noMode.log, /exec\.interactiveMode is required with client\.authentication\.k8s\.io\/v1/);
  });
});

describe("impersonation and service accounts", () => {
  it("mints the service account's token again at 80% of its lifetime, and after a 401, and renews it in the exported kubeconfig", async () => {
    const ns = await namespace("cred-remint");
    const user = await deployer(ns);
    const quiet = { mask: () => undefined };
    const admin = adminConnection();
    const adminClient = new KubeClient(admin);
    let now = Date.now();
    const connection = serviceAccountConnection(
      admin,
      adminClient,
      { namespace: ns, name: "deployer" },
      quiet,
      () => now,
    );
    const client = new KubeClient(connection);
    const whoami = async () => (await whoAmI(client, connection))?.username;
    try {
      assert.equal(await whoami(), user);
      const exported = await writeTransientKubeconfig(transientKubeconfigPath(scratch()), connection, ns);
      const first = await connection.auth.current();
      assert.ok(first.expiresAt !== undefined && first.expiresAt.getTime() > now + 50 * 60_000, "an hour's token");
      now += 0.79 * 3600_000;
      assert.equal(
        (await connection.auth.current()).authorization,
        first.authorization,
        "reused until 80% of its lifetime",
      );
      now += 0.02 * 3600_000;
      const second = await connection.auth.current();
      assert.notEqual(second.authorization, first.authorization, "minted again before it expires");
      assert.equal(await whoami(), user);
      // the kubeconfig for later steps gets the fresh token, once
      const renewed = await exported.refresh();
      assert.ok(renewed?.expiresAt !== undefined, "rewritten, with the new token's expiry");
      assert.ok(readFileSync(exported.path, "utf8").includes(String(second.authorization).replace("Bearer ", "")));
      assert.equal(statSync(exported.path).mode & 0o777, 0o600);
      assert.equal(await exported.refresh(), undefined);
      assert.equal(await connection.auth.renew(second), true);
      assert.notEqual(
        (await connection.auth.current()).authorization,
        second.authorization,
        "minted again after a 401",
      );
    } finally {
      await client.close();
      await adminClient.close();
    }
  });

  it("impersonates with as, as-groups and as-uid when allowed, and so does the exported kubeconfig", async () => {
    const ns = await namespace("cred-as");
    const user = await deployer(ns);
    const ws = scratch({ "cm.yaml": configMap("impersonated") });
    const result = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        namespace: ns,
        kubeconfig: adminKubeconfig(),
        as: user,
        "as-groups": "system:serviceaccounts\nsystem:authenticated",
        "as-uid": "uid-1234",
      },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    // two groups, not one named "system:serviceaccounts, system:authenticated"
    assert.match(visibleLog(result.log), new RegExp(`Deploying as ${user} \\(groups system:serviceaccounts\\)`));
    const live = await getJson<{ metadata: { managedFields: { manager: string }[] } }>([
      "get",
      "configmap",
      "impersonated",
      "-n",
      ns,
      "--show-managed-fields",
    ]);
    assert.ok(live.metadata.managedFields.some((m) => m.manager === "kubeship"));
    // later steps impersonate the same way
    const whoami = JSON.parse(
      await kubectlWith(result.outputs["kubeconfig-path"] ?? "", ["auth", "whoami", "-o", "json"]),
    ) as { status: { userInfo: { username: string; uid?: string; groups: string[] } } };
    assert.deepEqual(whoami.status.userInfo, {
      username: user,
      uid: "uid-1234",
      groups: ["system:serviceaccounts", "system:authenticated"],
    });
  });

  it("explains a refused impersonation, naming the impersonate permission", async () => {
    const ns = await namespace("cred-as-refused");
    await deployer(ns);
    const token = await mintToken(ns, "deployer");
    const access = clusterAccess();
    const ws = scratch({ "cm.yaml": configMap("never") });
    const result = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        namespace: ns,
        server: access.server,
        "certificate-authority-data": access.caData,
        token,
        as: "jane",
      },
    });
    assert.equal(result.exitCode, 1);
    assert.match(result.log, /impersonation refused: .*cannot impersonate.*need the impersonate verb on users "jane"/);
    assert.ok(!(await configMapExists(ns, "never")));
  });

  it("deploys as a service-account with a minted token; the exported kubeconfig holds only that identity and is removed by the post step", async () => {
    const ns = await namespace("cred-sa");
    const user = await deployer(ns);
    const ws = scratch({ "cm.yaml": configMap("as-sa") });
    const result = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        namespace: ns,
        kubeconfig: adminKubeconfig(),
        "service-account": `${ns}/deployer`,
      },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.match(visibleLog(result.log), new RegExp(`Deploying as ${user}`));

    const path = result.outputs["kubeconfig-path"] ?? "";
    assert.ok(path.startsWith(result.runnerTemp), "written under RUNNER_TEMP");
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.equal(result.state["kubeconfig-path"], path);
    assert.match(readFileSync(join(result.runnerTemp, "..", "env"), "utf8"), new RegExp(`KUBECONFIG<<.*\\n${path}\\n`));
    assert.match(visibleLog(result.log), new RegExp(`it acts as ${user}, until \\d{4}-`));
    const exported = parse(readFileSync(path, "utf8")) as {
      users: { user: Record<string, unknown> }[];
      contexts: { context: { namespace?: string } }[];
    };
    assert.deepEqual(
      Object.keys(exported.users[0]?.user ?? {}),
      ["token"],
      "only the minted token: no admin certificate",
    );
    assert.equal(exported.contexts[0]?.context.namespace, ns);
    // the minted token was masked
    assertNoLeak(result, [String(exported.users[0]?.user.token)]);

    // a later step: kubectl with the exported kubeconfig acts as the service account
    const whoami = JSON.parse(await kubectlWith(path, ["auth", "whoami", "-o", "json"])) as {
      status: { userInfo: { username: string } };
    };
    assert.equal(whoami.status.userInfo.username, user);
    assert.match(await kubectlWith(path, ["get", "configmap", "as-sa", "-o", "name"]), /configmap\/as-sa/);

    const post = await runAction({ entry: "post", inputs: {}, state: { "kubeconfig-path": path } });
    assert.equal(post.exitCode, 0);
    assert.equal(existsSync(path), false);
  });

  it("refuses a service-account that the credentials may not mint for", async () => {
    const ns = await namespace("cred-sa-refused");
    await deployer(ns);
    await kubectl(["create", "serviceaccount", "other", "-n", ns]);
    const token = await mintToken(ns, "deployer");
    const access = clusterAccess();
    const ws = scratch({ "cm.yaml": configMap("never") });
    const result = await runAction({
      workspace: ws,
      inputs: {
        manifests: "cm.yaml",
        namespace: ns,
        server: access.server,
        "certificate-authority-data": access.caData,
        token,
        "service-account": `${ns}/other`,
      },
    });
    assert.equal(result.exitCode, 1);
    assert.match(
      result.log,
      new RegExp(`may not mint tokens for ${ns}/other: they need create on serviceaccounts/token in namespace ${ns}`),
    );
  });
});

describe("the permission check", () => {
  it("fails before any write, listing every missing permission, when the manifests reach beyond the allowed namespace", async () => {
    const allowed = await namespace("cred-perm-a");
    const other = await namespace("cred-perm-b");
    await deployer(allowed);
    const token = await mintToken(allowed, "deployer");
    const access = clusterAccess();
    const ws = scratch({
      "app.yaml": `${configMap("mine", allowed)}---\n${configMap("theirs", other)}---\n${slowDeployment(1).replace("name: slow}", `name: slow, namespace: ${other}}`)}`,
    });
    const result = await runAction({
      workspace: ws,
      inputs: { manifests: "app.yaml", server: access.server, "certificate-authority-data": access.caData, token },
    });
    assert.equal(result.exitCode, 1);
    const log = visibleLog(result.log);
    assert.match(log, /lacks \d+ of the \d+ permissions this deploy needs, so nothing was written/);
    for (const row of [
      `get +configmaps +${other} +theirs`,
      `patch +configmaps +${other} +theirs`,
      `create +configmaps +${other} +\\(all\\)`,
      `patch +deployments.apps +${other} +slow`,
      `watch +deployments.apps +${other} +\\(all\\)`,
      `list +events\\.events\\.k8s\\.io +${other}`,
      `watch +pods +${other}`,
      // a namespace-scoped identity cannot read namespaces: a row, not a crash
      `get +namespaces +\\(cluster\\) +${other} +namespace check: cannot check that it exists`,
    ]) {
      assert.match(log, new RegExp(row), `the table lists ${row}`);
    }
    assert.doesNotMatch(log, new RegExp(`configmaps +${allowed}`), "what is allowed is not listed");
    assert.equal(await configMapExists(allowed, "mine"), false, "nothing was written, not even where it was allowed");
  });
  it("asks at most 16 reviews at once, and once per collection when it is allowed", async () => {
    const allowed = await namespace("cred-perm-bound");
    await deployer(allowed);
    const token = await mintToken(allowed, "deployer");
    const access = clusterAccess();
    const client = new KubeClient({
      server: access.server,
      tls: { ca: access.caPem, insecureSkipVerify: false },
      auth: bearerToken(token),
      source: "test",
      secrets: [],
    });
    let inFlight = 0;
    let peak = 0;
    let reviews = 0;
    const counting: Pick<KubeClient, "request"> = {
      request: async (...args: Parameters<KubeClient["request"]>) => {
        inFlight++;
        reviews++;
        peak = Math.max(peak, inFlight);
        try {
          return await client.request(...args);
        } finally {
          inFlight--;
        }
      },
    };
    const configMaps = (ns: string) =>
      Array.from({ length: 200 }, (_, i) => ({
        mapping: { group: "", resource: "configmaps", namespaced: true },
        ref: { namespace: ns, name: `cm-${i}` },
      }));
    try {
      assert.deepEqual(await missingPermissions(counting, requiredPermissions({ objects: configMaps(allowed) })), []);
      assert.equal(reviews, 3, "get, patch and create, each asked once for the whole collection");
      const missing = await missingPermissions(counting, requiredPermissions({ objects: configMaps("default") }));
      assert.equal(missing.length, 401, "denied collections are asked name by name: 200 get, 200 patch, 1 create");
      assert.ok(peak <= 16, `at most 16 at once (saw ${peak})`);
      assert.ok(peak >= 8, "but in parallel");
    } finally {
      await client.close();
    }
  });
});

describe("proxies", () => {
  // The cluster's certificate names kubernetes.default.svc, which does not resolve here: only the
  // proxy (which maps it to 127.0.0.1) can reach it, so a success proves the tunnel was used.
  const proxiedServer = () => `https://kubernetes.default.svc:${clusterAccess().port}`;
  const admin = () => ({
    "client-certificate-data": clusterAccess().certData,
    "client-key-data": clusterAccess().keyData,
  });

  /** A fresh namespace, a workspace with one ConfigMap, and a proxy that resolves `host` to 127.0.0.1. */
  async function withProxy(
    host: string,
    test: (proxy: TestProxy, ns: string, ws: string) => Promise<void>,
  ): Promise<void> {
    const ns = await namespace("cred-proxy");
    const proxy = await startProxy({ [host]: "127.0.0.1" });
    try {
      await test(proxy, ns, scratch({ "cm.yaml": configMap("proxied") }));
    } finally {
      await proxy.close();
    }
  }

  it("goes through the kubeconfig's proxy-url", () =>
    withProxy("kubernetes.default.svc", async (proxy, ns, ws) => {
      const kubeconfig = kubeconfigWith(admin(), { server: proxiedServer(), "proxy-url": proxy.url });
      const result = await runAction({ workspace: ws, inputs: { manifests: "cm.yaml", namespace: ns, kubeconfig } });
      assert.equal(result.exitCode, 0, visibleLog(result.log));
      assert.ok(
        proxy.tunnels.length > 0 && proxy.tunnels.every((t) => t === `kubernetes.default.svc:${clusterAccess().port}`),
      );
      assert.ok(visibleLog(result.log).includes(`through the proxy ${proxy.url}`));
      assert.ok(await configMapExists(ns, "proxied"));
    }));

  it("goes through a socks5 proxy-url", async () => {
    const ns = await namespace("cred-socks");
    const proxy = await startSocksProxy({ "kubernetes.default.svc": "127.0.0.1" });
    try {
      const ws = scratch({ "cm.yaml": configMap("socks") });
      const kubeconfig = kubeconfigWith(admin(), { server: proxiedServer(), "proxy-url": proxy.url });
      const result = await runAction({ workspace: ws, inputs: { manifests: "cm.yaml", namespace: ns, kubeconfig } });
      assert.equal(result.exitCode, 0, visibleLog(result.log));
      assert.ok(
        proxy.tunnels.length > 0 && proxy.tunnels.every((t) => t === `kubernetes.default.svc:${clusterAccess().port}`),
      );
      assert.ok(await configMapExists(ns, "socks"));
    } finally {
      await proxy.close();
    }
  });

  it("uses HTTPS_PROXY from the environment, and not for hosts in NO_PROXY", () =>
    withProxy("kubernetes.default.svc", async (proxy, ns, ws) => {
      const kubeconfig = kubeconfigWith(admin(), { server: proxiedServer() });
      const viaEnv = await runAction({
        workspace: ws,
        inputs: { manifests: "cm.yaml", namespace: ns, kubeconfig },
        env: { HTTPS_PROXY: proxy.url, NO_PROXY: "example.com,10.0.0.0/8" },
      });
      assert.equal(viaEnv.exitCode, 0, visibleLog(viaEnv.log));
      assert.ok(proxy.tunnels.length > 0);
      const before = proxy.tunnels.length;
      const bypassed = await runAction({
        workspace: ws,
        inputs: { manifests: "cm.yaml", namespace: ns, kubeconfig, timeout: "15s" },
        env: { https_proxy: proxy.url, NO_PROXY: ".svc" },
      });
      assert.equal(bypassed.exitCode, 1);
      assert.match(bypassed.log, /cannot reach https:\/\/kubernetes\.default\.svc:\d+: the host name does not resolve/);
      assert.equal(proxy.tunnels.length, before, "NO_PROXY sent it direct");
    }));

  it("verifies the server as tls-server-name when the address is not in its certificate", () =>
    withProxy("cluster.invalid", async (proxy, ns, ws) => {
      const server = `https://cluster.invalid:${clusterAccess().port}`;
      const named = kubeconfigWith(admin(), {
        server,
        "proxy-url": proxy.url,
        "tls-server-name": "kubernetes.default",
      });
      const result = await runAction({
        workspace: ws,
        inputs: { manifests: "cm.yaml", namespace: ns, kubeconfig: named },
      });
      assert.equal(result.exitCode, 0, visibleLog(result.log));
      const unnamed = await runAction({
        workspace: ws,
        inputs: {
          manifests: "cm.yaml",
          namespace: ns,
          kubeconfig: kubeconfigWith(admin(), { server, "proxy-url": proxy.url }),
        },
      });
      assert.equal(unnamed.exitCode, 1);
      assert.match(unnamed.log, /the server's certificate does not name "cluster\.invalid"/);
    }));
});

describe("in-cluster", () => {
  it("deploys with the pod's service account: server from KUBERNETES_SERVICE_HOST/PORT, token, CA and namespace from its folder", async () => {
    const ns = await namespace("cred-pod");
    const user = await deployer(ns);
    const token = await mintToken(ns, "deployer");
    const access = clusterAccess();
    const saDir = scratch({ token, "ca.crt": access.caPem, namespace: ns });
    const ws = scratch({ "cm.yaml": configMap("in-pod") });
    // auth: auto, with no kubeconfig anywhere: the pod's service account is the last resort
    const result = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml" },
      env: {
        KUBERNETES_SERVICE_HOST: "127.0.0.1",
        KUBERNETES_SERVICE_PORT: access.port,
        KUBESHIP_SERVICE_ACCOUNT_DIR: saDir,
      },
    });
    assert.equal(result.exitCode, 0, visibleLog(result.log));
    assert.ok(visibleLog(result.log).includes(`credentials from the pod's service account (${saDir})`));
    assert.match(visibleLog(result.log), new RegExp(`Deploying as ${user}`));
    assert.ok(await configMapExists(ns, "in-pod"), "the namespace came from the service account folder");
    const exported = parse(readFileSync(result.outputs["kubeconfig-path"] ?? "", "utf8")) as {
      users: { user: Record<string, unknown> }[];
    };
    assert.deepEqual(
      exported.users[0]?.user,
      { tokenFile: join(saDir, "token") },
      "later steps follow the rotating token file",
    );
    assertNoLeak(result, [token]);
  });

  it("re-reads a rotated token when the old one is rejected", async () => {
    const ns = await namespace("cred-rotate");
    await deployer(ns);
    await kubectl(["create", "secret", "generic", "binding-1", "-n", ns]);
    await kubectl(["create", "secret", "generic", "binding-2", "-n", ns]);
    const first = await mintToken(ns, "deployer", "binding-1");
    const second = await mintToken(ns, "deployer", "binding-2");
    const access = clusterAccess();
    const saDir = scratch({ token: first, "ca.crt": access.caPem, namespace: ns });
    const masked: string[] = [];
    const connection = await inClusterConnection(
      { host: "127.0.0.1", port: access.port, serviceAccountDir: saDir, podNamespace: undefined },
      { httpsProxy: undefined, httpProxy: undefined, noProxy: undefined },
      { mask: (s) => masked.push(s) },
    );
    const client = new KubeClient(connection);
    const old = new KubeClient({ ...connection, auth: bearerToken(first) });
    const configMaps = `/api/v1/namespaces/${ns}/configmaps`;
    try {
      await client.request("GET", configMaps);
      // The kubelet rotates the projected token: the file changes, and the old token stops working.
      writeFileSync(join(saDir, "token"), second);
      await kubectl(["delete", "secret", "binding-1", "-n", ns]);
      await eventually("the old token is rejected", 30_000, () =>
        old.request("GET", configMaps).then(
          () => undefined,
          (e: unknown) => (e instanceof KubeApiError && e.code === 401 ? true : undefined),
        ),
      );
      // The file is cached for a minute, so only the 401 makes the client read it again now.
      const list = await client.request<{ kind: string }>("GET", configMaps);
      assert.equal(list.body.kind, "ConfigMapList");
      assert.ok(masked.includes(second), "the new token was masked as soon as it was read");
    } finally {
      await client.close();
      await old.close();
    }
  });

  it("says what is missing when auth: in-cluster runs outside a pod", async () => {
    const result = await runAction({ inputs: { manifests: "examples/app", auth: "in-cluster" } });
    assert.equal(result.exitCode, 1);
    assert.match(result.log, /auth: in-cluster needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT/);
  });
});
