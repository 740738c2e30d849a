// Returns a failed workload to its previous revision, as `kubectl rollout undo` does
// (kubectl pkg/polymorphichelpers/rollback.go): a Deployment gets the pod template of its previous
// ReplicaSet; a StatefulSet or DaemonSet gets the template stored in its previous ControllerRevision.
// The patch is an Update under its own field manager, whose entry is then removed from managedFields:
// otherwise the next deploy's server-side apply would conflict with the rollback on every field it
// reverted.
import type { KubeApi } from "../kube/api.ts";
import { resourcePath } from "../kube/discovery.ts";
import { describeRef, type KubeObject, type ManagedFieldsEntry } from "../kube/types.ts";
import { kindBehaviour } from "./kinds.ts";
import { newestFirst, ownedChildren, revisionNumber } from "./revision.ts";
import type { RolloutTarget } from "./wait.ts";

export const rollbackFieldManager = "kubeship-rollback";
const podTemplateHashLabel = "pod-template-hash";

/** What a rollback did (the run's record of it is result.ts' Rollback). */
export interface RolledBack {
  /** the revision returned to */
  revision: string;
}

export class RollbackError extends Error {
  /** why, without the object's name */
  readonly reason: string;
  constructor(target: RolloutTarget, reason: string) {
    super(`${describeRef(target.ref)} was not rolled back: ${reason}`);
    this.name = "RollbackError";
    this.reason = reason;
  }
}

/** The child of the revision just before the newest one. */
function previous(children: readonly KubeObject[]): KubeObject | undefined {
  return newestFirst(children)[1];
}

async function patch(
  client: KubeApi,
  path: string,
  contentType: string,
  body: unknown,
  signal: AbortSignal,
): Promise<KubeObject> {
  const response = await client.request<KubeObject>("PATCH", path, {
    contentType,
    body: JSON.stringify(body),
    query: { fieldManager: rollbackFieldManager },
    signal,
  });
  return response.body;
}

/**
 * Removes the rollback's entry from managedFields, so that the reverted fields belong to no one and
 * the next server-side apply takes them without a conflict. Guarded by resourceVersion (controllers
 * write status in between, hence the retries); if it cannot be done, the rollback still stands.
 */
async function releaseFields(client: KubeApi, path: string, object: KubeObject, signal: AbortSignal): Promise<void> {
  let current = object;
  for (let attempt = 0; attempt < 5; attempt++) {
    const managedFields = (current.metadata.managedFields as ManagedFieldsEntry[] | undefined) ?? [];
    const kept = managedFields.filter((entry) => entry.manager !== rollbackFieldManager);
    if (kept.length === managedFields.length) return;
    try {
      const ops = [
        { op: "test", path: "/metadata/resourceVersion", value: current.metadata.resourceVersion },
        { op: "replace", path: "/metadata/managedFields", value: kept },
      ];
      await patch(client, path, "application/json-patch+json", ops, signal);
      return;
    } catch {
      current = (await client.request<KubeObject>("GET", path, { signal })).body;
    }
  }
}

/** Returns the workload to its previous revision; throws RollbackError when its kind or state does not allow it. */
export async function rollBack(client: KubeApi, target: RolloutTarget, signal: AbortSignal): Promise<RolledBack> {
  const from = kindBehaviour(target.mapping.group, target.mapping.kind).rollbackFrom;
  if (from === undefined) throw new RollbackError(target, `a ${target.mapping.kind} cannot be rolled back`);
  const path = resourcePath(target.mapping, target.ref.namespace, target.ref.name);
  const current = (await client.request<KubeObject>("GET", path, { signal })).body;
  let patched: KubeObject;
  let revision: string;
  if (from === "replicasets") {
    if ((current.spec as { paused?: boolean } | undefined)?.paused === true)
      throw new RollbackError(target, "it is paused; resume it (spec.paused: false) first");
    const replicaSet = previous(await ownedChildren(client, current, "replicasets", signal));
    if (replicaSet === undefined)
      throw new RollbackError(target, "it has no previous revision (its first rollout failed)");
    const template = structuredClone((replicaSet.spec as { template?: KubeObject }).template);
    if (template === undefined) throw new RollbackError(target, "the previous ReplicaSet has no pod template");
    delete template.metadata.labels?.[podTemplateHashLabel];
    revision = String(revisionNumber(replicaSet));
    patched = await patch(
      client,
      path,
      "application/json-patch+json",
      [{ op: "replace", path: "/spec/template", value: template }],
      signal,
    );
  } else {
    const controllerRevision = previous(await ownedChildren(client, current, "controllerrevisions", signal));
    if (controllerRevision === undefined)
      throw new RollbackError(target, "it has no previous revision (its first rollout failed)");
    revision = String(revisionNumber(controllerRevision));
    // The revision's data is the strategic merge patch that restores its template.
    patched = await patch(
      client,
      path,
      "application/strategic-merge-patch+json",
      (controllerRevision as { data?: unknown }).data,
      signal,
    );
  }
  await releaseFields(client, path, patched, signal);
  return { revision };
}
