import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  readCache,
  readProxyEnvironment,
  renewalTime
} from "./chunk-SIKBG2UE.js";

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
async function runCredentialPlugin(env, io) {
  const now = io.now ?? Date.now;
  try {
    const settings = readCredentialPluginSettings(env);
    let issued = readCache(settings.config.cache);
    if (issued === void 0 || now() >= renewalTime(issued)) {
      const { renewToken } = await import("./renew-UOO2XUNY.js");
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
    io.stderr(`kubeship credential plugin: ${error instanceof Error ? error.message : String(error)}
`);
    return 1;
  }
}

export {
  credentialPluginVariable,
  credentialPluginUser,
  runCredentialPlugin
};
