// kubeship's exec credential plugin for later steps (dist/credential.js, run by kubectl through the
// exported kubeconfig): prints one ExecCredential on stdout and nothing else. The token is cached,
// 0600 under RUNNER_TEMP, until 80% of its lifetime; then a new one is obtained exactly as the
// deploy did. Nothing secret is ever written to stderr, which kubectl passes through to the log.
import { fileURLToPath } from "node:url";
import { Interrupted } from "../../deadline.ts";
import type { KubeconfigUser } from "../../kube/connection.ts";
import { type ProxyEnvironment, readProxyEnvironment } from "../../kube/proxy.ts";
import { renewalTime } from "../authenticators/issued-token.ts";
import type { IdTokenRequest } from "../providers/id-token.ts";
import type { OidcProvider } from "../providers/registry.ts";
import { readCache } from "./cache.ts";

/** What the exported kubeconfig's exec stanza hands the plugin. */
export interface CredentialPluginConfig {
  provider: OidcProvider;
  /** the token cache, 0600 under RUNNER_TEMP */
  cache: string;
}

/** The environment variable of the exec stanza that carries the CredentialPluginConfig as JSON. */
export const credentialPluginVariable = "KUBESHIP_CREDENTIAL";

export interface CredentialPluginSettings {
  config: CredentialPluginConfig;
  idTokenRequest: IdTokenRequest | undefined;
  proxyEnvironment: ProxyEnvironment;
  /** the apiVersion kubectl asked for (KUBERNETES_EXEC_INFO) */
  execApiVersion: string;
}

/** The plugin's settings, from the environment kubectl runs it in (the plugin has no action inputs). */
export function readCredentialPluginSettings(env: Record<string, string | undefined>): CredentialPluginSettings {
  const text = env[credentialPluginVariable];
  if (text === undefined || text === "") {
    throw new Error(
      `${credentialPluginVariable} is not set: this program is run by kubectl through the kubeconfig kubeship exported`,
    );
  }
  const config = JSON.parse(text) as CredentialPluginConfig;
  let execApiVersion = "client.authentication.k8s.io/v1";
  try {
    const info = JSON.parse(env.KUBERNETES_EXEC_INFO ?? "{}") as { apiVersion?: unknown };
    if (typeof info.apiVersion === "string") execApiVersion = info.apiVersion;
  } catch {
    // kubectl always sends it; without it, answer in v1
  }
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL?.trim() ?? "";
  const token = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN?.trim() ?? "";
  return {
    config,
    idTokenRequest: url === "" || token === "" ? undefined : { url, token },
    proxyEnvironment: readProxyEnvironment(env),
    execApiVersion,
  };
}

/** The bundled plugin: next to the bundle that runs this code (dist/index.js → dist/credential.js). */
const credentialPluginScript = fileURLToPath(new URL("./credential.js", import.meta.url));

/** The user stanza of the exported kubeconfig: the Node that runs the action runs the plugin; settings in env, no secrets. */
export function credentialPluginUser(config: CredentialPluginConfig): KubeconfigUser {
  return {
    exec: {
      apiVersion: "client.authentication.k8s.io/v1",
      command: process.execPath,
      args: [credentialPluginScript],
      env: [{ name: credentialPluginVariable, value: JSON.stringify(config) }],
      interactiveMode: "Never",
      provideClusterInfo: false,
    },
  };
}

/** How long the plugin may take to obtain a token, all its calls and retries together. */
export const pluginDeadlineMs = 60_000;

export interface PluginIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now?: () => number;
}

/** Runs the plugin once; the exit status. */
export async function runCredentialPlugin(env: Record<string, string | undefined>, io: PluginIo): Promise<number> {
  const now = io.now ?? Date.now;
  try {
    const settings = readCredentialPluginSettings(env);
    let issued = readCache(settings.config.cache);
    if (issued === undefined || now() >= renewalTime(issued)) {
      const { renewToken } = await import("./renew.ts");
      const renewed = await renewToken(settings);
      issued = renewed.issued;
      io.stderr(renewed.note);
    }
    // kubectl keeps it until this moment, then runs the plugin again
    const expirationTimestamp = new Date(renewalTime(issued)).toISOString();
    io.stdout(
      JSON.stringify({
        apiVersion: settings.execApiVersion,
        kind: "ExecCredential",
        status: { token: issued.token, expirationTimestamp },
      }) + "\n",
    );
    return 0;
  } catch (error) {
    const message =
      error instanceof Interrupted
        ? `gave up after ${pluginDeadlineMs / 1000}s ${error.waitingFor}; ${error.check}`
        : error instanceof Error
          ? error.message
          : String(error);
    io.stderr(`kubeship credential plugin: ${message}\n`);
    return 1;
  }
}
