// The job summary: the result first, then a table of objects, then each failure with its place.
import { describeRef } from "../kube/types.ts";
import { changedCount, deletedMembers, objectCount, type RunResult } from "../result.ts";
import { describeRollback, failureMarkdown } from "./failure.ts";
import { code, text } from "./markdown.ts";
import { planHeadline, planMarkdown } from "./plan.ts";

/** ` **production** (`https://…`, context `prod`)`, or without an environment ` `https://…` (context `prod`)`. */
function target(result: RunResult): string {
  const context = result.context === undefined ? "" : `context ${code(result.context)}`;
  const server = result.server === undefined ? "" : code(result.server);
  if (result.environment === undefined) {
    if (server === "") return context === "" ? "" : ` (${context})`;
    return ` ${server}${context === "" ? "" : ` (${context})`}`;
  }
  const where = [server, context].filter((part) => part !== "").join(", ");
  return ` **${text(result.environment)}**${where === "" ? "" : ` (${where})`}`;
}

/**
 * The job summary. Object names, sources and messages come from manifests and the server: each is
 * written as text (report/markdown.ts), so none of them can add markup to the page.
 */
export function summaryMarkdown(result: RunResult): string {
  const cluster = target(result);
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
      const source = code(`${o.source.file}:${o.source.line}`, "table");
      const took = `${(o.durationMs / 1000).toFixed(1)}s`;
      lines.push(`| ${code(describeRef(o.ref), "table")} | ${o.action} | ${text(rollout)} | ${took} | ${source} |`);
    }
    // no longer in the manifests, so no source
    for (const p of deleted) lines.push(`| ${code(describeRef(p.ref), "table")} | pruned | skipped | 0.0s | |`);
    lines.push("");
  }
  if (result.mode === "plan" && result.result === "success") lines.push(planMarkdown(result), "");
  if (result.rolledBack !== undefined && result.rolledBack.length > 0) {
    lines.push("#### Rolled back", "");
    for (const r of result.rolledBack) lines.push(`- **${text(describeRef(r.ref))}**: ${text(describeRollback(r))}`);
    lines.push("");
  }
  if (result.failures.length > 0) {
    lines.push("#### Failures", "");
    for (const f of result.failures) lines.push(...failureMarkdown(f));
    lines.push("");
  }
  return lines.join("\n");
}
