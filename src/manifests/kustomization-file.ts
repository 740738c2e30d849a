// Whether a directory is a kustomization: asked at start (kustomize/prepare.ts), before the parse
// stage, so it uses node:fs's callbacks; node:fs/promises and its internals load with the later stages.
import { stat, type Stats } from "node:fs";
import { join } from "node:path";

const statOf = (path: string) =>
  new Promise<Stats | undefined>((resolve) => stat(path, (error, info) => resolve(error === null ? info : undefined)));

/** The kustomization file directly in `dir`, in kustomize's order of recognized names, if any. */
export async function kustomizationFile(dir: string): Promise<string | undefined> {
  for (const name of ["kustomization.yaml", "kustomization.yml", "Kustomization"]) {
    const info = await statOf(join(dir, name));
    if (info?.isFile() === true) return join(dir, name);
  }
  return undefined;
}
