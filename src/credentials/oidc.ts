// The OIDC methods (github-oidc, token-exchange, aws, gcp, azure): a GitHub ID token, turned by the
// provider into the bearer token the cluster accepts, renewed before it expires; the cluster's
// address and CA from the inputs, a kubeconfig or the cloud's API. Shared by the action and by the
// credential plugin of later steps (plugin.ts), which obtain tokens the same way.
import type { IdTokenRequest, OidcProvider, ProxyEnvironment } from "../inputs.ts";
import { CredentialsError } from "./errors.ts";
import { describeIdToken, idTokenStep, requestIdToken } from "./github-oidc.ts";
import { assumeRole, describeCluster, eksToken } from "./aws.ts";
import { aksCluster, aksServerScope, entraToken } from "./azure.ts";
import type { ClusterAccess } from "./cluster-access.ts";
import { gkeCluster, googleAccessToken } from "./gcp.ts";
import type { IssuedToken } from "./issued-token.ts";
import { exchangeToken } from "./token-exchange.ts";

export interface TokenContext {
  idTokenRequest: IdTokenRequest | undefined;
  proxyEnvironment: ProxyEnvironment;
  mask: (secret: string) => void;
}

/** A fresh GitHub ID token for the provider's audience. */
export async function idTokenFor(provider: OidcProvider, context: TokenContext): Promise<IssuedToken> {
  if (context.idTokenRequest === undefined) {
    throw new CredentialsError(
      `${idTokenStep}: ACTIONS_ID_TOKEN_REQUEST_URL is not set in this step: the job needs \`permissions: id-token: write\` (pull requests from forks get no ID token), and later steps must run in the same job, not in a container`,
    );
  }
  return requestIdToken(context.idTokenRequest, provider.audience, context.proxyEnvironment, context.mask);
}

/** The bearer token for the cluster, obtained afresh. */
export async function obtainClusterToken(provider: OidcProvider, context: TokenContext): Promise<IssuedToken> {
  const idToken = await idTokenFor(provider, context);
  switch (provider.method) {
    case "github-oidc":
      return idToken;
    case "token-exchange":
      return exchangeToken(provider, idToken.token, context.proxyEnvironment, context.mask);
    case "aws":
      return eksToken(provider, await assumeRole(provider, idToken.token, context.proxyEnvironment, context.mask), context.mask);
    case "gcp":
      return googleAccessToken(provider, idToken.token, context.proxyEnvironment, context.mask);
    case "azure":
      return entraToken(provider, idToken.token, aksServerScope, context.proxyEnvironment, context.mask);
  }
}

/** The cluster's endpoint and CA from the cloud's API, for the providers that have one. */
export async function lookUpCluster(provider: OidcProvider, context: TokenContext): Promise<ClusterAccess | undefined> {
  switch (provider.method) {
    case "aws": {
      const idToken = await idTokenFor(provider, context);
      return describeCluster(provider, await assumeRole(provider, idToken.token, context.proxyEnvironment, context.mask), context.proxyEnvironment);
    }
    case "gcp": {
      if (provider.cluster === undefined) return undefined;
      const idToken = await idTokenFor(provider, context);
      const access = await googleAccessToken(provider, idToken.token, context.proxyEnvironment, context.mask);
      return gkeCluster(provider, access.token, context.proxyEnvironment);
    }
    case "azure": {
      if (provider.cluster === undefined) return undefined;
      const idToken = await idTokenFor(provider, context);
      return aksCluster(provider, idToken.token, context.proxyEnvironment, context.mask);
    }
    default:
      return undefined;
  }
}

/** One line for the log. */
export function describeProvider(provider: OidcProvider): string {
  switch (provider.method) {
    case "github-oidc":
      return `the GitHub ID token for audience ${provider.audience} (renewed before it expires)`;
    case "token-exchange":
      return `a token from ${provider.url} for the GitHub ID token (RFC 8693, renewed before it expires)`;
    case "aws":
      return `an EKS token for ${provider.roleArn} (AssumeRoleWithWebIdentity, renewed before it expires)`;
    case "gcp":
      return `a Google access token${provider.serviceAccount === undefined ? "" : ` for ${provider.serviceAccount}`} from ${provider.workloadIdentityProvider} (renewed before it expires)`;
    case "azure":
      return `a Microsoft Entra token for client ${provider.clientId} (renewed before it expires)`;
  }
}

/** Why the cluster may refuse the provider's token (401), with what it carried. */
export function rejectionCauses(provider: OidcProvider, token: string): string {
  switch (provider.method) {
    case "github-oidc":
      return (
        `the cluster refused the GitHub ID token (${describeIdToken(token)}). Usual causes: the cluster's JWT authenticator ` +
        `(structured authentication configuration) does not trust that issuer, does not list the audience "${provider.audience}" (the audience input), ` +
        `or its claim rules refuse that subject (with an environment the subject is repo:ORG/REPO:environment:NAME)`
      );
    case "token-exchange":
      return `the cluster refused the token issued by ${provider.url}. Usual causes: the cluster does not trust that service's tokens (its JWT authenticator or token webhook), or they are for another audience (token-exchange-scope, audience)`;
    case "aws":
      return `the cluster refused the EKS token for ${provider.roleArn}. Usual causes: the role has no access entry (or aws-auth mapping) on cluster ${provider.clusterName}, or the token was signed for another cluster name (cluster-name)`;
    case "gcp":
      return `the cluster refused the Google access token. Usual causes: the identity (${provider.serviceAccount ?? "the workload identity pool principal"}) has no IAM role on the cluster's project (roles/container.developer) nor RBAC binding`;
    case "azure":
      return `the cluster refused the Microsoft Entra token for client ${provider.clientId}. Usual causes: the cluster is not Entra-integrated, or the principal has no Azure RBAC role on it nor Kubernetes RBAC binding`;
  }
}
