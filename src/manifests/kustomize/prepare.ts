// Starts compiling kustomize.wasm as soon as a run knows that it will render a kustomization, before
// it reads credentials and connects: V8 compiles on background threads, so the compilation (a quarter
// of a second of CPU for 20 MiB) and the instantiation go on while the run waits for the network, and
// the render, which still happens in the parse stage, before anything is written, finds an instance
// ready.
import { resolve } from "node:path";
import { kustomizationFile } from "../kustomization-file.ts";

/**
 * Compiles and instantiates the module when an entry of `manifests` is a kustomization directory, and
 * loads nothing otherwise (plain YAML never pays for the module). The run does not wait for it; it
 * never fails: what is wrong with an entry, or with the module, is reported by the parse stage.
 */
export async function prepareKustomize(entries: readonly string[], workspace: string): Promise<void> {
  const found = await Promise.all(entries.map((entry) => kustomizationFile(resolve(workspace, entry))));
  if (found.every((file) => file === undefined)) return;
  const { readyKustomize } = await import("./module.ts");
  await readyKustomize();
}
