// The credential plugin's token cache: one JSON object `{token, issuedAt, expiresAt}` (ISO dates),
// 0600 under RUNNER_TEMP. The deploy writes it first; the plugin reads it and replaces it.
import type { IssuedToken } from "../authenticators/issued-token.ts";

// Node's modules are taken as needed, not imported: an ESM import evaluates every export of a module
// (node:fs's promises, node:crypto's webcrypto), which the plugin's run with a cached token, repeated
// by every kubectl call, never uses.
const fs = () => process.getBuiltinModule("node:fs");

interface CachedToken {
  token: string;
  issuedAt: string;
  expiresAt: string;
}

/** The cached token, or undefined when there is none (or it is unreadable: then a new one is obtained). */
export function readCache(path: string): IssuedToken | undefined {
  try {
    const cached = JSON.parse(fs().readFileSync(path, "utf8")) as CachedToken;
    return { token: cached.token, issuedAt: new Date(cached.issuedAt), expiresAt: new Date(cached.expiresAt) };
  } catch {
    return undefined;
  }
}

/** Replaces the cache at once: a new file created 0600 (never readable by others), then renamed over it. */
export async function writeCache(path: string, issued: IssuedToken): Promise<void> {
  const { open, rename, rm } = fs().promises;
  const temporary = `${path}.${process.getBuiltinModule("node:crypto").randomBytes(4).toString("hex")}`;
  const file = await open(temporary, "wx", 0o600);
  try {
    const cached: CachedToken = {
      token: issued.token,
      issuedAt: issued.issuedAt.toISOString(),
      expiresAt: issued.expiresAt.toISOString(),
    };
    await file.writeFile(JSON.stringify(cached), "utf8");
  } finally {
    await file.close();
  }
  await rename(temporary, path).catch(async (error: unknown) => {
    await rm(temporary, { force: true });
    throw error;
  });
}
