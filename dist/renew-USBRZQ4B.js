const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  closeServiceConnections,
  describeProvider,
  obtainClusterToken
} from "./chunk-B23VD3PK.js";
import {
  pluginDeadlineMs,
  writeCache
} from "./chunk-NPEOX2HE.js";
import "./chunk-ZA77GC67.js";
import "./chunk-OJTZGOVT.js";
import "./chunk-TAMLSLKN.js";
import "./chunk-LR26H2VH.js";
import "./chunk-RCV5BOJ3.js";

// src/credentials/export/renew.ts
async function renewToken(settings) {
  const { provider, cache } = settings.config;
  try {
    const issued = await obtainClusterToken(provider, {
      idTokenRequest: settings.idTokenRequest,
      proxyEnvironment: settings.proxyEnvironment,
      mask: () => void 0,
      // kubectl gives an exec plugin no deadline: a token service that never answers must not hold the step
      signal: AbortSignal.timeout(pluginDeadlineMs)
    });
    await writeCache(cache, issued);
    const what = describeProvider(provider).replace(/ \(.*\)$/, "");
    return { issued, note: `kubeship: obtained ${what}, valid until ${issued.expiresAt.toISOString()}
` };
  } finally {
    await closeServiceConnections();
  }
}
export {
  renewToken
};
