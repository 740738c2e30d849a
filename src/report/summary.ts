// The job summary: the result first, then a table of objects, then each failure with its place.
import { describeRef } from "../kube/types.ts";
import { changedCount, deletedMembers, objectCount, type RunResult } from "../result.ts";
import { describeRollback, failureMarkdown } from "./failure.ts";
import { planHeadline, planMarkdown } from "./plan.ts";

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function summaryMarkdown(result: RunResult): string {
  const target = result.environment === undefined ? "" : ` **${result.environment}**`;
  const cluster = `${target}${result.server === undefined ? "" : ` (\`${result.server}\`${result.context === undefined ? "" : `, context \`${result.context}\``})`}`;
  const headline =
    result.result === "failure"
      ? `### ❌ ${result.mode === "plan" ? "Plan" : "Deploy"} ${result.cancelled === true ? "cancelled" : "failed"}${cluster ? ` for${cluster}` : ""}`
      : result.mode === "plan"
        ? `### 📋 Planned${cluster ? ` for${cluster}` : ""}: ${planHeadline(result)}`
        : `### ✅ Deployed${cluster ? ` to${cluster}` : ""}: ${changedCount(result)} changed, ${objectCount(result)} objects`;
  const lines = [headline, "", `Took ${(result.durationMs / 1000).toFixed(1)}s.`, ""];
  const deleted = deletedMembers(result);
  if (result.objects.length + deleted.length > 0) {
    lines.push("| object | applied | rollout | took | source |", "| --- | --- | --- | --- | --- |");
    for (const o of result.objects) {
      const rollout = o.message === "" ? o.rollout : `${o.rollout}: ${o.message}`;
      lines.push(
        `| ${escapeCell(describeRef(o.ref))} | ${o.action} | ${escapeCell(rollout)} | ${(o.durationMs / 1000).toFixed(1)}s | \`${o.source.file}:${o.source.line}\` |`,
      );
    }
    // no longer in the manifests, so no source
    for (const p of deleted) lines.push(`| ${escapeCell(describeRef(p.ref))} | pruned | skipped | 0.0s | |`);
    lines.push("");
  }
  if (result.mode === "plan" && result.result === "success") lines.push(planMarkdown(result), "");
  if (result.rolledBack !== undefined && result.rolledBack.length > 0) {
    lines.push("#### Rolled back", "");
    for (const r of result.rolledBack) lines.push(`- **${describeRef(r.ref)}**: ${describeRollback(r)}`);
    lines.push("");
  }
  if (result.failures.length > 0) {
    lines.push("#### Failures", "");
    for (const f of result.failures) lines.push(...failureMarkdown(f));
    lines.push("");
  }
  return lines.join("\n");
}
