// Narrower identities on the test cluster, made with the admin kubeconfig: service accounts with a
// Role in one namespace, and tokens minted for them with TokenRequest (`kubectl create token`).
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { connectionFromKubeconfig, parseKubeconfig } from "../../src/credentials/sources/kubeconfig.ts";
import { workspaceWith } from "./workspace.ts";
import type { Connection } from "../../src/kube/connection.ts";
import { adminKubeconfig, kubectl } from "./cluster.ts";

interface AdminConfig {
  clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
  users: { user: { "client-certificate-data": string; "client-key-data": string } }[];
}

/** The test cluster's address, CA and admin client certificate. */
export function clusterAccess() {
  const config = parse(adminKubeconfig()) as AdminConfig;
  const cluster = config.clusters[0]?.cluster;
  const user = config.users[0]?.user;
  if (cluster === undefined || user === undefined) throw new Error("the admin kubeconfig has no cluster or user");
  return {
    server: cluster.server,
    port: new URL(cluster.server).port,
    caData: cluster["certificate-authority-data"],
    caPem: Buffer.from(cluster["certificate-authority-data"], "base64").toString("utf8"),
    certData: user["client-certificate-data"],
    keyData: user["client-key-data"],
  };
}

/** A service account allowed everything on the usual app resources in `namespace` only. */
export async function deployer(namespace: string, name = "deployer"): Promise<string> {
  await kubectl(["create", "serviceaccount", name, "-n", namespace]);
  await kubectl([
    "create",
    "role",
    name,
    "-n",
    namespace,
    "--verb=*",
    "--resource=configmaps,secrets,services,events,pods,deployments.apps,replicasets.apps",
  ]);
  await kubectl([
    "create",
    "rolebinding",
    name,
    "-n",
    namespace,
    `--role=${name}`,
    `--serviceaccount=${namespace}:${name}`,
  ]);
  return `system:serviceaccount:${namespace}:${name}`;
}

/** A token for the service account (TokenRequest), optionally bound to a Secret so that deleting the Secret revokes it. */
export async function mintToken(namespace: string, name: string, boundSecret?: string): Promise<string> {
  const bound = boundSecret === undefined ? [] : ["--bound-object-kind=Secret", `--bound-object-name=${boundSecret}`];
  return (await kubectl(["create", "token", name, "-n", namespace, "--duration=1h", ...bound])).trim();
}

/** A kubeconfig for the test cluster with the given user stanza (and cluster fields). */
export function kubeconfigWith(user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
  const access = clusterAccess();
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name: "test", cluster: { server: access.server, "certificate-authority-data": access.caData, ...cluster } },
    ],
    users: [{ name: "ci", user }],
    contexts: [{ name: "test", context: { cluster: "test", user: "ci" } }],
    "current-context": "test",
  });
}

/** A folder with the files of one test. */
export function scratch(files: Record<string, string> = {}): string {
  return workspaceWith(files);
}

/**
 * An exec credential plugin (a test script): each run is counted in `count`, records its
 * KUBERNETES_EXEC_INFO in `info`, and prints the next line of `tokens` (the last one once they run out).
 */
export function execPlugin(dir: string, apiVersion = "client.authentication.k8s.io/v1"): string {
  const path = join(dir, "plugin.mjs");
  writeFileSync(
    path,
    [
      "#!/usr/bin/env node",
      'import { readFileSync, writeFileSync, existsSync } from "node:fs";',
      'const count = Number(existsSync(process.env.COUNT_FILE) ? readFileSync(process.env.COUNT_FILE, "utf8") : "0") + 1;',
      "writeFileSync(process.env.COUNT_FILE, String(count));",
      'writeFileSync(process.env.INFO_FILE, process.env.KUBERNETES_EXEC_INFO ?? "");',
      'const lines = readFileSync(process.env.TOKENS_FILE, "utf8").split("\\n").filter(Boolean);',
      "const line = lines[Math.min(count, lines.length) - 1];",
      'const status = line.startsWith("{") ? JSON.parse(line) : { token: line };',
      "if (process.env.EXPIRES_IN) status.expirationTimestamp = new Date(Date.now() + Number(process.env.EXPIRES_IN) * 1000).toISOString();",
      'process.stderr.write("test plugin: run " + count + "\\n");',
      `process.stdout.write(JSON.stringify({ apiVersion: ${JSON.stringify(apiVersion)}, kind: "ExecCredential", status }));`,
      "",
    ].join("\n"),
  );
  chmodSync(path, 0o755);
  return path;
}

/** The exec stanza's `env` that tells the test plugin of `execPlugin` where its files are. */
export function pluginEnv(dir: string, extra: Record<string, string> = {}): { name: string; value: string }[] {
  return Object.entries({
    COUNT_FILE: join(dir, "count"),
    INFO_FILE: join(dir, "info"),
    TOKENS_FILE: join(dir, "tokens"),
    ...extra,
  }).map(([name, value]) => ({ name, value }));
}

/** A Connection for the admin kubeconfig, for tests that talk to the cluster through kubeship's own client. */
export function adminConnection(): Connection {
  const quiet = { mask: () => undefined, info: () => undefined, warning: () => undefined };
  return connectionFromKubeconfig(
    parseKubeconfig(adminKubeconfig(), { source: "the admin kubeconfig", baseDir: "/" }),
    {
      proxyEnvironment: { httpsProxy: undefined, httpProxy: undefined, noProxy: undefined },
      pluginEnvironment: {},
      log: quiet,
    },
  );
}
