// The permission preflight: every permission the run needs, asked before any write (in plan mode
// too: it previews the apply). A refusal is one failure that lists everything missing.
import { prefetchThreshold } from "../apply/apply.ts";
import type { Membership } from "../apply/applyset.ts";
import { recreateAnnotation } from "../apply/explain.ts";
import {
  grantObjects,
  missingPermissions,
  requiredPermissions,
  type RunTargets,
  unverifiableNamespaceRows,
} from "../apply/permissions.ts";
import { isApiService, isCrd, plannedObjects } from "../apply/plan.ts";
import type { UserInfo } from "../credentials/identity.ts";
import type { Settings } from "../inputs.ts";
import type { RestMapper } from "../kube/discovery.ts";
import type { Failure } from "../result.ts";
import { waitAccess } from "../rollout/kinds.ts";
import { waitAnnotation } from "../rollout/rules.ts";
import { describeIdentity } from "./connect.ts";
import type { StageContext } from "./context.ts";
import type { Planned } from "./plan.ts";

/** Where pruning looks for members: each kind the ApplySet recorded, in each namespace it recorded. */
function pruneTargets(
  membership: Membership,
  parentNamespace: string,
  mapper: RestMapper,
): NonNullable<RunTargets["prune"]> {
  const namespaces = [...new Set([parentNamespace, ...membership.namespaces])];
  return membership.groupKinds.flatMap((gk) => {
    const [kind = "", ...group] = gk.split(".");
    const mapping = mapper.findGroupKind(group.join("."), kind);
    if (mapping === undefined) return [];
    const where = { group: mapping.group, resource: mapping.resource };
    return mapping.namespaced ? namespaces.map((namespace) => ({ ...where, namespace })) : [where];
  });
}

/** What the run touches, as the preflight asks about it. */
export function runTargets(planned: Planned, settings: Settings): RunTargets {
  const objects = plannedObjects(planned.plan);
  const { applyset } = planned;
  return {
    objects,
    listFrom: prefetchThreshold,
    recreate: objects.filter((o) => o.object.metadata.annotations?.[recreateAnnotation] === "true"),
    // CRDs and APIServices are waited for between phases even without `wait`; what each wait (and
    // rollback) requests comes from the kind table
    waitFor: objects.flatMap((o) => {
      const skipped = o.object.metadata.annotations?.[waitAnnotation] === "false";
      const waited = (settings.wait && !skipped) || isCrd(o) || isApiService(o);
      const rollback = settings.wait && settings.rollbackOnFailure;
      return waited ? [{ ...o, access: waitAccess(o.mapping.group, o.mapping.kind, { rollback }) }] : [];
    }),
    ...(applyset === undefined
      ? {}
      : { applyset: { namespace: applyset.parent.namespace, name: applyset.parent.name } }),
    ...(applyset !== undefined && settings.prune
      ? { prune: pruneTargets(applyset.previous, applyset.parent.namespace, planned.mapper) }
      : {}),
  };
}

/**
 * Asks for every permission the targets need. Returns nothing when all are granted, else the failure
 * with the missing ones (and the namespaces validation could not read) as data.
 */
export async function checkPermissions(
  ctx: StageContext,
  targets: RunTargets,
  identity: UserInfo | undefined,
  unverifiable: readonly string[],
): Promise<Failure | undefined> {
  const rows = requiredPermissions(targets);
  const missing = await missingPermissions(ctx.client, rows, { signal: ctx.signal });
  if (missing.length === 0) {
    ctx.log.info(`Permissions: all ${rows.length} that this deploy needs are granted`);
    return undefined;
  }
  const who = describeIdentity(identity);
  const lacks = `${who} lacks ${missing.length} of the ${rows.length} permissions this deploy needs`;
  const all = [...missing, ...unverifiableNamespaceRows(unverifiable)];
  return {
    kind: "permission",
    summary: `${lacks}, so nothing was written. Grant them, or deploy as an identity that has them:`,
    missingPermissions: all,
    grant: {
      objects: grantObjects(all, identity?.username),
      ...(identity === undefined ? {} : { to: identity.username }),
    },
  };
}
