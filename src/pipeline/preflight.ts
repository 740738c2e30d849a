// The preflight, before any write (in plan mode too: it previews the apply): every namespace the
// objects need exists, and every permission the run needs is granted. Both are asked at once, while
// the objects are read (plan.ts). A refusal is one failure that lists everything missing.
import { readsByList } from "../apply/live.ts";
import type { Membership } from "../apply/applyset.ts";
import { recreateAnnotation } from "../apply/explain.ts";
import {
  grantObjects,
  missingPermissions,
  requiredPermissions,
  type RunTargets,
  unverifiableNamespaceRows,
} from "../apply/permissions.ts";
import { isApiService, plannedObjects } from "../apply/plan.ts";
import { crdsNeeded } from "../apply/run.ts";
import { checkAgainstCluster } from "../apply/validate.ts";
import type { UserInfo } from "../credentials/identity.ts";
import type { Settings } from "../inputs.ts";
import type { RestMapper } from "../kube/discovery.ts";
import { ManifestError } from "../manifests/load.ts";
import type { Failure } from "../result.ts";
import { waitAccess } from "../rollout/kinds.ts";
import { waitAnnotation } from "../rollout/rules.ts";
import { describeIdentity } from "./connect.ts";
import type { StageContext } from "./context.ts";
import type { Planned } from "./plan.ts";

/**
 * Access reviews asked at once: small answers the authorizer gives from memory, so a run of many
 * namespaces still asks them in one or two round trips (they share HTTP/2's 100 streams per connection
 * with the reads sent meanwhile).
 */
const reviewsInFlight = 96;

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
  const needed = new Set(crdsNeeded(objects));
  const { applyset } = planned;
  return {
    objects,
    readsByList,
    recreate: objects.filter((o) => o.object.metadata.annotations?.[recreateAnnotation] === "true"),
    // CRDs whose kinds the set uses and APIServices are waited for before what needs them even
    // without `wait`; what each wait (and rollback) requests comes from the kind table
    waitFor: objects.flatMap((o) => {
      const skipped = o.object.metadata.annotations?.[waitAnnotation] === "false";
      const waited = (settings.wait && !skipped) || needed.has(o) || isApiService(o);
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
 * Checks that the namespaces the objects need exist (a ManifestError names every one missing) and
 * asks for every permission the targets need, at once. Returns nothing when all are granted, else the
 * failure with the missing ones (and the namespaces that could not be read) as data.
 */
export async function preflight(
  ctx: StageContext,
  planned: Planned,
  settings: Settings,
  identityOf: Promise<UserInfo | undefined>,
): Promise<Failure | undefined> {
  const rows = requiredPermissions(runTargets(planned, settings));
  const [check, missing] = await Promise.all([
    checkAgainstCluster(ctx.client, planned.plan, ctx.signal),
    missingPermissions(ctx.client, rows, { signal: ctx.signal, concurrency: reviewsInFlight }),
  ]);
  // logged after the identity is, whichever answer came first
  const identity = await identityOf;
  for (const ns of check.unverifiable)
    ctx.log.warning(`namespace ${ns} could not be read (forbidden): its existence is not verified`);
  if (check.problems.length > 0) throw new ManifestError(check.problems);
  const { unverifiable } = check;
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
