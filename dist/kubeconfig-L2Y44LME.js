const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  require_dist
} from "./chunk-SLGBTRB5.js";
import {
  __toESM
} from "./chunk-RCV5BOJ3.js";

// src/credentials/export/kubeconfig.ts
var import_yaml = __toESM(require_dist(), 1);
import { mkdir, open, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
async function kubeconfigFor(connection, namespace) {
  const { tls } = connection;
  const cluster = {
    server: connection.server,
    ...tls.ca === void 0 ? {} : { "certificate-authority-data": Buffer.from(tls.ca).toString("base64") },
    ...tls.serverName === void 0 ? {} : { "tls-server-name": tls.serverName },
    ...tls.insecureSkipVerify ? { "insecure-skip-tls-verify": true } : {},
    ...connection.proxy === void 0 ? {} : { "proxy-url": connection.proxy },
    ...connection.disableCompression === true ? { "disable-compression": true } : {}
  };
  const impersonate = connection.impersonate;
  const user = {
    ...tls.cert === void 0 || tls.key === void 0 ? {} : {
      "client-certificate-data": Buffer.from(tls.cert).toString("base64"),
      "client-key-data": Buffer.from(tls.key).toString("base64")
    },
    ...await connection.auth.kubeconfigUser(),
    ...impersonate === void 0 ? {} : {
      as: impersonate.user,
      ...impersonate.groups.length === 0 ? {} : { "as-groups": [...impersonate.groups] },
      ...impersonate.uid === void 0 ? {} : { "as-uid": impersonate.uid }
    }
  };
  return (0, import_yaml.stringify)({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "kubeship", cluster }],
    users: [{ name: "kubeship", user }],
    contexts: [
      {
        name: "kubeship",
        context: { cluster: "kubeship", user: "kubeship", ...namespace === void 0 ? {} : { namespace } }
      }
    ],
    "current-context": "kubeship"
  });
}
async function expiryOf(connection) {
  const credential = await connection.auth.current();
  const renewsItself = "exec" in await connection.auth.kubeconfigUser();
  return credential.expiresAt === void 0 || renewsItself ? { renewsItself } : { expiresAt: credential.expiresAt, renewsItself };
}
async function writeTransientKubeconfig(path, connection, namespace) {
  await mkdir(dirname(path), { recursive: true, mode: 448 });
  let written = await kubeconfigFor(connection, namespace);
  const file = await open(path, "wx", 384);
  try {
    await file.writeFile(written, "utf8");
  } finally {
    await file.close();
  }
  const refresh = async () => {
    const text = await kubeconfigFor(connection, namespace);
    if (text === written) return void 0;
    await writeFile(path, text, "utf8");
    written = text;
    return { path, ...await expiryOf(connection), refresh };
  };
  return { path, ...await expiryOf(connection), refresh };
}
export {
  writeTransientKubeconfig
};
