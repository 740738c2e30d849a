// The action edge of the report: the Log, outputs and job summary written with the runner's commands.
import * as core from "@actions/core";
import type { Log } from "../log.ts";
import type { Source } from "../manifests/load.ts";
import type { RunResult } from "../result.ts";
import { outputs } from "./outputs.ts";
import { placePrefix } from "./place.ts";
import { shorten, summaryLimit } from "./shorten.ts";
import { objectChangeLines, planHeadline } from "./plan.ts";
import { describeRef } from "../kube/types.ts";
import { summaryMarkdown } from "./summary.ts";
import { workflowLog } from "./workflow-log.ts";

/** Plain lines: what kubeship prints that may carry manifest, file, server or plugin text. */
const plain = workflowLog((chunk) => process.stdout.write(chunk));

function annotationOf(source: Source | undefined): core.AnnotationProperties {
  return source === undefined || source.file === "" ? {} : { file: source.file, startLine: source.line };
}

export const actionsLog: Log = {
  info: (message) => plain.write(message),
  debug: (message) => core.debug(message),
  // The place leads the line as well: a reader of the raw log, or of a file outside the repository
  // (where GitHub shows no annotation), learns it only from the text.
  warning: (message, source) => core.warning(`${placePrefix(source)}${message}`, annotationOf(source)),
  error: (message, source) => core.error(`${placePrefix(source)}${message}`, annotationOf(source)),
  mask: (secret) => core.setSecret(secret),
};

/** Text within GitHub's byte limit (summaries and outputs are counted in bytes). */
function withinBytes(text: string, limit: number, why: string): string {
  const bytes = Buffer.byteLength(text);
  return bytes <= limit ? text : shorten(text, Math.floor((limit * text.length) / bytes) - 1024, why);
}

export async function publish(result: RunResult): Promise<void> {
  for (const [name, value] of Object.entries(outputs(result))) {
    core.setOutput(
      name,
      withinBytes(value, summaryLimit, `the ${name} output is limited to 1 MiB; the whole run is in the log`),
    );
  }
  if (process.env.GITHUB_STEP_SUMMARY !== undefined) {
    await core.summary
      .addRaw(
        withinBytes(
          summaryMarkdown(result),
          summaryLimit,
          "a job summary is limited to 1 MiB; the whole run is in the log",
        ),
      )
      .write();
  }
}

/** Plan mode in the log: each object's change in a collapsible group. */
export function logPlan(result: RunResult): void {
  plain.write(`Plan: ${planHeadline(result)}`);
  for (const p of result.pruned) plain.write(`  ${describeRef(p.ref)}: ${p.kept ?? "would be pruned"}`);
  for (const o of result.objects.filter((o) => o.action !== "unchanged")) {
    core.startGroup(`${describeRef(o.ref)} would be ${o.action}${o.notes?.length ? ` (${o.notes.join("; ")})` : ""}`);
    for (const line of objectChangeLines(o)) plain.write(line);
    core.endGroup();
  }
}
