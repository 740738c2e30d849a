// A fake Kubernetes API (KubeApi) for fast tests of the pipeline and the rollout waiter: objects kept
// by path, server-side apply as a merge (dry run included), aggregated discovery of a fixed set of
// kinds, access reviews answered by a rule, and watches fed by the test. A test changes how it answers
// through `onApply` (what a controller would write) and `intercept` (errors, slow answers).
import type { HttpMethod, KubeApi, KubeResponse, ObjectList, RequestOptions, WatchEvent } from "../../src/kube/api.ts";
import { KubeApiError } from "../../src/kube/errors.ts";
import type { KubeObject, Status } from "../../src/kube/types.ts";
import type { Connect, Session } from "../../src/pipeline/index.ts";

type Kind = readonly [group: string, version: string, kind: string, resource: string, namespaced: boolean];

const kinds: Kind[] = [
  ["", "v1", "Namespace", "namespaces", false],
  ["", "v1", "ConfigMap", "configmaps", true],
  ["", "v1", "Secret", "secrets", true],
  ["", "v1", "Pod", "pods", true],
  ["", "v1", "Event", "events", true],
  ["apps", "v1", "Deployment", "deployments", true],
  ["apps", "v1", "ReplicaSet", "replicasets", true],
  ["events.k8s.io", "v1", "Event", "events", true],
];

export interface Request {
  method: HttpMethod;
  path: string;
  query: Record<string, string | undefined>;
  body?: unknown;
}

/** One access review's attributes. */
export interface ReviewAttributes {
  verb: string;
  group: string;
  resource: string;
  namespace?: string;
  name?: string;
}

function apiError(
  code: number,
  reason: string,
  message: string,
  method: string,
  path: string,
  causes?: Status["details"],
): KubeApiError {
  const status: Status = {
    kind: "Status",
    status: "Failure",
    code,
    reason,
    message,
    ...(causes === undefined ? {} : { details: causes }),
  };
  return new KubeApiError(code, method, path, status, JSON.stringify(status));
}

export function conflictError(path: string, manager: string, field: string): KubeApiError {
  const message = `Apply failed with 1 conflict: conflict with "${manager}": ${field}`;
  return apiError(409, "Conflict", message, "PATCH", path, {
    causes: [{ reason: "FieldManagerConflict", message: `conflict with "${manager}"`, field }],
  });
}

export class FakeApi implements KubeApi {
  readonly objects = new Map<string, KubeObject>();
  readonly requests: Request[] = [];
  /** what a controller writes after an apply (status), by object path; the object is what was applied */
  onApply: (path: string, object: KubeObject) => KubeObject = (_path, object) => object;
  /** answers a request first: throw to fail it, return a response to answer it, undefined to go on */
  intercept: (request: Request) => KubeResponse<unknown> | undefined = () => undefined;
  /** whether an access review is allowed */
  allow: (review: ReviewAttributes) => boolean = () => true;
  private nextVersion = 1;
  private readonly streams = new Map<string, ((event: WatchEvent<KubeObject>) => void)[]>();

  /** Stores an object as the server would hold it. */
  put(object: KubeObject): string {
    const path = this.pathOf(object);
    this.objects.set(path, this.stamp(object, this.objects.get(path)));
    return path;
  }

  /** Sends a watch event to every open watch of the object's collection. */
  emit(type: WatchEvent<KubeObject>["type"], object: KubeObject): void {
    const collection = this.pathOf(object).replace(/\/[^/]+$/, "");
    for (const listener of this.streams.get(collection) ?? []) listener({ type, object });
  }

  /** Requests of one method (and path prefix), for assertions. */
  sent(method: HttpMethod, prefix = ""): Request[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith(prefix));
  }

  pathOf(object: KubeObject): string {
    const group = object.apiVersion.includes("/") ? object.apiVersion.slice(0, object.apiVersion.indexOf("/")) : "";
    const kind = kinds.find(([g, , k]) => g === group && k === object.kind);
    if (kind === undefined) throw new Error(`the fake serves no ${object.apiVersion} ${object.kind}`);
    const [, version, , resource, namespaced] = kind;
    const base = group === "" ? `/api/${version}` : `/apis/${group}/${version}`;
    const scope = namespaced ? `/namespaces/${object.metadata.namespace ?? "default"}` : "";
    return `${base}${scope}/${resource}/${object.metadata.name ?? ""}`;
  }

  private stamp(object: KubeObject, before: KubeObject | undefined): KubeObject {
    const generation = (before?.metadata.generation ?? 0) + 1;
    const uid = before?.metadata.uid ?? `uid-${object.metadata.name ?? ""}-${this.nextVersion}`;
    return {
      ...object,
      metadata: { ...object.metadata, uid, generation, resourceVersion: String(this.nextVersion++) },
    };
  }

  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<KubeResponse<T>> {
    // an answer comes in a later turn, as over the network
    await Promise.resolve();
    options.signal?.throwIfAborted();
    const request: Request = {
      method,
      path,
      query: options.query ?? {},
      ...(options.body === undefined ? {} : { body: JSON.parse(options.body) as unknown }),
    };
    this.requests.push(request);
    const intercepted = this.intercept(request);
    if (intercepted !== undefined) return intercepted as KubeResponse<T>;
    return this.answer(request, options.contentType) as KubeResponse<T>;
  }

  private answer(request: Request, contentType: string | undefined): KubeResponse<unknown> {
    const { method, path } = request;
    const ok = (body: unknown, status = 200): KubeResponse<unknown> => ({ status, headers: {}, body });
    if (method === "GET" && (path === "/api" || path === "/apis")) {
      const served = kinds.filter(([group]) => (path === "/api") === (group === ""));
      const groups = [...new Set(served.map(([group]) => group))].map((group) => ({
        metadata: { name: group },
        versions: [
          {
            version: "v1",
            resources: served
              .filter(([g]) => g === group)
              .map(([, , kind, resource, namespaced]) => ({
                resource,
                responseKind: { kind },
                scope: namespaced ? "Namespaced" : "Cluster",
              })),
          },
        ],
      }));
      return {
        status: 200,
        headers: { "content-type": "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList" },
        body: { items: groups },
      };
    }
    if (method === "POST" && path.endsWith("/selfsubjectaccessreviews")) {
      const attributes = (request.body as { spec: { resourceAttributes: ReviewAttributes } }).spec.resourceAttributes;
      return ok({ status: { allowed: this.allow(attributes) } });
    }
    if (method === "POST" && path.endsWith("/selfsubjectreviews"))
      return ok({ status: { userInfo: { username: "deployer", groups: [] } } });
    const existing = this.objects.get(path);
    if (method === "GET") {
      if (existing !== undefined) return ok(existing);
      const prefix = `${path}/`;
      const items = [...this.objects]
        .filter(([p]) => p.startsWith(prefix) && !p.slice(prefix.length).includes("/"))
        .map(([, o]) => o);
      const selector = request.query.labelSelector;
      const selected =
        selector === undefined
          ? items
          : items.filter((o) =>
              selector.split(",").every((s) => o.metadata.labels?.[s.split("=")[0] ?? ""] === s.split("=")[1]),
            );
      if (selected.length > 0 || this.isCollection(path)) {
        const listed = selected.map(({ apiVersion: _a, kind: _k, ...rest }) => rest);
        return ok({ items: listed, metadata: { resourceVersion: String(this.nextVersion) } });
      }
      throw apiError(404, "NotFound", `${path} not found`, method, path);
    }
    if (method === "DELETE") {
      if (existing === undefined) throw apiError(404, "NotFound", `${path} not found`, method, path);
      this.objects.delete(path);
      return ok({});
    }
    if (method === "PATCH" && contentType === "application/apply-patch+yaml") {
      const applied = request.body as KubeObject;
      const merged: KubeObject = { ...existing, ...applied, metadata: { ...existing?.metadata, ...applied.metadata } };
      const live = this.onApply(path, this.stamp(merged, existing));
      if (request.query.dryRun !== "All") this.objects.set(path, live);
      return ok(live, existing === undefined ? 201 : 200);
    }
    if (method === "PATCH" && existing !== undefined) {
      // json-patch and strategic merge patches of the rollback: a new generation, status as a controller writes it
      const live = this.onApply(path, this.stamp(existing, existing));
      this.objects.set(path, live);
      return ok(live);
    }
    throw apiError(404, "NotFound", `${path} not found`, method, path);
  }

  private isCollection(path: string): boolean {
    const parts = path.split("/").filter((p) => p !== "");
    const rest = parts[0] === "api" ? parts.slice(2) : parts.slice(3);
    return rest.length === 1 || (rest[0] === "namespaces" && rest.length === 3);
  }

  async get<T = KubeObject>(path: string, options: RequestOptions = {}): Promise<T | undefined> {
    try {
      return (await this.request<T>("GET", path, options)).body;
    } catch (error) {
      if (error instanceof KubeApiError && error.code === 404) return undefined;
      throw error;
    }
  }

  async list<T = KubeObject>(path: string, options: RequestOptions = {}): Promise<ObjectList<T>> {
    const { body } = await this.request<{ items: T[]; metadata: { resourceVersion: string } }>("GET", path, options);
    return { items: body.items, resourceVersion: body.metadata.resourceVersion };
  }

  /** Events sent with `emit`, until the watch is stopped. */
  async *watch<T = KubeObject>(
    path: string,
    query: Record<string, string | undefined>,
    signal?: AbortSignal,
  ): AsyncGenerator<WatchEvent<T>> {
    this.requests.push({ method: "GET", path, query: { ...query, watch: "1" } });
    const queue: WatchEvent<KubeObject>[] = [];
    // resolves the pending wait for the next event: when one arrives, or when the watch is stopped
    let wake: () => void = () => undefined;
    const listener = (event: WatchEvent<KubeObject>) => {
      queue.push(event);
      wake();
    };
    const stop = () => wake();
    signal?.addEventListener("abort", stop, { once: true });
    this.streams.set(path, [...(this.streams.get(path) ?? []), listener]);
    try {
      while (signal?.aborted !== true) {
        const event = queue.shift();
        if (event !== undefined) {
          yield event as WatchEvent<T>;
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      signal?.removeEventListener("abort", stop);
      this.streams.set(
        path,
        (this.streams.get(path) ?? []).filter((l) => l !== listener),
      );
    }
  }
}

/** Connects the pipeline to the fake, as `deploy(settings, log, { connect })` takes it. */
export function connectTo(api: FakeApi): Connect {
  return () => {
    const session: Session = {
      client: api,
      server: "https://fake.cluster:6443",
      context: "fake",
      namespace: undefined,
      get requestCount() {
        return api.requests.length;
      },
      identify: () => Promise.resolve({ username: "deployer", groups: [] }),
      introduce: () => Promise.resolve({ identity: { username: "deployer", groups: [] } }),
      close: () => Promise.resolve(),
    };
    return Promise.resolve(session);
  };
}
