const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  apply,
  assemble,
  canRollBack,
  crdsNeeded,
  failuresOf,
  isApiService,
  kindBehaviour,
  limiter,
  namespacesNeeded,
  newestFirst,
  ownedChildren,
  planApply,
  plannedObjects,
  readsAhead,
  readsByList,
  recreateAnnotation,
  revisionNumber,
  secretValueForms,
  waitAccess,
  waitAnnotation,
  waitForRollouts
} from "./chunk-RSPHOEH2.js";
import {
  ManifestError,
  loadManifests
} from "./chunk-7J76F2LG.js";
import {
  describeRollback
} from "./chunk-ZSQWN5RO.js";
import {
  describeIdentity
} from "./chunk-VYUHXVZO.js";
import "./chunk-LZ2HELCA.js";
import {
  ApplySetError,
  KubeApiError,
  membershipOf,
  partOfLabel,
  prune,
  pruneCandidates,
  resourcePath,
  seconds,
  writeMembership
} from "./chunk-74A2JGPW.js";
import "./chunk-M5WADX4M.js";
import "./chunk-FY6K4G6S.js";
import {
  describeRef
} from "./chunk-5BGRW4SM.js";
import "./chunk-3SKQK3M3.js";
import "./chunk-BG6EPD6Q.js";
import "./chunk-SLGBTRB5.js";
import "./chunk-ZA77GC67.js";
import "./chunk-OJTZGOVT.js";
import "./chunk-TAMLSLKN.js";
import "./chunk-LR26H2VH.js";
import "./chunk-RCV5BOJ3.js";

// src/manifests/images.ts
function repositoryOf(image) {
  const withoutDigest = image.split("@")[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const lastColon = withoutDigest.lastIndexOf(":");
  return lastColon > lastSlash ? withoutDigest.slice(0, lastColon) : withoutDigest;
}
function podSpecs(object) {
  const spec = object.spec;
  const found = [
    object.kind === "Pod" ? object.spec : void 0,
    object.kind === "PodTemplate" ? object.template?.spec : void 0,
    spec?.template?.spec,
    spec?.jobTemplate?.spec?.template?.spec
  ];
  return found.filter((s) => s !== void 0 && typeof s === "object");
}
function overrideImages(objects, overrides) {
  if (overrides.length === 0) return { objects: [...objects], unused: [] };
  const used = /* @__PURE__ */ new Set();
  const result = objects.map((item) => {
    const object = structuredClone(item.object);
    for (const podSpec of podSpecs(object)) {
      for (const container of [
        ...podSpec.containers ?? [],
        ...podSpec.initContainers ?? [],
        ...podSpec.ephemeralContainers ?? []
      ]) {
        if (container.image === void 0) continue;
        const override = overrides.find((o) => o.name === repositoryOf(container.image ?? ""));
        if (override === void 0) continue;
        container.image = override.reference;
        used.add(override);
      }
    }
    return { ...item, object };
  });
  return { objects: result, unused: overrides.filter((o) => !used.has(o)) };
}

// src/pipeline/load.ts
function maskSecretValues(objects, log) {
  for (const { object } of objects) for (const form of secretValueForms(object)) log.mask(form);
}
async function load(settings, log) {
  const loaded = await loadManifests(settings.manifests, settings.workspace);
  maskSecretValues(loaded, log);
  const { objects, unused } = overrideImages(loaded, settings.images);
  for (const override of unused) {
    log.warning(`images: ${override.name}=${override.reference} matched no container image in the manifests`);
  }
  log.info(`Read ${objects.length} objects from ${settings.manifests.join(", ")}`);
  return objects;
}

// src/pipeline/plan.ts
async function plan(ctx, objects, settings, defaultNamespace, asked) {
  const { client, log, signal } = ctx;
  const { parent } = asked;
  if (parent !== void 0 && settings.prune && objects.length === 0) {
    const set = settings.applyset ?? "";
    throw new ApplySetError(
      `the manifests hold no objects: pruning ApplySet ${set} would delete all of its members, so kubeship refuses (remove prune to apply nothing)`
    );
  }
  const mapper = await asked.mapper;
  const options = {
    defaultNamespace,
    ...parent === void 0 ? {} : { labels: { [partOfLabel]: parent.id } }
  };
  const plan2 = planApply(objects, mapper, options);
  for (const warning of plan2.warnings) log.warning(warning.message, warning.source);
  const previous2 = await asked.membership;
  const live = readsAhead(client, plan2, settings.mode === "plan", signal);
  const applyset = parent === void 0 || previous2 === void 0 ? void 0 : { parent, previous: previous2 };
  return { plan: plan2, options, mapper, applyset, live };
}

// src/apply/permissions.ts
import { createHash } from "node:crypto";
function scoped(namespaced, namespace) {
  return namespaced && namespace !== void 0 ? { namespace } : {};
}
function requiredPermissions(targets) {
  const rows = /* @__PURE__ */ new Map();
  const add = (row) => {
    const key = rowKey(row);
    if (!rows.has(key)) rows.set(key, row);
  };
  const where = ({ mapping, ref }) => ({
    group: mapping.group,
    resource: mapping.resource,
    ...scoped(mapping.namespaced, ref.namespace)
  });
  const perCollection = /* @__PURE__ */ new Map();
  for (const target of targets.objects) {
    const key = rowKey({ verb: "", ...where(target) });
    perCollection.set(key, (perCollection.get(key) ?? 0) + 1);
  }
  for (const target of targets.objects) {
    const members = perCollection.get(rowKey({ verb: "", ...where(target) })) ?? 0;
    const listed = targets.readsByList?.(target.mapping, members) ?? false;
    if (listed) add({ verb: "list", ...where(target), neededFor: "apply" });
    else add({ verb: "get", ...where(target), name: target.ref.name, neededFor: "apply" });
    add({ verb: "patch", ...where(target), name: target.ref.name, neededFor: "apply" });
    add({ verb: "create", ...where(target), neededFor: "apply" });
  }
  for (const target of targets.recreate ?? [])
    add({ verb: "delete", ...where(target), name: target.ref.name, neededFor: "recreate" });
  for (const target of targets.waitFor ?? []) {
    for (const access of target.access) add(accessRow(target, access));
  }
  if (targets.applyset !== void 0) {
    const { namespace, name } = targets.applyset;
    for (const verb of ["get", "patch"])
      add({ verb, group: "", resource: "secrets", namespace, name, neededFor: "applyset" });
    add({ verb: "create", group: "", resource: "secrets", namespace, neededFor: "applyset" });
  }
  for (const target of targets.prune ?? []) {
    for (const verb of ["list", "delete"]) add({ verb, ...target, neededFor: "prune" });
  }
  return [...rows.values()];
}
function accessRow({ mapping, ref }, access) {
  const { verb, neededFor } = access;
  const fallback = access.fallback === void 0 ? {} : { fallback: access.fallback };
  const own = { group: mapping.group, resource: mapping.resource, ...scoped(mapping.namespaced, ref.namespace) };
  if (access.on === "object") return { verb, ...own, name: ref.name, neededFor, ...fallback };
  if (access.on === "collection") return { verb, ...own, neededFor, ...fallback };
  const namespace = mapping.namespaced ? ref.namespace ?? "default" : "default";
  return { verb, group: access.group ?? "", resource: access.resource ?? "", namespace, neededFor, ...fallback };
}
function rowKey(row) {
  return [row.verb, row.group, row.resource, row.subresource ?? "", row.namespace ?? "", row.name ?? ""].join("\0");
}
async function missingPermissions(client, rows, options = {}) {
  const collections = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const { name: _name, ...collection } = row;
    const key = rowKey(collection);
    collections.set(key, [...collections.get(key) ?? [], row]);
  }
  const limit = limiter(options.concurrency ?? 16);
  const review = (row) => limit(async () => {
    const resourceAttributes = {
      verb: row.verb,
      group: row.group,
      resource: row.resource,
      subresource: row.subresource,
      namespace: row.namespace,
      name: row.name
    };
    const body = JSON.stringify({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      spec: { resourceAttributes }
    });
    const answer = await client.request(
      "POST",
      "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      {
        body,
        contentType: "application/json",
        ...options.signal === void 0 ? {} : { signal: options.signal }
      }
    );
    return answer.body.status;
  });
  const denied = (status, row) => {
    if (status?.allowed === true) return [];
    const detail = status?.reason || status?.evaluationError;
    return [{ ...row, ...detail ? { detail } : {} }];
  };
  const missing = await Promise.all(
    [...collections.values()].map(async (group) => {
      const [first] = group;
      if (first === void 0) return [];
      const { name: _name, ...collection } = first;
      const whole = await review(collection);
      if (whole?.allowed === true) return [];
      const fallback = first.fallback === void 0 ? void 0 : await review({ ...collection, ...first.fallback });
      if (fallback?.allowed === true) return [];
      if (group.every((row) => row.name === void 0)) return denied(whole, collection);
      return (await Promise.all(group.map(async (row) => denied(await review(row), row)))).flat();
    })
  );
  return missing.flat();
}
function unverifiableNamespaceRows(namespaces) {
  return namespaces.map((name) => ({
    verb: "get",
    group: "",
    resource: "namespaces",
    name,
    neededFor: "namespace check",
    detail: "cannot check that it exists"
  }));
}
function subjectOf(username) {
  const parts = username.split(":");
  if (parts.length === 4 && parts[0] === "system" && parts[1] === "serviceaccount" && parts[2] && parts[3]) {
    return { kind: "ServiceAccount", name: parts[3], namespace: parts[2] };
  }
  return { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: username };
}
function policyRules(rows) {
  const verbs = /* @__PURE__ */ new Map();
  for (const row of rows) {
    const resource = row.subresource === void 0 ? row.resource : `${row.resource}/${row.subresource}`;
    const key = [row.group, resource, row.name ?? ""].join("\0");
    const name = row.name === void 0 ? {} : { name: row.name };
    const entry = verbs.get(key) ?? { group: row.group, resource, ...name, verbs: /* @__PURE__ */ new Set() };
    entry.verbs.add(row.verb);
    verbs.set(key, entry);
  }
  const rules = /* @__PURE__ */ new Map();
  for (const entry of verbs.values()) {
    const sorted = [...entry.verbs].sort();
    const key = [entry.group, entry.resource, sorted.join(","), entry.name === void 0 ? "*" : ""].join("\0");
    const rule = rules.get(key) ?? { apiGroups: [entry.group], resources: [entry.resource], verbs: sorted };
    if (entry.name !== void 0) rule.resourceNames = [...rule.resourceNames ?? [], entry.name];
    rules.set(key, rule);
  }
  return [...rules.values()];
}
function grantObjects(rows, username) {
  const byNamespace = /* @__PURE__ */ new Map();
  for (const row of rows) byNamespace.set(row.namespace, [...byNamespace.get(row.namespace) ?? [], row]);
  const subject = username === void 0 ? void 0 : subjectOf(username);
  const scopes = [...byNamespace].sort(([a], [b]) => (a ?? "").localeCompare(b ?? ""));
  const digest = createHash("sha256").update(JSON.stringify({ username, scopes: scopes.map(([namespace, r]) => [namespace, policyRules(r)]) })).digest("hex").slice(0, 10);
  const name = `kubeship-deploy-${digest}`;
  const rbac = "rbac.authorization.k8s.io/v1";
  return scopes.flatMap(([namespace, scoped2]) => {
    const role = namespace === void 0 ? "ClusterRole" : "Role";
    const metadata = { name, ...namespace === void 0 ? {} : { namespace } };
    const roleObject = { apiVersion: rbac, kind: role, metadata, rules: policyRules(scoped2) };
    if (subject === void 0) return [roleObject];
    const binding = {
      apiVersion: rbac,
      kind: `${role}Binding`,
      metadata,
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: role, name },
      subjects: [subject]
    };
    return [roleObject, binding];
  });
}

// src/apply/validate.ts
async function checkAgainstCluster(client, plan2, signal) {
  const result = { problems: [], unverifiable: [] };
  await Promise.all(
    namespacesNeeded(plan2).map(async ({ namespace, first }) => {
      try {
        const found = await client.get(`/api/v1/namespaces/${encodeURIComponent(namespace)}`, signal ? { signal } : {});
        if (found === void 0) {
          result.problems.push({
            source: first.source,
            message: `${describeRef(first.ref)}: namespace "${namespace}" does not exist and is not in the manifests (create it, add a Namespace manifest, or set the namespace input)`
          });
        }
      } catch (error) {
        if (error instanceof KubeApiError && error.code === 403) result.unverifiable.push(namespace);
        else throw error;
      }
    })
  );
  result.problems.sort(
    (a, b) => (a.source?.file ?? "").localeCompare(b.source?.file ?? "") || (a.source?.line ?? 0) - (b.source?.line ?? 0)
  );
  return result;
}

// src/pipeline/preflight.ts
var reviewsInFlight = 96;
function pruneTargets(membership, parentNamespace, mapper) {
  const namespaces = [.../* @__PURE__ */ new Set([parentNamespace, ...membership.namespaces])];
  return membership.groupKinds.flatMap((gk) => {
    const [kind = "", ...group] = gk.split(".");
    const mapping = mapper.findGroupKind(group.join("."), kind);
    if (mapping === void 0) return [];
    const where = { group: mapping.group, resource: mapping.resource };
    return mapping.namespaced ? namespaces.map((namespace) => ({ ...where, namespace })) : [where];
  });
}
function runTargets(planned, settings) {
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
      const waited = settings.wait && !skipped || needed.has(o) || isApiService(o);
      const rollback = settings.wait && settings.rollbackOnFailure;
      return waited ? [{ ...o, access: waitAccess(o.mapping.group, o.mapping.kind, { rollback }) }] : [];
    }),
    ...applyset === void 0 ? {} : { applyset: { namespace: applyset.parent.namespace, name: applyset.parent.name } },
    ...applyset !== void 0 && settings.prune ? { prune: pruneTargets(applyset.previous, applyset.parent.namespace, planned.mapper) } : {}
  };
}
async function preflight(ctx, planned, settings, identityOf) {
  const rows = requiredPermissions(runTargets(planned, settings));
  const [check, missing] = await Promise.all([
    checkAgainstCluster(ctx.client, planned.plan, ctx.signal),
    missingPermissions(ctx.client, rows, { signal: ctx.signal, concurrency: reviewsInFlight })
  ]);
  const identity = await identityOf;
  for (const ns of check.unverifiable)
    ctx.log.warning(`namespace ${ns} could not be read (forbidden): its existence is not verified`);
  if (check.problems.length > 0) throw new ManifestError(check.problems);
  const { unverifiable } = check;
  if (missing.length === 0) {
    ctx.log.info(`Permissions: all ${rows.length} that this deploy needs are granted`);
    return void 0;
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
      ...identity === void 0 ? {} : { to: identity.username }
    }
  };
}

// src/pipeline/prune.ts
async function prune2(ctx, applyset, applied, settings) {
  const { client, log, signal } = ctx;
  const members = [...applied.objects, ...applied.unchecked];
  const candidates = await pruneCandidates(
    client,
    applied.mapper,
    applyset.parent,
    applyset.previous,
    members,
    settings.pruneDestructive,
    signal
  );
  const results = candidates.map((c) => ({
    ref: c.ref,
    ...c.kept === void 0 ? {} : { kept: c.kept }
  }));
  if (settings.mode === "plan") {
    for (const c of candidates) log.info(`  ${describeRef(c.ref)} ${c.kept ?? "would be pruned"}`);
    return results;
  }
  for (const candidate of candidates) {
    if (candidate.kept !== void 0) {
      log.warning(`${describeRef(candidate.ref)} is no longer in the manifests but was ${candidate.kept}`);
      continue;
    }
    await prune(client, candidate, signal);
    log.info(`  ${describeRef(candidate.ref)} pruned`);
  }
  const kept = candidates.filter((c) => c.kept !== void 0);
  await writeMembership(
    client,
    applyset.parent,
    membershipOf([...applied.objects, ...kept]),
    settings.fieldManager,
    signal
  );
  return results;
}

// src/rollout/rollback.ts
var rollbackFieldManager = "kubeship-rollback";
var podTemplateHashLabel = "pod-template-hash";
var RollbackError = class extends Error {
  /** why, without the object's name */
  reason;
  constructor(target, reason) {
    super(`${describeRef(target.ref)} was not rolled back: ${reason}`);
    this.name = "RollbackError";
    this.reason = reason;
  }
};
function previous(children) {
  return newestFirst(children)[1];
}
async function patch(client, path, contentType, body, signal) {
  const response = await client.request("PATCH", path, {
    contentType,
    body: JSON.stringify(body),
    query: { fieldManager: rollbackFieldManager },
    signal
  });
  return response.body;
}
async function releaseFields(client, path, object, signal) {
  let current = object;
  for (let attempt = 0; attempt < 5; attempt++) {
    const managedFields = current.metadata.managedFields ?? [];
    const kept = managedFields.filter((entry) => entry.manager !== rollbackFieldManager);
    if (kept.length === managedFields.length) return;
    try {
      const ops = [
        { op: "test", path: "/metadata/resourceVersion", value: current.metadata.resourceVersion },
        { op: "replace", path: "/metadata/managedFields", value: kept }
      ];
      await patch(client, path, "application/json-patch+json", ops, signal);
      return;
    } catch {
      current = (await client.request("GET", path, { signal })).body;
    }
  }
}
async function rollBack(client, target, signal) {
  const from = kindBehaviour(target.mapping.group, target.mapping.kind).rollbackFrom;
  if (from === void 0) throw new RollbackError(target, `a ${target.mapping.kind} cannot be rolled back`);
  const path = resourcePath(target.mapping, target.ref.namespace, target.ref.name);
  const current = (await client.request("GET", path, { signal })).body;
  let patched;
  let revision;
  if (from === "replicasets") {
    if (current.spec?.paused === true)
      throw new RollbackError(target, "it is paused; resume it (spec.paused: false) first");
    const replicaSet = previous(await ownedChildren(client, current, "replicasets", signal));
    if (replicaSet === void 0)
      throw new RollbackError(target, "it has no previous revision (its first rollout failed)");
    const template = structuredClone(replicaSet.spec.template);
    if (template === void 0) throw new RollbackError(target, "the previous ReplicaSet has no pod template");
    delete template.metadata.labels?.[podTemplateHashLabel];
    revision = String(revisionNumber(replicaSet));
    patched = await patch(
      client,
      path,
      "application/json-patch+json",
      [{ op: "replace", path: "/spec/template", value: template }],
      signal
    );
  } else {
    const controllerRevision = previous(await ownedChildren(client, current, "controllerrevisions", signal));
    if (controllerRevision === void 0)
      throw new RollbackError(target, "it has no previous revision (its first rollout failed)");
    revision = String(revisionNumber(controllerRevision));
    patched = await patch(
      client,
      path,
      "application/strategic-merge-patch+json",
      controllerRevision.data,
      signal
    );
  }
  await releaseFields(client, path, patched, signal);
  return { revision };
}

// src/pipeline/wait.ts
var heartbeatEveryMs = 5e3;
var heartbeatListed = 10;
function progressName(ref) {
  return `${ref.kind.toLowerCase()}/${ref.name}`;
}
function howLong(ms) {
  const total = Math.round(ms / 1e3);
  return total < 60 ? `${total}s` : `${Math.floor(total / 60)}m${String(total % 60).padStart(2, "0")}s`;
}
function heartbeatLines(waiting, now, started, timeoutMs) {
  if (waiting.size === 0) return void 0;
  const lines = [...waiting].map(([name, { message, since }]) => {
    const unchanged = now - since >= heartbeatEveryMs ? ` (unchanged for ${howLong(now - since)})` : "";
    return `  ${name}: ${message}${unchanged}`;
  });
  const more = lines.length > heartbeatListed ? [`  \u2026 and ${lines.length - heartbeatListed} more`] : [];
  const count = `${lines.length} object${lines.length === 1 ? "" : "s"}`;
  return [
    `Still waiting for ${count} (${howLong(now - started)} of ${howLong(timeoutMs)}):`,
    ...lines.slice(0, heartbeatListed),
    ...more
  ].join("\n");
}
async function waitWithProgress(ctx, targets, settings) {
  const { client, log, signal } = ctx;
  const failFast = settings.failFast ? "failing fast" : "fail-fast off";
  log.info(`Waiting for the rollout (timeout ${seconds(settings.timeoutMs)}, ${failFast})`);
  const started = Date.now();
  const waiting = /* @__PURE__ */ new Map();
  const heartbeat = setInterval(() => {
    const lines = heartbeatLines(waiting, Date.now(), started, settings.timeoutMs);
    if (lines !== void 0) log.info(lines);
  }, heartbeatEveryMs);
  try {
    return await waitForRollouts(client, targets, {
      signal,
      failFast: settings.failFast,
      onProgress: (ref, readiness) => {
        const name = progressName(ref);
        if (readiness.state === "in-progress") waiting.set(name, { message: readiness.message, since: Date.now() });
        else waiting.delete(name);
        log.info(`  ${name}: ${readiness.state === "failed" ? "failed: " : ""}${readiness.message}`);
      }
    });
  } finally {
    clearInterval(heartbeat);
  }
}
async function rollBackFailed(ctx, applied, rollouts) {
  const { client, log, signal } = ctx;
  const failed = applied.filter(
    (a) => a.action !== "unchanged" && canRollBack(a.mapping.group, a.mapping.kind) && rollouts.some((r) => r.ref === a.ref && r.outcome === "failed")
  );
  const done = [];
  const revisions = /* @__PURE__ */ new Map();
  for (const a of failed) {
    try {
      const rollback = await rollBack(client, a, signal);
      revisions.set(a, rollback.revision);
      log.info(`Rolling back ${describeRef(a.ref)} to revision ${rollback.revision}`);
    } catch (error) {
      const reason = error instanceof RollbackError ? error.reason : error instanceof Error ? error.message : String(error);
      log.warning(`${describeRef(a.ref)} was not rolled back: ${reason}`, a.source);
      done.push({ ref: a.ref, message: reason });
    }
  }
  if (revisions.size === 0) return done;
  const targets = [...revisions.keys()].map((a) => ({ ref: a.ref, mapping: a.mapping }));
  const onProgress = (ref, readiness) => log.info(`  ${progressName(ref)} (rollback): ${readiness.message}`);
  const results = await waitForRollouts(client, targets, { signal, onProgress });
  for (const [a, revision] of revisions) {
    const r = results.find((result) => result.ref === a.ref);
    const rollback = {
      ref: a.ref,
      revision,
      outcome: r?.outcome ?? "timeout",
      message: r?.message ?? ""
    };
    log.info(`${describeRef(a.ref)} ${describeRollback(rollback)}`);
    done.push(rollback);
  }
  return done;
}
async function waitAndRollBack(ctx, applied, settings, cancel) {
  const rollouts = await waitWithProgress(ctx, applied, settings);
  if (cancel?.aborted === true) {
    const cancelled = rollouts.map(
      (r) => r.outcome === "timeout" ? { ...r, outcome: "cancelled" } : r
    );
    const still = cancelled.filter((r) => r.outcome === "cancelled").map((r) => describeRef(r.ref));
    ctx.log.info(`Cancelled: ${applied.length} object(s) applied; still rolling out: ${still.join(", ") || "nothing"}`);
    return { rollouts: cancelled, rolledBack: void 0 };
  }
  const rolledBack = settings.rollbackOnFailure ? await rollBackFailed(ctx, applied, rollouts) : void 0;
  return { rollouts, rolledBack };
}
export {
  apply,
  assemble,
  failuresOf,
  load,
  plan,
  preflight,
  prune2 as prune,
  waitAndRollBack
};
