// `auth: azure` (AKS with Microsoft Entra ID): the GitHub ID token is the client assertion of an
// Entra client-credentials request (workload identity federation) for the AKS server application;
// a second one for Azure Resource Manager reads the cluster's endpoint and CA
// (listClusterUserCredential) unless server is given.
import { expiringIn, type IssuedToken } from "../authenticators/issued-token.ts";
import { CredentialsError } from "../errors.ts";
import { secretForms } from "../secrets.ts";
import { callService, jsonOf } from "./https.ts";
import { describeIdToken } from "./id-token.ts";
import { type ClusterAccess, defineProvider, type ServiceContext } from "./provider.ts";
import { describeError, serviceError } from "./service-errors.ts";

export interface AzureSettings {
  method: "azure";
  audience: string;
  clientId: string;
  tenantId: string;
  cluster: { subscriptionId: string; resourceGroup: string; name: string } | undefined;
  endpoints: { authority: string; resourceManager: string };
}

/** The AKS server application: the same in every Azure cloud. */
const aksServerScope = "6dae42f8-4368-4678-94ff-3960e28e3630/.default";

const entraStep = "Microsoft Entra token request";
const lookupStep = "ARM listClusterUserCredential (cluster lookup)";

/** What Entra's AADSTS codes usually mean for a GitHub workflow. */
function entraCauses(message: string, provider: AzureSettings, idToken: string): string {
  const token = describeIdToken(idToken);
  const code = /AADSTS(\d+)/.exec(message)?.[1];
  switch (code) {
    case "70021":
    case "700213":
      return `no federated credential of client ${provider.clientId} matches the GitHub ID token (${token}): its issuer must be exactly the token's, its subject the token's sub (with an environment: repo:ORG/REPO:environment:NAME), its audience api://AzureADTokenExchange`;
    case "7002138":
      return `a federated credential matches the subject only without regard to case (${token}): subjects are compared case-sensitively`;
    case "700024":
      return "the GitHub ID token expired before Entra saw it (they live five minutes): check the runner's clock";
    case "700016":
      return `there is no application ${provider.clientId} in tenant ${provider.tenantId}; check azure-client-id and azure-tenant-id`;
    case "90002":
      return `there is no tenant ${provider.tenantId}; check azure-tenant-id`;
    default:
      return "see Microsoft Entra's AADSTS error reference";
  }
}

async function entraToken(
  provider: AzureSettings,
  idToken: string,
  scope: string,
  context: ServiceContext,
): Promise<IssuedToken> {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: provider.clientId,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: idToken,
    scope,
  });
  const issuedAt = new Date();
  const url = `${provider.endpoints.authority}/${encodeURIComponent(provider.tenantId)}/oauth2/v2.0/token`;
  const answer = await callService(
    {
      step: entraStep,
      url,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: form.toString(),
    },
    context,
  );
  const body = answer.status === 200 ? jsonOf<{ access_token?: unknown; expires_in?: unknown }>(answer, entraStep) : {};
  if (typeof body.access_token !== "string" || body.access_token === "") {
    const error = serviceError(answer);
    throw new CredentialsError(
      `${entraStep} for client ${provider.clientId} (scope ${scope}) failed (${describeError(error)}); ${entraCauses(error.message, provider, idToken)}`,
    );
  }
  secretForms(body.access_token).forEach(context.mask);
  return expiringIn(body.access_token, body.expires_in, issuedAt);
}

async function aksCluster(
  provider: AzureSettings,
  idToken: string,
  context: ServiceContext,
): Promise<ClusterAccess | undefined> {
  const cluster = provider.cluster;
  if (cluster === undefined) return undefined;
  const arm = await entraToken(provider, idToken, `${provider.endpoints.resourceManager}/.default`, context);
  const id = `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`;
  const answer = await callService(
    {
      step: lookupStep,
      url: `${provider.endpoints.resourceManager}${id}/listClusterUserCredential?api-version=2024-09-01`,
      method: "POST",
      headers: { authorization: `Bearer ${arm.token}`, "content-length": "0" },
    },
    context,
  );
  if (answer.status !== 200) {
    const error = serviceError(answer);
    const cause =
      error.code === "AuthorizationFailed"
        ? `client ${provider.clientId} needs the Azure Kubernetes Service Cluster User Role on the cluster (listClusterUserCredential), or set server and certificate-authority-data`
        : error.code === "ResourceNotFound" || error.code === "ResourceGroupNotFound"
          ? `there is no cluster ${cluster.name} in resource group ${cluster.resourceGroup}; check azure-subscription-id, azure-resource-group and cluster-name`
          : "see the Azure Resource Manager documentation for this error";
    throw new CredentialsError(`${lookupStep} failed (${describeError(error)}); ${cause}`);
  }
  const value = jsonOf<{ kubeconfigs?: { value?: string }[] }>(answer, lookupStep).kubeconfigs?.[0]?.value;
  // the kubeconfig's user is not used (kubeship signs in itself); only its cluster entry is read
  const { firstCluster } = await import("./kubeconfig-cluster.ts");
  const entry = firstCluster(Buffer.from(value ?? "", "base64").toString("utf8"));
  if (entry?.server === undefined)
    throw new CredentialsError(`${lookupStep}: the answer holds no kubeconfig with a cluster for ${cluster.name}`);
  const ca = entry["certificate-authority-data"];
  return {
    server: entry.server.replace(/\/+$/, ""),
    ca: ca === undefined ? undefined : Buffer.from(ca, "base64").toString("utf8"),
    source: `Azure Resource Manager (${cluster.name} in ${cluster.resourceGroup})`,
  };
}

export const azure = defineProvider({
  method: "azure",
  inputs: [
    "audience",
    "azure-client-id",
    "azure-tenant-id",
    "azure-subscription-id",
    "azure-resource-group",
    "cluster-name",
  ],
  read(inputs): AzureSettings {
    const subscriptionId = inputs.input("azure-subscription-id");
    const resourceGroup = inputs.input("azure-resource-group");
    const name = inputs.input("cluster-name");
    const named = subscriptionId !== undefined && resourceGroup !== undefined && name !== undefined;
    if (!inputs.clusterGiven && !named) {
      inputs.problem(
        "auth: azure needs the cluster: give azure-subscription-id, azure-resource-group and cluster-name " +
          "(or server and certificate-authority-data)",
      );
    }
    return {
      method: "azure",
      audience: inputs.input("audience") ?? "api://AzureADTokenExchange",
      clientId: inputs.required("azure-client-id", "the application or managed identity with the federated credential"),
      tenantId: inputs.required("azure-tenant-id", "the Microsoft Entra tenant"),
      cluster: named ? { subscriptionId, resourceGroup, name } : undefined,
      endpoints: {
        authority: inputs.endpoint(["AZURE_AUTHORITY_HOST"], "https://login.microsoftonline.com"),
        resourceManager: inputs.endpoint(["AZURE_RESOURCE_MANAGER_ENDPOINT"], "https://management.azure.com"),
      },
    };
  },
  obtainToken: (settings, idToken, context) => entraToken(settings, idToken.token, aksServerScope, context),
  async findCluster(settings, idToken, context) {
    if (settings.cluster === undefined) return undefined;
    return aksCluster(settings, (await idToken()).token, context);
  },
  describe: (settings) => `a Microsoft Entra token for client ${settings.clientId} (renewed before it expires)`,
  rejectionCauses: (settings) =>
    `the cluster refused the Microsoft Entra token for client ${settings.clientId}. Usual causes: the cluster is ` +
    "not Entra-integrated, or the principal has no Azure RBAC role on it nor Kubernetes RBAC binding",
});
