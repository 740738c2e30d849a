// Planning: discovery, the objects mapped and ordered, and what the ApplySet recorded before (read
// at the same time as discovery). Once the plan is known, the objects are read as they are before
// the apply, while the preflight's checks are answered. Nothing is written.
import {
  ApplySetError,
  applySetParent,
  type ApplySetParent,
  type Membership,
  partOfLabel,
  readMembership,
} from "../apply/applyset.ts";
import type { LiveReads } from "../apply/live.ts";
import { type Plan, planApply, type PlanOptions } from "../apply/plan.ts";
import { readsAhead } from "../apply/run.ts";
import type { Settings } from "../inputs.ts";
import { discover, type RestMapper } from "../kube/discovery.ts";
import type { ManifestObject } from "../manifests/load.ts";
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
): Promise<Planned> {
  const { client, log, signal } = ctx;
  const parent = settings.applyset === undefined ? undefined : applySetParent(settings.applyset, defaultNamespace);
  if (parent !== undefined && settings.prune && objects.length === 0) {
    const set = settings.applyset ?? "";
    throw new ApplySetError(
      `the manifests hold no objects: pruning ApplySet ${set} would delete all of its members, ` +
        "so kubeship refuses (remove prune to apply nothing)",
    );
  }
  // independent of each other: asked at once
  const membership = parent === undefined ? undefined : readMembership(client, parent, signal);
  membership?.catch(() => undefined); // awaited below, after discovery
  const mapper = await discover(client, signal);
  const options: PlanOptions = {
    defaultNamespace,
    ...(parent === undefined ? {} : { labels: { [partOfLabel]: parent.id } }),
  };
  const plan = planApply(objects, mapper, options);
  for (const warning of plan.warnings) log.warning(warning.message, warning.source);
  const previous = await membership;
  const live = readsAhead(client, plan, settings.mode === "plan", signal);
  const applyset = parent === undefined || previous === undefined ? undefined : { parent, previous };
  return { plan, options, mapper, applyset, live };
}
