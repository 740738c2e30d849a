// A bearer token a token service issued, with when it stops working, and the one rule of when to
// replace it: at 80% of its lifetime (the kubelet's rule for projected tokens), so that a request
// never goes out with a token about to expire.

export interface IssuedToken {
  token: string;
  issuedAt: Date;
  expiresAt: Date;
}

export function renewalTime(token: Pick<IssuedToken, "issuedAt" | "expiresAt">): number {
  const issued = token.issuedAt.getTime();
  return issued + 0.8 * (token.expiresAt.getTime() - issued);
}

/** The claims of a JWT, unverified (kubeship only reads its own tokens' exp, aud, sub for messages). */
export function jwtClaims(token: string): Record<string, unknown> {
  try {
    const claims: unknown = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? (claims as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** `expires_in` seconds from now, as OAuth token endpoints say it. */
export function expiringIn(token: string, seconds: unknown, issuedAt = new Date()): IssuedToken {
  const lifetime = typeof seconds === "number" ? seconds : Number(seconds);
  // no lifetime given: assume GitHub's five minutes, the shortest in this chain
  const ms = Number.isFinite(lifetime) && lifetime > 0 ? lifetime * 1000 : 300_000;
  return { token, issuedAt, expiresAt: new Date(issuedAt.getTime() + ms) };
}
