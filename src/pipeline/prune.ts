// Pruning: the ApplySet's members this run did not apply are deleted (unless kept), then the parent's
// record shrinks to what was applied. In plan mode: only what would be deleted.
import { membershipOf, prune as deleteMember, pruneCandidates, writeMembership } from "../apply/applyset.ts";
import type { Settings } from "../inputs.ts";
import { describeRef } from "../kube/types.ts";
import type { PruneResult } from "../result.ts";
import type { Applied } from "./apply.ts";
import type { StageContext } from "./context.ts";
import type { ApplySetState } from "./plan.ts";

export async function prune(
  ctx: StageContext,
  applyset: ApplySetState,
  applied: Applied,
  settings: Settings,
): Promise<PruneResult[]> {
  const { client, log, signal } = ctx;
  const members = [...applied.objects, ...applied.unchecked];
  const candidates = await pruneCandidates(
    client,
    applied.mapper,
    applyset.parent,
    applyset.previous,
    members,
    settings.pruneDestructive,
    signal,
  );
  const results = candidates.map((c): PruneResult => ({
    ref: c.ref,
    ...(c.kept === undefined ? {} : { kept: c.kept }),
  }));
  if (settings.mode === "plan") {
    for (const c of candidates) log.info(`  ${describeRef(c.ref)} ${c.kept ?? "would be pruned"}`);
    return results;
  }
  for (const candidate of candidates) {
    if (candidate.kept !== undefined) {
      log.warning(`${describeRef(candidate.ref)} is no longer in the manifests but was ${candidate.kept}`);
      continue;
    }
    await deleteMember(client, candidate, signal);
    log.info(`  ${describeRef(candidate.ref)} pruned`);
  }
  // Only after pruning succeeded does the parent shrink to what this run applied (plus what was kept).
  const kept = candidates.filter((c) => c.kept !== undefined);
  await writeMembership(
    client,
    applyset.parent,
    membershipOf([...applied.objects, ...kept]),
    settings.fieldManager,
    signal,
  );
  return results;
}
