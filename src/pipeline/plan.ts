// Planning: discovery, the objects mapped and ordered into phases, checked against the cluster (all
// problems at once), and what the ApplySet recorded before. Nothing is written.
import {
  ApplySetError,
  applySetParent,
  type ApplySetParent,
  type Membership,
  partOfLabel,
  readMembership,
} from "../apply/applyset.ts";
import { type Plan, planApply, type PlanOptions } from "../apply/plan.ts";
import { checkAgainstCluster } from "../apply/validate.ts";
import type { Settings } from "../inputs.ts";
import { discover, type RestMapper } from "../kube/discovery.ts";
import { ManifestError, type ManifestObject } from "../manifests/load.ts";
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
  /** namespaces whose existence could not be checked (forbidden) */
  unverifiable: string[];
}

export async function plan(
  ctx: StageContext,
  objects: readonly ManifestObject[],
  settings: Settings,
  defaultNamespace: string,
): Promise<Planned> {
  const { client, log, signal } = ctx;
  const mapper = await discover(client, signal);
  const parent = settings.applyset === undefined ? undefined : applySetParent(settings.applyset, defaultNamespace);
  const options: PlanOptions = {
    defaultNamespace,
    ...(parent === undefined ? {} : { labels: { [partOfLabel]: parent.id } }),
  };
  const plan = planApply(objects, mapper, options);
  for (const warning of plan.warnings) log.warning(warning.message, warning.source);

  const check = await checkAgainstCluster(client, plan, signal);
  for (const ns of check.unverifiable)
    log.warning(`namespace ${ns} could not be read (forbidden): its existence is not verified`);
  if (check.problems.length > 0) throw new ManifestError(check.problems);
  if (parent === undefined) return { plan, options, mapper, applyset: undefined, unverifiable: check.unverifiable };

  const previous = await readMembership(client, parent, signal);
  if (settings.prune && objects.length === 0) {
    const set = settings.applyset ?? "";
    throw new ApplySetError(
      `the manifests hold no objects: pruning ApplySet ${set} would delete all of its members, ` +
        "so kubeship refuses (remove prune to apply nothing)",
    );
  }
  return { plan, options, mapper, applyset: { parent, previous }, unverifiable: check.unverifiable };
}
