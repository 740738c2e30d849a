// The action's post step: removes what the main step left behind, as the main step recorded it
// with core.saveState (the post step's own environment knows nothing else).
import * as core from "@actions/core";
import { readFile, rm } from "node:fs/promises";
import { credentialCacheOf } from "./credentials/export/plugin.ts";

const kubeconfigPath = core.getState("kubeconfig-path");
if (kubeconfigPath === "") {
  core.info("kubeship: nothing to clean up (the main step wrote no transient kubeconfig)");
} else {
  // the OIDC methods' credential plugin keeps a token cache, named in the kubeconfig
  const cache = credentialCacheOf(await readFile(kubeconfigPath, "utf8").catch(() => ""));
  if (cache !== undefined) await rm(cache, { force: true });
  await rm(kubeconfigPath, { force: true });
  core.info(`kubeship: removed the transient kubeconfig ${kubeconfigPath}${cache === undefined ? "" : " and its credential cache"}`);
}
