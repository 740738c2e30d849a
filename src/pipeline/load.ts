// Loading: the manifests read and parsed (every problem at once, with its file:line), their Secret
// values registered as secrets, and image overrides applied. Nothing is sent to the cluster.
import { secretValueForms } from "../apply/secret-values.ts";
import type { Settings } from "../inputs.ts";
import type { Log } from "../log.ts";
import { overrideImages } from "../manifests/images.ts";
import { loadManifests, type ManifestObject } from "../manifests/load.ts";

/** Every value of a Secret manifest, raw and base64, so that no log line can show it. */
function maskSecretValues(objects: readonly ManifestObject[], log: Log): void {
  for (const { object } of objects) for (const form of secretValueForms(object)) log.mask(form);
}

export async function load(settings: Settings, log: Log): Promise<ManifestObject[]> {
  const loaded = await loadManifests(settings.manifests, settings.workspace);
  maskSecretValues(loaded, log);
  const { objects, unused } = overrideImages(loaded, settings.images);
  for (const override of unused) {
    log.warning(`images: ${override.name}=${override.reference} matched no container image in the manifests`);
  }
  log.info(`Read ${objects.length} objects from ${settings.manifests.join(", ")}`);
  return objects;
}
