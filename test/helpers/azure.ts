// Stands in for Microsoft Entra ID and Azure Resource Manager, which the test machine cannot reach:
// the client-credentials request with a JWT client assertion, checked as Entra checks a federated
// identity credential (issuer, subject exactly, audience api://AzureADTokenExchange), AADSTS errors
// in Entra's body format; ARM's listClusterUserCredential with a kubeconfig for the test cluster.
// The tokens it issues are accepted by the test cluster's token-review webhook.
import type { ServerResponse } from "node:http";
import { stringify } from "yaml";
import { issueFakeToken, verifyFakeToken } from "../cluster/identity/fake-tokens.ts";
import { verifyJwt } from "../cluster/identity/jwt.ts";
import { clusterAccess } from "./identities.ts";
import { identityServices, json, type LocalService, startLocalService } from "./oidc.ts";

export interface FakeAzureOptions {
  tenantId: string;
  clientId: string;
  /** the federated identity credential's subject */
  subject: string;
  cluster: { subscriptionId: string; resourceGroup: string; name: string };
  tokenSeconds?: number;
}

export interface FakeAzure extends LocalService {
  issued: string[];
  /** the scopes tokens were asked for, in order */
  scopes: string[];
}

function entraError(res: ServerResponse, status: number, error: string, code: number, description: string): void {
  json(res, status, {
    error,
    error_description: `AADSTS${code}: ${description} Trace ID: 0 Correlation ID: 0 Timestamp: ${new Date().toISOString()}`,
    error_codes: [code],
  });
}

export async function startFakeAzure(options: FakeAzureOptions): Promise<FakeAzure> {
  const { issuer, keys } = identityServices();
  const issued: string[] = [];
  const scopes: string[] = [];
  const service = await startLocalService((req, body, res) => {
    const url = new URL(req.url ?? "/", "https://azure");
    if (req.method === "POST" && url.pathname === `/${options.tenantId}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(body);
      const scope = form.get("scope") ?? "";
      scopes.push(scope);
      if (form.get("grant_type") !== "client_credentials")
        return entraError(res, 400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
      if (form.get("client_id") !== options.clientId)
        return entraError(
          res,
          400,
          "unauthorized_client",
          700016,
          `Application with identifier '${form.get("client_id") ?? ""}' was not found in the directory.`,
        );
      if (form.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        return entraError(res, 400, "invalid_request", 50027, "Invalid assertion type.");
      const checked = verifyJwt(form.get("client_assertion") ?? "", keys.issuerPublicKey);
      if ("problem" in checked)
        return entraError(
          res,
          400,
          "invalid_client",
          checked.problem === "expired" ? 700024 : 50012,
          "Client assertion is not valid.",
        );
      const { claims } = checked;
      if (claims.iss !== issuer || claims.aud !== "api://AzureADTokenExchange" || claims.sub !== options.subject) {
        return entraError(
          res,
          400,
          "invalid_client",
          700213,
          `No matching federated identity record found for presented assertion subject '${String(claims.sub)}'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion.`,
        );
      }
      const arm = scope === `${new URL(req.url ?? "/", `https://${req.headers.host ?? ""}`).origin}/.default`;
      if (!arm && scope !== "6dae42f8-4368-4678-94ff-3960e28e3630/.default")
        return entraError(
          res,
          400,
          "invalid_scope",
          70011,
          "The provided value for the input parameter 'scope' is not valid.",
        );
      const lifetime = options.tokenSeconds ?? 3600;
      const token = issueFakeToken(
        {
          username: `azure:${options.clientId}`,
          groups: [],
          exp: Math.floor(Date.now() / 1000) + lifetime,
          issuer: arm ? "arm" : "aks",
        },
        keys.tokenKey,
        `entra.${arm ? "arm" : "aks"}.`,
      );
      issued.push(token);
      return json(res, 200, {
        token_type: "Bearer",
        expires_in: lifetime,
        ext_expires_in: lifetime,
        access_token: token,
      });
    }
    const { subscriptionId, resourceGroup, name } = options.cluster;
    const found =
      /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)\/listClusterUserCredential$/.exec(
        url.pathname,
      );
    if (req.method === "POST" && found !== null) {
      const caller = verifyFakeToken((req.headers.authorization ?? "").replace(/^Bearer /, ""), keys.tokenKey);
      if (!("claims" in caller) || caller.claims.issuer !== "arm")
        return json(res, 401, {
          error: { code: "InvalidAuthenticationToken", message: "The access token is invalid." },
        });
      if (url.searchParams.get("api-version") === null)
        return json(res, 400, {
          error: { code: "MissingApiVersionParameter", message: "The api-version query parameter is required." },
        });
      if (found[1] !== subscriptionId || found[2] !== resourceGroup || found[3] !== name) {
        return json(res, 404, {
          error: {
            code: "ResourceNotFound",
            message: `The Resource 'Microsoft.ContainerService/managedClusters/${found[3] ?? ""}' under resource group '${found[2] ?? ""}' was not found.`,
          },
        });
      }
      const access = clusterAccess();
      const kubeconfig = stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server: access.server, "certificate-authority-data": access.caData } }],
        users: [
          {
            name: `clusterUser_${resourceGroup}_${name}`,
            user: {
              exec: { apiVersion: "client.authentication.k8s.io/v1beta1", command: "kubelogin", args: ["get-token"] },
            },
          },
        ],
        contexts: [{ name, context: { cluster: name, user: `clusterUser_${resourceGroup}_${name}` } }],
        "current-context": name,
      });
      return json(res, 200, {
        kubeconfigs: [{ name: "clusterUser", value: Buffer.from(kubeconfig).toString("base64") }],
      });
    }
    json(res, 404, { error: { code: "NotFound", message: "unknown operation" } });
  });
  return { ...service, issued, scopes };
}
