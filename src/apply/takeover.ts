// Taking over objects created or changed with `kubectl apply` (client-side), `kubectl create` or
// `kubectl edit`: their fields are owned by Update managers, so a field later removed from the
// manifest would stay on the live object. Before applying, kubeship moves those managers' fields to
// its own Apply entry (as kubectl's csaupgrade and Flux do), in one JSON patch guarded by the
// resourceVersion; then its apply owns every field and can remove what the manifest no longer has.
import type { KubeApi } from "../kube/api.ts";
import { metadataOnly } from "../kube/metadata.ts";
import type { FieldSet, KubeObject, ManagedFieldsEntry } from "../kube/types.ts";

/**
 * The managers of how objects were written before server-side apply: `kubectl apply` (client-side),
 * `kubectl create`, `kubectl edit`, and the server's `before-first-apply`. Not `kubectl rollout`,
 * `label` or `annotate`: what those add (a restartedAt annotation) is not the manifest's to remove.
 */
const takenOverManagers = new Set([
  "kubectl-client-side-apply",
  "kubectl-create",
  "kubectl-edit",
  "kubectl",
  "before-first-apply",
]);

function isTakenOver(entry: ManagedFieldsEntry, fieldManager: string): boolean {
  if (entry.operation !== "Update" || (entry.subresource ?? "") !== "" || entry.manager === fieldManager) return false;
  return takenOverManagers.has(entry.manager ?? "");
}

export function unionFields(a: FieldSet, b: FieldSet): FieldSet {
  const result: FieldSet = { ...a };
  for (const [key, value] of Object.entries(b))
    result[key] = key in result ? unionFields(result[key] ?? {}, value) : value;
  return result;
}

/** The managedFields after the takeover, or undefined when there is nothing to take over. */
export function takeoverManagedFields(live: KubeObject, fieldManager: string): ManagedFieldsEntry[] | undefined {
  const entries = (live.metadata.managedFields ?? []) as ManagedFieldsEntry[];
  const taken = entries.filter((e) => isTakenOver(e, fieldManager));
  if (taken.length === 0) return undefined;
  const kept = entries.filter((e) => !isTakenOver(e, fieldManager));
  const fields = taken.reduce<FieldSet>((set, e) => unionFields(set, e.fieldsV1 ?? {}), {});
  const own = kept.find((e) => e.manager === fieldManager && e.operation === "Apply" && (e.subresource ?? "") === "");
  if (own !== undefined) {
    own.fieldsV1 = unionFields(own.fieldsV1 ?? {}, fields);
    return kept;
  }
  const newest = [...taken].sort((a, b) => (b.time ?? "").localeCompare(a.time ?? ""))[0];
  return [
    ...kept,
    {
      manager: fieldManager,
      operation: "Apply",
      apiVersion: newest?.apiVersion ?? live.apiVersion,
      time: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      fieldsType: "FieldsV1",
      fieldsV1: fields,
    },
  ];
}

/** What a take-over did; `taken` says which resourceVersion the object has after it. */
export type TakeoverOutcome =
  { outcome: "taken"; resourceVersion: string | undefined } | { outcome: "nothing" | "stale" };

/**
 * Moves the fields of kubectl's managers to `fieldManager`. `stale` means a concurrent change won
 * (the resourceVersion test failed): the caller reads the object again and retries. Only the answer's
 * metadata is asked for: the new resourceVersion is all that is read of it.
 */
export async function takeOver(
  client: KubeApi,
  path: string,
  live: KubeObject,
  fieldManager: string,
  signal?: AbortSignal,
): Promise<TakeoverOutcome> {
  const managedFields = takeoverManagedFields(live, fieldManager);
  if (managedFields === undefined) return { outcome: "nothing" };
  const patch = [
    { op: "test", path: "/metadata/resourceVersion", value: live.metadata.resourceVersion },
    { op: "replace", path: "/metadata/managedFields", value: managedFields },
  ];
  try {
    const answer = await client.request<KubeObject>("PATCH", path, {
      contentType: "application/json-patch+json",
      accept: metadataOnly,
      body: JSON.stringify(patch),
      ...(signal ? { signal } : {}),
    });
    return { outcome: "taken", resourceVersion: answer.body.metadata?.resourceVersion };
  } catch (error) {
    const code = (error as { code?: number }).code;
    if (code === 409 || code === 422) return { outcome: "stale" };
    throw error;
  }
}
