// The `images` input: container images replaced by repository in every pod template, so that a
// workflow can deploy the image it just built without editing manifests.
import type { ImageOverride } from "../inputs.ts";
import type { KubeObject } from "../kube/types.ts";
import type { ManifestObject } from "./load.ts";

interface Container {
  image?: string;
}

interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
}

/** `registry:5000/org/app:1.2@sha256:…` → `registry:5000/org/app` */
export function repositoryOf(image: string): string {
  const withoutDigest = image.split("@")[0] ?? image;
  const lastSlash = withoutDigest.lastIndexOf("/");
  const lastColon = withoutDigest.lastIndexOf(":");
  return lastColon > lastSlash ? withoutDigest.slice(0, lastColon) : withoutDigest;
}

/** Where each kind keeps its pod spec. */
function podSpecs(object: KubeObject): PodSpec[] {
  const spec = object.spec as
    { template?: { spec?: PodSpec }; jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } | undefined;
  const found = [
    object.kind === "Pod" ? (object.spec as PodSpec | undefined) : undefined,
    object.kind === "PodTemplate" ? (object.template as { spec?: PodSpec } | undefined)?.spec : undefined,
    spec?.template?.spec,
    spec?.jobTemplate?.spec?.template?.spec,
  ];
  return found.filter((s): s is PodSpec => s !== undefined && typeof s === "object");
}

export interface ImageResult {
  objects: ManifestObject[];
  /** overrides that matched no container */
  unused: ImageOverride[];
}

/** Returns copies of the objects with overridden images; the inputs are left as they were. */
export function overrideImages(objects: readonly ManifestObject[], overrides: readonly ImageOverride[]): ImageResult {
  if (overrides.length === 0) return { objects: [...objects], unused: [] };
  const used = new Set<ImageOverride>();
  const result = objects.map((item) => {
    const object = structuredClone(item.object);
    for (const podSpec of podSpecs(object)) {
      for (const container of [
        ...(podSpec.containers ?? []),
        ...(podSpec.initContainers ?? []),
        ...(podSpec.ephemeralContainers ?? []),
      ]) {
        if (container.image === undefined) continue;
        const override = overrides.find((o) => o.name === repositoryOf(container.image ?? ""));
        if (override === undefined) continue;
        container.image = override.reference;
        used.add(override);
      }
    }
    return { ...item, object };
  });
  return { objects: result, unused: overrides.filter((o) => !used.has(o)) };
}
