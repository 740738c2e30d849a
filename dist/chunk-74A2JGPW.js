const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  require_agent,
  require_api,
  require_dispatcher,
  require_proxy_agent
} from "./chunk-FY6K4G6S.js";
import {
  crdKind,
  describeRef,
  groupKind,
  groupOf,
  isStatus,
  versionOf
} from "./chunk-5BGRW4SM.js";
import {
  Interrupted,
  eitherSignal,
  monotonicMs
} from "./chunk-LR26H2VH.js";
import {
  __toESM
} from "./chunk-RCV5BOJ3.js";

// src/apply/applyset.ts
import { createHash } from "node:crypto";

// src/kube/errors.ts
var KubeApiError = class extends Error {
  code;
  reason;
  status;
  constructor(code, method, path, status, text) {
    const reason = status?.reason ?? reasonForCode(code);
    super(
      status?.message ?? `${method} ${path} answered HTTP ${code} (${reason})${text.trim() === "" ? "" : `: ${text.trim().slice(0, 300)}`}`
    );
    this.name = "KubeApiError";
    this.code = code;
    this.reason = reason;
    this.status = status;
  }
  /** What to do about it, in a sentence. */
  get hint() {
    switch (this.reason) {
      case "Unauthorized":
        return "the credentials were not accepted: check that the token or client certificate is valid and not expired";
      case "Forbidden":
        return "the identity lacks permission for this: grant it with a Role/ClusterRole binding, or deploy as another identity";
      case "NotFound":
        return "it does not exist on the cluster: check the name, namespace and apiVersion";
      case "Conflict":
        return "another field manager owns these fields: change the manifest to match, remove the fields, or set force-conflicts";
      case "Invalid":
      case "BadRequest":
        return "the server rejected the object as written: fix the manifest";
      case "TooManyRequests":
        return "the API server is overloaded (API priority and fairness): retry later";
      default:
        return this.code >= 500 ? "the API server failed to handle the request: check the cluster's health and retry" : "";
    }
  }
};
function reasonForCode(code) {
  const reasons = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    409: "Conflict",
    410: "Expired",
    415: "UnsupportedMediaType",
    422: "Invalid",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
    504: "Timeout"
  };
  return reasons[code] ?? `HTTP${code}`;
}
var ConnectionError = class extends Error {
  constructor(server, cause, context = {}) {
    const through = context.proxy === void 0 ? "" : ` through the proxy ${redactUrl(context.proxy)}`;
    super(`cannot reach ${server}${through}: ${describeNetworkError(server, cause, context)}`, { cause });
    this.name = "ConnectionError";
  }
};
var ServerAnswerError = class extends Error {
  constructor(server, method, path, problem) {
    super(`${method} ${server}${path}: ${problem}`);
    this.name = "ServerAnswerError";
  }
};
function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "REDACTED";
    return parsed.toString().replace(/\/$/, "");
  } catch {
    return "(an invalid URL)";
  }
}
function describeNetworkError(server, cause, context) {
  const code = cause.code ?? cause.cause?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  const trusted = context.caSource ?? "the system's trusted roots (no certificate-authority was given)";
  const name = context.serverName ?? hostOf(server);
  switch (code) {
    case "ECONNREFUSED":
      return "connection refused (is the API server running, and is the address right?)";
    case "ENOTFOUND":
      return "the host name does not resolve";
    case "UND_ERR_HEADERS_TIMEOUT":
      return `it accepted the connection but did not answer (${code}); check the API server's health and any proxy in between`;
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
    case "CERT_SIGNATURE_FAILURE":
      return `TLS verification failed: the server's certificate is not signed by a CA from ${trusted} (${code}); set certificate-authority-data to the cluster's CA`;
    case "CERT_HAS_EXPIRED":
      return `TLS verification failed: the server's certificate has expired (${code})`;
    case "ERR_TLS_CERT_ALTNAME_INVALID":
      return `TLS verification failed: the server's certificate does not name "${name}" (${code}); connect with a name the certificate holds, or set tls-server-name in the kubeconfig cluster`;
    default:
      return code === void 0 ? message : `${message} (${code})`;
  }
}
function hostOf(server) {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}

// src/kube/discovery.ts
var aggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";
var RestMapper = class {
  mappings = /* @__PURE__ */ new Map();
  /** `Kind.group` → the mapping in the group's preferred version (the first one added) */
  preferred = /* @__PURE__ */ new Map();
  add(mapping) {
    this.mappings.set(`${mapping.group}/${mapping.version}/${mapping.kind}`, mapping);
    const key = groupKind(mapping.group, mapping.kind);
    if (!this.preferred.has(key)) this.preferred.set(key, mapping);
  }
  find(apiVersion, kind) {
    return this.mappings.get(`${groupOf(apiVersion)}/${versionOf(apiVersion)}/${kind}`);
  }
  /** The kind in the group's preferred version: for kinds known only as `Kind.group` (ApplySet). */
  findGroupKind(group, kind) {
    return this.preferred.get(groupKind(group, kind));
  }
  servesGroup(group) {
    return [...this.preferred.values()].some((m) => m.group === group);
  }
};
async function aggregated(client, mapper, signal) {
  const roots = await Promise.all(
    ["/api", "/apis"].map(
      (path) => client.request("GET", path, { accept: aggregatedAccept, ...signal ? { signal } : {} })
    )
  );
  if (roots.some((root) => !String(root.headers["content-type"] ?? "").includes("as=APIGroupDiscoveryList")))
    return false;
  for (const root of roots) {
    for (const group of root.body.items ?? []) {
      const groupName = group.metadata?.name ?? "";
      for (const version of group.versions ?? []) {
        for (const resource of version.resources ?? []) {
          const kind = resource.responseKind?.kind;
          if (kind === void 0 || kind === "") continue;
          mapper.add({
            group: groupName,
            version: version.version,
            kind,
            resource: resource.resource,
            namespaced: resource.scope === "Namespaced"
          });
        }
      }
    }
  }
  return true;
}
async function perGroup(client, mapper, signal) {
  const options = signal ? { signal } : {};
  const groups = (await client.request("GET", "/apis", options)).body.groups ?? [];
  const groupVersions = [
    { group: "", version: "v1", path: "/api/v1" }
  ];
  for (const group of groups) {
    const ordered = [...group.versions].sort(
      (a, b) => Number(b.version === group.preferredVersion?.version) - Number(a.version === group.preferredVersion?.version)
    );
    for (const v of ordered)
      groupVersions.push({ group: group.name, version: v.version, path: `/apis/${v.groupVersion}` });
  }
  const lists = await Promise.all(
    groupVersions.map(async (gv) => {
      try {
        return { gv, list: (await client.request("GET", gv.path, options)).body };
      } catch (error) {
        if (error instanceof KubeApiError && error.code >= 500) return { gv, list: {} };
        throw error;
      }
    })
  );
  for (const { gv, list } of lists) {
    for (const resource of list.resources ?? []) {
      if (resource.name.includes("/")) continue;
      mapper.add({
        group: gv.group,
        version: gv.version,
        kind: resource.kind,
        resource: resource.name,
        namespaced: resource.namespaced
      });
    }
  }
}
async function discover(client, signal) {
  const mapper = new RestMapper();
  if (!await aggregated(client, mapper, signal)) await perGroup(client, mapper, signal);
  return mapper;
}
function resourcePath(mapping, namespace, name) {
  const base = mapping.group === "" ? `/api/${mapping.version}` : `/apis/${mapping.group}/${mapping.version}`;
  const scope = mapping.namespaced && namespace !== void 0 ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const object = name === void 0 ? "" : `/${encodeURIComponent(name)}`;
  return `${base}${scope}/${mapping.resource}${object}`;
}

// src/apply/applyset.ts
var partOfLabel = "applyset.kubernetes.io/part-of";
var idLabel = "applyset.kubernetes.io/id";
var toolingAnnotation = "applyset.kubernetes.io/tooling";
var groupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds";
var namespacesAnnotation = "applyset.kubernetes.io/additional-namespaces";
var keepAnnotation = "kubeship.io/prune";
var tooling = "kubeship/v1";
function applySetId(name, namespace, kind = "Secret", group = "") {
  const digest = createHash("sha256").update(`${name}.${namespace}.${kind}.${group}`).digest("base64url");
  return `applyset-${digest}-v1`;
}
function applySetParent(name, namespace) {
  return { name, namespace, id: applySetId(name, namespace) };
}
function splitList(value) {
  return (value ?? "").split(",").map((v) => v.trim()).filter((v) => v !== "");
}
var ApplySetError = class extends Error {
  name = "ApplySetError";
};
function parentPath(parent) {
  return `/api/v1/namespaces/${encodeURIComponent(parent.namespace)}/secrets/${encodeURIComponent(parent.name)}`;
}
async function readMembership(client, parent, signal) {
  const secret = await client.get(parentPath(parent), signal ? { signal } : {});
  if (secret === void 0) return { groupKinds: [], namespaces: [] };
  const where = `ApplySet parent Secret/${parent.namespace}/${parent.name}`;
  const tool = secret.metadata.annotations?.[toolingAnnotation];
  if (tool === void 0) {
    throw new ApplySetError(
      `${where} exists but is not an ApplySet parent (no ${toolingAnnotation} annotation): choose another applyset name`
    );
  }
  if (tool.slice(0, tool.lastIndexOf("/")) !== "kubeship") {
    throw new ApplySetError(
      `${where} is managed by ${tool}, not kubeship: kubeship will not change another tool's set (choose another applyset name)`
    );
  }
  if (secret.metadata.labels?.[idLabel] !== parent.id) {
    throw new ApplySetError(
      `${where} has id ${secret.metadata.labels?.[idLabel] ?? "(none)"}, not ${parent.id} as its name and namespace require: refusing to use it`
    );
  }
  return {
    groupKinds: splitList(secret.metadata.annotations?.[groupKindsAnnotation]),
    namespaces: splitList(secret.metadata.annotations?.[namespacesAnnotation])
  };
}
async function writeMembership(client, parent, membership, fieldManager, signal) {
  const body = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name: parent.name,
      namespace: parent.namespace,
      labels: { [idLabel]: parent.id },
      annotations: {
        [toolingAnnotation]: tooling,
        [groupKindsAnnotation]: [...new Set(membership.groupKinds)].sort().join(","),
        [namespacesAnnotation]: [...new Set(membership.namespaces)].filter((ns) => ns !== parent.namespace).sort().join(",")
      }
    }
  };
  await client.request("PATCH", parentPath(parent), {
    ...signal ? { signal } : {},
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: `${fieldManager}-applyset`, force: "true" },
    body: JSON.stringify(body)
  });
}
function membershipOf(objects) {
  return {
    groupKinds: [...new Set(objects.map((o) => groupKind(o.mapping.group, o.mapping.kind)))].sort(),
    namespaces: [...new Set(objects.flatMap((o) => o.ref.namespace === void 0 ? [] : [o.ref.namespace]))].sort()
  };
}
function union(a, b) {
  return {
    groupKinds: [.../* @__PURE__ */ new Set([...a.groupKinds, ...b.groupKinds])].sort(),
    namespaces: [.../* @__PURE__ */ new Set([...a.namespaces, ...b.namespaces])].sort()
  };
}
var destructiveKinds = /* @__PURE__ */ new Set(["Namespace", crdKind]);
var memberKey = (group, ref) => `${group}/${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;
async function pruneCandidates(client, mapper, parent, membership, current, destructive, signal) {
  const currentKeys = new Set(current.map((c) => memberKey(c.mapping.group, c.ref)));
  const namespaces = [.../* @__PURE__ */ new Set([parent.namespace, ...membership.namespaces])];
  const lists = membership.groupKinds.flatMap((gk) => {
    const [kind = "", ...groupParts] = gk.split(".");
    const mapping = mapper.findGroupKind(groupParts.join("."), kind);
    if (mapping === void 0) return [];
    return mapping.namespaced ? namespaces.map((ns) => ({ mapping, namespace: ns })) : [{ mapping, namespace: void 0 }];
  });
  const found = await Promise.all(
    lists.map(async ({ mapping, namespace }) => {
      const list = await client.list(resourcePath(mapping, namespace), {
        query: { labelSelector: `${partOfLabel}=${parent.id}` },
        ...signal ? { signal } : {}
      });
      return list.items.map((item) => ({ item, mapping }));
    })
  );
  const candidates = [];
  for (const { item, mapping } of found.flat()) {
    const ref = {
      apiVersion: `${mapping.group === "" ? "" : `${mapping.group}/`}${mapping.version}`,
      kind: mapping.kind,
      name: item.metadata.name ?? "",
      ...mapping.namespaced ? { namespace: item.metadata.namespace ?? "" } : {}
    };
    if (currentKeys.has(memberKey(mapping.group, ref))) continue;
    const candidate = { ref, mapping, path: resourcePath(mapping, ref.namespace, ref.name) };
    if (item.metadata.annotations?.[keepAnnotation] === "false")
      candidate.kept = `kept: it has the annotation ${keepAnnotation}: "false"`;
    else if (!destructive && destructiveKinds.has(groupKind(mapping.group, mapping.kind))) {
      candidate.kept = `kept: pruning a ${mapping.kind} deletes everything in it; set prune-destructive: true to allow it`;
    }
    candidates.push(candidate);
  }
  return candidates.sort((a, b) => describeRef(a.ref).localeCompare(describeRef(b.ref)));
}
async function prune(client, candidate, signal) {
  try {
    await client.request("DELETE", candidate.path, {
      query: { propagationPolicy: "Background" },
      ...signal ? { signal } : {}
    });
  } catch (error) {
    if (!(error instanceof KubeApiError && error.code === 404)) throw error;
  }
}

// src/pipeline/context.ts
function seconds(ms) {
  return `${(ms / 1e3).toFixed(1)}s`;
}
var StageClock = class {
  last = monotonicMs();
  shares = [];
  lap(stage) {
    const now = monotonicMs();
    this.shares.push([stage, now - this.last]);
    this.last = now;
  }
  toString() {
    return this.shares.map(([stage, ms]) => `${stage} ${ms.toFixed(0)}ms`).join(", ");
  }
};

// src/kube/trace.ts
var RequestTrace = class {
  records = [];
  /** Records a request as sent; call `answered()` on the record once its answer is read (or it failed). */
  sent(method, path, accept) {
    const record = {
      method,
      path,
      sent: monotonicMs(),
      answered: void 0,
      accept,
      bytes: void 0
    };
    this.records.push(record);
    return record;
  }
  static answered(record, bytes) {
    record.answered = monotonicMs();
    record.bytes = bytes;
  }
};
function roundTrips(records) {
  const depths = [];
  for (const [i, record] of records.entries()) {
    let depth = 1;
    for (let j = 0; j < i; j++) {
      const earlier = records[j];
      if (earlier?.answered !== void 0 && earlier.answered <= record.sent)
        depth = Math.max(depth, (depths[j] ?? 0) + 1);
    }
    depths.push(depth);
  }
  return depths;
}
function roundTripsBeforeFirstWrite(records) {
  const depths = roundTrips(records);
  const first = records.findIndex(isWrite);
  return first === -1 ? void 0 : depths[first];
}
function isWrite(record) {
  if (record.method === "GET") return false;
  return !(record.method === "POST" && /\/(selfsubjectreviews|selfsubjectaccessreviews)$/.test(record.path));
}

// src/kube/undici.ts
var import_api = __toESM(require_api(), 1);
var import_dispatcher = __toESM(require_dispatcher(), 1);
var import_agent = __toESM(require_agent(), 1);
var import_proxy_agent = __toESM(require_proxy_agent(), 1);
import { subscribe } from "node:diagnostics_channel";
Object.assign(import_dispatcher.default.prototype, import_api.default);
var unwritten = /* @__PURE__ */ new Set();
var waiting = /* @__PURE__ */ new Set();
function written(request2) {
  if (!unwritten.delete(request2) || unwritten.size > 0) return;
  for (const resolve of waiting) resolve();
}
subscribe("undici:client:sendHeaders", (message) => {
  const sent = message.request;
  for (const request2 of unwritten) {
    if (request2.method === sent?.method && request2.origin === sent.origin && request2.path === sent.path)
      return written(request2);
  }
});
function request(url, options) {
  const { dispatcher, ...rest } = options;
  const { origin, pathname, search } = new URL(url);
  const path = `${pathname}${search}`;
  const pending = { method: rest.method, origin, path };
  unwritten.add(pending);
  const answer = dispatcher.request({ ...rest, origin, path });
  answer.then(
    () => written(pending),
    () => written(pending)
  );
  return answer;
}
function onTheWire(settled) {
  return new Promise((resolve) => {
    const done = () => {
      waiting.delete(done);
      resolve();
    };
    waiting.add(done);
    settled.then(done, done);
  });
}

// src/kube/client.ts
var maxAttempts = 6;
var defaultLimits = {
  bodyBytes: 256 * 1024 * 1024,
  watchLineBytes: 16 * 1024 * 1024,
  headersMs: 9e4
};
var maxRetryAfterMs = 1e4;
var watchStreamsPerConnection = 100;
var KubeClient = class {
  server;
  /** requests sent, retries included: for the debug log and the benchmarks */
  requestCount = 0;
  /** when each request was sent and answered: how many round trips stood one after another */
  trace = new RequestTrace();
  connection;
  /** one dispatcher per client certificate: TLS presents it per connection, not per request */
  dispatchers = /* @__PURE__ */ new Map();
  limits;
  signal;
  constructor(connection, options = {}) {
    this.limits = { ...defaultLimits, ...options.limits };
    this.signal = options.signal;
    this.connection = connection;
    this.server = connection.server.replace(/\/+$/, "");
  }
  async close() {
    await Promise.all([...this.dispatchers.values()].map((d) => d.close()));
    this.dispatchers.clear();
  }
  /** The dispatcher for a credential: the connection's own TLS, or the certificate a provider returned (exec plugins). */
  dispatcher(credential) {
    const { tls, proxy } = this.connection;
    const cert = credential.clientCertificate ?? (tls.cert !== void 0 && tls.key !== void 0 ? { cert: tls.cert, key: tls.key } : void 0);
    const key = cert === void 0 ? "" : cert.cert;
    const existing = this.dispatchers.get(key);
    if (existing !== void 0) return existing;
    const connect = {
      ...tls.ca === void 0 ? {} : { ca: tls.ca },
      ...cert === void 0 ? {} : { cert: cert.cert, key: cert.key },
      ...tls.serverName === void 0 ? {} : { servername: tls.serverName },
      rejectUnauthorized: !tls.insecureSkipVerify
    };
    const allowH2 = (this.connection.impersonate?.groups.length ?? 0) <= 1;
    const pool = {
      allowH2,
      connections: 32,
      h2Options: { maxConcurrentStreams: watchStreamsPerConnection, pingInterval: 3e4 }
    };
    const dispatcher = proxy === void 0 ? new import_agent.default({ connect, ...pool }) : new import_proxy_agent.default({ uri: proxy, requestTls: connect, ...pool });
    this.dispatchers.set(key, dispatcher);
    return dispatcher;
  }
  url(path, query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== void 0) params.set(key, value);
    const search = params.toString();
    return `${this.server}${path}${search === "" ? "" : `?${search}`}`;
  }
  async prepare(options) {
    const headers = {
      accept: options.accept ?? "application/json",
      "user-agent": "kubeship"
    };
    if (options.contentType !== void 0) headers["content-type"] = options.contentType;
    const credential = await this.connection.auth.current();
    if (credential.authorization !== void 0) headers.authorization = credential.authorization;
    const impersonate = this.connection.impersonate;
    if (impersonate !== void 0) {
      headers["impersonate-user"] = impersonate.user;
      if (impersonate.uid !== void 0) headers["impersonate-uid"] = impersonate.uid;
      if (impersonate.groups.length > 0) headers["impersonate-group"] = [...impersonate.groups];
    }
    return { headers, credential, dispatcher: this.dispatcher(credential) };
  }
  /** After a 401: whether the authenticator renewed the credential, so the request is sent once more. */
  async renewed(status, credential, alreadyRenewed) {
    return status === 401 && !alreadyRenewed && await this.connection.auth.renew(credential);
  }
  connectionError(error) {
    const { tls, proxy } = this.connection;
    return new ConnectionError(this.server, error, {
      ...tls.caSource === void 0 ? {} : { caSource: tls.caSource },
      ...tls.serverName === void 0 ? {} : { serverName: tls.serverName },
      ...proxy === void 0 ? {} : { proxy }
    });
  }
  /**
   * One request; non-2xx answers throw KubeApiError. Throttling (429, honouring Retry-After),
   * unavailable servers (502-504, or any 5xx with Retry-After) and refused or torn connections are
   * retried with bounded backoff: every request kubeship sends is safe to repeat (server-side apply
   * is idempotent).
   */
  async request(method, path, options = {}) {
    const signal = eitherSignal(this.signal, options.signal);
    try {
      return await this.attempts(method, path, options, signal);
    } catch (error) {
      if (signal?.aborted !== true || error instanceof Interrupted) throw error;
      throw new Interrupted(
        `waiting for the API server to answer ${method} ${path} at ${this.server}`,
        "check that the API server answers (kubectl get --raw /readyz) and that no proxy holds the request",
        signal.reason
      );
    }
  }
  async attempts(method, path, options, signal) {
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      let response;
      let text;
      this.requestCount++;
      const prepared = await this.prepare(options);
      const record = this.trace.sent(method, path, String(prepared.headers.accept));
      try {
        response = await request(this.url(path, options.query), {
          dispatcher: prepared.dispatcher,
          method,
          headers: prepared.headers,
          body: options.body ?? null,
          signal: signal ?? null,
          headersTimeout: this.limits.headersMs
        });
        const tooLarge = () => this.answerError(method, path, `the answer is larger than ${mib(this.limits.bodyBytes)}`);
        const body = await readLimited(response.body, this.limits.bodyBytes, tooLarge);
        text = body.toString("utf8");
        RequestTrace.answered(record, body.length);
      } catch (error) {
        RequestTrace.answered(record);
        if (signal?.aborted === true || error instanceof ServerAnswerError) throw error;
        if (attempt < maxAttempts && isTransient(error)) {
          await delay(backoff(attempt), signal);
          continue;
        }
        throw this.connectionError(error);
      }
      const status = response.statusCode;
      if (await this.renewed(status, prepared.credential, renewed)) {
        renewed = true;
        continue;
      }
      if (status >= 200 && status < 300)
        return { status, headers: response.headers, body: this.parseJson(text, method, path, response.headers) };
      const retryAfter = Number(response.headers["retry-after"]);
      const hasRetryAfter = Number.isFinite(retryAfter) && retryAfter > 0;
      if (attempt < maxAttempts && (status === 429 || status >= 502 && status <= 504 || status >= 500 && hasRetryAfter)) {
        await delay(hasRetryAfter ? Math.min(retryAfter * 1e3, maxRetryAfterMs) : backoff(attempt), signal);
        continue;
      }
      throw new KubeApiError(status, method, path, parseStatus(text), text);
    }
  }
  answerError(method, path, problem) {
    return new ServerAnswerError(this.server, method, path, problem);
  }
  parseJson(text, method, path, headers) {
    if (text === "") return {};
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch {
      const type = String(headers["content-type"] ?? "no content type");
      throw this.answerError(
        method,
        path,
        `the answer is not JSON (${type}): is this the Kubernetes API server, or a login page or proxy in front of it?`
      );
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw this.answerError(method, path, "the answer is JSON but not an object, as no Kubernetes API answer is");
    return parsed;
  }
  /** GET that answers undefined for 404 instead of throwing. */
  async get(path, options = {}) {
    try {
      return (await this.request("GET", path, options)).body;
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return void 0;
      throw error;
    }
  }
  async list(path, options = {}) {
    const { body } = await this.request(
      "GET",
      path,
      options
    );
    return {
      items: body.items ?? [],
      ...body.metadata?.resourceVersion === void 0 ? {} : { resourceVersion: body.metadata.resourceVersion }
    };
  }
  /** A watch stream: events as the server sends them, ending when the server closes the stream. */
  async *watch(path, query, watchSignal) {
    const signal = eitherSignal(this.signal, watchSignal);
    let response;
    for (let renewed = false; ; renewed = true) {
      const prepared = await this.prepare({});
      try {
        response = await request(this.url(path, { ...query, watch: "1" }), {
          dispatcher: prepared.dispatcher,
          method: "GET",
          headers: prepared.headers,
          signal: signal ?? null
        });
      } catch (error) {
        if (signal?.aborted === true) throw error;
        throw this.connectionError(error);
      }
      if (!await this.renewed(response.statusCode, prepared.credential, renewed)) break;
      await response.body.dump();
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const text = await response.body.text();
      throw new KubeApiError(response.statusCode, "GET", path, parseStatus(text), text);
    }
    let pending = [];
    let pendingLength = 0;
    const decoder = new TextDecoder("utf-8");
    const event = (line) => this.parseJson(line, "GET", path, response.headers);
    for await (const chunk of response.body) {
      const text = decoder.decode(chunk, { stream: true });
      let start = 0;
      let newline;
      while ((newline = text.indexOf("\n", start)) !== -1) {
        const line = (pending.join("") + text.slice(start, newline)).trim();
        pending = [];
        pendingLength = 0;
        start = newline + 1;
        if (line !== "") yield event(line);
      }
      pending.push(text.slice(start));
      pendingLength += text.length - start;
      if (pendingLength > this.limits.watchLineBytes) {
        response.body.destroy();
        throw this.answerError("GET", path, `a watch event is longer than ${mib(this.limits.watchLineBytes)}`);
      }
    }
    const rest = pending.join("").trim();
    if (rest !== "") yield event(rest);
  }
};
function mib(bytes) {
  return `${bytes / 1024 / 1024} MiB`;
}
async function readLimited(body, limit, tooLarge) {
  const chunks = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > limit) {
      body.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
function parseStatus(text) {
  try {
    const parsed = JSON.parse(text);
    return isStatus(parsed) ? parsed : void 0;
  } catch {
    return void 0;
  }
}
function isTransient(error) {
  const code = error.code;
  const goaway = code === "UND_ERR_INFO" && error instanceof Error && error.message.includes("GOAWAY");
  return goaway || ["ECONNREFUSED", "ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"].includes(code ?? "");
}
function warningsOf(headers) {
  const raw = headers.warning;
  const values = raw === void 0 ? [] : Array.isArray(raw) ? raw : [raw];
  return values.flatMap(
    (value) => [...value.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? "").replace(/\\(.)/g, "$1"))
  );
}
function backoff(attempt) {
  return Math.min(250 * 2 ** (attempt - 1), 4e3);
}
function delay(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export {
  roundTripsBeforeFirstWrite,
  onTheWire,
  KubeApiError,
  redactUrl,
  discover,
  resourcePath,
  partOfLabel,
  applySetParent,
  ApplySetError,
  readMembership,
  writeMembership,
  membershipOf,
  union,
  pruneCandidates,
  prune,
  KubeClient,
  warningsOf,
  seconds,
  StageClock
};
