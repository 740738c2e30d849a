// ManifestObjects → a Plan: each object mapped to its resource through discovery, namespaces
// defaulted, and ordered in phases so that what others depend on (Namespaces, CRDs) goes first.
import { describeRef } from "../kube/types.ts";
import { type ResourceMapping, type RestMapper, resourcePath } from "../kube/discovery.ts";
import { ManifestError, type ManifestObject } from "../manifests/load.ts";

export interface PlannedObject extends ManifestObject {
  mapping: ResourceMapping;
  /** URL path of the object */
  path: string;
}

export interface Plan {
  /** applied one phase after the other; the objects of a phase in parallel */
  phases: PlannedObject[][];
}

/** Kinds everything else may need to exist first. */
const firstPhaseKinds = new Set(["apiextensions.k8s.io/CustomResourceDefinition", "/Namespace"]);

export function planApply(objects: readonly ManifestObject[], mapper: RestMapper, defaultNamespace: string): Plan {
  const problems: ManifestError["problems"] = [];
  const seen = new Map<string, ManifestObject>();
  const first: PlannedObject[] = [];
  const rest: PlannedObject[] = [];
  for (const item of objects) {
    const mapping = mapper.find(item.ref.apiVersion, item.ref.kind);
    if (mapping === undefined) {
      problems.push({
        source: item.source,
        message: `${describeRef(item.ref)}: the cluster does not serve kind ${item.ref.kind} in ${item.ref.apiVersion} (check apiVersion and kind, or install its CRD first)`,
      });
      continue;
    }
    const ref = { ...item.ref };
    const metadata = { ...item.object.metadata };
    if (mapping.namespaced) {
      ref.namespace = ref.namespace ?? defaultNamespace;
      metadata.namespace = ref.namespace;
    } else {
      delete ref.namespace;
      delete metadata.namespace;
    }
    const key = `${mapping.group}/${mapping.kind}/${ref.namespace ?? ""}/${ref.name}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push({ source: item.source, message: `${describeRef(ref)} is also defined at ${earlier.source.file}:${earlier.source.line}` });
      continue;
    }
    seen.set(key, item);
    const planned: PlannedObject = { ...item, ref, object: { ...item.object, metadata }, mapping, path: resourcePath(mapping, ref.namespace, ref.name) };
    (firstPhaseKinds.has(`${mapping.group}/${mapping.kind}`) ? first : rest).push(planned);
  }
  if (problems.length > 0) throw new ManifestError(problems);
  return { phases: [first, rest].filter((phase) => phase.length > 0) };
}
