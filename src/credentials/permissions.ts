// The permission check before any write: every verb the run will use on every resource and
// namespace it touches, asked with SelfSubjectAccessReviews (the authorizer's own answer, which
// SelfSubjectRulesReview does not give), so that a missing permission fails the run up front with
// one table instead of half-way through an apply.
import type { KubeClient } from "../kube/client.ts";
import { KubeApiError } from "../kube/errors.ts";

/** One permission the run needs. */
export interface PermissionRow {
  verb: string;
  /** API group, "" for the core group */
  group: string;
  /** plural resource, as in RBAC rules */
  resource: string;
  subresource?: string;
  /** absent for cluster-scoped resources */
  namespace?: string;
  /** absent when the run needs the verb on the whole collection (list, watch, create) */
  name?: string;
  /** what the run needs it for: `apply`, `wait`, `events`, `prune`, `applyset` */
  neededFor: string;
}

/** A permission the server denied, or could not be verified (a namespace that cannot be read). */
export interface MissingPermission extends PermissionRow {
  /** the authorizer's reason, or why it could not be checked */
  detail?: string;
}

/** What the run touches, as the plan describes it (a PlannedObject fits `objects`). */
export interface RunTargets {
  objects: ReadonlyArray<{ mapping: { group: string; resource: string; namespaced: boolean }; ref: { namespace?: string; name: string } }>;
  /** objects whose rollout is waited on: list and watch their resource in their namespace, and read events there */
  waitFor?: RunTargets["objects"];
  /** the ApplySet parent Secret */
  applyset?: { namespace: string; name: string };
  /** where prune looks for members no longer in the manifests: list and delete there */
  prune?: ReadonlyArray<{ group: string; resource: string; namespace?: string }>;
}

function scoped(namespaced: boolean, namespace: string | undefined): { namespace?: string } {
  return namespaced && namespace !== undefined ? { namespace } : {};
}

/** Every permission the run needs, without repeats. */
export function requiredPermissions(targets: RunTargets): PermissionRow[] {
  const rows = new Map<string, PermissionRow>();
  const add = (row: PermissionRow) => {
    const key = rowKey(row);
    if (!rows.has(key)) rows.set(key, row);
  };
  for (const { mapping, ref } of targets.objects) {
    const where = { group: mapping.group, resource: mapping.resource, ...scoped(mapping.namespaced, ref.namespace) };
    // server-side apply reads the object, then PATCHes it; a PATCH that creates also needs create
    for (const verb of ["get", "patch"]) add({ verb, ...where, name: ref.name, neededFor: "apply" });
    add({ verb: "create", ...where, neededFor: "apply" });
  }
  for (const { mapping, ref } of targets.waitFor ?? []) {
    const where = { group: mapping.group, resource: mapping.resource, ...scoped(mapping.namespaced, ref.namespace) };
    for (const verb of ["list", "watch"]) add({ verb, ...where, neededFor: "wait" });
    if (mapping.namespaced && ref.namespace !== undefined) add({ verb: "list", group: "", resource: "events", namespace: ref.namespace, neededFor: "events" });
  }
  if (targets.applyset !== undefined) {
    const { namespace, name } = targets.applyset;
    for (const verb of ["get", "patch"]) add({ verb, group: "", resource: "secrets", namespace, name, neededFor: "applyset" });
    add({ verb: "create", group: "", resource: "secrets", namespace, neededFor: "applyset" });
  }
  for (const target of targets.prune ?? []) {
    for (const verb of ["list", "delete"]) add({ verb, ...target, neededFor: "prune" });
  }
  return [...rows.values()];
}

function rowKey(row: Omit<PermissionRow, "neededFor">): string {
  return [row.verb, row.group, row.resource, row.subresource ?? "", row.namespace ?? "", row.name ?? ""].join("\u0000");
}

interface AccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

export interface CheckOptions {
  /** how many reviews run at once */
  concurrency?: number;
  signal?: AbortSignal;
}

/**
 * Asks the server about each row and returns those it does not allow. Rows that differ only by
 * name are asked once for the whole collection first; only when that is denied is each name asked
 * (RBAC can grant single names), so a large run costs a few reviews per resource and namespace.
 */
export async function missingPermissions(client: Pick<KubeClient, "request">, rows: readonly PermissionRow[], options: CheckOptions = {}): Promise<MissingPermission[]> {
  const collections = new Map<string, PermissionRow[]>();
  for (const row of rows) {
    const { name: _name, ...collection } = row;
    const key = rowKey(collection);
    collections.set(key, [...(collections.get(key) ?? []), row]);
  }
  const limit = pool(options.concurrency ?? 16);
  const review = (row: Omit<PermissionRow, "neededFor">): Promise<AccessReview["status"]> =>
    limit(async () => {
      const resourceAttributes = { verb: row.verb, group: row.group, resource: row.resource, subresource: row.subresource, namespace: row.namespace, name: row.name };
      const body = JSON.stringify({ apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes } });
      const answer = await client.request<AccessReview>("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", {
        body,
        contentType: "application/json",
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      return answer.body.status;
    });
  const denied = (status: AccessReview["status"], row: PermissionRow): MissingPermission[] => {
    if (status?.allowed === true) return [];
    const detail = status?.reason || status?.evaluationError;
    return [{ ...row, ...(detail ? { detail } : {}) }];
  };
  const missing = await Promise.all(
    [...collections.values()].map(async (group): Promise<MissingPermission[]> => {
      const [first] = group;
      if (first === undefined) return [];
      const { name: _name, ...collection } = first;
      const whole = await review(collection);
      if (whole?.allowed === true) return [];
      if (group.every((row) => row.name === undefined)) return denied(whole, collection);
      return (await Promise.all(group.map(async (row) => denied(await review(row), row)))).flat();
    }),
  );
  return missing.flat();
}

/** Runs at most `size` tasks at once; the others wait their turn in order. */
function pool(size: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    // a finished task hands its slot straight to the next waiting one
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next === undefined) running--;
      else next();
    }
  };
}

/**
 * Namespaces the run writes into but does not create, that this identity cannot read (403): they
 * cannot be checked to exist. A namespace-scoped identity can never read its namespace, so these
 * rows belong in the table of missing permissions but do not fail a run on their own.
 */
export async function unreadableNamespaces(client: Pick<KubeClient, "request">, targets: RunTargets, signal?: AbortSignal): Promise<MissingPermission[]> {
  const created = new Set(targets.objects.filter((o) => o.mapping.group === "" && o.mapping.resource === "namespaces").map((o) => o.ref.name));
  const used = new Set(targets.objects.flatMap((o) => (o.mapping.namespaced && o.ref.namespace !== undefined && !created.has(o.ref.namespace) ? [o.ref.namespace] : [])));
  const rows = await Promise.all(
    [...used].map(async (namespace): Promise<MissingPermission[]> => {
      try {
        await client.request("GET", `/api/v1/namespaces/${encodeURIComponent(namespace)}`, signal === undefined ? {} : { signal });
        return [];
      } catch (error) {
        if (error instanceof KubeApiError && error.code === 403) {
          return [{ verb: "get", group: "", resource: "namespaces", name: namespace, neededFor: "namespace check", detail: "cannot check that it exists" }];
        }
        // a missing namespace is the apply engine's to report, with the objects that name it
        if (error instanceof KubeApiError && error.code === 404) return [];
        throw error;
      }
    }),
  );
  return rows.flat();
}

/** `deployments.apps`, `configmaps`: how kubectl names a resource. */
function resourceName(row: PermissionRow): string {
  const resource = row.subresource === undefined ? row.resource : `${row.resource}/${row.subresource}`;
  return row.group === "" ? resource : `${resource}.${row.group}`;
}

/** One aligned table of missing permissions, for the log and the error. */
export function permissionTable(rows: readonly MissingPermission[]): string {
  const header = ["VERB", "RESOURCE", "NAMESPACE", "NAME", "NEEDED FOR"];
  const body = rows.map((r) => [r.verb, resourceName(r), r.namespace ?? "(cluster)", r.name ?? "(all)", r.detail === undefined ? r.neededFor : `${r.neededFor}: ${r.detail}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ");
  return [line(header), ...body.map(line)].join("\n");
}
