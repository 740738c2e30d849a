// `auth: gcp` (GKE): the GitHub ID token → Google STS token exchange (workload identity federation)
// → optionally an access token of a service account (IAM Credentials generateAccessToken) → the
// bearer token for the cluster. Endpoint and CA from the GKE API (clusters.get) unless server is given.
import { expiringIn, type IssuedToken } from "../authenticators/issued-token.ts";
import { CredentialsError } from "../errors.ts";
import { secretForms } from "../secrets.ts";
import { callService, jsonOf, type ServiceReach } from "./https.ts";
import { describeIdToken } from "./id-token.ts";
import { type ClusterAccess, defineProvider, type ServiceContext } from "./provider.ts";
import { describeError, serviceError } from "./service-errors.ts";

export interface GcpSettings {
  method: "gcp";
  audience: string;
  workloadIdentityProvider: string;
  /** the provider's full resource name, as Google STS wants it: //iam.googleapis.com/projects/… */
  providerResource: string;
  serviceAccount: string | undefined;
  cluster: { project: string; location: string; name: string; endpoint: "ip" | "dns" } | undefined;
  endpoints: { sts: string; iamCredentials: string; container: string };
}

const stsStep = "Google STS token exchange";
const impersonationStep = "Google IAM Credentials generateAccessToken";
const lookupStep = "GKE clusters.get (cluster lookup)";
const cloudPlatform = "https://www.googleapis.com/auth/cloud-platform";

async function federatedToken(provider: GcpSettings, idToken: string, context: ServiceContext): Promise<IssuedToken> {
  const form = new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    audience: provider.providerResource,
    scope: cloudPlatform,
    requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
    subject_token: idToken,
    subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
  });
  const issuedAt = new Date();
  // no Authorization header: Google's STS documentation warns that one can make the call fail
  const answer = await callService(
    {
      step: stsStep,
      url: `${provider.endpoints.sts}/v1/token`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    },
    context,
  );
  const body = answer.status === 200 ? jsonOf<{ access_token?: unknown; expires_in?: unknown }>(answer, stsStep) : {};
  if (typeof body.access_token !== "string" || body.access_token === "") {
    const error = serviceError(answer);
    throw new CredentialsError(
      `${stsStep} with ${provider.workloadIdentityProvider} failed (${describeError(error)}); usual causes: the provider's issuer or allowed audiences do not match the GitHub ID token (${describeIdToken(idToken)}; the audience input), or its attribute condition refuses this repository, or gcp-workload-identity-provider names another pool or provider (it needs the project number)`,
    );
  }
  secretForms(body.access_token).forEach(context.mask);
  return expiringIn(body.access_token, body.expires_in, issuedAt);
}

async function serviceAccountToken(
  provider: GcpSettings,
  serviceAccount: string,
  federated: IssuedToken,
  context: ServiceContext,
): Promise<IssuedToken> {
  const url = `${provider.endpoints.iamCredentials}/v1/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:generateAccessToken`;
  const issuedAt = new Date();
  const answer = await callService(
    {
      step: impersonationStep,
      url,
      method: "POST",
      headers: { authorization: `Bearer ${federated.token}`, "content-type": "application/json" },
      body: JSON.stringify({ scope: [cloudPlatform], lifetime: "3600s" }),
    },
    context,
  );
  const body =
    answer.status === 200 ? jsonOf<{ accessToken?: unknown; expireTime?: unknown }>(answer, impersonationStep) : {};
  if (typeof body.accessToken !== "string" || body.accessToken === "") {
    const error = serviceError(answer);
    const cause =
      error.code === "PERMISSION_DENIED"
        ? `the workload identity pool's principal needs roles/iam.workloadIdentityUser (iam.serviceAccounts.getAccessToken) on ${serviceAccount}`
        : error.code === "NOT_FOUND"
          ? `there is no service account ${serviceAccount}; check gcp-service-account`
          : "see the IAM Credentials documentation for this error";
    throw new CredentialsError(`${impersonationStep} for ${serviceAccount} failed (${describeError(error)}); ${cause}`);
  }
  secretForms(body.accessToken).forEach(context.mask);
  const expires = typeof body.expireTime === "string" ? Date.parse(body.expireTime) : Number.NaN;
  return {
    token: body.accessToken,
    issuedAt,
    expiresAt: new Date(Number.isNaN(expires) ? issuedAt.getTime() + 3600_000 : expires),
  };
}

/** The access token that acts on the cluster: the service account's, or the federated identity's own. */
async function googleAccessToken(
  provider: GcpSettings,
  idToken: string,
  context: ServiceContext,
): Promise<IssuedToken> {
  const federated = await federatedToken(provider, idToken, context);
  if (provider.serviceAccount === undefined) return federated;
  return serviceAccountToken(provider, provider.serviceAccount, federated, context);
}

interface GkeCluster {
  endpoint?: string;
  status?: string;
  masterAuth?: { clusterCaCertificate?: string };
  controlPlaneEndpointsConfig?: { dnsEndpointConfig?: { endpoint?: string } };
}

export async function gkeCluster(
  provider: GcpSettings,
  accessToken: string,
  context: ServiceReach,
): Promise<ClusterAccess | undefined> {
  const cluster = provider.cluster;
  if (cluster === undefined) return undefined;
  const name = `projects/${cluster.project}/locations/${cluster.location}/clusters/${cluster.name}`;
  const answer = await callService(
    {
      step: lookupStep,
      url: `${provider.endpoints.container}/v1/${name}`,
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    },
    context,
  );
  if (answer.status !== 200) {
    const error = serviceError(answer);
    const cause =
      error.code === "NOT_FOUND"
        ? `there is no cluster ${cluster.name} in ${cluster.project}/${cluster.location}; check gcp-project, gcp-location and cluster-name`
        : error.code === "PERMISSION_DENIED"
          ? `the identity may not read the cluster: give it roles/container.clusterViewer on ${cluster.project}, or set server and certificate-authority-data`
          : "see the GKE documentation for this error";
    throw new CredentialsError(`${lookupStep} failed (${describeError(error)}); ${cause}`);
  }
  const found = jsonOf<GkeCluster>(answer, lookupStep);
  const source = `the GKE API (${name})`;
  if (cluster.endpoint === "dns") {
    const dns = found.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint;
    if (dns === undefined || dns === "")
      throw new CredentialsError(
        `${lookupStep}: cluster ${cluster.name} has no DNS endpoint; enable it, or use gcp-endpoint: ip`,
      );
    // the DNS endpoint has a publicly trusted certificate: no CA
    return { server: `https://${dns}`, ca: undefined, source };
  }
  if (found.endpoint === undefined || found.endpoint === "")
    throw new CredentialsError(
      `${lookupStep}: cluster ${cluster.name} has no endpoint yet (status ${found.status ?? "unknown"})`,
    );
  const ca = found.masterAuth?.clusterCaCertificate;
  return {
    server: found.endpoint.startsWith("https://") ? found.endpoint : `https://${found.endpoint}`,
    ca: ca === undefined ? undefined : Buffer.from(ca, "base64").toString("utf8"),
    source,
  };
}

const providerPattern = /^projects\/\d+\/locations\/global\/workloadIdentityPools\/[^/]+\/providers\/[^/]+$/;
const providerForm = "projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER";

export const gcp = defineProvider({
  method: "gcp",
  inputs: [
    "audience",
    "gcp-workload-identity-provider",
    "gcp-service-account",
    "gcp-project",
    "gcp-location",
    "gcp-endpoint",
    "cluster-name",
  ],
  defaults: { "gcp-endpoint": "ip" },
  read(inputs): GcpSettings {
    const provider = inputs.required("gcp-workload-identity-provider", providerForm);
    if (provider !== "" && !providerPattern.test(provider)) {
      inputs.problem(
        `gcp-workload-identity-provider: "${provider}" is not ${providerForm} (the project number, not its ID)`,
      );
    }
    const endpoint = inputs.oneOf("gcp-endpoint", ["ip", "dns"] as const);
    const universe = inputs.endpoint(["GOOGLE_CLOUD_UNIVERSE_DOMAIN"], "googleapis.com");
    const project = inputs.input("gcp-project");
    const location = inputs.input("gcp-location");
    const name = inputs.input("cluster-name");
    const named = project !== undefined && location !== undefined && name !== undefined;
    if (!inputs.clusterGiven && !named) {
      inputs.problem(
        "auth: gcp needs the cluster: give gcp-project, gcp-location and cluster-name " +
          "(or server and certificate-authority-data)",
      );
    }
    const override = (service: string, fallback: string) =>
      inputs.endpoint([`CLOUDSDK_API_ENDPOINT_OVERRIDES_${service}`], fallback);
    return {
      method: "gcp",
      audience: inputs.input("audience") ?? `https://iam.${universe}/${provider}`,
      workloadIdentityProvider: provider,
      providerResource: `//iam.${universe}/${provider}`,
      serviceAccount: inputs.input("gcp-service-account"),
      cluster: named ? { project, location, name, endpoint } : undefined,
      endpoints: {
        sts: override("STS", `https://sts.${universe}`),
        iamCredentials: override("IAMCREDENTIALS", `https://iamcredentials.${universe}`),
        container: override("CONTAINER", `https://container.${universe}`),
      },
    };
  },
  obtainToken: (settings, idToken, context) => googleAccessToken(settings, idToken.token, context),
  async findCluster(settings, idToken, context) {
    if (settings.cluster === undefined) return undefined;
    const access = await googleAccessToken(settings, (await idToken()).token, context);
    return gkeCluster(settings, access.token, context);
  },
  describe: (settings) =>
    `a Google access token${settings.serviceAccount === undefined ? "" : ` for ${settings.serviceAccount}`} ` +
    `from ${settings.workloadIdentityProvider} (renewed before it expires)`,
  rejectionCauses: (settings) =>
    "the cluster refused the Google access token. Usual causes: the identity " +
    `(${settings.serviceAccount ?? "the workload identity pool principal"}) has no IAM role on the cluster's ` +
    "project (roles/container.developer) nor RBAC binding",
});
