// The opaque bearer tokens that the local stand-ins for token services (RFC 8693, Google STS and IAM
// Credentials, Entra) issue, and that the cluster's token-review webhook accepts: a username,
// groups and an expiry, signed with an HMAC key under the cluster folder. Real services issue their
// own formats; what matters to kubeship is only that they are bearer tokens that expire.
import { createHmac, timingSafeEqual } from "node:crypto";

export interface FakeTokenClaims {
  username: string;
  groups: string[];
  /** seconds since the epoch */
  exp: number;
  /** which service issued it, for the webhook's log */
  issuer: string;
}

export function issueFakeToken(claims: FakeTokenClaims, key: Buffer, prefix = "kubeship-fake."): string {
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const mac = createHmac("sha256", key).update(body).digest("base64url");
  return `${prefix}${body}.${mac}`;
}

export function verifyFakeToken(
  token: string,
  key: Buffer,
  now = Date.now(),
): { claims: FakeTokenClaims } | { problem: string } {
  const parts = token.split(".");
  const mac = parts.pop() ?? "";
  const body = parts.pop() ?? "";
  if (body === "" || mac === "") return { problem: "not a token of the local services" };
  const expected = createHmac("sha256", key).update(body).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { problem: "bad signature" };
  const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as FakeTokenClaims;
  if (claims.exp * 1000 <= now) return { problem: "expired" };
  return { claims };
}
