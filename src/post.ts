// The action's post step: removes what the main step left behind, as the main step recorded it
// with core.saveState (the post step's own environment knows nothing else).
import * as core from "@actions/core";
import { rm } from "node:fs/promises";

const kubeconfigPath = core.getState("kubeconfig-path");
if (kubeconfigPath === "") {
  core.info("kubeship: nothing to clean up (the main step wrote no transient kubeconfig)");
} else {
  await rm(kubeconfigPath, { force: true });
  core.info(`kubeship: removed the transient kubeconfig ${kubeconfigPath}`);
}
