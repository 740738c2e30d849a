// Every OIDC provider, and the calls the rest of kubeship makes on whichever one `auth` names: the
// action's deploy (sources/oidc.ts) and the credential plugin of later steps (export/plugin.ts),
// which obtain tokens the same way. Adding a provider: its file, a line in `providers`, and its
// inputs in action.yml; the inputs, the `auth` values and the settings type follow from this list.
import type { IssuedToken } from "../authenticators/issued-token.ts";
import { CredentialsError } from "../errors.ts";
import { aws } from "./aws.ts";
import { azure } from "./azure.ts";
import { gcp } from "./gcp.ts";
import { githubOidc } from "./github-oidc.ts";
import { type IdTokenRequest, idTokenFor } from "./id-token.ts";
import type { ClusterAccess, Provider, ServiceContext } from "./provider.ts";
import { tokenExchange } from "./token-exchange.ts";

/** In the order error messages list them. */
export const providers = [githubOidc, tokenExchange, aws, gcp, azure] as const;

/** The settings of the provider `auth` names: plain data, none of it secret. */
export type OidcProvider = ReturnType<(typeof providers)[number]["read"]>;
/** The `auth` values that start from a GitHub ID token. */
export type OidcMethod = OidcProvider["method"];
export const oidcMethods: readonly OidcMethod[] = providers.map((provider) => provider.method);

/**
 * The providers as one type, each taking any provider's settings. Sound as long as a provider is only
 * given settings with its own `method`, which its `read` made (the compiler checks that it returns them).
 */
export const registry: readonly Provider<OidcMethod, OidcProvider>[] = providers;

export interface TokenContext extends ServiceContext {
  idTokenRequest: IdTokenRequest | undefined;
}

function providerOf(settings: OidcProvider): Provider<OidcMethod, OidcProvider> {
  const provider = registry.find((candidate) => candidate.method === settings.method);
  // only a kubeconfig exported by another version of kubeship can name one this version lacks
  if (provider === undefined) {
    throw new CredentialsError(`auth: ${String(settings.method)} is not known to this version of kubeship`);
  }
  return provider;
}

/** The bearer token for the cluster, obtained afresh. */
export async function obtainClusterToken(settings: OidcProvider, context: TokenContext): Promise<IssuedToken> {
  const provider = providerOf(settings);
  const idToken = await idTokenFor(context.idTokenRequest, settings.audience, context);
  return provider.obtainToken(settings, idToken, context);
}

/** The cluster's endpoint and CA from the cloud's API, for the providers that have one. */
export async function lookUpCluster(settings: OidcProvider, context: TokenContext): Promise<ClusterAccess | undefined> {
  const provider = providerOf(settings);
  const idToken = () => idTokenFor(context.idTokenRequest, settings.audience, context);
  return provider.findCluster?.(settings, idToken, context);
}

/** One line for the log. */
export function describeProvider(settings: OidcProvider): string {
  return providerOf(settings).describe(settings);
}

/** Why the cluster may refuse the provider's token (401), with what it carried. */
export function rejectionCauses(settings: OidcProvider, token: string): string {
  return providerOf(settings).rejectionCauses(settings, token);
}
