const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  RenewingTokenAuthenticator
} from "./chunk-LZ2HELCA.js";
import {
  cacheFile,
  newFileId
} from "./chunk-3SKQK3M3.js";
import {
  noAuthentication
} from "./chunk-BG6EPD6Q.js";
import {
  describeProvider,
  lookUpCluster,
  obtainClusterToken,
  rejectionCauses
} from "./chunk-B23VD3PK.js";
import {
  credentialPluginUser,
  writeCache
} from "./chunk-NPEOX2HE.js";
import "./chunk-ZA77GC67.js";
import "./chunk-OJTZGOVT.js";
import {
  proxyFromEnvironment
} from "./chunk-TAMLSLKN.js";
import "./chunk-LR26H2VH.js";
import "./chunk-RCV5BOJ3.js";

// src/credentials/sources/oidc.ts
function exportedUser(settings, provider, cache, log) {
  let warned = false;
  return async (current) => {
    if (settings.containerJob) {
      if (!warned) {
        log.warning(
          `the kubeconfig for later steps holds a token that expires at ${current.expiresAt.toISOString()}: in a container job later steps cannot run kubeship's credential plugin to renew it; deploy in one step, or run the job outside a container`
        );
        warned = true;
      }
      return { token: current.token };
    }
    await writeCache(cache, current);
    return credentialPluginUser({ provider, cache });
  };
}
async function cloudCluster(settings, provider, log, signal) {
  const access = await lookUpCluster(provider, {
    idTokenRequest: settings.idTokenRequest,
    proxyEnvironment: settings.proxyEnvironment,
    mask: log.mask,
    ...signal === void 0 ? {} : { signal }
  });
  if (access === void 0) return void 0;
  const proxy = proxyFromEnvironment(access.server, settings.proxyEnvironment);
  return {
    server: access.server,
    tls: {
      ...access.ca === void 0 ? {} : { ca: access.ca, caSource: `the CA from ${access.source}` },
      insecureSkipVerify: false
    },
    ...proxy === void 0 ? {} : { proxy },
    auth: noAuthentication,
    source: access.source,
    secrets: []
  };
}
function oidcConnection(settings, provider, cluster, log, signal, fileId) {
  const context = {
    idTokenRequest: settings.idTokenRequest,
    proxyEnvironment: settings.proxyEnvironment,
    mask: log.mask,
    ...signal === void 0 ? {} : { signal }
  };
  const cache = cacheFile(settings.runnerTemp, fileId ?? newFileId());
  const exported = exportedUser(settings, provider, cache, log);
  const { cert: _cert, key: _key, ...tls } = cluster.tls;
  const { impersonate: _impersonate, ...rest } = cluster;
  return {
    ...rest,
    tls,
    auth: new RenewingTokenAuthenticator({
      description: describeProvider(provider),
      obtain: () => obtainClusterToken(provider, context),
      exported,
      rejected: (token) => rejectionCauses(provider, token),
      info: (message) => log.info(message)
    }),
    source: `auth: ${provider.method} (cluster from ${cluster.source})`,
    secrets: cluster.secrets
  };
}
export {
  cloudCluster,
  exportedUser,
  oidcConnection
};
