// The action's main step: inputs → pipeline → outputs, summary and exit status.
import * as core from "@actions/core";
import { InputError, readSettings, type Settings } from "./inputs.ts";
import { deploy } from "./pipeline.ts";
import { actionsLog, publish } from "./report/actions.ts";

async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = readSettings(process.env);
  } catch (error) {
    core.setOutput("result", "failure");
    core.setFailed(error instanceof InputError ? error.message : String(error));
    return;
  }
  if (settings.kubeconfigBase64 !== undefined) core.setSecret(settings.kubeconfigBase64);
  // A cancelled workflow sends SIGINT, then SIGTERM, then kills the step: stop the watches at the
  // first signal and report what was applied and what was still rolling out.
  const cancel = new AbortController();
  const onSignal = (name: string) => () => {
    if (!cancel.signal.aborted) core.info(`Received ${name}: stopping the watches and reporting what was done`);
    cancel.abort(new Error(`cancelled (${name})`));
  };
  process.once("SIGINT", onSignal("SIGINT"));
  process.once("SIGTERM", onSignal("SIGTERM"));
  const result = await deploy(settings, actionsLog, cancel.signal);
  await publish(result);
  if (result.result === "failure") {
    // Each failure was already reported as an error annotation at its manifest line.
    process.exitCode = 1;
    core.info(`kubeship failed: ${result.failures.length} problem${result.failures.length === 1 ? "" : "s"}, listed above`);
  }
}

await main();
