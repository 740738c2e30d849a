const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  RenewingTokenAuthenticator
} from "./chunk-LZ2HELCA.js";
import {
  KubeApiError,
  KubeClient,
  redactUrl
} from "./chunk-74A2JGPW.js";
import {
  fileIdOf,
  transientKubeconfigPath
} from "./chunk-3SKQK3M3.js";
import {
  bearerToken,
  staticAuthenticator
} from "./chunk-BG6EPD6Q.js";
import {
  CredentialsError,
  pemSecretLines,
  secretForms
} from "./chunk-OJTZGOVT.js";
import {
  proxyFromEnvironment
} from "./chunk-TAMLSLKN.js";

// src/credentials/identity.ts
async function whoAmI(client, connection, signal) {
  let review;
  try {
    const body = JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" });
    review = (await client.request("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", {
      body,
      contentType: "application/json",
      ...signal === void 0 ? {} : { signal }
    })).body;
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) return void 0;
    throw translateAuthError(error, connection);
  }
  const info = review.status?.userInfo;
  if (info?.username === void 0) return void 0;
  return {
    username: info.username,
    ...info.uid === void 0 || info.uid === "" ? {} : { uid: info.uid },
    groups: info.groups ?? []
  };
}
function translateAuthError(error, connection) {
  if (!(error instanceof KubeApiError)) return error;
  if (error.code === 401) {
    const causes = connection.auth.whenRejected?.();
    if (causes !== void 0)
      return new CredentialsError(`${connection.server} rejected the credentials (401 Unauthorized): ${causes}`);
    return new CredentialsError(
      `${connection.server} rejected the credentials (401 Unauthorized): ${connection.auth.description} from ${connection.source} is expired, revoked or not issued for this cluster; renew the credential (for a kubeconfig secret, export a fresh one) and check that it belongs to this cluster`
    );
  }
  if (error.code === 403 && connection.impersonate !== void 0 && /impersonate/i.test(error.message)) {
    const { user, groups, uid } = connection.impersonate;
    const what = [
      `users "${user}"`,
      ...groups.map((g) => `groups "${g}"`),
      ...uid === void 0 ? [] : [`uids "${uid}"`]
    ].join(", ");
    return new CredentialsError(
      `impersonation refused: ${error.message}. The credentials from ${connection.source} need the impersonate verb on ${what} (a ClusterRole with verbs [impersonate] on resources users, groups${uid === void 0 ? "" : " and, in API group authentication.k8s.io, uids"}, bound to them); or drop as/as-groups/as-uid`
    );
  }
  return error;
}

// src/credentials/index.ts
import { existsSync } from "node:fs";

// src/credentials/authenticators/token-request.ts
var tokenLifetimeSeconds = 3600;
async function mintToken(options) {
  const { client, namespace, name } = options;
  const account = `${namespace}/${name}`;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(name)}/token`;
  const issuedAt = (options.now ?? Date.now)();
  let answer;
  try {
    const body = {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      spec: { expirationSeconds: tokenLifetimeSeconds }
    };
    answer = (await client.request("POST", path, {
      body: JSON.stringify(body),
      contentType: "application/json"
    })).body;
  } catch (error) {
    if (error instanceof KubeApiError && error.code === 404) {
      throw new CredentialsError(
        `service-account: the service account ${account} does not exist; create it first, or fix the service-account input`
      );
    }
    if (error instanceof KubeApiError && error.code === 403) {
      throw new CredentialsError(
        `service-account: the credentials from ${options.minter} may not mint tokens for ${account}: they need create on serviceaccounts/token in namespace ${namespace} (${error.message})`
      );
    }
    throw error;
  }
  const token = answer.status?.token;
  if (token === void 0 || token === "")
    throw new CredentialsError(`service-account: the API server returned no token for ${account}`);
  secretForms(token).forEach((s) => options.mask(s));
  const expires = Date.parse(answer.status?.expirationTimestamp ?? "");
  return {
    token,
    issuedAt: new Date(issuedAt),
    expiresAt: new Date(Number.isNaN(expires) ? issuedAt + tokenLifetimeSeconds * 1e3 : expires)
  };
}
function tokenRequestAuthenticator(options) {
  return new RenewingTokenAuthenticator({
    description: `a token minted for service account ${options.namespace}/${options.name} (TokenRequest)`,
    obtain: () => mintToken(options),
    // later steps get the token itself: it lives an hour, and the file is rewritten if it was minted again
    exported: (current) => Promise.resolve({ token: current.token }),
    ...options.now === void 0 ? {} : { now: options.now }
  });
}
function serviceAccountConnection(base, client, account, log, now) {
  const { cert: _cert, key: _key, ...tls } = base.tls;
  const { impersonate: _impersonate, ...rest } = base;
  return {
    ...rest,
    tls,
    auth: tokenRequestAuthenticator({
      client,
      ...account,
      minter: base.source,
      mask: log.mask,
      ...now === void 0 ? {} : { now }
    })
  };
}

// src/credentials/sources/direct.ts
function directConnection(direct, proxyEnvironment) {
  const proxy = proxyFromEnvironment(direct.server, proxyEnvironment);
  const given = [
    "server",
    ...direct.token === void 0 ? [] : ["token"],
    ...direct.clientCertificate === void 0 ? [] : ["client certificate"]
  ];
  return {
    server: direct.server,
    tls: {
      ...direct.certificateAuthority === void 0 ? {} : { ca: direct.certificateAuthority, caSource: "the certificate-authority-data input" },
      ...direct.clientCertificate === void 0 || direct.clientKey === void 0 ? {} : { cert: direct.clientCertificate, key: direct.clientKey },
      insecureSkipVerify: false
    },
    ...proxy === void 0 ? {} : { proxy },
    auth: direct.token === void 0 ? staticAuthenticator({}, {}, "a client certificate") : bearerToken(direct.token),
    source: `the ${given.join(" and ")} inputs`,
    secrets: [
      ...direct.secrets.flatMap(secretForms),
      ...direct.clientKey === void 0 ? [] : pemSecretLines(direct.clientKey)
    ]
  };
}

// src/credentials/index.ts
var kubeconfigSource = () => import("./kubeconfig-YN7FH7FL.js");
var oidcSource = () => import("./oidc-TDANEKGM.js");
var inClusterSource = () => import("./in-cluster-UOJ6K2X4.js");
async function kubeconfigFromFiles(settings, log) {
  const { mergeKubeconfigs, readKubeconfigFile } = await kubeconfigSource();
  if (settings.kubeconfigPaths.length > 0) {
    const present = settings.kubeconfigPaths.filter((path) => existsSync(path));
    if (present.length === 0) {
      log.warning(`none of the files in KUBECONFIG exist (${settings.kubeconfigPaths.join(", ")})`);
      return void 0;
    }
    return mergeKubeconfigs(
      present.map(readKubeconfigFile),
      present.length === 1 ? `KUBECONFIG (${present[0] ?? ""})` : `KUBECONFIG (${present.join(", ")})`
    );
  }
  if (existsSync(settings.defaultKubeconfigPath)) {
    const config = readKubeconfigFile(settings.defaultKubeconfigPath);
    return { ...config, source: settings.defaultKubeconfigPath };
  }
  return void 0;
}
async function kubeconfigInput(text, options) {
  const { connectionFromKubeconfig, parseKubeconfig } = await kubeconfigSource();
  return connectionFromKubeconfig(parseKubeconfig(text, { source: "the kubeconfig input" }), options);
}
async function baseConnection(settings, log, signal, fileId) {
  const options = {
    context: settings.context,
    proxyEnvironment: settings.proxyEnvironment,
    pluginEnvironment: settings.pluginEnvironment,
    log,
    signal
  };
  if (settings.oidc !== void 0) {
    if (settings.idTokenRequest !== void 0) secretForms(settings.idTokenRequest.token).forEach((s) => log.mask(s));
    const { cloudCluster, oidcConnection } = await oidcSource();
    const cluster = settings.direct !== void 0 ? directConnection(settings.direct, settings.proxyEnvironment) : settings.kubeconfig !== void 0 ? await kubeconfigInput(settings.kubeconfig, options) : await cloudCluster(settings, settings.oidc, log, signal);
    if (cluster === void 0)
      throw new CredentialsError(
        `auth: ${settings.oidc.method}: the cluster's address is not known; give server and certificate-authority-data`
      );
    return oidcConnection(settings, settings.oidc, cluster, log, signal, fileId);
  }
  if (settings.direct !== void 0) return directConnection(settings.direct, settings.proxyEnvironment);
  if (settings.kubeconfig !== void 0) return kubeconfigInput(settings.kubeconfig, options);
  if (settings.auth === "in-cluster") {
    const { inClusterConnection } = await inClusterSource();
    return inClusterConnection(settings.inCluster, settings.proxyEnvironment, log);
  }
  const config = await kubeconfigFromFiles(settings, log);
  if (config !== void 0) return (await kubeconfigSource()).connectionFromKubeconfig(config, options);
  if (settings.auth === "auto") {
    const { inClusterAvailable, inClusterConnection } = await inClusterSource();
    if (inClusterAvailable(settings.inCluster))
      return inClusterConnection(settings.inCluster, settings.proxyEnvironment, log);
  }
  throw new CredentialsError(
    "no cluster credentials: set the kubeconfig input (for example `kubeconfig: ${{ secrets.KUBECONFIG }}`), the server and token inputs, or KUBECONFIG for the step" + (settings.auth === "auto" ? "; nor is this runner a pod with a service account (in-cluster)" : "")
  );
}
async function resolveConnection(settings, log, signal, fileId) {
  const connection = await baseConnection(settings, log, signal, fileId);
  const proxyPassword = connection.proxy === void 0 ? "" : new URL(connection.proxy).password;
  const secrets = proxyPassword === "" ? connection.secrets : [...connection.secrets, proxyPassword, decodeURIComponent(proxyPassword)];
  for (const secret of new Set(secrets)) log.mask(secret);
  const server = URL.canParse(connection.server) ? new URL(connection.server) : void 0;
  if (server !== void 0 && (server.username !== "" || server.password !== "")) {
    for (const part of [server.username, server.password]) if (part !== "") log.mask(decodeURIComponent(part));
    throw new CredentialsError(
      `the server URL from ${connection.source} carries a user name or password (${redactUrl(connection.server)}): give the credentials in the kubeconfig's user entry or the token input, and the server as https://host:port`
    );
  }
  if (connection.server.toLowerCase().startsWith("http://")) {
    if (!settings.allowPlainHttp) {
      throw new CredentialsError(
        `the server ${connection.server} (from ${connection.source}) is plain HTTP: the credentials would cross the network in clear. Use its https:// address, or set allow-plain-http: true for a server that only listens on a trusted local network`
      );
    }
    log.warning(
      `${connection.server} is plain HTTP (allow-plain-http: true): the credentials cross the network in clear`
    );
  }
  if (connection.tls.insecureSkipVerify) {
    log.warning(
      `TLS verification of ${connection.server} is off (insecure-skip-tls-verify in ${connection.source}): anyone on the path can read the credentials; set certificate-authority-data instead`
    );
  }
  return connection;
}
function applyImpersonation(connection, settings) {
  if (settings.impersonate === void 0) return connection;
  const { user, groups, uid } = settings.impersonate;
  return { ...connection, impersonate: { user, groups, ...uid === void 0 ? {} : { uid } } };
}
function deployingConnection(settings, connection, client, log) {
  const account = settings.serviceAccount;
  return applyImpersonation(
    account === void 0 ? connection : serviceAccountConnection(connection, client, account, log),
    settings
  );
}

// src/pipeline/connect.ts
function describeIdentity(identity) {
  if (identity === void 0) return "an identity the server did not name";
  const groups = identity.groups.filter((g) => g !== "system:authenticated");
  return `${identity.username}${groups.length === 0 ? "" : ` (groups ${groups.join(", ")})`}`;
}
var connectOverHttps = async (settings, log, options = {}) => {
  const { signal } = options;
  const kubeconfigPath = options.kubeconfigPath ?? transientKubeconfigPath(settings.runnerTemp);
  const base = await resolveConnection(settings, log, signal, fileIdOf(kubeconfigPath));
  const clientOptions = signal === void 0 ? {} : { signal };
  const baseClient = new KubeClient(base, clientOptions);
  const connection = deployingConnection(settings, base, baseClient, log);
  const client = new KubeClient(connection, clientOptions);
  let exported;
  let identifying;
  const identify = () => identifying ??= whoAmI(client, connection, signal);
  return {
    client,
    server: base.server,
    context: base.context,
    namespace: base.namespace,
    get requestCount() {
      return client.requestCount;
    },
    get requests() {
      return client.trace.records;
    },
    identify,
    async introduce(defaultNamespace) {
      const identity = await identify();
      const impersonating = connection.impersonate === void 0 ? "" : `, impersonating ${connection.impersonate.user}`;
      const proxy = connection.proxy === void 0 ? "" : `, through the proxy ${redactUrl(connection.proxy)}`;
      const auth = `${connection.auth.description}${impersonating}${proxy}`;
      const credentials = `credentials from ${connection.source}: ${auth}`;
      log.info(`Cluster ${connection.server} (context ${base.context ?? "none"}, ${credentials})`);
      log.info(`Deploying as ${describeIdentity(identity)}`);
      if (!settings.exportKubeconfig) return { identity };
      const { writeTransientKubeconfig } = await import("./kubeconfig-L2Y44LME.js");
      exported = await writeTransientKubeconfig(kubeconfigPath, connection, defaultNamespace);
      const until = exported.renewsItself ? "with a fresh credential from its plugin whenever a later step needs one" : exported.expiresAt === void 0 ? "as long as its credential is valid" : `until ${exported.expiresAt.toISOString()}`;
      const actsAs = `${identity?.username ?? "the same identity"}${impersonating}`;
      log.info(`Wrote the kubeconfig for later steps to ${exported.path} (mode 0600): it acts as ${actsAs}, ${until}`);
      return { identity, kubeconfigPath: exported.path };
    },
    async close() {
      const renewed = await exported?.refresh().catch(
        (error) => log.warning(`the kubeconfig for later steps could not be renewed: ${String(error)}`)
      );
      if (renewed?.expiresAt !== void 0) {
        log.info(
          `Renewed the credential in the kubeconfig for later steps: valid until ${renewed.expiresAt.toISOString()}`
        );
      }
      await Promise.all([client.close(), baseClient.close()]);
    }
  };
};

export {
  describeIdentity,
  connectOverHttps
};
