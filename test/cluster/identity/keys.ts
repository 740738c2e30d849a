// The local identity services' secrets, kept under the cluster folder so that the daemon, the tests
// and `cluster env` share them: the issuer's RSA signing key, the key that signs the opaque tokens
// the stand-ins for cloud services issue, and the runner-like ID-token endpoint's request token.
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
} from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface IdentityKeys {
  issuerKey: KeyObject;
  issuerPublicKey: KeyObject;
  /** key id: the JWKS entry the tokens name */
  kid: string;
  /** HMAC key of the opaque tokens (fake-tokens.ts) */
  tokenKey: Buffer;
  /** the bearer token the local ID-token endpoint wants, as ACTIONS_ID_TOKEN_REQUEST_TOKEN */
  requestToken: string;
}

/** Creates what is missing (mode 0600); existing keys are kept so that tokens stay valid across restarts. */
export function ensureIdentityKeys(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const issuer = join(dir, "issuer.key");
  if (!existsSync(issuer)) {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    writeFileSync(issuer, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o600 });
  }
  for (const name of ["token.key", "request-token"]) {
    if (!existsSync(join(dir, name))) writeFileSync(join(dir, name), randomBytes(32).toString("hex"), { mode: 0o600 });
  }
}

export function readIdentityKeys(dir: string): IdentityKeys {
  const issuerKey = createPrivateKey(readFileSync(join(dir, "issuer.key"), "utf8"));
  const issuerPublicKey = createPublicKey(issuerKey);
  const der = issuerPublicKey.export({ type: "spki", format: "der" });
  return {
    issuerKey,
    issuerPublicKey,
    kid: createHash("sha256").update(der).digest("base64url").slice(0, 16),
    tokenKey: Buffer.from(readFileSync(join(dir, "token.key"), "utf8"), "hex"),
    requestToken: readFileSync(join(dir, "request-token"), "utf8"),
  };
}
