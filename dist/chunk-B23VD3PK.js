const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  expiringIn,
  jwtClaims
} from "./chunk-ZA77GC67.js";
import {
  CredentialsError,
  secretForms
} from "./chunk-OJTZGOVT.js";
import {
  proxyFromEnvironment
} from "./chunk-TAMLSLKN.js";
import {
  Interrupted
} from "./chunk-LR26H2VH.js";

// src/credentials/providers/https.ts
import { setTimeout as sleep } from "node:timers/promises";

// src/credentials/providers/transport.ts
import { isIP as isIP2 } from "node:net";
import { connect as connectTls2 } from "node:tls";

// src/credentials/providers/tunnel.ts
import { connect as connectTcp, isIP } from "node:net";
import { connect as connectTls } from "node:tls";
var setupTimeout = 1e4;
var defaultPorts = { "http:": 80, "https:": 443, "socks5:": 1080 };
var socksFailures = [
  "succeeded",
  "general failure",
  "connection not allowed by its rules",
  "network unreachable",
  "host unreachable",
  "connection refused",
  "TTL expired",
  "command not supported",
  "address type not supported"
];
function readAnswer(socket, complete) {
  return new Promise((resolve, reject) => {
    let data = Buffer.alloc(0);
    const done = (error, answer) => {
      socket.off("readable", read);
      socket.off("end", ended);
      socket.off("error", done);
      if (error === void 0 && answer !== void 0) resolve(answer);
      else reject(error ?? new Error("the proxy's answer was cut short"));
    };
    const ended = () => done(new Error("the proxy closed the connection"));
    function read() {
      let chunk;
      while ((chunk = socket.read()) !== null) {
        data = Buffer.concat([data, chunk]);
        let length;
        try {
          length = complete(data);
        } catch (error) {
          return done(error);
        }
        if (length === void 0) continue;
        if (data.length > length) return done(new Error("the proxy sent data after its answer"));
        return done(void 0, data);
      }
    }
    socket.on("readable", read);
    socket.once("end", ended);
    socket.once("error", done);
  });
}
function authority(host, port) {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
async function httpConnect(socket, proxy, host, port) {
  const target = authority(host, port);
  const credentials = proxy.username === "" ? "" : `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString("base64")}\r
`;
  socket.write(`CONNECT ${target} HTTP/1.1\r
Host: ${target}\r
${credentials}\r
`);
  const answer = await readAnswer(socket, (data) => {
    const end = data.indexOf("\r\n\r\n");
    if (end === -1 && data.length > 16384) throw new Error("the proxy's answer to CONNECT has no end");
    return end === -1 ? void 0 : end + 4;
  });
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(answer.toString("latin1"))?.[1];
  if (status === void 0) throw new Error("the proxy's answer to CONNECT is not HTTP");
  if (status !== "200") throw new Error(`the proxy answered HTTP ${status} to CONNECT`);
}
async function socksConnect(socket, proxy, host, port) {
  const user = decodeURIComponent(proxy.username);
  const password = decodeURIComponent(proxy.password);
  socket.write(Buffer.from(user === "" ? [5, 1, 0] : [5, 2, 0, 2]));
  const [, method] = await readAnswer(socket, (data) => data.length >= 2 ? 2 : void 0);
  if (method === 2 && user !== "") {
    const u = Buffer.from(user);
    const p = Buffer.from(password);
    socket.write(Buffer.concat([Buffer.from([1, u.length]), u, Buffer.from([p.length]), p]));
    const [, status] = await readAnswer(socket, (data) => data.length >= 2 ? 2 : void 0);
    if (status !== 0) throw new Error("the SOCKS5 proxy refused the username and password");
  } else if (method !== 0) throw new Error("the SOCKS5 proxy accepts none of the offered authentication methods");
  const family = isIP(host);
  const address = family === 4 ? Buffer.from([1, ...host.split(".").map(Number)]) : family === 6 ? Buffer.concat([Buffer.from([4]), ipv6Bytes(host)]) : Buffer.concat([Buffer.from([3, Buffer.byteLength(host)]), Buffer.from(host)]);
  socket.write(Buffer.concat([Buffer.from([5, 1, 0]), address, Buffer.from([port >> 8, port & 255])]));
  const answer = await readAnswer(socket, (data) => {
    if (data.length < 5) return void 0;
    const length = data[3] === 1 ? 10 : data[3] === 4 ? 22 : data[3] === 3 ? 7 + (data[4] ?? 0) : 0;
    if (length === 0) throw new Error("the SOCKS5 proxy's answer is malformed");
    return data.length >= length ? length : void 0;
  });
  const reply = answer[1] ?? 1;
  if (reply !== 0) throw new Error(`the SOCKS5 proxy refused: ${socksFailures[reply] ?? `reply ${reply}`}`);
}
function ipv6Bytes(host) {
  const [head = "", tail = ""] = host.split("::");
  const groups = (part) => part === "" ? [] : part.split(":");
  const fill = 8 - groups(head).length - groups(tail).length;
  const all = host.includes("::") ? [...groups(head), ...Array(fill).fill("0"), ...groups(tail)] : groups(host);
  return Buffer.from(all.flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 255]));
}
async function openTunnel(proxy, host, port) {
  const url = new URL(proxy);
  const proxyHost = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const proxyPort = url.port === "" ? defaultPorts[url.protocol] ?? 80 : Number(url.port);
  const socket = url.protocol === "https:" ? connectTls({ host: proxyHost, port: proxyPort, ...isIP(proxyHost) === 0 ? { servername: proxyHost } : {} }) : connectTcp({ host: proxyHost, port: proxyPort });
  socket.setTimeout(setupTimeout, () => socket.destroy(new Error("the proxy did not answer within 10 s")));
  try {
    await new Promise((resolve, reject) => {
      socket.once(url.protocol === "https:" ? "secureConnect" : "connect", () => resolve());
      socket.once("error", reject);
    });
    if (url.protocol === "socks5:") await socksConnect(socket, url, host, port);
    else await httpConnect(socket, url, host, port);
  } catch (error) {
    socket.destroy();
    throw error;
  }
  socket.setTimeout(0);
  return socket;
}

// src/credentials/providers/transport.ts
var headersTimeout = 3e4;
var http = () => process.getBuiltinModule("node:http");
var https = () => process.getBuiltinModule("node:https");
function tunnelling(Base, proxy, tls) {
  return new class extends Base {
    createConnection(options, callback) {
      const host = (options.hostname ?? options.host ?? "").replace(/^\[(.*)\]$/, "$1");
      const port = Number(options.port ?? (tls ? 443 : 80));
      openTunnel(proxy, host, port).then(
        (socket) => {
          if (!tls) return callback?.(null, socket);
          const servername = isIP2(host) === 0 ? { servername: host } : {};
          callback?.(null, connectTls2({ socket, host, ...servername, ALPNProtocols: ["http/1.1"] }));
        },
        // the agent reads no stream when there is an error
        (error) => callback?.(error)
      );
      return void 0;
    }
  }({ keepAlive: true });
}
var agents = /* @__PURE__ */ new Map();
function agentFor(url, proxy) {
  const tls = url.protocol === "https:";
  const key = `${url.protocol} ${proxy ?? ""}`;
  let agent = agents.get(key);
  if (agent === void 0) {
    const Base = tls ? https().Agent : http().Agent;
    agent = proxy === void 0 ? new Base({ keepAlive: true }) : tunnelling(Base, proxy, tls);
    agents.set(key, agent);
  }
  return agent;
}
function closeTransport() {
  for (const agent of agents.values()) agent.destroy();
  agents.clear();
}
function send(call, proxyEnvironment, signal) {
  const url = new URL(call.url);
  const agent = agentFor(url, proxyFromEnvironment(call.url, proxyEnvironment));
  const headers = { "user-agent": "kubeship", ...call.headers };
  if (call.body !== void 0) headers["content-length"] = String(Buffer.byteLength(call.body));
  const request = url.protocol === "https:" ? https().request : http().request;
  return new Promise((resolve, reject) => {
    const options = { method: call.method ?? "GET", headers, agent, ...signal === void 0 ? {} : { signal } };
    const outgoing = request(url, options, (response) => {
      const chunks = [];
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("error", reject);
      response.on(
        "end",
        () => resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString("utf8")
        })
      );
    });
    outgoing.setTimeout(
      headersTimeout,
      () => outgoing.destroy(Object.assign(new Error("timed out"), { code: "ETIMEDOUT" }))
    );
    outgoing.on("error", reject);
    outgoing.end(call.body);
  });
}

// src/credentials/providers/https.ts
var retried = /* @__PURE__ */ new Set([429, 502, 503, 504]);
var maxAttempts = 4;
function closeServiceConnections() {
  closeTransport();
  return Promise.resolve();
}
async function callService(call, reach) {
  const { signal } = reach;
  try {
    return await attempts(call, reach);
  } catch (error) {
    if (signal?.aborted !== true) throw error;
    throw new Interrupted(
      `waiting for ${call.step} at ${new URL(call.url).host}`,
      "check that the service is reachable from the runner (network, HTTPS_PROXY, NO_PROXY)",
      signal.reason
    );
  }
}
async function attempts(call, { proxyEnvironment, signal }) {
  const host = new URL(call.url).host;
  const pause = (attempt) => sleep(200 * 2 ** attempt, void 0, signal === void 0 ? {} : { signal });
  for (let attempt = 1; ; attempt++) {
    let answer;
    try {
      answer = await send(call, proxyEnvironment, signal);
    } catch (error) {
      if (signal?.aborted === true) throw error;
      const code = error.code ?? (error instanceof Error ? error.message : String(error));
      if (attempt < maxAttempts) {
        await pause(attempt);
        continue;
      }
      throw new CredentialsError(
        `${call.step}: could not reach ${host} (${code}); check the network, the proxy (HTTPS_PROXY, NO_PROXY) and the endpoint`
      );
    }
    if (!retried.has(answer.status) || attempt >= maxAttempts) return answer;
    await pause(attempt);
  }
}
function jsonOf(answer, step) {
  try {
    const value = JSON.parse(answer.text);
    if (typeof value === "object" && value !== null) return value;
  } catch {
  }
  throw new CredentialsError(`${step}: the answer (HTTP ${answer.status}) is not JSON`);
}

// src/credentials/providers/id-token.ts
var idTokenStep = "GitHub ID token request";
function describeIdToken(token) {
  const claims = jwtClaims(token);
  return `issuer ${String(claims.iss)}, audience ${JSON.stringify(claims.aud)}, subject ${String(claims.sub)}`;
}
async function requestIdToken(request, audience, context) {
  let url;
  try {
    url = new URL(request.url);
  } catch {
    throw new CredentialsError(`${idTokenStep}: ACTIONS_ID_TOKEN_REQUEST_URL is not a URL`);
  }
  url.searchParams.set("audience", audience);
  const issuedAt = /* @__PURE__ */ new Date();
  const answer = await callService(
    {
      step: idTokenStep,
      url: url.toString(),
      headers: { authorization: `Bearer ${request.token}`, accept: "application/json; api-version=2.0" }
    },
    context
  );
  if (answer.status === 401 || answer.status === 403) {
    throw new CredentialsError(
      `${idTokenStep}: the runner refused it (HTTP ${answer.status}): the job's request token is no longer valid (it lasts for the job, a few hours at most) or the job lacks \`permissions: id-token: write\``
    );
  }
  if (answer.status !== 200)
    throw new CredentialsError(`${idTokenStep}: the runner answered HTTP ${answer.status} for audience ${audience}`);
  const value = jsonOf(answer, idTokenStep).value;
  if (typeof value !== "string" || value.split(".").length !== 3)
    throw new CredentialsError(`${idTokenStep}: the runner's answer holds no ID token (no "value")`);
  secretForms(value).forEach(context.mask);
  const exp = jwtClaims(value).exp;
  const expiresAt = new Date(typeof exp === "number" ? exp * 1e3 : issuedAt.getTime() + 3e5);
  return { token: value, issuedAt, expiresAt };
}
async function idTokenFor(request, audience, context) {
  if (request === void 0) {
    throw new CredentialsError(
      `${idTokenStep}: ACTIONS_ID_TOKEN_REQUEST_URL is not set in this step: the job needs \`permissions: id-token: write\` (pull requests from forks get no ID token), and later steps must run in the same job, not in a container`
    );
  }
  return requestIdToken(request, audience, context);
}

// src/credentials/providers/provider.ts
function defineProvider(provider) {
  return provider;
}

// src/credentials/providers/sigv4.ts
import { createHash, createHmac } from "node:crypto";
var emptyPayloadHash = createHash("sha256").update("").digest("hex");
function uriEncode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
function amzDate(date) {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}
function hmac(key, data) {
  return createHmac("sha256", key).update(data, "utf8").digest();
}
function signingKey(secretAccessKey, day, region, service) {
  return hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, day), region), service), "aws4_request");
}
function canonicalQuery(params) {
  return [...params].map(([name, value]) => [uriEncode(name), uriEncode(value)]).sort(([a, x], [b, y]) => a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0).map(([name, value]) => `${name}=${value}`).join("&");
}
function canonicalPath(url, service) {
  if (service === "s3") return url.pathname;
  return url.pathname.split("/").map((segment) => uriEncode(segment)).join("/");
}
function signature(request, scope) {
  const headers = /* @__PURE__ */ new Map([["host", request.url.host]]);
  for (const [name, value] of Object.entries(request.headers))
    headers.set(name.toLowerCase(), value.trim().replace(/\s+/g, " "));
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = [
    request.method,
    canonicalPath(request.url, scope.service),
    canonicalQuery(request.url.searchParams),
    names.map((name) => `${name}:${headers.get(name) ?? ""}
`).join(""),
    signedHeaders,
    request.payloadHash
  ].join("\n");
  const date = amzDate(scope.date);
  const day = date.slice(0, 8);
  const credentialScope = `${day}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [
    "AWS4-HMAC-SHA256",
    date,
    credentialScope,
    createHash("sha256").update(canonicalRequest, "utf8").digest("hex")
  ].join("\n");
  const key = signingKey(scope.credentials.secretAccessKey, day, scope.region, scope.service);
  return { signature: hmac(key, stringToSign).toString("hex"), signedHeaders, credentialScope };
}
function signHeaders(method, url, headers, body, scope) {
  const signed = { ...headers, "x-amz-date": amzDate(scope.date) };
  if (scope.credentials.sessionToken !== void 0) signed["x-amz-security-token"] = scope.credentials.sessionToken;
  const payloadHash = createHash("sha256").update(body, "utf8").digest("hex");
  const result = signature({ method, url: new URL(url), headers: signed, payloadHash }, scope);
  return {
    ...signed,
    authorization: `AWS4-HMAC-SHA256 Credential=${scope.credentials.accessKeyId}/${result.credentialScope}, SignedHeaders=${result.signedHeaders}, Signature=${result.signature}`
  };
}
function presign(method, url, headers, expires, scope, payloadHash = emptyPayloadHash) {
  const target = new URL(url);
  const date = amzDate(scope.date);
  const names = ["host", ...Object.keys(headers).map((n) => n.toLowerCase())].sort().join(";");
  target.searchParams.set("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
  target.searchParams.set(
    "X-Amz-Credential",
    `${scope.credentials.accessKeyId}/${date.slice(0, 8)}/${scope.region}/${scope.service}/aws4_request`
  );
  target.searchParams.set("X-Amz-Date", date);
  target.searchParams.set("X-Amz-Expires", String(expires));
  target.searchParams.set("X-Amz-SignedHeaders", names);
  if (scope.credentials.sessionToken !== void 0)
    target.searchParams.set("X-Amz-Security-Token", scope.credentials.sessionToken);
  const result = signature({ method, url: target, headers, payloadHash }, scope);
  target.search = `${canonicalQuery(target.searchParams)}&X-Amz-Signature=${result.signature}`;
  return target.toString();
}

// src/credentials/providers/aws.ts
var stsStep = "AWS STS AssumeRoleWithWebIdentity";
var lookupStep = "EKS DescribeCluster (cluster lookup)";
var eksTokenLifetimeMs = 14 * 6e4;
function xmlValue(xml, tag) {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml)?.[1]?.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}
function stsCauses(code, provider, idToken) {
  const token = describeIdToken(idToken);
  switch (code) {
    case "InvalidIdentityToken":
      return `STS does not accept the GitHub ID token (${token}): the account needs an IAM OIDC identity provider for that issuer whose audiences include "${provider.audience}" (the audience input)`;
    case "IDPRejectedClaim":
    case "AccessDenied":
      return `the trust policy of ${provider.roleArn} refuses this workflow (${token}): its conditions on token.actions.githubusercontent.com:sub and :aud must match (with an environment the subject is repo:ORG/REPO:environment:NAME), and the role must exist`;
    case "ExpiredTokenException":
      return "the GitHub ID token expired before STS saw it (they live five minutes): check the runner's clock";
    case "RegionDisabledException":
      return `STS is not enabled in ${provider.region} for this account`;
    case "IDPCommunicationError":
      return "STS could not reach GitHub's issuer to check the token; try again";
    default:
      return "see the STS documentation for this error";
  }
}
async function assumeRole(provider, idToken, context) {
  const form = new URLSearchParams({
    Action: "AssumeRoleWithWebIdentity",
    Version: "2011-06-15",
    RoleArn: provider.roleArn,
    RoleSessionName: provider.sessionName,
    WebIdentityToken: idToken,
    DurationSeconds: "3600"
  });
  const answer = await callService(
    {
      step: stsStep,
      url: `${provider.endpoints.sts}/`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: form.toString()
    },
    context
  );
  const accessKeyId = xmlValue(answer.text, "AccessKeyId");
  const secretAccessKey = xmlValue(answer.text, "SecretAccessKey");
  const sessionToken = xmlValue(answer.text, "SessionToken");
  for (const secret of [accessKeyId, secretAccessKey, sessionToken])
    if (secret !== void 0 && secret !== "") secretForms(secret).forEach(context.mask);
  if (answer.status !== 200 || accessKeyId === void 0 || secretAccessKey === void 0 || sessionToken === void 0) {
    const code = xmlValue(answer.text, "Code") ?? `HTTP ${answer.status}`;
    const message = xmlValue(answer.text, "Message");
    throw new CredentialsError(
      `${stsStep} for ${provider.roleArn} failed (${code}${message === void 0 ? "" : `: ${message}`}); ${stsCauses(code, provider, idToken)}`
    );
  }
  const expiration = Date.parse(xmlValue(answer.text, "Expiration") ?? "");
  return {
    credentials: { accessKeyId, secretAccessKey, sessionToken },
    expiresAt: new Date(Number.isNaN(expiration) ? Date.now() + 36e5 : expiration)
  };
}
function eksToken(provider, session, mask, now = /* @__PURE__ */ new Date()) {
  const url = presign(
    "GET",
    `${provider.endpoints.sts}/?Action=GetCallerIdentity&Version=2011-06-15`,
    { "x-k8s-aws-id": provider.clusterName },
    // kept at 60 for old authenticators; the token is valid 15 minutes after X-Amz-Date regardless
    60,
    { service: "sts", region: provider.region, credentials: session.credentials, date: now }
  );
  const token = `k8s-aws-v1.${Buffer.from(url).toString("base64url")}`;
  secretForms(token).forEach(mask);
  const expiresAt = new Date(Math.min(now.getTime() + eksTokenLifetimeMs, session.expiresAt.getTime()));
  return { token, issuedAt: now, expiresAt };
}
function awsError(answer) {
  const header = answer.headers["x-amzn-errortype"];
  let body = {};
  try {
    body = JSON.parse(answer.text);
  } catch {
  }
  const type = (typeof header === "string" ? header : body.__type ?? `HTTP ${answer.status}`).split(":")[0]?.split("#").pop() ?? "";
  return { code: type, message: body.message ?? body.Message ?? "" };
}
async function describeCluster(provider, session, context) {
  const url = `${provider.endpoints.eks}/clusters/${encodeURIComponent(provider.clusterName)}`;
  const headers = signHeaders("GET", url, { accept: "application/json" }, "", {
    service: "eks",
    region: provider.region,
    credentials: session.credentials,
    date: /* @__PURE__ */ new Date()
  });
  const answer = await callService({ step: lookupStep, url, headers }, context);
  if (answer.status !== 200) {
    const { code, message } = awsError(answer);
    const cause = code === "ResourceNotFoundException" ? `there is no cluster ${provider.clusterName} in ${provider.region}; check cluster-name and aws-region` : code === "AccessDeniedException" || answer.status === 403 ? `${provider.roleArn} may not describe the cluster: give it eks:DescribeCluster, or set server and certificate-authority-data` : "see the EKS documentation for this error";
    throw new CredentialsError(`${lookupStep} failed (${code}${message === "" ? "" : `: ${message}`}); ${cause}`);
  }
  const cluster = jsonOf(answer, lookupStep).cluster;
  if (cluster?.endpoint === void 0 || cluster.endpoint === "") {
    throw new CredentialsError(
      `${lookupStep}: cluster ${provider.clusterName} has no endpoint yet (status ${cluster?.status ?? "unknown"}); wait until it is ACTIVE`
    );
  }
  const data = cluster.certificateAuthority?.data;
  return {
    server: cluster.endpoint.replace(/\/+$/, ""),
    ca: data === void 0 ? void 0 : Buffer.from(data, "base64").toString("utf8"),
    source: `EKS DescribeCluster of ${provider.clusterName} (${provider.region})`
  };
}
var aws = defineProvider({
  method: "aws",
  inputs: ["audience", "aws-role-arn", "aws-region", "cluster-name"],
  read(inputs) {
    const roleArn = inputs.required("aws-role-arn", "the IAM role to assume with the GitHub ID token");
    if (roleArn !== "" && !/^arn:aws[\w-]*:iam::\d{12}:role\/\S+$/.test(roleArn)) {
      inputs.problem(`aws-role-arn: "${roleArn}" is not an IAM role ARN (arn:aws:iam::123456789012:role/NAME)`);
    }
    const region = inputs.required("aws-region", "the cluster's region, for example eu-west-1");
    const china = region.startsWith("cn-");
    const domain = china ? "amazonaws.com.cn" : "amazonaws.com";
    return {
      method: "aws",
      audience: inputs.input("audience") ?? (china ? "sts.amazonaws.com.cn" : "sts.amazonaws.com"),
      roleArn,
      region,
      clusterName: inputs.required("cluster-name", "the EKS cluster's name"),
      sessionName: `kubeship-${inputs.variable("GITHUB_RUN_ID") ?? "run"}`.slice(0, 64),
      endpoints: {
        sts: inputs.endpoint(["AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"], `https://sts.${region}.${domain}`),
        eks: inputs.endpoint(["AWS_ENDPOINT_URL_EKS", "AWS_ENDPOINT_URL"], `https://eks.${region}.${domain}`)
      }
    };
  },
  async obtainToken(settings, idToken, context) {
    const session = await assumeRole(settings, idToken.token, context);
    return eksToken(settings, session, context.mask);
  },
  async findCluster(settings, idToken, context) {
    const session = await assumeRole(settings, (await idToken()).token, context);
    return describeCluster(settings, session, context);
  },
  describe: (settings) => `an EKS token for ${settings.roleArn} (AssumeRoleWithWebIdentity, renewed before it expires)`,
  rejectionCauses: (settings) => `the cluster refused the EKS token for ${settings.roleArn}. Usual causes: the role has no access entry (or aws-auth mapping) on cluster ${settings.clusterName}, or the token was signed for another cluster name (cluster-name)`
});

// src/credentials/providers/service-errors.ts
function serviceError(answer) {
  let body = {};
  try {
    body = JSON.parse(answer.text);
  } catch {
  }
  if (typeof body.error === "string")
    return { code: body.error, message: typeof body.error_description === "string" ? body.error_description : "" };
  if (typeof body.error === "object" && body.error !== null) {
    const error = body.error;
    const code = typeof error.status === "string" ? error.status : typeof error.code === "string" ? error.code : `HTTP ${answer.status}`;
    return { code, message: typeof error.message === "string" ? error.message : "" };
  }
  return { code: `HTTP ${answer.status}`, message: "" };
}
function describeError(error) {
  return `${error.code}${error.message === "" ? "" : `: ${error.message}`}`;
}

// src/credentials/providers/azure.ts
var aksServerScope = "6dae42f8-4368-4678-94ff-3960e28e3630/.default";
var entraStep = "Microsoft Entra token request";
var lookupStep2 = "ARM listClusterUserCredential (cluster lookup)";
function entraCauses(message, provider, idToken) {
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
async function entraToken(provider, idToken, scope, context) {
  const form = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: provider.clientId,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: idToken,
    scope
  });
  const issuedAt = /* @__PURE__ */ new Date();
  const url = `${provider.endpoints.authority}/${encodeURIComponent(provider.tenantId)}/oauth2/v2.0/token`;
  const answer = await callService(
    {
      step: entraStep,
      url,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: form.toString()
    },
    context
  );
  const body = answer.status === 200 ? jsonOf(answer, entraStep) : {};
  if (typeof body.access_token !== "string" || body.access_token === "") {
    const error = serviceError(answer);
    throw new CredentialsError(
      `${entraStep} for client ${provider.clientId} (scope ${scope}) failed (${describeError(error)}); ${entraCauses(error.message, provider, idToken)}`
    );
  }
  secretForms(body.access_token).forEach(context.mask);
  return expiringIn(body.access_token, body.expires_in, issuedAt);
}
async function aksCluster(provider, idToken, context) {
  const cluster = provider.cluster;
  if (cluster === void 0) return void 0;
  const arm = await entraToken(provider, idToken, `${provider.endpoints.resourceManager}/.default`, context);
  const id = `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${cluster.name}`;
  const answer = await callService(
    {
      step: lookupStep2,
      url: `${provider.endpoints.resourceManager}${id}/listClusterUserCredential?api-version=2024-09-01`,
      method: "POST",
      headers: { authorization: `Bearer ${arm.token}`, "content-length": "0" }
    },
    context
  );
  if (answer.status !== 200) {
    const error = serviceError(answer);
    const cause = error.code === "AuthorizationFailed" ? `client ${provider.clientId} needs the Azure Kubernetes Service Cluster User Role on the cluster (listClusterUserCredential), or set server and certificate-authority-data` : error.code === "ResourceNotFound" || error.code === "ResourceGroupNotFound" ? `there is no cluster ${cluster.name} in resource group ${cluster.resourceGroup}; check azure-subscription-id, azure-resource-group and cluster-name` : "see the Azure Resource Manager documentation for this error";
    throw new CredentialsError(`${lookupStep2} failed (${describeError(error)}); ${cause}`);
  }
  const value = jsonOf(answer, lookupStep2).kubeconfigs?.[0]?.value;
  const { firstCluster } = await import("./kubeconfig-cluster-AU7KWBEF.js");
  const entry = firstCluster(Buffer.from(value ?? "", "base64").toString("utf8"));
  if (entry?.server === void 0)
    throw new CredentialsError(`${lookupStep2}: the answer holds no kubeconfig with a cluster for ${cluster.name}`);
  const ca = entry["certificate-authority-data"];
  return {
    server: entry.server.replace(/\/+$/, ""),
    ca: ca === void 0 ? void 0 : Buffer.from(ca, "base64").toString("utf8"),
    source: `Azure Resource Manager (${cluster.name} in ${cluster.resourceGroup})`
  };
}
var azure = defineProvider({
  method: "azure",
  inputs: [
    "audience",
    "azure-client-id",
    "azure-tenant-id",
    "azure-subscription-id",
    "azure-resource-group",
    "cluster-name"
  ],
  read(inputs) {
    const subscriptionId = inputs.input("azure-subscription-id");
    const resourceGroup = inputs.input("azure-resource-group");
    const name = inputs.input("cluster-name");
    const named = subscriptionId !== void 0 && resourceGroup !== void 0 && name !== void 0;
    if (!inputs.clusterGiven && !named) {
      inputs.problem(
        "auth: azure needs the cluster: give azure-subscription-id, azure-resource-group and cluster-name (or server and certificate-authority-data)"
      );
    }
    return {
      method: "azure",
      audience: inputs.input("audience") ?? "api://AzureADTokenExchange",
      clientId: inputs.required("azure-client-id", "the application or managed identity with the federated credential"),
      tenantId: inputs.required("azure-tenant-id", "the Microsoft Entra tenant"),
      cluster: named ? { subscriptionId, resourceGroup, name } : void 0,
      endpoints: {
        authority: inputs.endpoint(["AZURE_AUTHORITY_HOST"], "https://login.microsoftonline.com"),
        resourceManager: inputs.endpoint(["AZURE_RESOURCE_MANAGER_ENDPOINT"], "https://management.azure.com")
      }
    };
  },
  obtainToken: (settings, idToken, context) => entraToken(settings, idToken.token, aksServerScope, context),
  async findCluster(settings, idToken, context) {
    if (settings.cluster === void 0) return void 0;
    return aksCluster(settings, (await idToken()).token, context);
  },
  describe: (settings) => `a Microsoft Entra token for client ${settings.clientId} (renewed before it expires)`,
  rejectionCauses: (settings) => `the cluster refused the Microsoft Entra token for client ${settings.clientId}. Usual causes: the cluster is not Entra-integrated, or the principal has no Azure RBAC role on it nor Kubernetes RBAC binding`
});

// src/credentials/providers/gcp.ts
var stsStep2 = "Google STS token exchange";
var impersonationStep = "Google IAM Credentials generateAccessToken";
var lookupStep3 = "GKE clusters.get (cluster lookup)";
var cloudPlatform = "https://www.googleapis.com/auth/cloud-platform";
async function federatedToken(provider, idToken, context) {
  const form = new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    audience: provider.providerResource,
    scope: cloudPlatform,
    requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
    subject_token: idToken,
    subject_token_type: "urn:ietf:params:oauth:token-type:jwt"
  });
  const issuedAt = /* @__PURE__ */ new Date();
  const answer = await callService(
    {
      step: stsStep2,
      url: `${provider.endpoints.sts}/v1/token`,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.toString()
    },
    context
  );
  const body = answer.status === 200 ? jsonOf(answer, stsStep2) : {};
  if (typeof body.access_token !== "string" || body.access_token === "") {
    const error = serviceError(answer);
    throw new CredentialsError(
      `${stsStep2} with ${provider.workloadIdentityProvider} failed (${describeError(error)}); usual causes: the provider's issuer or allowed audiences do not match the GitHub ID token (${describeIdToken(idToken)}; the audience input), or its attribute condition refuses this repository, or gcp-workload-identity-provider names another pool or provider (it needs the project number)`
    );
  }
  secretForms(body.access_token).forEach(context.mask);
  return expiringIn(body.access_token, body.expires_in, issuedAt);
}
async function serviceAccountToken(provider, serviceAccount, federated, context) {
  const url = `${provider.endpoints.iamCredentials}/v1/projects/-/serviceAccounts/${encodeURIComponent(serviceAccount)}:generateAccessToken`;
  const issuedAt = /* @__PURE__ */ new Date();
  const answer = await callService(
    {
      step: impersonationStep,
      url,
      method: "POST",
      headers: { authorization: `Bearer ${federated.token}`, "content-type": "application/json" },
      body: JSON.stringify({ scope: [cloudPlatform], lifetime: "3600s" })
    },
    context
  );
  const body = answer.status === 200 ? jsonOf(answer, impersonationStep) : {};
  if (typeof body.accessToken !== "string" || body.accessToken === "") {
    const error = serviceError(answer);
    const cause = error.code === "PERMISSION_DENIED" ? `the workload identity pool's principal needs roles/iam.workloadIdentityUser (iam.serviceAccounts.getAccessToken) on ${serviceAccount}` : error.code === "NOT_FOUND" ? `there is no service account ${serviceAccount}; check gcp-service-account` : "see the IAM Credentials documentation for this error";
    throw new CredentialsError(`${impersonationStep} for ${serviceAccount} failed (${describeError(error)}); ${cause}`);
  }
  secretForms(body.accessToken).forEach(context.mask);
  const expires = typeof body.expireTime === "string" ? Date.parse(body.expireTime) : Number.NaN;
  return {
    token: body.accessToken,
    issuedAt,
    expiresAt: new Date(Number.isNaN(expires) ? issuedAt.getTime() + 36e5 : expires)
  };
}
async function googleAccessToken(provider, idToken, context) {
  const federated = await federatedToken(provider, idToken, context);
  if (provider.serviceAccount === void 0) return federated;
  return serviceAccountToken(provider, provider.serviceAccount, federated, context);
}
async function gkeCluster(provider, accessToken, context) {
  const cluster = provider.cluster;
  if (cluster === void 0) return void 0;
  const name = `projects/${cluster.project}/locations/${cluster.location}/clusters/${cluster.name}`;
  const answer = await callService(
    {
      step: lookupStep3,
      url: `${provider.endpoints.container}/v1/${name}`,
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" }
    },
    context
  );
  if (answer.status !== 200) {
    const error = serviceError(answer);
    const cause = error.code === "NOT_FOUND" ? `there is no cluster ${cluster.name} in ${cluster.project}/${cluster.location}; check gcp-project, gcp-location and cluster-name` : error.code === "PERMISSION_DENIED" ? `the identity may not read the cluster: give it roles/container.clusterViewer on ${cluster.project}, or set server and certificate-authority-data` : "see the GKE documentation for this error";
    throw new CredentialsError(`${lookupStep3} failed (${describeError(error)}); ${cause}`);
  }
  const found = jsonOf(answer, lookupStep3);
  const source = `the GKE API (${name})`;
  if (cluster.endpoint === "dns") {
    const dns = found.controlPlaneEndpointsConfig?.dnsEndpointConfig?.endpoint;
    if (dns === void 0 || dns === "")
      throw new CredentialsError(
        `${lookupStep3}: cluster ${cluster.name} has no DNS endpoint; enable it, or use gcp-endpoint: ip`
      );
    return { server: `https://${dns}`, ca: void 0, source };
  }
  if (found.endpoint === void 0 || found.endpoint === "")
    throw new CredentialsError(
      `${lookupStep3}: cluster ${cluster.name} has no endpoint yet (status ${found.status ?? "unknown"})`
    );
  const ca = found.masterAuth?.clusterCaCertificate;
  return {
    server: found.endpoint.startsWith("https://") ? found.endpoint : `https://${found.endpoint}`,
    ca: ca === void 0 ? void 0 : Buffer.from(ca, "base64").toString("utf8"),
    source
  };
}
var providerPattern = /^projects\/\d+\/locations\/global\/workloadIdentityPools\/[^/]+\/providers\/[^/]+$/;
var providerForm = "projects/NUMBER/locations/global/workloadIdentityPools/POOL/providers/PROVIDER";
var gcp = defineProvider({
  method: "gcp",
  inputs: [
    "audience",
    "gcp-workload-identity-provider",
    "gcp-service-account",
    "gcp-project",
    "gcp-location",
    "gcp-endpoint",
    "cluster-name"
  ],
  defaults: { "gcp-endpoint": "ip" },
  read(inputs) {
    const provider = inputs.required("gcp-workload-identity-provider", providerForm);
    if (provider !== "" && !providerPattern.test(provider)) {
      inputs.problem(
        `gcp-workload-identity-provider: "${provider}" is not ${providerForm} (the project number, not its ID)`
      );
    }
    const endpoint = inputs.oneOf("gcp-endpoint", ["ip", "dns"]);
    const universe = inputs.endpoint(["GOOGLE_CLOUD_UNIVERSE_DOMAIN"], "googleapis.com");
    const project = inputs.input("gcp-project");
    const location = inputs.input("gcp-location");
    const name = inputs.input("cluster-name");
    const named = project !== void 0 && location !== void 0 && name !== void 0;
    if (!inputs.clusterGiven && !named) {
      inputs.problem(
        "auth: gcp needs the cluster: give gcp-project, gcp-location and cluster-name (or server and certificate-authority-data)"
      );
    }
    const override = (service, fallback) => inputs.endpoint([`CLOUDSDK_API_ENDPOINT_OVERRIDES_${service}`], fallback);
    return {
      method: "gcp",
      audience: inputs.input("audience") ?? `https://iam.${universe}/${provider}`,
      workloadIdentityProvider: provider,
      providerResource: `//iam.${universe}/${provider}`,
      serviceAccount: inputs.input("gcp-service-account"),
      cluster: named ? { project, location, name, endpoint } : void 0,
      endpoints: {
        sts: override("STS", `https://sts.${universe}`),
        iamCredentials: override("IAMCREDENTIALS", `https://iamcredentials.${universe}`),
        container: override("CONTAINER", `https://container.${universe}`)
      }
    };
  },
  obtainToken: (settings, idToken, context) => googleAccessToken(settings, idToken.token, context),
  async findCluster(settings, idToken, context) {
    if (settings.cluster === void 0) return void 0;
    const access = await googleAccessToken(settings, (await idToken()).token, context);
    return gkeCluster(settings, access.token, context);
  },
  describe: (settings) => `a Google access token${settings.serviceAccount === void 0 ? "" : ` for ${settings.serviceAccount}`} from ${settings.workloadIdentityProvider} (renewed before it expires)`,
  rejectionCauses: (settings) => `the cluster refused the Google access token. Usual causes: the identity (${settings.serviceAccount ?? "the workload identity pool principal"}) has no IAM role on the cluster's project (roles/container.developer) nor RBAC binding`
});

// src/credentials/providers/github-oidc.ts
var githubOidc = defineProvider({
  method: "github-oidc",
  inputs: ["audience"],
  read(inputs) {
    inputs.requireCluster();
    const audience = inputs.required(
      "audience",
      "the audience the cluster's JWT authenticator accepts, for example https://kubernetes.example.com"
    );
    return { method: "github-oidc", audience };
  },
  obtainToken: (_settings, idToken) => Promise.resolve(idToken),
  describe: (settings) => `the GitHub ID token for audience ${settings.audience} (renewed before it expires)`,
  rejectionCauses: (settings, token) => `the cluster refused the GitHub ID token (${describeIdToken(token)}). Usual causes: the cluster's JWT authenticator (structured authentication configuration) does not trust that issuer, does not list the audience "${settings.audience}" (the audience input), or its claim rules refuse that subject (with an environment the subject is repo:ORG/REPO:environment:NAME)`
});

// src/credentials/providers/token-exchange.ts
var exchangeStep = "token exchange";
var causes = {
  invalid_grant: "the service does not accept the GitHub ID token: its issuer, audience (the audience input) or subject is not trusted there, or it expired",
  invalid_request: "a parameter is missing or not supported by this service (some want subject_token_type id_token, or a client_id)",
  invalid_client: "the service does not know the client (token-exchange-client-id) or wants it to authenticate",
  unauthorized_client: "the client (token-exchange-client-id) may not use token exchange",
  unsupported_grant_type: "the endpoint does not do RFC 8693 token exchange; check token-exchange-url",
  invalid_scope: "the service does not grant token-exchange-scope",
  invalid_target: "the service may not issue tokens for the requested audience or resource",
  access_denied: "the service refused the GitHub ID token (Dex: subject token check failed)"
};
async function exchangeToken(provider, idToken, context) {
  const form = new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: idToken,
    // an ID token: what Dex requires (it refuses the generic jwt type)
    subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
    requested_token_type: "urn:ietf:params:oauth:token-type:access_token"
  });
  if (provider.scope !== void 0) form.set("scope", provider.scope);
  if (provider.clientId !== void 0) form.set("client_id", provider.clientId);
  const issuedAt = /* @__PURE__ */ new Date();
  const answer = await callService(
    {
      step: exchangeStep,
      url: provider.url,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form.toString()
    },
    context
  );
  const body = jsonOf(
    answer,
    `${exchangeStep} at ${provider.url}`
  );
  if (typeof body.access_token === "string") secretForms(body.access_token).forEach(context.mask);
  if (answer.status !== 200 || typeof body.access_token !== "string" || body.access_token === "") {
    const code = typeof body.error === "string" ? body.error : `HTTP ${answer.status}`;
    const description = typeof body.error_description === "string" ? `: ${body.error_description}` : "";
    const cause = causes[code] ?? "see the service's documentation for this error";
    throw new CredentialsError(
      `${exchangeStep} at ${provider.url} failed (${code}${description}); ${cause}. The GitHub ID token had ${describeIdToken(idToken)}`
    );
  }
  return expiringIn(body.access_token, body.expires_in, issuedAt);
}
var tokenExchange = defineProvider({
  method: "token-exchange",
  inputs: ["audience", "token-exchange-url", "token-exchange-scope", "token-exchange-client-id"],
  read(inputs) {
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
      clientId: inputs.input("token-exchange-client-id")
    };
  },
  obtainToken: (settings, idToken, context) => exchangeToken(settings, idToken.token, context),
  describe: (settings) => `a token from ${settings.url} for the GitHub ID token (RFC 8693, renewed before it expires)`,
  rejectionCauses: (settings) => `the cluster refused the token issued by ${settings.url}. Usual causes: the cluster does not trust that service's tokens (its JWT authenticator or token webhook), or they are for another audience (token-exchange-scope, audience)`
});

// src/credentials/providers/registry.ts
var providers = [githubOidc, tokenExchange, aws, gcp, azure];
var oidcMethods = providers.map((provider) => provider.method);
var registry = providers;
function providerOf(settings) {
  const provider = registry.find((candidate) => candidate.method === settings.method);
  if (provider === void 0) {
    throw new CredentialsError(`auth: ${String(settings.method)} is not known to this version of kubeship`);
  }
  return provider;
}
async function obtainClusterToken(settings, context) {
  const provider = providerOf(settings);
  const idToken = await idTokenFor(context.idTokenRequest, settings.audience, context);
  return provider.obtainToken(settings, idToken, context);
}
async function lookUpCluster(settings, context) {
  const provider = providerOf(settings);
  const idToken = () => idTokenFor(context.idTokenRequest, settings.audience, context);
  return provider.findCluster?.(settings, idToken, context);
}
function describeProvider(settings) {
  return providerOf(settings).describe(settings);
}
function rejectionCauses(settings, token) {
  return providerOf(settings).rejectionCauses(settings, token);
}

export {
  closeServiceConnections,
  oidcMethods,
  registry,
  obtainClusterToken,
  lookUpCluster,
  describeProvider,
  rejectionCauses
};
