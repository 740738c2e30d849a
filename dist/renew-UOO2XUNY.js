import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  closeServiceConnections,
  describeProvider,
  obtainClusterToken
} from "./chunk-45NCTLPX.js";
import {
  writeCache
} from "./chunk-SIKBG2UE.js";
import "./chunk-QT5G3K33.js";
import "./chunk-XITDUTR7.js";

// src/credentials/export/renew.ts
async function renewToken(settings) {
  const { provider, cache } = settings.config;
  try {
    const issued = await obtainClusterToken(provider, {
      idTokenRequest: settings.idTokenRequest,
      proxyEnvironment: settings.proxyEnvironment,
      mask: () => void 0
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
