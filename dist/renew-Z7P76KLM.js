import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  closeServiceConnections,
  describeProvider,
  obtainClusterToken
} from "./chunk-EXKVFD2I.js";
import {
  pluginDeadlineMs,
  writeCache
} from "./chunk-F55DMBZT.js";
import "./chunk-OC5NLUBW.js";
import "./chunk-LKTTTNDB.js";
import "./chunk-LMXG5LAR.js";
import "./chunk-P5KS3NRE.js";
import "./chunk-XITDUTR7.js";

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
