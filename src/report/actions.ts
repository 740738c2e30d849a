// The action edge of the report: the Log, outputs and job summary written with the runner's commands.
import * as core from "@actions/core";
import type { Log } from "../log.ts";
import type { RunResult } from "../result.ts";
import { outputs } from "./outputs.ts";
import { summaryMarkdown } from "./summary.ts";

export const actionsLog: Log = {
  info: (message) => core.info(message),
  warning: (message, source) => core.warning(message, source === undefined ? {} : { file: source.file, startLine: source.line }),
  error: (message, source) => core.error(message, source === undefined ? {} : { file: source.file, startLine: source.line }),
  mask: (secret) => core.setSecret(secret),
};

export async function publish(result: RunResult): Promise<void> {
  for (const [name, value] of Object.entries(outputs(result))) core.setOutput(name, value);
  if (process.env.GITHUB_STEP_SUMMARY !== undefined) await core.summary.addRaw(summaryMarkdown(result)).write();
}
