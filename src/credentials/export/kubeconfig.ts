// The transient kubeconfig for later steps: one cluster, one user (the identity the deploy used,
// never a wider one) and one context, written under RUNNER_TEMP with mode 0600 from the moment it
// exists. The post step deletes it.
import { mkdir, open, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { stringify } from "yaml";
import type { Connection, KubeconfigUser } from "../../kube/connection.ts";

export interface ExportedKubeconfig {
  path: string;
  /** when the credential in it stops working; absent when it renews itself (exec) or has no known expiry */
  expiresAt?: Date;
  /** its user is an exec plugin that gets a fresh credential whenever a later step needs one */
  renewsItself: boolean;
  /**
   * Rewrites the file if the credential changed since (a token minted again during a long wait),
   * so that later steps get the fresh one; answers the new state, or undefined when nothing changed.
   */
  refresh(): Promise<ExportedKubeconfig | undefined>;
}

async function kubeconfigFor(connection: Connection, namespace: string | undefined): Promise<string> {
  const { tls } = connection;
  const cluster = {
    server: connection.server,
    ...(tls.ca === undefined ? {} : { "certificate-authority-data": Buffer.from(tls.ca).toString("base64") }),
    ...(tls.serverName === undefined ? {} : { "tls-server-name": tls.serverName }),
    ...(tls.insecureSkipVerify ? { "insecure-skip-tls-verify": true } : {}),
    ...(connection.proxy === undefined ? {} : { "proxy-url": connection.proxy }),
    ...(connection.disableCompression === true ? { "disable-compression": true } : {}),
  };
  const impersonate = connection.impersonate;
  const user: KubeconfigUser = {
    ...(tls.cert === undefined || tls.key === undefined
      ? {}
      : {
          "client-certificate-data": Buffer.from(tls.cert).toString("base64"),
          "client-key-data": Buffer.from(tls.key).toString("base64"),
        }),
    ...(await connection.auth.kubeconfigUser()),
    ...(impersonate === undefined
      ? {}
      : {
          as: impersonate.user,
          ...(impersonate.groups.length === 0 ? {} : { "as-groups": [...impersonate.groups] }),
          ...(impersonate.uid === undefined ? {} : { "as-uid": impersonate.uid }),
        }),
  };
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "kubeship", cluster }],
    users: [{ name: "kubeship", user }],
    contexts: [
      {
        name: "kubeship",
        context: { cluster: "kubeship", user: "kubeship", ...(namespace === undefined ? {} : { namespace }) },
      },
    ],
    "current-context": "kubeship",
  });
}

/** When the identity's credential stops working, if it says and does not renew itself in later steps (exec). */
async function expiryOf(connection: Connection): Promise<{ expiresAt?: Date; renewsItself: boolean }> {
  const credential = await connection.auth.current();
  const renewsItself = "exec" in (await connection.auth.kubeconfigUser());
  return credential.expiresAt === undefined || renewsItself
    ? { renewsItself }
    : { expiresAt: credential.expiresAt, renewsItself };
}

/** Writes the kubeconfig to `path`, a new file; created 0600 (flag `wx`: never an existing file). */
export async function writeTransientKubeconfig(
  path: string,
  connection: Connection,
  namespace: string | undefined,
): Promise<ExportedKubeconfig> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  let written = await kubeconfigFor(connection, namespace);
  const file = await open(path, "wx", 0o600);
  try {
    await file.writeFile(written, "utf8");
  } finally {
    await file.close();
  }
  const refresh = async (): Promise<ExportedKubeconfig | undefined> => {
    const text = await kubeconfigFor(connection, namespace);
    if (text === written) return undefined;
    // the file exists with mode 0600 already: rewriting keeps it
    await writeFile(path, text, "utf8");
    written = text;
    return { path, ...(await expiryOf(connection)), refresh };
  };
  return { path, ...(await expiryOf(connection)), refresh };
}
