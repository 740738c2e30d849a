// Planning: the objects mapped and ordered with discovery's answer, and what the ApplySet recorded
// before (both asked while the manifests were read: ask.ts). Once the plan is known, the objects are
// read as they are before the apply, while the preflight's checks are answered. Nothing is written.
import { ApplySetError, type ApplySetParent, type Membership, partOfLabel } from "../apply/applyset.ts";
import type { LiveReads } from "../apply/live.ts";
import { type Plan, planApply, type PlanOptions } from "../apply/plan.ts";
import { readsAhead } from "../apply/run.ts";
import type { Settings } from "../inputs.ts";
import type { RestMapper } from "../kube/discovery.ts";
import type { ManifestObject } from "../manifests/load.ts";
import type { Asked } from "./ask.ts";
import type { StageContext } from "./context.ts";

/** The ApplySet this run records into, and what it recorded before. */
export interface ApplySetState {
  parent: ApplySetParent;
  previous: Membership;
}

export interface Planned {
  plan: Plan;
  /** the namespace and labels objects get: objects planned later (those of aggregated APIs) get them too */
  options: PlanOptions;
  /** discovery as it was before anything was applied */
  mapper: RestMapper;
  applyset: ApplySetState | undefined;
  /** the objects as they are before the apply, read as soon as the plan is known */
  live: LiveReads;
}

export async function plan(
  ctx: StageContext,
  objects: readonly ManifestObject[],
  settings: Settings,
  defaultNamespace: string,
  asked: Asked,
): Promise<Planned> {
  const { client, log, signal } = ctx;
  const { parent } = asked;
  if (parent !== undefined && settings.prune && objects.length === 0) {
    const set = settings.applyset ?? "";
    throw new ApplySetError(
      `the manifests hold no objects: pruning ApplySet ${set} would delete all of its members, ` +
        "so kubeship refuses (remove prune to apply nothing)",
    );
  }
  const mapper = await asked.mapper;
  const options: PlanOptions = {
    defaultNamespace,
    ...(parent === undefined ? {} : { labels: { [partOfLabel]: parent.id } }),
  };
  const plan = planApply(objects, mapper, options);
  for (const warning of plan.warnings) log.warning(warning.message, warning.source);
  const previous = await asked.membership;
  const live = readsAhead(client, plan, settings.mode === "plan", signal);
  const applyset = parent === undefined || previous === undefined ? undefined : { parent, previous };
  return { plan, options, mapper, applyset, live };
}
