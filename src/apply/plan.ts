// ManifestObjects → a Plan: each object mapped to its resource (through discovery, or through a CRD
// in the same set), namespaces defaulted, and ordered in phases so that what others depend on goes
// first. Every problem is collected; nothing here talks to the cluster.
import { type ResourceMapping, type RestMapper, resourcePath } from "../kube/discovery.ts";
import { crdKind, describeRef, groupKind, groupOf, type KubeObject, type ObjectRef, versionOf } from "../kube/types.ts";
import { ManifestError, type ManifestObject, type Source } from "../manifests/load.ts";

export interface PlannedObject extends ManifestObject {
  mapping: ResourceMapping;
  /** URL path of the object */
  path: string;
  /** its kind is defined by a CRD in the same set, not yet served by the cluster */
  definedInSet: boolean;
}

export interface Phase {
  name: string;
  objects: PlannedObject[];
}

export interface Plan {
  /** in this order, so that what others need is sent first; an object waits only for what it needs (run.ts) */
  phases: Phase[];
  /** objects of API groups that an APIService in the set will serve: mapped after it is Available */
  deferred: ManifestObject[];
  warnings: { source: Source; message: string }[];
}

const infrastructureKinds = new Set([
  "PriorityClass.scheduling.k8s.io",
  "StorageClass.storage.k8s.io",
  "ClusterRole.rbac.authorization.k8s.io",
  "ClusterRoleBinding.rbac.authorization.k8s.io",
  "Role.rbac.authorization.k8s.io",
  "RoleBinding.rbac.authorization.k8s.io",
  "ServiceAccount",
  "ConfigMap",
  "Secret",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "LimitRange",
  "ResourceQuota",
]);

const admissionKinds = new Set([
  "MutatingWebhookConfiguration.admissionregistration.k8s.io",
  "ValidatingWebhookConfiguration.admissionregistration.k8s.io",
  "ValidatingAdmissionPolicy.admissionregistration.k8s.io",
  "ValidatingAdmissionPolicyBinding.admissionregistration.k8s.io",
  "MutatingAdmissionPolicy.admissionregistration.k8s.io",
  "MutatingAdmissionPolicyBinding.admissionregistration.k8s.io",
]);

const phaseNames = [
  "namespaces and CRDs",
  "cluster and namespace infrastructure",
  "workloads and everything else",
  "admission webhooks",
];

function phaseOf(mapping: ResourceMapping): number {
  const key = groupKind(mapping.group, mapping.kind);
  if (key === "Namespace" || key === crdKind) return 0;
  if (infrastructureKinds.has(key)) return 1;
  if (admissionKinds.has(key)) return 3;
  return 2;
}

export const isCrd = (o: { ref: ObjectRef }) => groupKind(groupOf(o.ref.apiVersion), o.ref.kind) === crdKind;
export const isAdmission = (o: { mapping: { group: string; kind: string } }) =>
  admissionKinds.has(groupKind(o.mapping.group, o.mapping.kind));
export const isApiService = (o: { ref: ObjectRef }) =>
  o.ref.kind === "APIService" && groupOf(o.ref.apiVersion) === "apiregistration.k8s.io";

interface CrdSpec {
  group?: string;
  scope?: string;
  names?: { kind?: string; plural?: string };
  versions?: { name?: string; served?: boolean }[];
}

/** Mappings for the kinds that CRDs in the set define, as the cluster will serve them once Established. */
function crdMappings(objects: readonly ManifestObject[]): ResourceMapping[] {
  return objects.filter(isCrd).flatMap((crd) => {
    const spec = (crd.object.spec ?? {}) as CrdSpec;
    if (spec.group === undefined || spec.names?.kind === undefined || spec.names.plural === undefined) return [];
    return (spec.versions ?? [])
      .filter((v) => v.served !== false && v.name !== undefined)
      .map((v) => ({
        group: spec.group ?? "",
        version: v.name ?? "",
        kind: spec.names?.kind ?? "",
        resource: spec.names?.plural ?? "",
        namespaced: spec.scope !== "Cluster",
      }));
  });
}

function apiServiceGroups(objects: readonly ManifestObject[]): string[] {
  return objects.filter(isApiService).flatMap((o) => {
    const group = (o.object.spec as { group?: string } | undefined)?.group;
    const service = (o.object.spec as { service?: unknown } | undefined)?.service;
    // an APIService without a service is served by kube-apiserver itself: nothing to wait for
    return group !== undefined && service !== undefined && service !== null ? [group] : [];
  });
}

/**
 * Built-in kinds that not every Kubernetes minor kubeship supports serves (README "Kubernetes
 * versions"), with the first minor that serves them in that apiVersion: on an older cluster the
 * spelling is right and the cluster is too old, so say that instead of "check the spelling".
 */
const builtInSince = new Map([
  // GA in 1.36; 1.35 has only admissionregistration.k8s.io/v1beta1, and off by default
  ["admissionregistration.k8s.io/v1 MutatingAdmissionPolicy", "1.36"],
  ["admissionregistration.k8s.io/v1 MutatingAdmissionPolicyBinding", "1.36"],
]);

/** Why the cluster might not serve a kind, and what to do about it. */
function unservedHint(mapper: RestMapper, ref: ObjectRef): string {
  const group = groupOf(ref.apiVersion);
  const since = builtInSince.get(`${ref.apiVersion} ${ref.kind}`);
  if (since !== undefined)
    return `Kubernetes serves it from ${since} on and this cluster does not: upgrade the cluster, or leave the object out`;
  const elsewhere = mapper.findGroupKind(group, ref.kind);
  if (elsewhere !== undefined)
    return `it serves ${ref.kind} in ${group === "" ? "" : `${group}/`}${elsewhere.version}: change the apiVersion`;
  return mapper.servesGroup(group)
    ? `the group ${group || "core"} has no kind ${ref.kind} in ${versionOf(ref.apiVersion)}: check the kind's spelling and the apiVersion`
    : "install its CRD first, or add the CRD to the manifests";
}

export interface PlanOptions {
  defaultNamespace: string;
  /** labels every object gets (ApplySet membership) */
  labels?: Record<string, string>;
}

export function planObject(
  item: ManifestObject,
  mapping: ResourceMapping,
  options: PlanOptions,
  definedInSet: boolean,
): PlannedObject {
  const ref = { ...item.ref };
  const metadata = { ...item.object.metadata };
  if (mapping.namespaced) {
    ref.namespace = ref.namespace ?? options.defaultNamespace;
    metadata.namespace = ref.namespace;
  } else {
    delete ref.namespace;
    delete metadata.namespace;
  }
  if (options.labels !== undefined) metadata.labels = { ...metadata.labels, ...options.labels };
  const object: KubeObject = { ...item.object, metadata };
  return { ...item, ref, object, mapping, path: resourcePath(mapping, ref.namespace, ref.name), definedInSet };
}

export function planApply(objects: readonly ManifestObject[], mapper: RestMapper, options: PlanOptions): Plan {
  const problems: ManifestError["problems"] = [];
  const warnings: Plan["warnings"] = [];
  const fromCrds = crdMappings(objects);
  const servedLater = apiServiceGroups(objects);
  const seen = new Map<string, ManifestObject>();
  const phases: PlannedObject[][] = [[], [], [], []];
  const deferred: ManifestObject[] = [];

  for (const item of objects) {
    const group = groupOf(item.ref.apiVersion);
    let mapping = mapper.find(item.ref.apiVersion, item.ref.kind);
    const fromCrd =
      mapping === undefined
        ? fromCrds.find(
            (m) => m.group === group && m.version === versionOf(item.ref.apiVersion) && m.kind === item.ref.kind,
          )
        : undefined;
    mapping ??= fromCrd;
    if (mapping === undefined && servedLater.includes(group)) {
      deferred.push(item);
      continue;
    }
    if (mapping === undefined) {
      problems.push({
        source: item.source,
        message: `${describeRef(item.ref)}: the cluster does not serve kind ${item.ref.kind} in ${item.ref.apiVersion} (${unservedHint(mapper, item.ref)})`,
      });
      continue;
    }
    const planned = planObject(item, mapping, options, fromCrd !== undefined);
    if (!mapping.namespaced && item.ref.namespace !== undefined) {
      warnings.push({
        source: item.source,
        message: `${describeRef(planned.ref)} is cluster-scoped: its metadata.namespace "${item.ref.namespace}" is ignored`,
      });
    }
    const key = `${groupKind(mapping.group, mapping.kind)}/${planned.ref.namespace ?? ""}/${planned.ref.name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({
        source: item.source,
        message: `${describeRef(planned.ref)} is defined twice: here and at ${earlier.source.file}:${earlier.source.line}`,
      });
      continue;
    }
    seen.set(key, item);
    phases[phaseOf(mapping)]?.push(planned);
  }
  if (problems.length > 0) throw new ManifestError(problems);
  return {
    phases: phases.map((objects, i) => ({ name: phaseNames[i] ?? "", objects })).filter((p) => p.objects.length > 0),
    deferred,
    warnings,
  };
}

/** Every object of the plan, in manifest order. */
export function plannedObjects(plan: Plan): PlannedObject[] {
  return plan.phases.flatMap((p) => p.objects);
}

/** Namespaces the planned objects need that are neither in the set nor (as far as the caller found) on the cluster. */
export function namespacesNeeded(plan: Plan): { namespace: string; first: PlannedObject }[] {
  const inSet = namespacesInSet(plan);
  const needed = new Map<string, PlannedObject>();
  for (const o of plannedObjects(plan)) {
    const ns = o.ref.namespace;
    if (ns !== undefined && !inSet.has(ns) && !needed.has(ns)) needed.set(ns, o);
  }
  return [...needed].map(([namespace, first]) => ({ namespace, first }));
}

export function namespacesInSet(plan: Plan): Set<string> {
  return new Set(
    plannedObjects(plan)
      .filter((o) => o.mapping.group === "" && o.mapping.kind === "Namespace")
      .map((o) => o.ref.name),
  );
}
