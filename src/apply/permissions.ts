// The permission check before any write: every verb the run will use on every resource and
// namespace it touches, asked with SelfSubjectAccessReviews (the authorizer's own answer, which
// SelfSubjectRulesReview does not give), so that a missing permission fails the run up front with
// one table instead of half-way through an apply.
import { createHash } from "node:crypto";
import type { KubeApi } from "../kube/api.ts";
import { limiter } from "../kube/limit.ts";
import type { KubeObject } from "../kube/types.ts";

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
  /** what the run needs it for: `apply`, `wait`, `wait: pods`, `rollback`, `prune`, `applyset`… */
  neededFor: string;
  /** a resource the run falls back to when this one is denied, as good for the check (core v1 events) */
  fallback?: { group: string; resource: string };
}

/**
 * One request the wait or the rollback of an object makes, relative to that object (the kind table
 * in rollout/kinds.ts lists them per kind): on the object itself, on its resource's collection, or on
 * another resource in its namespace (`default` for a cluster-scoped object: where its events are).
 */
export interface Access {
  verb: string;
  on: "object" | "collection" | "namespace";
  /** for `namespace`: the resource read there */
  group?: string;
  resource?: string;
  fallback?: { group: string; resource: string };
  neededFor: string;
}

/** A permission the server denied, or could not be verified (a namespace that cannot be read). */
export interface MissingPermission extends PermissionRow {
  /** the authorizer's reason, or why it could not be checked */
  detail?: string;
}

type Target = {
  mapping: { group: string; resource: string; namespaced: boolean };
  ref: { namespace?: string; name: string };
};

/** What the run touches, as the plan describes it (a PlannedObject fits `objects`). */
export interface RunTargets {
  objects: readonly Target[];
  /** whether a collection with this many objects is read with one LIST instead of a GET each (the apply engine's choice) */
  readsByList?: (collection: { group: string; resource: string }, members: number) => boolean;
  /** objects that may be deleted and re-created (an immutable field changed, and they opt in) */
  recreate?: readonly Target[];
  /** objects whose rollout is waited on (and maybe rolled back), with what their kind's wait requests */
  waitFor?: ReadonlyArray<Target & { access: readonly Access[] }>;
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
  const where = ({ mapping, ref }: Target) => ({
    group: mapping.group,
    resource: mapping.resource,
    ...scoped(mapping.namespaced, ref.namespace),
  });
  const perCollection = new Map<string, number>();
  for (const target of targets.objects) {
    const key = rowKey({ verb: "", ...where(target) });
    perCollection.set(key, (perCollection.get(key) ?? 0) + 1);
  }
  for (const target of targets.objects) {
    // server-side apply reads the object (or its whole collection), then PATCHes it; a PATCH that creates also needs create
    const members = perCollection.get(rowKey({ verb: "", ...where(target) })) ?? 0;
    const listed = targets.readsByList?.(target.mapping, members) ?? false;
    if (listed) add({ verb: "list", ...where(target), neededFor: "apply" });
    else add({ verb: "get", ...where(target), name: target.ref.name, neededFor: "apply" });
    add({ verb: "patch", ...where(target), name: target.ref.name, neededFor: "apply" });
    add({ verb: "create", ...where(target), neededFor: "apply" });
  }
  for (const target of targets.recreate ?? [])
    add({ verb: "delete", ...where(target), name: target.ref.name, neededFor: "recreate" });
  for (const target of targets.waitFor ?? []) {
    for (const access of target.access) add(accessRow(target, access));
  }
  if (targets.applyset !== undefined) {
    const { namespace, name } = targets.applyset;
    for (const verb of ["get", "patch"])
      add({ verb, group: "", resource: "secrets", namespace, name, neededFor: "applyset" });
    add({ verb: "create", group: "", resource: "secrets", namespace, neededFor: "applyset" });
  }
  for (const target of targets.prune ?? []) {
    for (const verb of ["list", "delete"]) add({ verb, ...target, neededFor: "prune" });
  }
  return [...rows.values()];
}

/** The permission one Access of an object's wait needs. */
function accessRow({ mapping, ref }: Target, access: Access): PermissionRow {
  const { verb, neededFor } = access;
  const fallback = access.fallback === undefined ? {} : { fallback: access.fallback };
  const own = { group: mapping.group, resource: mapping.resource, ...scoped(mapping.namespaced, ref.namespace) };
  if (access.on === "object") return { verb, ...own, name: ref.name, neededFor, ...fallback };
  if (access.on === "collection") return { verb, ...own, neededFor, ...fallback };
  // a cluster-scoped object's events are recorded in the default namespace
  const namespace = mapping.namespaced ? (ref.namespace ?? "default") : "default";
  return { verb, group: access.group ?? "", resource: access.resource ?? "", namespace, neededFor, ...fallback };
}

function rowKey(row: Omit<PermissionRow, "neededFor" | "fallback">): string {
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
export async function missingPermissions(
  client: Pick<KubeApi, "request">,
  rows: readonly PermissionRow[],
  options: CheckOptions = {},
): Promise<MissingPermission[]> {
  const collections = new Map<string, PermissionRow[]>();
  for (const row of rows) {
    const { name: _name, ...collection } = row;
    const key = rowKey(collection);
    collections.set(key, [...(collections.get(key) ?? []), row]);
  }
  const limit = limiter(options.concurrency ?? 16);
  const review = (row: Omit<PermissionRow, "neededFor">): Promise<AccessReview["status"]> =>
    limit(async () => {
      const resourceAttributes = {
        verb: row.verb,
        group: row.group,
        resource: row.resource,
        subresource: row.subresource,
        namespace: row.namespace,
        name: row.name,
      };
      const body = JSON.stringify({
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: { resourceAttributes },
      });
      const answer = await client.request<AccessReview>(
        "POST",
        "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
        {
          body,
          contentType: "application/json",
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        },
      );
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
      // what the run falls back to is as good (it gets one 403 on the way, then reads the other resource)
      const fallback = first.fallback === undefined ? undefined : await review({ ...collection, ...first.fallback });
      if (fallback?.allowed === true) return [];
      if (group.every((row) => row.name === undefined)) return denied(whole, collection);
      return (await Promise.all(group.map(async (row) => denied(await review(row), row)))).flat();
    }),
  );
  return missing.flat();
}

/**
 * Namespaces that validation could not read (403): nobody checked that they exist. A
 * namespace-scoped identity can never read its namespace, so these rows join the table of missing
 * permissions but do not fail a run on their own.
 */
export function unverifiableNamespaceRows(namespaces: readonly string[]): MissingPermission[] {
  return namespaces.map((name) => ({
    verb: "get",
    group: "",
    resource: "namespaces",
    name,
    neededFor: "namespace check",
    detail: "cannot check that it exists",
  }));
}

/** Who a binding grants to: a service account for `system:serviceaccount:NS:NAME`, otherwise a user. */
export type Subject =
  | { kind: "ServiceAccount"; name: string; namespace: string }
  | { kind: "User"; apiGroup: "rbac.authorization.k8s.io"; name: string };

export function subjectOf(username: string): Subject {
  const parts = username.split(":");
  if (parts.length === 4 && parts[0] === "system" && parts[1] === "serviceaccount" && parts[2] && parts[3]) {
    return { kind: "ServiceAccount", name: parts[3], namespace: parts[2] };
  }
  return { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: username };
}

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
  resourceNames?: string[];
}

/** RBAC rules granting the rows: one rule per resource and set of verbs, names gathered in resourceNames. */
export function policyRules(rows: readonly PermissionRow[]): PolicyRule[] {
  // per resource and name (absent: the collection), the verbs
  const verbs = new Map<string, { group: string; resource: string; name?: string; verbs: Set<string> }>();
  for (const row of rows) {
    const resource = row.subresource === undefined ? row.resource : `${row.resource}/${row.subresource}`;
    const key = [row.group, resource, row.name ?? ""].join("\u0000");
    const name = row.name === undefined ? {} : { name: row.name };
    const entry = verbs.get(key) ?? { group: row.group, resource, ...name, verbs: new Set<string>() };
    entry.verbs.add(row.verb);
    verbs.set(key, entry);
  }
  const rules = new Map<string, PolicyRule>();
  for (const entry of verbs.values()) {
    const sorted = [...entry.verbs].sort();
    const key = [entry.group, entry.resource, sorted.join(","), entry.name === undefined ? "*" : ""].join("\u0000");
    const rule = rules.get(key) ?? { apiGroups: [entry.group], resources: [entry.resource], verbs: sorted };
    if (entry.name !== undefined) rule.resourceNames = [...(rule.resourceNames ?? []), entry.name];
    rules.set(key, rule);
  }
  return [...rules.values()];
}

/**
 * The RBAC objects that grant `rows` to `username`: a Role and RoleBinding per namespace, a
 * ClusterRole and ClusterRoleBinding for cluster-scoped rows; without a username (the server did not
 * say who deploys), the roles alone. Their name carries a digest of what they grant, so that the
 * objects of successive refusals add up instead of replacing each other.
 */
export function grantObjects(rows: readonly PermissionRow[], username: string | undefined): KubeObject[] {
  const byNamespace = new Map<string | undefined, PermissionRow[]>();
  for (const row of rows) byNamespace.set(row.namespace, [...(byNamespace.get(row.namespace) ?? []), row]);
  const subject = username === undefined ? undefined : subjectOf(username);
  const scopes = [...byNamespace].sort(([a], [b]) => (a ?? "").localeCompare(b ?? ""));
  const digest = createHash("sha256")
    .update(JSON.stringify({ username, scopes: scopes.map(([namespace, r]) => [namespace, policyRules(r)]) }))
    .digest("hex")
    .slice(0, 10);
  const name = `kubeship-deploy-${digest}`;
  const rbac = "rbac.authorization.k8s.io/v1";
  return scopes.flatMap(([namespace, scoped]) => {
    const role = namespace === undefined ? "ClusterRole" : "Role";
    const metadata = { name, ...(namespace === undefined ? {} : { namespace }) };
    const roleObject: KubeObject = { apiVersion: rbac, kind: role, metadata, rules: policyRules(scoped) };
    if (subject === undefined) return [roleObject];
    const binding: KubeObject = {
      apiVersion: rbac,
      kind: `${role}Binding`,
      metadata,
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: role, name },
      subjects: [subject],
    };
    return [roleObject, binding];
  });
}
