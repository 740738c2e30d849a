// The files kubeship leaves under RUNNER_TEMP for later steps, which the post step removes: the
// transient kubeconfig and the credential plugin's token cache. Both carry one random id, so the post
// step knows the cache from the kubeconfig path the main step saved, without reading a file that a
// later step may have rewritten.
import { randomBytes } from "node:crypto";
import { basename, join } from "node:path";

export const kubeconfigName = /^kubeship-kubeconfig-([0-9a-f]+)\.yaml$/;
/** the cache, and the temporary files it is written through (`<cache>.<random>`) */
export const cacheName = /^kubeship-credential-([0-9a-f]+)\.json(\.[0-9a-f]+)?$/;

export function newFileId(): string {
  return randomBytes(6).toString("hex");
}

export function kubeconfigFile(dir: string, id: string): string {
  return join(dir, `kubeship-kubeconfig-${id}.yaml`);
}

export function cacheFile(dir: string, id: string): string {
  return join(dir, `kubeship-credential-${id}.json`);
}

/**
 * Where a new transient kubeconfig goes in `dir` (RUNNER_TEMP). Chosen before anything is written, so
 * that the post step is told the path before the first network call and can remove the file however
 * the main step ends.
 */
export function transientKubeconfigPath(dir: string): string {
  return kubeconfigFile(dir, newFileId());
}

/**
 * The random id in a transient kubeconfig's name. The credential plugin's cache takes the same id, so
 * that the post step finds the cache from the kubeconfig path alone.
 */
export function fileIdOf(kubeconfigPath: string): string | undefined {
  return kubeconfigName.exec(basename(kubeconfigPath))?.[1];
}
