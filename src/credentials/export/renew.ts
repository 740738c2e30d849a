// The credential plugin's path without a fresh cached token: a new token, obtained exactly as the
// deploy did, and cached for the next kubectl call. Loaded only on this path: the token services'
// HTTPS and the providers stay out of the plugin's cached runs.
import type { IssuedToken } from "../authenticators/issued-token.ts";
import { closeServiceConnections } from "../providers/https.ts";
import { describeProvider, obtainClusterToken } from "../providers/registry.ts";
import { writeCache } from "./cache.ts";
import { type CredentialPluginSettings, pluginDeadlineMs } from "./plugin.ts";

/** A new token, cached; and the line for stderr (nothing secret). */
export async function renewToken(settings: CredentialPluginSettings): Promise<{ issued: IssuedToken; note: string }> {
  const { provider, cache } = settings.config;
  try {
    const issued = await obtainClusterToken(provider, {
      idTokenRequest: settings.idTokenRequest,
      proxyEnvironment: settings.proxyEnvironment,
      mask: () => undefined,
      // kubectl gives an exec plugin no deadline: a token service that never answers must not hold the step
      signal: AbortSignal.timeout(pluginDeadlineMs),
    });
    await writeCache(cache, issued);
    const what = describeProvider(provider).replace(/ \(.*\)$/, "");
    return { issued, note: `kubeship: obtained ${what}, valid until ${issued.expiresAt.toISOString()}\n` };
  } finally {
    await closeServiceConnections();
  }
}
