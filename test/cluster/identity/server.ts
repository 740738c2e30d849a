// The test cluster's identity services, one HTTPS daemon on loopback, started before kube-apiserver:
// - an OIDC issuer (discovery and JWKS) that kube-apiserver trusts through its structured
//   authentication configuration, in place of https://token.actions.githubusercontent.com;
// - an ID-token endpoint that behaves like the runner's ACTIONS_ID_TOKEN_REQUEST_URL;
// - an RFC 8693 token-exchange service that takes those ID tokens;
// - a token-review webhook for kube-apiserver that accepts the tokens the local stand-ins for token
//   services issue, and EKS tokens, which it checks by calling the (test-started) local STS with the
//   presigned GetCallerIdentity URL, as aws-iam-authenticator does.
// All of this stands in for services on the internet that the test machine cannot reach.
// Usage: node server.ts <identity dir> <port> <serving cert> <serving key> <CA>
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, request } from "node:https";
import { issueFakeToken, verifyFakeToken } from "./fake-tokens.ts";
import { mintIdToken } from "./github-token.ts";
import { verifyJwt } from "./jwt.ts";
import { readIdentityKeys } from "./keys.ts";
import { eksClusterId, exchangeAudience, trustedOwner } from "./trust.ts";

const [dir = "", portText = "", certFile = "", keyFile = "", caFile = ""] = process.argv.slice(2);
const keys = readIdentityKeys(dir);
const ca = readFileSync(caFile, "utf8");
const issuer = `https://127.0.0.1:${portText}`;

function log(message: string): void {
  console.log(`${new Date().toISOString()} ${message}`);
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += String(chunk);
  return text;
}

function discovery(res: ServerResponse): void {
  reply(res, 200, {
    issuer,
    jwks_uri: `${issuer}/.well-known/jwks`,
    subject_types_supported: ["public", "pairwise"],
    response_types_supported: ["id_token"],
    claims_supported: [
      "sub",
      "aud",
      "exp",
      "iat",
      "iss",
      "jti",
      "nbf",
      "ref",
      "repository",
      "repository_owner",
      "environment",
      "job_workflow_ref",
      "actor",
    ],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid"],
  });
}

function jwks(res: ServerResponse): void {
  reply(res, 200, {
    keys: [{ ...keys.issuerPublicKey.export({ format: "jwk" }), kid: keys.kid, alg: "RS256", use: "sig" }],
  });
}

/** Like the runner's endpoint: bearer request token, `audience` query parameter, `{value}` answer. */
function idToken(req: IncomingMessage, res: ServerResponse, url: URL): void {
  if (req.headers.authorization !== `Bearer ${keys.requestToken}`) {
    reply(res, 401, { message: "bad request token" });
    return;
  }
  const audience = url.searchParams.get("audience") ?? `https://github.com/${trustedOwner}`;
  log(`ID token for audience ${audience}`);
  reply(res, 200, { count: 1, value: mintIdToken(keys, { issuer, audience }) });
}

const tokenTypes = ["urn:ietf:params:oauth:token-type:jwt", "urn:ietf:params:oauth:token-type:id_token"];

/** RFC 8693: a GitHub ID token for the exchange audience in, an access token of the same lifetime out. */
async function exchange(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const form = new URLSearchParams(await readBody(req));
  const refuse = (error: string, description: string) => {
    log(`token exchange refused: ${error}: ${description}`);
    reply(res, 400, { error, error_description: description });
  };
  if (form.get("grant_type") !== "urn:ietf:params:oauth:grant-type:token-exchange")
    return refuse("unsupported_grant_type", "grant_type must be token-exchange");
  if (!tokenTypes.includes(form.get("subject_token_type") ?? ""))
    return refuse("invalid_request", "subject_token_type must be a JWT or an ID token");
  const checked = verifyJwt(form.get("subject_token") ?? "", keys.issuerPublicKey);
  if ("problem" in checked) return refuse("invalid_grant", `subject token: ${checked.problem}`);
  const { claims } = checked;
  if (claims.iss !== issuer)
    return refuse("invalid_grant", `subject token issuer ${String(claims.iss)} is not trusted`);
  if (claims.aud !== exchangeAudience)
    return refuse("invalid_grant", `subject token audience ${String(claims.aud)} is not ${exchangeAudience}`);
  const subject = String(claims.sub);
  if (!subject.startsWith(`repo:${trustedOwner}/`))
    return refuse("invalid_grant", `subject ${subject} is not allowed to exchange tokens here`);
  const exp = Number(claims.exp);
  const token = issueFakeToken(
    {
      username: `exchange:${subject}`,
      groups: [`exchange:${String(claims.repository_owner)}`],
      exp,
      issuer: "token-exchange",
    },
    keys.tokenKey,
  );
  log(`token exchange for ${subject}, ${exp - Math.floor(Date.now() / 1000)}s`);
  const scope = form.get("scope");
  reply(res, 200, {
    access_token: token,
    issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
    token_type: "Bearer",
    expires_in: exp - Math.floor(Date.now() / 1000),
    ...(scope === null ? {} : { scope }),
  });
}

type Review =
  { authenticated: true; user: { username: string; groups: string[] } } | { authenticated: false; error: string };

const presignParameters = new Set([
  "action",
  "version",
  "x-amz-algorithm",
  "x-amz-credential",
  "x-amz-date",
  "x-amz-expires",
  "x-amz-security-token",
  "x-amz-signature",
  "x-amz-signedheaders",
]);

/** aws-iam-authenticator's checks of the token's form, then the presigned call to STS. */
async function reviewEksToken(token: string): Promise<Review> {
  if (token.length > 4096) return { authenticated: false, error: "token too long" };
  let url: URL;
  try {
    url = new URL(Buffer.from(token.slice("k8s-aws-v1.".length), "base64url").toString("utf8"));
  } catch {
    return { authenticated: false, error: "input token was not properly formatted: not a URL" };
  }
  if (url.protocol !== "https:" || url.pathname !== "/")
    return { authenticated: false, error: "input token was not properly formatted: not https or path not /" };
  // the real verifier accepts STS hosts of the cluster's partition; here the local STS on loopback
  if (url.hostname !== "127.0.0.1" && url.hostname !== "localhost")
    return { authenticated: false, error: `unexpected STS host ${url.hostname}` };
  const seen = new Set<string>();
  for (const name of url.searchParams.keys()) {
    const lower = name.toLowerCase();
    if (!presignParameters.has(lower) || seen.has(lower))
      return { authenticated: false, error: `input token was not properly formatted: parameter ${name}` };
    seen.add(lower);
  }
  if (url.searchParams.get("Action") !== "GetCallerIdentity")
    return { authenticated: false, error: "input token was not properly formatted: not GetCallerIdentity" };
  if (!(url.searchParams.get("X-Amz-SignedHeaders") ?? "").split(";").includes("x-k8s-aws-id"))
    return { authenticated: false, error: "client did not sign the x-k8s-aws-id header" };
  const expires = Number(url.searchParams.get("X-Amz-Expires"));
  if (!(expires >= 0 && expires <= 900)) return { authenticated: false, error: "X-Amz-Expires out of range" };
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(url.searchParams.get("X-Amz-Date") ?? "");
  if (date === null) return { authenticated: false, error: "bad X-Amz-Date" };
  const signedAt = Date.UTC(
    Number(date[1]),
    Number(date[2]) - 1,
    Number(date[3]),
    Number(date[4]),
    Number(date[5]),
    Number(date[6]),
  );
  if (Date.now() - signedAt > 15 * 60_000) return { authenticated: false, error: "token is expired" };
  const answer = await new Promise<{ status: number; body: string }>((done) => {
    const call = request(
      url,
      { method: "GET", ca, timeout: 5000, headers: { "x-k8s-aws-id": eksClusterId, accept: "application/json" } },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => done({ status: response.statusCode ?? 0, body }));
      },
    );
    call.on("error", (error) => done({ status: 0, body: error.message }));
    call.end();
  });
  if (answer.status !== 200)
    return { authenticated: false, error: `STSError: GetCallerIdentity answered ${answer.status}` };
  const arn =
    (JSON.parse(answer.body) as { GetCallerIdentityResponse?: { GetCallerIdentityResult?: { Arn?: string } } })
      .GetCallerIdentityResponse?.GetCallerIdentityResult?.Arn ?? "";
  // arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION is the role arn:aws:iam::ACCOUNT:role/ROLE
  const role = /^arn:(aws[\w-]*):sts::(\d+):assumed-role\/([^/]+)\/.+$/.exec(arn);
  const username = role === null ? arn : `arn:${role[1]}:iam::${role[2]}:role/${role[3]}`;
  return { authenticated: true, user: { username, groups: [] } };
}

async function review(token: string): Promise<Review> {
  if (token.startsWith("k8s-aws-v1.")) return reviewEksToken(token);
  const checked = verifyFakeToken(token, keys.tokenKey);
  if ("problem" in checked) return { authenticated: false, error: checked.problem };
  return { authenticated: true, user: { username: checked.claims.username, groups: checked.claims.groups } };
}

async function tokenReview(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = JSON.parse(await readBody(req)) as { apiVersion?: string; spec?: { token?: string } };
  const result = await review(body.spec?.token ?? "");
  log(`token review: ${result.authenticated ? `authenticated ${result.user.username}` : `refused (${result.error})`}`);
  reply(res, 200, { apiVersion: body.apiVersion ?? "authentication.k8s.io/v1", kind: "TokenReview", status: result });
}

const server = createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (req, res) => {
  const url = new URL(req.url ?? "/", issuer);
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  const handle = async () => {
    switch (route) {
      case "GET /healthz":
        return reply(res, 200, { ok: true });
      case "GET /.well-known/openid-configuration":
        return discovery(res);
      case "GET /.well-known/jwks":
        return jwks(res);
      case "GET /idtoken":
        return idToken(req, res, url);
      case "POST /token-exchange":
        return exchange(req, res);
      case "POST /authenticate":
        return tokenReview(req, res);
      default:
        return reply(res, 404, { message: `no route ${route}` });
    }
  };
  handle().catch((error: unknown) => {
    log(`${route} failed: ${String(error)}`);
    if (!res.headersSent) reply(res, 500, { message: "internal error" });
  });
});
server.listen(Number(portText), "127.0.0.1", () => log(`identity services on ${issuer}`));
// kube-apiserver keeps its connections open: do not wait for them
process.on("SIGTERM", () => process.exit(0));
