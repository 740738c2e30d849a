// The action's post step: removes what the main step left behind, as the main step recorded it
// with core.saveState (the post step's own environment knows nothing else): the transient kubeconfig
// and, named inside it, the credential plugin's token cache. Later steps may have changed, broken or
// removed the kubeconfig, so the post step goes as far as it can and never fails: a crash here would
// leave the token on disk.
import * as core from "@actions/core";
import { readdir, readFile, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { credentialCacheOf } from "./credentials/export/plugin.ts";

// Only files named as kubeship names them are removed, whatever the saved state or the kubeconfig
// (which a later step can rewrite) say: cleaning up must never delete a file of someone else's choosing.
const kubeconfigName = /^kubeship-kubeconfig-[0-9a-f]+\.yaml$/;
/** the cache, and the temporary files it is written through (`<cache>.<random>`) */
const cacheName = /^kubeship-credential-[0-9a-f]+\.json(\.[0-9a-f]+)?$/;

/** The cache the kubeconfig names: a path, none, or unknown when the file is gone or not one kubeship wrote. */
async function namedCache(kubeconfigPath: string): Promise<{ cache: string | undefined } | "unknown"> {
  try {
    return { cache: credentialCacheOf(await readFile(kubeconfigPath, "utf8")) };
  } catch {
    return "unknown";
  }
}

/** Removes the caches in `dir` whose names pass `matches`; how many. */
async function removeCaches(dir: string, matches: (name: string) => boolean): Promise<number> {
  const names = await readdir(dir).catch(() => []);
  let removed = 0;
  for (const name of names.filter((n) => cacheName.test(n) && matches(n))) {
    await rm(join(dir, name), { force: true });
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
  if (!kubeconfigName.test(name)) {
    core.warning("kubeship: the saved kubeconfig path does not name a file kubeship writes; nothing was removed");
    return;
  }
  const named = await namedCache(kubeconfigPath);
  // The cache lies next to the kubeconfig (both under RUNNER_TEMP).
  const dir = dirname(kubeconfigPath);
  let caches: number;
  if (named !== "unknown" && named.cache === undefined) caches = 0;
  else if (named !== "unknown" && named.cache !== undefined && cacheName.test(basename(named.cache))) {
    const cache = basename(named.cache);
    caches = await removeCaches(dirname(named.cache), (n) => n === cache || n.startsWith(`${cache}.`));
  } else {
    // Unreadable, not YAML, or naming a file kubeship does not write: every credential cache kubeship
    // wrote beside it goes (another kubeship step's cache is recreated by its plugin when needed).
    caches = await removeCaches(dir, () => true);
  }
  await rm(kubeconfigPath, { force: true });
  const note = named === "unknown" ? " (missing, or no longer a kubeconfig kubeship wrote)" : "";
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
