// Files a kubeconfig names (certificates, keys, token files, exec commands) and where their relative
// paths start.
import { isAbsolute, resolve } from "node:path";
import { CredentialsError } from "./errors.ts";

export interface KubeconfigOrigin {
  /** how messages name it: `the kubeconfig input`, `/home/me/.kube/config` */
  source: string;
  /**
   * relative file references resolve against this folder; absent for a kubeconfig given as content (a
   * secret), whose relative references are refused
   */
  baseDir?: string;
}

/** A file the kubeconfig names, as an absolute path. */
export function referencedPath(path: string, what: string, origin: KubeconfigOrigin): string {
  if (isAbsolute(path)) return path;
  if (origin.baseDir === undefined) {
    const where = what.includes(origin.source) ? what : `${what} in ${origin.source}`;
    throw new CredentialsError(
      `${where} is the relative path "${path}": a kubeconfig given as content has no folder to resolve it from (and the workspace is what a pull request writes); give an absolute path`,
    );
  }
  return resolve(origin.baseDir, path);
}
