// The action's main step: inputs → pipeline → outputs, summary and exit status.
import * as core from "@actions/core";
import { InputError, readSettings, type Settings } from "./inputs.ts";
import { deploy } from "./pipeline/index.ts";
import { actionsLog, logPlan, publish } from "./report/actions.ts";
import { logFailures } from "./report/failure.ts";

/**
 * The GitHub reporting part (octokit), loaded only when the run records something in GitHub (a
 * deployment, a plan comment): evaluating it costs every other run start-up time.
 */
async function gitHubReport(settings: Settings) {
  const records =
    settings.githubToken !== undefined && (settings.mode === "plan" || settings.environment !== undefined);
  return records ? import("./report/github.ts") : undefined;
}

async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = readSettings(process.env);
  } catch (error) {
    core.setOutput("result", "failure");
    core.setFailed(error instanceof InputError ? error.message : String(error));
    return;
  }
  // The credentials stage masks every secret it reads (inputs, kubeconfig entries) before anything
  // is printed, and those it obtains later (exec plugins, minted tokens) as soon as it has them.
  if (settings.kubeconfigBase64 !== undefined) core.setSecret(settings.kubeconfigBase64);
  if (settings.githubToken !== undefined) core.setSecret(settings.githubToken);
  const github = await gitHubReport(settings);
  const deployment = await github?.startDeployment(settings);
  // A cancelled workflow sends SIGINT, then SIGTERM, then kills the step: stop the watches at the
  // first signal and report what was applied and what was still rolling out.
  const cancel = new AbortController();
  const onSignal = (name: string) => () => {
    if (!cancel.signal.aborted) core.info(`Received ${name}: stopping the watches and reporting what was done`);
    cancel.abort(new Error(`cancelled (${name})`));
  };
  process.once("SIGINT", onSignal("SIGINT"));
  process.once("SIGTERM", onSignal("SIGTERM"));
  const result = await deploy(settings, actionsLog, { cancel: cancel.signal });
  // each failure as an error annotation at its manifest line
  logFailures(result, actionsLog);
  if (result.kubeconfigPath !== undefined) {
    // The post step deletes it; later steps find it through KUBECONFIG.
    core.saveState("kubeconfig-path", result.kubeconfigPath);
    core.exportVariable("KUBECONFIG", result.kubeconfigPath);
    core.setOutput("kubeconfig-path", result.kubeconfigPath);
  }
  if (result.mode === "plan") logPlan(result);
  await publish(result);
  await github?.finishDeployment(deployment, settings, result.cancelled === true ? "cancelled" : result);
  await github?.publishPlanComment(result, settings);
  if (result.result === "failure") {
    process.exitCode = 1;
    core.info(
      `kubeship failed: ${result.failures.length} problem${result.failures.length === 1 ? "" : "s"}, listed above`,
    );
  }
}

await main();
