const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  shorten,
  summaryLimit
} from "./chunk-CK5H4RDO.js";
import {
  plain
} from "./chunk-AJSJE4QD.js";
import {
  endGroup,
  setOutput,
  startGroup,
  summary
} from "./chunk-TIT2UEBJ.js";
import {
  changedCount,
  deletedMembers,
  objectCount
} from "./chunk-HZRVKH2Z.js";
import {
  objectChangeLines,
  planHeadline,
  planMarkdown
} from "./chunk-UF3PZFPU.js";
import {
  code,
  describeRollback,
  failureMarkdown,
  text
} from "./chunk-ZSQWN5RO.js";
import "./chunk-J5R73K3K.js";
import {
  describeRef
} from "./chunk-5BGRW4SM.js";
import "./chunk-SLGBTRB5.js";
import "./chunk-RCV5BOJ3.js";

// src/report/outputs.ts
function objectsOutput(result) {
  const named = (ref) => ({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    ...ref.namespace === void 0 ? {} : { namespace: ref.namespace },
    name: ref.name
  });
  return [
    ...result.objects.map((o) => ({
      ...named(o.ref),
      file: o.source.file,
      line: o.source.line,
      action: o.action,
      rollout: o.rollout,
      durationMs: o.durationMs
    })),
    ...deletedMembers(result).map((p) => ({ ...named(p.ref), action: "pruned", rollout: "skipped", durationMs: 0 }))
  ];
}
function outputs(result) {
  return {
    objects: JSON.stringify(objectsOutput(result)),
    changed: String(changedCount(result)),
    result: result.result,
    ...result.mode === "plan" ? { diff: planMarkdown(result) } : {}
  };
}

// src/report/summary.ts
function target(result) {
  const context = result.context === void 0 ? "" : `context ${code(result.context)}`;
  const server = result.server === void 0 ? "" : code(result.server);
  if (result.environment === void 0) {
    if (server === "") return context === "" ? "" : ` (${context})`;
    return ` ${server}${context === "" ? "" : ` (${context})`}`;
  }
  const where = [server, context].filter((part) => part !== "").join(", ");
  return ` **${text(result.environment)}**${where === "" ? "" : ` (${where})`}`;
}
function summaryMarkdown(result) {
  const cluster = target(result);
  const headline = result.result === "failure" ? `### \u274C ${result.mode === "plan" ? "Plan" : "Deploy"} ${result.cancelled === true ? "cancelled" : "failed"}${cluster ? ` for${cluster}` : ""}` : result.mode === "plan" ? `### \u{1F4CB} Planned${cluster ? ` for${cluster}` : ""}: ${planHeadline(result)}` : `### \u2705 Deployed${cluster ? ` to${cluster}` : ""}: ${changedCount(result)} changed, ${objectCount(result)} objects`;
  const lines = [headline, "", `Took ${(result.durationMs / 1e3).toFixed(1)}s.`, ""];
  const deleted = deletedMembers(result);
  if (result.objects.length + deleted.length > 0) {
    lines.push("| object | applied | rollout | took | source |", "| --- | --- | --- | --- | --- |");
    for (const o of result.objects) {
      const rollout = o.message === "" ? o.rollout : `${o.rollout}: ${o.message}`;
      const source = code(`${o.source.file}:${o.source.line}`, "table");
      const took = `${(o.durationMs / 1e3).toFixed(1)}s`;
      lines.push(`| ${code(describeRef(o.ref), "table")} | ${o.action} | ${text(rollout)} | ${took} | ${source} |`);
    }
    for (const p of deleted) lines.push(`| ${code(describeRef(p.ref), "table")} | pruned | skipped | 0.0s | |`);
    lines.push("");
  }
  if (result.mode === "plan" && result.result === "success") lines.push(planMarkdown(result), "");
  if (result.rolledBack !== void 0 && result.rolledBack.length > 0) {
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

// src/report/actions.ts
function withinBytes(text2, limit, why) {
  const bytes = Buffer.byteLength(text2);
  return bytes <= limit ? text2 : shorten(text2, Math.floor(limit * text2.length / bytes) - 1024, why);
}
async function publish(result) {
  for (const [name, value] of Object.entries(outputs(result))) {
    setOutput(
      name,
      withinBytes(value, summaryLimit, `the ${name} output is limited to 1 MiB; the whole run is in the log`)
    );
  }
  if (process.env.GITHUB_STEP_SUMMARY !== void 0) {
    await summary.addRaw(
      withinBytes(
        summaryMarkdown(result),
        summaryLimit,
        "a job summary is limited to 1 MiB; the whole run is in the log"
      )
    ).write();
  }
}
function logPlan(result) {
  plain.write(`Plan: ${planHeadline(result)}`);
  for (const p of result.pruned) plain.write(`  ${describeRef(p.ref)}: ${p.kept ?? "would be pruned"}`);
  for (const o of result.objects.filter((o2) => o2.action !== "unchanged")) {
    startGroup(`${describeRef(o.ref)} would be ${o.action}${o.notes?.length ? ` (${o.notes.join("; ")})` : ""}`);
    for (const line of objectChangeLines(o)) plain.write(line);
    endGroup();
  }
}
export {
  logPlan,
  publish
};
