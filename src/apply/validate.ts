// Checks against the cluster before anything is written: every namespace the objects need must
// exist or be created by the set. A namespace we may not read is reported as unverifiable, not as
// an error: the permission check decides about it.
import type { KubeApi } from "../kube/api.ts";
import { KubeApiError } from "../kube/errors.ts";
import { describeRef } from "../kube/types.ts";
import type { ManifestError } from "../manifests/load.ts";
import { namespacesNeeded, type Plan } from "./plan.ts";

export interface ClusterCheck {
  problems: ManifestError["problems"];
  /** namespaces whose existence could not be checked (403) */
  unverifiable: string[];
}

export async function checkAgainstCluster(client: KubeApi, plan: Plan, signal?: AbortSignal): Promise<ClusterCheck> {
  const result: ClusterCheck = { problems: [], unverifiable: [] };
  await Promise.all(
    namespacesNeeded(plan).map(async ({ namespace, first }) => {
      try {
        const found = await client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`, signal ? { signal } : {});
        if (found === undefined) {
          result.problems.push({
            source: first.source,
            message: `${describeRef(first.ref)}: namespace "${namespace}" does not exist and is not in the manifests (create it, add a Namespace manifest, or set the namespace input)`,
          });
        }
      } catch (error) {
        if (error instanceof KubeApiError && error.code === 403) result.unverifiable.push(namespace);
        else throw error;
      }
    }),
  );
  result.problems.sort(
    (a, b) =>
      (a.source?.file ?? "").localeCompare(b.source?.file ?? "") || (a.source?.line ?? 0) - (b.source?.line ?? 0),
  );
  return result;
}
