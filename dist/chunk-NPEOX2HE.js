const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  renewalTime
} from "./chunk-ZA77GC67.js";
import {
  readProxyEnvironment
} from "./chunk-TAMLSLKN.js";
import {
  Interrupted
} from "./chunk-LR26H2VH.js";

// src/credentials/export/cache.ts
var fs = () => process.getBuiltinModule("node:fs");
function readCache(path) {
  try {
    const cached = JSON.parse(fs().readFileSync(path, "utf8"));
    return { token: cached.token, issuedAt: new Date(cached.issuedAt), expiresAt: new Date(cached.expiresAt) };
  } catch {
    return void 0;
  }
}
async function writeCache(path, issued) {
  const { open, rename, rm } = fs().promises;
  const temporary = `${path}.${process.getBuiltinModule("node:crypto").randomBytes(4).toString("hex")}`;
  const file = await open(temporary, "wx", 384);
  try {
    const cached = {
      token: issued.token,
      issuedAt: issued.issuedAt.toISOString(),
      expiresAt: issued.expiresAt.toISOString()
    };
    await file.writeFile(JSON.stringify(cached), "utf8");
  } finally {
    await file.close();
  }
  await rename(temporary, path).catch(async (error) => {
    await rm(temporary, { force: true });
    throw error;
  });
}

// src/credentials/export/plugin.ts
import { fileURLToPath } from "node:url";
var credentialPluginVariable = "KUBESHIP_CREDENTIAL";
function readCredentialPluginSettings(env) {
  const text = env[credentialPluginVariable];
  if (text === void 0 || text === "") {
    throw new Error(
      `${credentialPluginVariable} is not set: this program is run by kubectl through the kubeconfig kubeship exported`
    );
  }
  const config = JSON.parse(text);
  let execApiVersion = "client.authentication.k8s.io/v1";
  try {
    const info = JSON.parse(env.KUBERNETES_EXEC_INFO ?? "{}");
    if (typeof info.apiVersion === "string") execApiVersion = info.apiVersion;
  } catch {
  }
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim() ?? "";
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim() ?? "";
  return {
    config,
    idTokenRequest: url === "" || token === "" ? void 0 : { url, token },
    proxyEnvironment: readProxyEnvironment(env),
    execApiVersion
  };
}
var credentialPluginScript = fileURLToPath(new URL("./credential.js", import.meta.url));
function credentialPluginUser(config) {
  return {
    exec: {
      apiVersion: "client.authentication.k8s.io/v1",
      command: process.execPath,
      args: [credentialPluginScript],
      env: [{ name: credentialPluginVariable, value: JSON.stringify(config) }],
      interactiveMode: "Never",
      provideClusterInfo: false
    }
  };
}
var pluginDeadlineMs = 6e4;
async function runCredentialPlugin(env, io) {
  const now = io.now ?? Date.now;
  try {
    const settings = readCredentialPluginSettings(env);
    let issued = readCache(settings.config.cache);
    if (issued === void 0 || now() >= renewalTime(issued)) {
      const { renewToken } = await import("./renew-USBRZQ4B.js");
      const renewed = await renewToken(settings);
      issued = renewed.issued;
      io.stderr(renewed.note);
    }
    const expirationTimestamp = new Date(renewalTime(issued)).toISOString();
    io.stdout(
      JSON.stringify({
        apiVersion: settings.execApiVersion,
        kind: "ExecCredential",
        status: { token: issued.token, expirationTimestamp }
      }) + "\n"
    );
    return 0;
  } catch (error) {
    const message = error instanceof Interrupted ? `gave up after ${pluginDeadlineMs / 1e3}s ${error.waitingFor}; ${error.check}` : error instanceof Error ? error.message : String(error);
    io.stderr(`kubeship credential plugin: ${message}
`);
    return 1;
  }
}

export {
  writeCache,
  credentialPluginUser,
  pluginDeadlineMs,
  runCredentialPlugin
};
