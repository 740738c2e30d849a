// The GitHub Actions ID token, where every OIDC provider starts. The runner mints one per request
// of ACTIONS_ID_TOKEN_REQUEST_URL (with the request token as bearer), for the audience asked; each
// lives about five minutes.
import { type IssuedToken, jwtClaims } from "../authenticators/issued-token.ts";
import { CredentialsError } from "../errors.ts";
import { secretForms } from "../secrets.ts";
import { callService, jsonOf } from "./https.ts";
import type { ServiceContext } from "./provider.ts";

/** ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN: how a step asks the runner for a GitHub ID token. */
export interface IdTokenRequest {
  url: string;
  /** the runner's request token: a secret */
  token: string;
}

const idTokenStep = "GitHub ID token request";

/** Which token this is, for messages: its issuer, audience and subject (none of them secret). */
export function describeIdToken(token: string): string {
  const claims = jwtClaims(token);
  return `issuer ${String(claims.iss)}, audience ${JSON.stringify(claims.aud)}, subject ${String(claims.sub)}`;
}

/** A fresh ID token for `audience`, registered for masking before it is returned. */
export async function requestIdToken(
  request: IdTokenRequest,
  audience: string,
  context: ServiceContext,
): Promise<IssuedToken> {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new CredentialsError(`${idTokenStep}: ACTIONS_ID_TOKEN_REQUEST_URL is not a URL`);
  }
  url.searchParams.set("audience", audience);
  const issuedAt = new Date();
  const answer = await callService(
    {
      step: idTokenStep,
      url: url.toString(),
      headers: { authorization: `Bearer ${request.token}`, accept: "application/json; api-version=2.0" },
    },
    context,
  );
  if (answer.status === 401 || answer.status === 403) {
    throw new CredentialsError(
      `${idTokenStep}: the runner refused it (HTTP ${answer.status}): the job's request token is no longer valid (it lasts for the job, a few hours at most) or the job lacks \`permissions: id-token: write\``,
    );
  }
  if (answer.status !== 200)
    throw new CredentialsError(`${idTokenStep}: the runner answered HTTP ${answer.status} for audience ${audience}`);
  const value = jsonOf<{ value?: unknown }>(answer, idTokenStep).value;
  if (typeof value !== "string" || value.split(".").length !== 3)
    throw new CredentialsError(`${idTokenStep}: the runner's answer holds no ID token (no "value")`);
  secretForms(value).forEach(context.mask);
  const exp = jwtClaims(value).exp;
  // GitHub's tokens live five minutes; trust `exp` when it is there
  const expiresAt = new Date(typeof exp === "number" ? exp * 1000 : issuedAt.getTime() + 300_000);
  return { token: value, issuedAt, expiresAt };
}

/** A fresh ID token for `audience`, or why this step cannot have one. */
export async function idTokenFor(
  request: IdTokenRequest | undefined,
  audience: string,
  context: ServiceContext,
): Promise<IssuedToken> {
  if (request === undefined) {
    throw new CredentialsError(
      `${idTokenStep}: ACTIONS_ID_TOKEN_REQUEST_URL is not set in this step: the job needs ` +
        "`permissions: id-token: write` (pull requests from forks get no ID token), and later steps must run " +
        "in the same job, not in a container",
    );
  }
  return requestIdToken(request, audience, context);
}
