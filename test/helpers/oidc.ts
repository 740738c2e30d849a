// The test cluster's identity services (test/cluster/identity/) seen from tests: the local issuer's
// key to mint GitHub-like ID tokens, and local HTTPS services on loopback with a certificate the
// cluster's CA signed (the action trusts it through NODE_EXTRA_CA_CERTS, as runners behind a
// corporate CA do). Each stand-in for a service the test machine cannot reach says so where it starts.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { paths } from "../cluster/layout.ts";
import { type IdTokenOptions, mintIdToken } from "../cluster/identity/github-token.ts";
import { type IdentityKeys, readIdentityKeys } from "../cluster/identity/keys.ts";

export interface IdentityServices {
  issuer: string;
  exchangeUrl: string;
  keys: IdentityKeys;
  /** the cluster CA, which signed the services' certificate */
  caFile: string;
}

export function identityServices(): IdentityServices {
  const ports = JSON.parse(readFileSync(paths.ports, "utf8")) as { identity?: number };
  if (ports.identity === undefined)
    throw new Error("the test cluster has no identity services: run `npm run cluster -- up`");
  const issuer = `https://127.0.0.1:${ports.identity}`;
  return {
    issuer,
    exchangeUrl: `${issuer}/token-exchange`,
    keys: readIdentityKeys(paths.identity),
    caFile: join(paths.pki, "ca.crt"),
  };
}

export interface LocalService {
  url: string;
  close: () => Promise<void>;
}

export type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void | Promise<void>;

/** An HTTPS server on loopback with the identity services' certificate. */
export async function startLocalService(handler: Handler): Promise<LocalService> {
  const server = createServer(
    { cert: readFileSync(join(paths.pki, "identity.crt")), key: readFileSync(join(paths.pki, "identity.key")) },
    (req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        Promise.resolve(handler(req, body, res)).catch((error: unknown) => {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ message: String(error) }));
        });
      });
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

export interface IdTokenEndpoint {
  /** the step's environment: ACTIONS_ID_TOKEN_REQUEST_URL and _TOKEN, and trust in the local CA */
  env: Record<string, string>;
  /** every ID token handed out, in order */
  issued: string[];
  /** the audiences asked for, in order */
  audiences: string[];
  /** when each was handed out (ms since the epoch) */
  times: number[];
  close: () => Promise<void>;
}

/**
 * Stands in for the runner's ID-token endpoint, which exists only inside GitHub Actions: a bearer
 * request token, `audience` in the query, `{"value": JWT}` in the answer; the tokens are signed by
 * the local issuer the test cluster trusts, with the lifetime and subject the test chooses.
 */
export async function startIdTokenEndpoint(
  options: Omit<IdTokenOptions, "issuer" | "audience"> = {},
): Promise<IdTokenEndpoint> {
  const services = identityServices();
  const requestToken = randomBytes(24).toString("hex");
  const issued: string[] = [];
  const audiences: string[] = [];
  const times: number[] = [];
  const service = await startLocalService((req, _body, res) => {
    const url = new URL(req.url ?? "/", "https://runner");
    if (req.headers.authorization !== `Bearer ${requestToken}`) return json(res, 401, { message: "bad request token" });
    const audience = url.searchParams.get("audience") ?? "https://github.com/kubeship-test";
    const token = mintIdToken(services.keys, { ...options, issuer: services.issuer, audience });
    issued.push(token);
    audiences.push(audience);
    times.push(Date.now());
    json(res, 200, { count: issued.length, value: token });
  });
  return {
    env: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${service.url}/_apis/distributedtask/hubs/build/plans/1/jobs/1/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken,
      NODE_EXTRA_CA_CERTS: services.caFile,
    },
    issued,
    audiences,
    times,
    close: service.close,
  };
}
