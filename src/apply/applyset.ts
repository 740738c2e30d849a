// ApplySet (KEP-3659), as kubectl implements it: a parent Secret records which kinds and namespaces
// the set spans; every member carries the parent's id in its part-of label. Pruning lists those
// kinds in those namespaces by that label and deletes the members this run did not apply.
import { createHash } from "node:crypto";
import type { KubeApi } from "../kube/api.ts";
import { type ResourceMapping, type RestMapper, resourcePath } from "../kube/discovery.ts";
import { KubeApiError } from "../kube/errors.ts";
import { crdKind, describeRef, groupKind, type KubeObject, type ObjectRef } from "../kube/types.ts";

export const partOfLabel = "applyset.kubernetes.io/part-of";
const idLabel = "applyset.kubernetes.io/id";
const toolingAnnotation = "applyset.kubernetes.io/tooling";
const groupKindsAnnotation = "applyset.kubernetes.io/contains-group-kinds";
const namespacesAnnotation = "applyset.kubernetes.io/additional-namespaces";
export const keepAnnotation = "kubeship.io/prune";
export const tooling = "kubeship/v1";

export interface ApplySetParent {
  name: string;
  namespace: string;
  id: string;
}

/** `applyset-<base64url(sha256(name.namespace.Kind.group))>-v1`, the Secret parent's group being core (empty). */
export function applySetId(name: string, namespace: string, kind = "Secret", group = ""): string {
  const digest = createHash("sha256").update(`${name}.${namespace}.${kind}.${group}`).digest("base64url");
  return `applyset-${digest}-v1`;
}

export function applySetParent(name: string, namespace: string): ApplySetParent {
  return { name, namespace, id: applySetId(name, namespace) };
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

export interface Membership {
  groupKinds: string[];
  namespaces: string[];
}

export class ApplySetError extends Error {
  override name = "ApplySetError";
}

function parentPath(parent: ApplySetParent): string {
  return `/api/v1/namespaces/${encodeURIComponent(parent.namespace)}/secrets/${encodeURIComponent(parent.name)}`;
}

/** The membership the parent records now; refuses a parent that another tool or another set owns. */
export async function readMembership(
  client: KubeApi,
  parent: ApplySetParent,
  signal?: AbortSignal,
): Promise<Membership> {
  const secret = await client.get<KubeObject>(parentPath(parent), signal ? { signal } : {});
  if (secret === undefined) return { groupKinds: [], namespaces: [] };
  const where = `ApplySet parent Secret/${parent.namespace}/${parent.name}`;
  const tool = secret.metadata.annotations?.[toolingAnnotation];
  if (tool === undefined) {
    throw new ApplySetError(
      `${where} exists but is not an ApplySet parent (no ${toolingAnnotation} annotation): choose another applyset name`,
    );
  }
  if (tool.slice(0, tool.lastIndexOf("/")) !== "kubeship") {
    throw new ApplySetError(
      `${where} is managed by ${tool}, not kubeship: kubeship will not change another tool's set (choose another applyset name)`,
    );
  }
  if (secret.metadata.labels?.[idLabel] !== parent.id) {
    throw new ApplySetError(
      `${where} has id ${secret.metadata.labels?.[idLabel] ?? "(none)"}, not ${parent.id} as its name and namespace require: refusing to use it`,
    );
  }
  return {
    groupKinds: splitList(secret.metadata.annotations?.[groupKindsAnnotation]),
    namespaces: splitList(secret.metadata.annotations?.[namespacesAnnotation]),
  };
}

/** Records the membership on the parent (server-side apply, field manager `<manager>-applyset`), creating it if needed. */
export async function writeMembership(
  client: KubeApi,
  parent: ApplySetParent,
  membership: Membership,
  fieldManager: string,
  signal?: AbortSignal,
): Promise<void> {
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
        [namespacesAnnotation]: [...new Set(membership.namespaces)]
          .filter((ns) => ns !== parent.namespace)
          .sort()
          .join(","),
      },
    },
  };
  await client.request("PATCH", parentPath(parent), {
    ...(signal ? { signal } : {}),
    contentType: "application/apply-patch+yaml",
    query: { fieldManager: `${fieldManager}-applyset`, force: "true" },
    body: JSON.stringify(body),
  });
}

export function membershipOf(objects: readonly Member[]): Membership {
  return {
    groupKinds: [...new Set(objects.map((o) => groupKind(o.mapping.group, o.mapping.kind)))].sort(),
    namespaces: [...new Set(objects.flatMap((o) => (o.ref.namespace === undefined ? [] : [o.ref.namespace])))].sort(),
  };
}

export function union(a: Membership, b: Membership): Membership {
  return {
    groupKinds: [...new Set([...a.groupKinds, ...b.groupKinds])].sort(),
    namespaces: [...new Set([...a.namespaces, ...b.namespaces])].sort(),
  };
}

export interface PruneCandidate {
  ref: ObjectRef;
  mapping: { group: string; kind: string };
  path: string;
  /** why it is kept instead of deleted, if it is */
  kept?: string;
}

const destructiveKinds = new Set(["Namespace", crdKind]);

interface Member {
  ref: ObjectRef;
  mapping: { group: string; kind: string };
}

const memberKey = (group: string, ref: ObjectRef) => `${group}/${ref.kind}/${ref.namespace ?? ""}/${ref.name}`;

/** Members on the cluster (found by label) that are not among `current`: what pruning deletes. */
export async function pruneCandidates(
  client: KubeApi,
  mapper: RestMapper,
  parent: ApplySetParent,
  membership: Membership,
  current: readonly Member[],
  destructive: boolean,
  signal?: AbortSignal,
): Promise<PruneCandidate[]> {
  const currentKeys = new Set(current.map((c) => memberKey(c.mapping.group, c.ref)));
  const namespaces = [...new Set([parent.namespace, ...membership.namespaces])];
  const lists = membership.groupKinds.flatMap((gk): { mapping: ResourceMapping; namespace: string | undefined }[] => {
    const [kind = "", ...groupParts] = gk.split(".");
    const mapping = mapper.findGroupKind(groupParts.join("."), kind);
    if (mapping === undefined) return []; // the kind is gone from the cluster, and its objects with it
    return mapping.namespaced
      ? namespaces.map((ns) => ({ mapping, namespace: ns }))
      : [{ mapping, namespace: undefined }];
  });
  const found = await Promise.all(
    lists.map(async ({ mapping, namespace }) => {
      const list = await client.list(resourcePath(mapping, namespace), {
        query: { labelSelector: `${partOfLabel}=${parent.id}` },
        ...(signal ? { signal } : {}),
      });
      return list.items.map((item) => ({ item, mapping }));
    }),
  );
  const candidates: PruneCandidate[] = [];
  for (const { item, mapping } of found.flat()) {
    const ref: ObjectRef = {
      apiVersion: `${mapping.group === "" ? "" : `${mapping.group}/`}${mapping.version}`,
      kind: mapping.kind,
      name: item.metadata.name ?? "",
      ...(mapping.namespaced ? { namespace: item.metadata.namespace ?? "" } : {}),
    };
    if (currentKeys.has(memberKey(mapping.group, ref))) continue;
    const candidate: PruneCandidate = { ref, mapping, path: resourcePath(mapping, ref.namespace, ref.name) };
    if (item.metadata.annotations?.[keepAnnotation] === "false")
      candidate.kept = `kept: it has the annotation ${keepAnnotation}: "false"`;
    else if (!destructive && destructiveKinds.has(groupKind(mapping.group, mapping.kind))) {
      candidate.kept = `kept: pruning a ${mapping.kind} deletes everything in it; set prune-destructive: true to allow it`;
    }
    candidates.push(candidate);
  }
  return candidates.sort((a, b) => describeRef(a.ref).localeCompare(describeRef(b.ref)));
}

export async function prune(client: KubeApi, candidate: PruneCandidate, signal?: AbortSignal): Promise<void> {
  try {
    await client.request("DELETE", candidate.path, {
      query: { propagationPolicy: "Background" },
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (!(error instanceof KubeApiError && error.code === 404)) throw error;
  }
}
