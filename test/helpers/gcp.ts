// Stands in for Google STS, IAM Credentials and the GKE API, which the test machine cannot reach:
// the same requests and answers (OAuth and Google error bodies included), checked as Google checks
// them. STS verifies the GitHub ID token against the local issuer's key, the provider's allowed
// audience and an attribute condition; IAM Credentials wants the federated token and a granted
// principal; the tokens it issues are accepted by the test cluster's token-review webhook.
import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { issueFakeToken, verifyFakeToken } from "../cluster/identity/fake-tokens.ts";
import { verifyJwt } from "../cluster/identity/jwt.ts";
import { clusterAccess } from "./identities.ts";
import { identityServices, json, type LocalService, startLocalService } from "./oidc.ts";

export const gcpProvider = "projects/123456789/locations/global/workloadIdentityPools/github/providers/github";

export interface FakeGcpOptions {
  /** the provider's attribute condition, on the token's claims */
  condition: (claims: Record<string, unknown>) => boolean;
  /** service accounts the pool's principals may impersonate */
  serviceAccounts: string[];
  cluster: { project: string; location: string; name: string };
  /** lifetime of the access tokens it issues */
  tokenSeconds?: number;
}

export interface FakeGcp extends LocalService {
  issued: string[];
  calls: { sts: number; generateAccessToken: number; getCluster: number };
}

function googleError(res: ServerResponse, code: number, status: string, message: string): void {
  json(res, code, { error: { code, message, status } });
}

export async function startFakeGcp(options: FakeGcpOptions): Promise<FakeGcp> {
  const { issuer, keys } = identityServices();
  const issued: string[] = [];
  const calls = { sts: 0, generateAccessToken: 0, getCluster: 0 };
  const lifetime = options.tokenSeconds ?? 3600;
  const issue = (username: string, groups: string[], exp: number, kind: string) => {
    const token = issueFakeToken({ username, groups, exp, issuer: kind }, keys.tokenKey, `ya29.${kind}.`);
    issued.push(token);
    return token;
  };
  const bearer = (authorization: string | undefined) => {
    const checked = verifyFakeToken((authorization ?? "").replace(/^Bearer /, ""), keys.tokenKey);
    return "claims" in checked ? checked.claims : undefined;
  };

  const service = await startLocalService((req, body, res) => {
    const url = new URL(req.url ?? "/", "https://google");
    if (req.method === "POST" && url.pathname === "/v1/token") {
      calls.sts++;
      if (req.headers.authorization !== undefined)
        return json(res, 400, { error: "invalid_request", error_description: "unexpected Authorization header" });
      const form = new URLSearchParams(body);
      if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:token-exchange")
        return json(res, 400, { error: "unsupported_grant_type", error_description: "grant_type" });
      if (form.get("audience") !== `//iam.googleapis.com/${gcpProvider}`)
        return json(res, 400, {
          error: "invalid_target",
          error_description: 'The target service indicated by the "audience" parameters is invalid.',
        });
      const checked = verifyJwt(form.get("subject_token") ?? "", keys.issuerPublicKey);
      if ("problem" in checked || checked.claims.iss !== issuer)
        return json(res, 400, { error: "invalid_grant", error_description: "Invalid JWT signature." });
      if (checked.claims.aud !== `https://iam.googleapis.com/${gcpProvider}`) {
        return json(res, 400, {
          error: "invalid_grant",
          error_description: `The audience in ID Token [${String(checked.claims.aud)}] does not match the expected audience.`,
        });
      }
      if (!options.condition(checked.claims))
        return json(res, 400, {
          error: "unauthorized_client",
          error_description: "The given credential is rejected by the attribute condition.",
        });
      const principal = `principal://iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/github/subject/${String(checked.claims.sub)}`;
      const exp = Math.min(Number(checked.claims.exp), Math.floor(Date.now() / 1000) + lifetime);
      return json(res, 200, {
        access_token: issue(principal, [], exp, "federated"),
        issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
        token_type: "Bearer",
        expires_in: exp - Math.floor(Date.now() / 1000),
      });
    }
    const impersonate = /^\/v1\/projects\/-\/serviceAccounts\/([^/:]+):generateAccessToken$/.exec(url.pathname);
    if (req.method === "POST" && impersonate !== null) {
      calls.generateAccessToken++;
      const caller = bearer(req.headers.authorization);
      if (caller === undefined)
        return googleError(res, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
      const account = decodeURIComponent(impersonate[1] ?? "");
      if (!options.serviceAccounts.includes(account))
        return googleError(
          res,
          403,
          "PERMISSION_DENIED",
          "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).",
        );
      const request = JSON.parse(body) as { scope?: string[] };
      if (!(request.scope ?? []).includes("https://www.googleapis.com/auth/cloud-platform"))
        return googleError(res, 400, "INVALID_ARGUMENT", "scope");
      const exp = Math.floor(Date.now() / 1000) + lifetime;
      return json(res, 200, {
        accessToken: issue(account, [], exp, "sa"),
        expireTime: new Date(exp * 1000).toISOString(),
      });
    }
    const cluster = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/clusters\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && cluster !== null) {
      calls.getCluster++;
      if (bearer(req.headers.authorization) === undefined)
        return googleError(res, 401, "UNAUTHENTICATED", "Request had invalid authentication credentials.");
      const [, project, location, name] = cluster;
      const wanted = options.cluster;
      if (project !== wanted.project || location !== wanted.location || name !== wanted.name) {
        return googleError(
          res,
          404,
          "NOT_FOUND",
          `Not found: projects/${project ?? ""}/locations/${location ?? ""}/clusters/${name ?? ""}.`,
        );
      }
      const access = clusterAccess();
      return json(res, 200, {
        name,
        status: "RUNNING",
        // a bare address, as GKE gives it
        endpoint: new URL(access.server).host,
        masterAuth: { clusterCaCertificate: access.caData },
        controlPlaneEndpointsConfig: {
          dnsEndpointConfig: { endpoint: `gke-${randomBytes(4).toString("hex")}.us-central1.gke.goog` },
        },
      });
    }
    googleError(res, 404, "NOT_FOUND", "unknown method");
  });
  return { ...service, issued, calls };
}
