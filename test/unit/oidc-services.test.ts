// Token-service calls against plain-HTTP servers in this process (the unit tests cannot trust the
// cluster's CA; the HTTPS paths are covered by test/integration/oidc.test.ts): the ID-token request's
// retries and refusals, and how a GKE cluster's endpoint and CA are chosen.
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { gkeCluster } from "../../src/credentials/providers/gcp.ts";
import { requestIdToken } from "../../src/credentials/providers/id-token.ts";
import type { OidcProvider } from "../../src/credentials/providers/registry.ts";

const servers: { close: () => void; closeAllConnections: () => void }[] = [];
after(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const noProxy = { proxyEnvironment: { httpsProxy: undefined, httpProxy: undefined, noProxy: undefined } };
const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.sig`;

describe("the GitHub ID-token request", () => {
  it("sets the audience, retries a 503 as the toolkit does, and masks the token", async () => {
    let calls = 0;
    const seen: string[] = [];
    const url = await serve((req, res) => {
      calls++;
      seen.push(`${req.headers.authorization ?? ""} ${req.url ?? ""}`);
      if (calls === 1) {
        res.writeHead(503).end();
        return;
      }
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ value: jwt({ exp: 2_000_000_000 }) }));
    });
    const masked: string[] = [];
    const token = await requestIdToken(
      { url: `${url}/idtoken?api-version=2.0`, token: "request" },
      "https://k8s.example",
      { ...noProxy, mask: (s) => masked.push(s) },
    );
    assert.equal(calls, 2);
    assert.equal(seen[1], "Bearer request /idtoken?api-version=2.0&audience=https%3A%2F%2Fk8s.example");
    assert.equal(token.expiresAt.getTime(), 2_000_000_000_000);
    assert.ok(masked.includes(token.token));
  });

  it("a refusal is not retried, and says what to check", async () => {
    let calls = 0;
    const url = await serve((_req, res) => {
      calls++;
      res.writeHead(403).end();
    });
    await assert.rejects(
      requestIdToken({ url: `${url}/idtoken`, token: "expired" }, "a", { ...noProxy, mask: () => undefined }),
      /GitHub ID token request: the runner refused it \(HTTP 403\).*permissions: id-token: write/,
    );
    assert.equal(calls, 1);
  });
});

describe("the GKE cluster lookup", () => {
  const provider = (container: string, endpoint: "ip" | "dns"): Extract<OidcProvider, { method: "gcp" }> => ({
    method: "gcp",
    audience: "a",
    workloadIdentityProvider: "projects/1/locations/global/workloadIdentityPools/p/providers/q",
    providerResource: "//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/q",
    serviceAccount: undefined,
    cluster: { project: "p", location: "l", name: "c", endpoint },
    endpoints: { sts: container, iamCredentials: container, container },
  });
  const ca = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  it("the IP endpoint with the cluster's CA, or the DNS endpoint without one (its certificate is publicly trusted)", async () => {
    const url = await serve((req, res) => {
      assert.equal(req.url, "/v1/projects/p/locations/l/clusters/c");
      assert.equal(req.headers.authorization, "Bearer access");
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          endpoint: "34.1.2.3",
          masterAuth: { clusterCaCertificate: Buffer.from(ca).toString("base64") },
          controlPlaneEndpointsConfig: { dnsEndpointConfig: { endpoint: "gke-1.europe-west1.gke.goog" } },
        }),
      );
    });
    assert.deepEqual(await gkeCluster(provider(url, "ip"), "access", noProxy), {
      server: "https://34.1.2.3",
      ca,
      source: "the GKE API (projects/p/locations/l/clusters/c)",
    });
    assert.deepEqual(await gkeCluster(provider(url, "dns"), "access", noProxy), {
      server: "https://gke-1.europe-west1.gke.goog",
      ca: undefined,
      source: "the GKE API (projects/p/locations/l/clusters/c)",
    });
  });

  it("a refused lookup names the role to grant", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(403, { "content-type": "application/json" }).end(
        JSON.stringify({
          error: { code: 403, status: "PERMISSION_DENIED", message: "Required 'container.clusters.get' permission" },
        }),
      );
    });
    await assert.rejects(
      gkeCluster(provider(url, "ip"), "access", noProxy),
      /GKE clusters\.get \(cluster lookup\) failed \(PERMISSION_DENIED: Required 'container\.clusters\.get' permission\); the identity may not read the cluster: give it roles\/container\.clusterViewer/,
    );
  });
});
