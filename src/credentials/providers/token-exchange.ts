// `auth: token-exchange`: RFC 8693. The GitHub ID token is the subject token; the token service
// (Dex, Keycloak, an in-house STS) issues the bearer token the cluster accepts.
import { expiringIn, type IssuedToken } from "../authenticators/issued-token.ts";
import { CredentialsError } from "../errors.ts";
import { secretForms } from "../secrets.ts";
import { callService, jsonOf } from "./https.ts";
import { describeIdToken } from "./id-token.ts";
import { defineProvider, type ServiceContext } from "./provider.ts";

export interface TokenExchangeSettings {
  method: "token-exchange";
  audience: string;
  url: string;
  scope: string | undefined;
  clientId: string | undefined;
}

const exchangeStep = "token exchange";

/** What an OAuth error code usually means here. */
const causes: Record<string, string> = {
  invalid_grant:
    "the service does not accept the GitHub ID token: its issuer, audience (the audience input) or subject is not trusted there, or it expired",
  invalid_request:
    "a parameter is missing or not supported by this service (some want subject_token_type id_token, or a client_id)",
  invalid_client: "the service does not know the client (token-exchange-client-id) or wants it to authenticate",
  unauthorized_client: "the client (token-exchange-client-id) may not use token exchange",
  unsupported_grant_type: "the endpoint does not do RFC 8693 token exchange; check token-exchange-url",
  invalid_scope: "the service does not grant token-exchange-scope",
  invalid_target: "the service may not issue tokens for the requested audience or resource",
  access_denied: "the service refused the GitHub ID token (Dex: subject token check failed)",
};

async function exchangeToken(
  provider: TokenExchangeSettings,
  idToken: string,
  context: ServiceContext,
): Promise<IssuedToken> {
  const form = new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: idToken,
    // an ID token: what Dex requires (it refuses the generic jwt type)
    subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
    requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
  });
  if (provider.scope !== undefined) form.set("scope", provider.scope);
  if (provider.clientId !== undefined) form.set("client_id", provider.clientId);
  const issuedAt = new Date();
  const answer = await callService(
    {
      step: exchangeStep,
      url: provider.url,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString(),
    },
    context,
  );
  const body = jsonOf<{ access_token?: unknown; expires_in?: unknown; error?: unknown; error_description?: unknown }>(
    answer,
    `${exchangeStep} at ${provider.url}`,
  );
  if (typeof body.access_token === "string") secretForms(body.access_token).forEach(context.mask);
  if (answer.status !== 200 || typeof body.access_token !== "string" || body.access_token === "") {
    const code = typeof body.error === "string" ? body.error : `HTTP ${answer.status}`;
    const description = typeof body.error_description === "string" ? `: ${body.error_description}` : "";
    const cause = causes[code] ?? "see the service's documentation for this error";
    throw new CredentialsError(
      `${exchangeStep} at ${provider.url} failed (${code}${description}); ${cause}. The GitHub ID token had ${describeIdToken(idToken)}`,
    );
  }
  return expiringIn(body.access_token, body.expires_in, issuedAt);
}

export const tokenExchange = defineProvider({
  method: "token-exchange",
  inputs: ["audience", "token-exchange-url", "token-exchange-scope", "token-exchange-client-id"],
  read(inputs): TokenExchangeSettings {
    inputs.requireCluster();
    const url = inputs.required("token-exchange-url", "the token endpoint of the RFC 8693 service");
    if (url !== "" && !/^https:\/\/\S+$/.test(url)) {
      inputs.problem(`token-exchange-url: "${url}" is not an https:// URL`);
    }
    return {
      method: "token-exchange",
      audience: inputs.required("audience", "the audience the token service accepts for GitHub ID tokens"),
      url,
      scope: inputs.input("token-exchange-scope"),
      clientId: inputs.input("token-exchange-client-id"),
    };
  },
  obtainToken: (settings, idToken, context) => exchangeToken(settings, idToken.token, context),
  describe: (settings) => `a token from ${settings.url} for the GitHub ID token (RFC 8693, renewed before it expires)`,
  rejectionCauses: (settings) =>
    `the cluster refused the token issued by ${settings.url}. Usual causes: the cluster does not trust that ` +
    "service's tokens (its JWT authenticator or token webhook), or they are for another audience " +
    "(token-exchange-scope, audience)",
});
