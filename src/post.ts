// The action's post step: removes what the main step left behind, as the main step recorded it
// with core.saveState (the post step's own environment knows nothing else): the transient kubeconfig
// and the credential plugin's token cache, which carries the kubeconfig's id (credentials/export/names.ts).
// The kubeconfig's content is never read: later steps may have changed, broken or removed it. The
// post step goes as far as it can and never fails: a crash here would leave the token on disk.
import * as core from "@actions/core";
import { readdir, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { cacheFile, cacheName, kubeconfigName } from "./credentials/export/names.ts";

/** Removes the cache `name` in `dir` and the temporary files it is written through (`<name>.<random>`); how many. */
async function removeCache(dir: string, name: string): Promise<number> {
  const names = await readdir(dir).catch(() => []);
  let removed = 0;
  // Only files named as kubeship names them: cleaning up never deletes a file of someone else's choosing.
  for (const found of names.filter((n) => cacheName.test(n) && (n === name || n.startsWith(`${name}.`)))) {
    await rm(join(dir, found), { force: true });
    removed++;
  }
  return removed;
}

async function cleanUp(): Promise<void> {
  const kubeconfigPath = core.getState("kubeconfig-path");
  if (kubeconfigPath === "") {
    core.info("kubeship: nothing to clean up (the main step wrote no transient kubeconfig)");
    return;
  }
  const name = basename(kubeconfigPath);
  const id = kubeconfigName.exec(name)?.[1];
  if (id === undefined) {
    core.warning("kubeship: the saved kubeconfig path does not name a file kubeship writes; nothing was removed");
    return;
  }
  const dir = dirname(kubeconfigPath);
  const caches = await removeCache(dir, basename(cacheFile(dir, id)));
  const existed = await stat(kubeconfigPath).then(
    () => true,
    () => false,
  );
  await rm(kubeconfigPath, { force: true });
  const note = existed ? "" : " (a later step had removed it already)";
  const andCache = caches === 0 ? "" : " and its credential cache";
  core.info(`kubeship: removed the transient kubeconfig ${name}${note}${andCache}`);
}

try {
  await cleanUp();
} catch (error) {
  // The code only: a message could quote a path that a later step chose.
  const code = (error as { code?: string }).code ?? "error";
  core.warning(`kubeship: cleaning up failed (${code}); RUNNER_TEMP is emptied when the job ends`);
}
