// RS256 JSON Web Tokens with Node's crypto: what the local issuer signs and the local services
// verify. Only built-ins: this folder is copied next to the running cluster (see cluster.ts).
import { createSign, createVerify, type KeyObject } from "node:crypto";

export type Claims = Record<string, unknown>;

export function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString("base64url");
}

export function signJwt(claims: Claims, key: KeyObject, kid: string): string {
  const head = base64url(JSON.stringify({ typ: "JWT", alg: "RS256", kid }));
  const body = base64url(JSON.stringify(claims));
  const signature = createSign("RSA-SHA256").update(`${head}.${body}`).sign(key);
  return `${head}.${body}.${base64url(signature)}`;
}

/** The claims of a JWT, unverified. */
export function decodeJwt(token: string): Claims | undefined {
  const body = token.split(".")[1];
  if (body === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null ? (claims as Claims) : undefined;
  } catch {
    return undefined;
  }
}

/** The claims when the signature is valid and the token unexpired; else why not. */
export function verifyJwt(token: string, key: KeyObject, now = Date.now()): { claims: Claims } | { problem: string } {
  const [head, body, signature] = token.split(".");
  if (head === undefined || body === undefined || signature === undefined) return { problem: "not a JWT" };
  const valid = createVerify("RSA-SHA256").update(`${head}.${body}`).verify(key, Buffer.from(signature, "base64url"));
  if (!valid) return { problem: "bad signature" };
  const claims = decodeJwt(token);
  if (claims === undefined) return { problem: "unreadable claims" };
  if (typeof claims.exp !== "number" || claims.exp * 1000 <= now) return { problem: "expired" };
  return { claims };
}
