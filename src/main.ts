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
  const result = await deploy(settings, actionsLog);
  await publish(result);
  if (result.result === "failure") {
    const first = result.failures[0];
    const more = result.failures.length > 1 ? ` (and ${result.failures.length - 1} more problems, listed above)` : "";
    core.setFailed(`${first?.message ?? "the deploy failed"}${first?.source ? ` (${first.source.file}:${first.source.line})` : ""}${more}`);
  }
}

await main();
