// The action edge of the report: the outputs, the job summary and the plan written with the runner's
// commands, once the run is over (the Log the run writes through is actions-log.ts).
import * as core from "@actions/core";
import type { RunResult } from "../result.ts";
import { plain } from "./actions-log.ts";
import { outputs } from "./outputs.ts";
import { shorten, summaryLimit } from "./shorten.ts";
import { objectChangeLines, planHeadline } from "./plan.ts";
import { describeRef } from "../kube/types.ts";
import { summaryMarkdown } from "./summary.ts";

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
