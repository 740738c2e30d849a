// Planning: discovery, the objects mapped and ordered, and what the ApplySet recorded before (asked
// at the same time as discovery, while the manifests are read). Once the plan is known, the objects are read as they are before
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

/** What planning asks the cluster before it needs the manifests: discovery, and what the ApplySet recorded before. */
export interface Asked {
  parent: ApplySetParent | undefined;
  membership: Promise<Membership> | undefined;
  mapper: Promise<RestMapper>;
}

/** Sends planning's questions at once, before the manifests are read; the answers are awaited by `plan`. */
export function ask(ctx: StageContext, settings: Settings, defaultNamespace: string): Asked {
  const { client, signal } = ctx;
  const parent = settings.applyset === undefined ? undefined : applySetParent(settings.applyset, defaultNamespace);
  const membership = parent === undefined ? undefined : readMembership(client, parent, signal);
  const mapper = discover(client, signal);
  // awaited by plan(), which a bad manifest stops before
  for (const pending of [membership, mapper]) pending?.catch(() => undefined);
  return { parent, membership, mapper };
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
