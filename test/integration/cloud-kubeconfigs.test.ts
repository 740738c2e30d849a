// The kubeconfigs that a cloud's own tooling leaves for later steps, picked up with no credential
// input (auth: auto): `aws eks update-kubeconfig` (~/.kube/config, an exec user running `aws eks
// get-token`), google-github-actions/get-gke-credentials (a file in the workspace named by KUBECONFIG,
// with an access token) and `gcloud container clusters get-credentials` (an exec user running
// gke-gcloud-auth-plugin). Each is written exactly as that tool writes it (field for field, names
// included), pointing at the test cluster; the plugins are stand-ins on PATH that check they were
// called as the real ones are and print an ExecCredential for a service account's token.
import assert from "node:assert/strict";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse, stringify } from "yaml";
import { runAction, visibleLog } from "../helpers/action.ts";
import { freshNamespaces, kubectl } from "../helpers/cluster.ts";
import { clusterAccess, deployer, mintToken, scratch } from "../helpers/identities.ts";

const namespace = freshNamespaces();

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {a: "1"}\n`;

/**
 * A command named `name` in a new folder for PATH that fails unless `check` (JavaScript over `args`,
 * `env` and `info`, the parsed KUBERNETES_EXEC_INFO) holds, and otherwise prints the ExecCredential
 * its real namesake prints, with `token`; each run is counted in the folder's `runs` file.
 */
function standIn(name: string, check: string, token: string): string {
  const bin = scratch();
  const script = [
    "#!/usr/bin/env node",
    'import { appendFileSync } from "node:fs";',
    "const args = process.argv.slice(2), env = process.env;",
    "const info = env.KUBERNETES_EXEC_INFO ? JSON.parse(env.KUBERNETES_EXEC_INFO) : undefined;",
    `appendFileSync(${JSON.stringify(join(bin, "runs"))}, "run\\n");`,
    `if (!(${check})) { process.stderr.write("${name} stand-in: called unlike its real namesake: " + JSON.stringify({ args, info }) + "\\n"); process.exit(1); }`,
    `const expirationTimestamp = new Date(Date.now() + 15 * 60 * 1000).toISOString();`,
    `process.stdout.write(JSON.stringify({ kind: "ExecCredential", apiVersion: "client.authentication.k8s.io/v1beta1", spec: {}, status: { expirationTimestamp, token: ${JSON.stringify(token)} } }));`,
    "",
  ].join("\n");
  writeFileSync(join(bin, name), script);
  chmodSync(join(bin, name), 0o755);
  return bin;
}

const runs = (bin: string) => readFileSync(join(bin, "runs"), "utf8").split("\n").filter(Boolean).length;
const withPath = (bin: string) => `${bin}:${process.env.PATH ?? "/usr/bin:/bin"}`;

async function configMapIn(ns: string, name: string): Promise<string> {
  return kubectl(["get", "configmap", name, "-n", ns, "-o", "name"]);
}

describe("kubeconfigs that cloud tools leave behind", () => {
  it("aws eks update-kubeconfig: ~/.kube/config with an exec user running aws eks get-token from PATH", async () => {
    const ns = await namespace("cloud-eks");
    const user = await deployer(ns);
    const token = await mintToken(ns, "deployer");
    const bin = standIn(
      "aws",
      `JSON.stringify(args) === ${JSON.stringify(JSON.stringify(["--region", "eu-west-1", "eks", "get-token", "--cluster-name", "prod", "--output", "json"]))} && env.AWS_PROFILE === "deploy" && info?.apiVersion === "client.authentication.k8s.io/v1beta1"`,
      token,
    );
    // awscli/customizations/eks/update_kubeconfig.py: cluster, user and context named by the cluster's
    // ARN, the exec stanza in this order, env only with a profile; written to ~/.kube/config when
    // KUBECONFIG is not set
    const arn = "arn:aws:eks:eu-west-1:123456789012:cluster/prod";
    const access = clusterAccess();
    const home = scratch();
    mkdirSync(join(home, ".kube"));
    writeFileSync(
      join(home, ".kube", "config"),
      stringify({
        apiVersion: "v1",
        clusters: [{ cluster: { "certificate-authority-data": access.caData, server: access.server }, name: arn }],
        contexts: [{ context: { cluster: arn, user: arn }, name: arn }],
        "current-context": arn,
        kind: "Config",
        preferences: {},
        users: [
          {
            name: arn,
            user: {
              exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                args: ["--region", "eu-west-1", "eks", "get-token", "--cluster-name", "prod", "--output", "json"],
                command: "aws",
                env: [{ name: "AWS_PROFILE", value: "deploy" }],
              },
            },
          },
        ],
      }),
    );
    const ws = scratch({ "k8s/cm.yaml": configMap("from-eks") });
    const result = await runAction({
      workspace: ws,
      inputs: { manifests: "k8s/", namespace: ns },
      env: { HOME: home, PATH: withPath(bin) },
    });
    const log = visibleLog(result.log);
    assert.equal(result.exitCode, 0, log);
    assert.ok(log.includes(`credentials from ${join(home, ".kube", "config")}: the exec credential plugin aws`), log);
    assert.match(log, new RegExp(`Deploying as ${user}`));
    assert.match(await configMapIn(ns, "from-eks"), /configmap\/from-eks/);
    assert.equal(runs(bin), 1, "the plugin ran once; its token was reused until it expires");
    assert.ok(!log.includes(token) && result.log.includes(`::add-mask::${token}`), "the token is masked, never shown");
    // later steps run `aws` themselves, found on their PATH as here
    const exported = parse(readFileSync(result.outputs["kubeconfig-path"] ?? "", "utf8")) as {
      users: { user: { exec?: { command: string; args: string[] } } }[];
    };
    assert.equal(exported.users[0]?.user.exec?.command, "aws");
    assert.deepEqual(exported.users[0]?.user.exec?.args.slice(2, 4), ["eks", "get-token"]);
  });

  it("get-gke-credentials: KUBECONFIG naming gha-kubeconfig-… in the workspace, with its access token", async () => {
    const ns = await namespace("cloud-gke-token");
    const user = await deployer(ns);
    const token = await mintToken(ns, "deployer");
    // get-gke-credentials' src/client.ts createKubeConfig (use_auth_provider: false, the default):
    // cluster and user named after the cluster, context gke_<project>_<location>_<cluster> with the
    // namespace input, the access token in the user; src/main.ts writes it 0600 into GITHUB_WORKSPACE
    const access = clusterAccess();
    const context = "gke_my-project_europe-west1_prod";
    const file = "gha-kubeconfig-4f2a9c1e";
    const ws = scratch({ "k8s/cm.yaml": configMap("from-gke-action") });
    writeFileSync(
      join(ws, file),
      stringify({
        apiVersion: "v1",
        clusters: [{ cluster: { "certificate-authority-data": access.caData, server: access.server }, name: "prod" }],
        contexts: [{ context: { cluster: "prod", user: "prod", namespace: ns }, name: context }],
        kind: "Config",
        "current-context": context,
        users: [{ name: "prod", user: { token } }],
      }),
      { mode: 0o600 },
    );
    const result = await runAction({
      workspace: ws,
      inputs: { manifests: "k8s/" },
      env: { KUBECONFIG: join(ws, file), KUBE_CONFIG_PATH: join(ws, file) },
    });
    const log = visibleLog(result.log);
    assert.equal(result.exitCode, 0, log);
    assert.match(log, new RegExp(`credentials from KUBECONFIG \\(.*${file}\\)`));
    assert.match(log, new RegExp(`Deploying as ${user}`));
    // no namespace input: the context's namespace, as kubectl would use it
    assert.match(await configMapIn(ns, "from-gke-action"), /configmap\/from-gke-action/);
    assert.ok(!log.includes(token) && result.log.includes(`::add-mask::${token}`), "the token is masked, never shown");

    // use_auth_provider: true writes the legacy auth-provider entry instead of the token: refused, with what replaced it
    const legacy = "gha-kubeconfig-7d3e0b5a";
    const config = parse(readFileSync(join(ws, file), "utf8")) as { users: { user: Record<string, unknown> }[] };
    config.users = [{ ...config.users[0], user: { "auth-provider": { name: "gcp" } } }];
    writeFileSync(join(ws, legacy), stringify(config), { mode: 0o600 });
    const refused = await runAction({
      workspace: ws,
      inputs: { manifests: "k8s/" },
      env: { KUBECONFIG: join(ws, legacy) },
    });
    assert.equal(refused.exitCode, 1);
    assert.match(visibleLog(refused.log), /auth-provider "gcp".*gke-gcloud-auth-plugin \(exec plugin\), or auth: gcp/);
  });

  it("gcloud container clusters get-credentials: an exec user running gke-gcloud-auth-plugin from PATH", async () => {
    const ns = await namespace("cloud-gke-plugin");
    const user = await deployer(ns);
    const token = await mintToken(ns, "deployer");
    const access = clusterAccess();
    // provideClusterInfo: the plugin is told the cluster it signs in to, as the real one expects
    const bin = standIn(
      "gke-gcloud-auth-plugin",
      `args.length === 0 && info?.apiVersion === "client.authentication.k8s.io/v1beta1" && info?.spec?.cluster?.server === ${JSON.stringify(access.server)}`,
      token,
    );
    // as gcloud writes it: every name gke_<project>_<location>_<cluster>, and the exec stanza with
    // explicit nulls for args and env, an install hint and interactiveMode IfAvailable
    const name = "gke_my-project_europe-west1_prod";
    const home = scratch();
    writeFileSync(
      join(home, "config"),
      [
        "apiVersion: v1",
        "clusters:",
        "- cluster:",
        `    certificate-authority-data: ${access.caData}`,
        `    server: ${access.server}`,
        `  name: ${name}`,
        "contexts:",
        "- context:",
        `    cluster: ${name}`,
        `    user: ${name}`,
        `  name: ${name}`,
        `current-context: ${name}`,
        "kind: Config",
        "preferences: {}",
        "users:",
        `- name: ${name}`,
        "  user:",
        "    exec:",
        "      apiVersion: client.authentication.k8s.io/v1beta1",
        "      args: null",
        "      command: gke-gcloud-auth-plugin",
        "      env: null",
        "      installHint: Install gke-gcloud-auth-plugin for use with kubectl by following",
        "        https://cloud.google.com/kubernetes-engine/docs/how-to/cluster-access-for-kubectl#install_plugin",
        "      interactiveMode: IfAvailable",
        "      provideClusterInfo: true",
        "",
      ].join("\n"),
    );
    const ws = scratch({ "k8s/cm.yaml": configMap("from-gcloud") });
    const result = await runAction({
      workspace: ws,
      inputs: { manifests: "k8s/", namespace: ns, "export-kubeconfig": "false" },
      env: { KUBECONFIG: join(home, "config"), PATH: withPath(bin) },
    });
    const log = visibleLog(result.log);
    assert.equal(result.exitCode, 0, log);
    assert.match(log, new RegExp(`Deploying as ${user}`));
    assert.match(await configMapIn(ns, "from-gcloud"), /configmap\/from-gcloud/);
    assert.equal(runs(bin), 1);

    // without the plugin on PATH (an empty folder: this machine may have the real one), the step
    // fails with gcloud's install hint
    const missing = await runAction({
      workspace: ws,
      inputs: { manifests: "k8s/", namespace: ns, "export-kubeconfig": "false" },
      env: { KUBECONFIG: join(home, "config"), PATH: scratch() },
    });
    assert.equal(missing.exitCode, 1);
    assert.match(visibleLog(missing.log), /gke-gcloud-auth-plugin[^\n]*cluster-access-for-kubectl#install_plugin/);
  });
});
