import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  InputError,
  assemble,
  cancelOnSignals,
  changedCount,
  deletedMembers,
  deploy,
  objectCount,
  placePrefix,
  readSettings,
  transientKubeconfigPath
} from "./chunk-SU5R36ES.js";
import "./chunk-FWV3F6D2.js";
import "./chunk-6UIF6QUF.js";
import "./chunk-XAJR74XC.js";
import "./chunk-IZGKYUBR.js";
import {
  shorten,
  summaryLimit
} from "./chunk-R7AX6TS4.js";
import {
  debug,
  endGroup,
  error,
  exportVariable,
  info,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  startGroup,
  summary,
  warning
} from "./chunk-WFQIIQMS.js";
import {
  code,
  describeRollback,
  failureMarkdown,
  logFailures,
  objectChangeLines,
  planHeadline,
  planMarkdown,
  text
} from "./chunk-27KXZPC6.js";
import {
  describeRef
} from "./chunk-ISHUDBLZ.js";
import "./chunk-QT5G3K33.js";
import "./chunk-XITDUTR7.js";

// src/main.ts
import { appendFileSync } from "node:fs";

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

// src/report/workflow-log.ts
import { randomBytes } from "node:crypto";
function runnerLines(text2) {
  return text2.split(/\r\n|\r|\n/);
}
function mayBeCommand(line) {
  return line.includes("::") || line.includes("##[");
}
function workflowLog(out, newToken = () => randomBytes(16).toString("hex")) {
  return {
    write(text2) {
      const lines = runnerLines(text2);
      const body = `${lines.join("\n")}
`;
      if (!lines.some(mayBeCommand)) return out(body);
      const token = newToken();
      out(`::stop-commands::${token}
${body}::${token}::
`);
    }
  };
}

// src/report/actions.ts
var plain = workflowLog((chunk) => process.stdout.write(chunk));
function annotationOf(source) {
  return source === void 0 || source.file === "" ? {} : { file: source.file, startLine: source.line };
}
var actionsLog = {
  info: (message) => plain.write(message),
  debug: (message) => debug(message),
  // The place leads the line as well: a reader of the raw log, or of a file outside the repository
  // (where GitHub shows no annotation), learns it only from the text.
  warning: (message, source) => warning(`${placePrefix(source)}${message}`, annotationOf(source)),
  error: (message, source) => error(`${placePrefix(source)}${message}`, annotationOf(source)),
  mask: (secret) => setSecret(secret)
};
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

// src/main.ts
var githubDeadlineMs = 3e4;
async function gitHubReport(settings) {
  const records = settings.githubToken !== void 0 && (settings.mode === "plan" || settings.environment !== void 0);
  return records ? import("./github-UDZ4GT2E.js") : void 0;
}
var cancelledReportMs = 4e3;
var reported = false;
function reportInHaste(why) {
  if (reported) return;
  reported = true;
  setOutput("result", "failure");
  const summary2 = process.env.GITHUB_STEP_SUMMARY;
  if (summary2 !== void 0 && summary2 !== "") {
    try {
      appendFileSync(summary2, `### \u274C Deploy cancelled

${why}
`);
    } catch {
    }
  }
}
function stopOnSignals() {
  const hurry = new AbortController();
  const cancel = cancelOnSignals({
    first: (name) => {
      info(`Received ${name}: stopping everything in flight and reporting what was done`);
      setTimeout(
        () => hurry.abort(new Error("the report after cancellation took too long")),
        cancelledReportMs / 2
      ).unref();
      setTimeout(() => {
        warning(`kubeship: the report did not finish within ${cancelledReportMs / 1e3}s of ${name}; exiting`);
        reportInHaste(`The workflow was cancelled (${name}); kubeship exited before its report was complete.`);
        process.exit(1);
      }, cancelledReportMs).unref();
    },
    again: (name) => {
      info(`Received ${name} again: exiting now`);
      reportInHaste(`The step was stopped (${name}) before kubeship could finish its report.`);
      process.exit(1);
    }
  });
  return {
    cancel,
    // GitHub's API gets its own deadline, shortened once the workflow is cancelled
    reportSignal: () => AbortSignal.any([AbortSignal.timeout(githubDeadlineMs), hurry.signal])
  };
}
function unexpected(settings, error2, cancelled, started) {
  const message = error2 instanceof Error ? error2.message : String(error2);
  return assemble({
    settings,
    stopped: [{ kind: "error", summary: `kubeship failed unexpectedly: ${message}` }],
    cancelled,
    durationMs: Date.now() - started
  });
}
async function main() {
  const started = Date.now();
  let settings;
  try {
    settings = readSettings(process.env);
  } catch (error2) {
    setOutput("result", "failure");
    setFailed(error2 instanceof InputError ? error2.message : String(error2));
    return;
  }
  if (settings.kubeconfigBase64 !== void 0) setSecret(settings.kubeconfigBase64);
  if (settings.githubToken !== void 0) setSecret(settings.githubToken);
  const kubeconfigPath = settings.exportKubeconfig ? transientKubeconfigPath(settings.runnerTemp) : void 0;
  if (kubeconfigPath !== void 0) saveState("kubeconfig-path", kubeconfigPath);
  const { cancel, reportSignal } = stopOnSignals();
  const github = await gitHubReport(settings);
  const deployment = await github?.startDeployment(settings, reportSignal());
  let result;
  try {
    result = await deploy(settings, actionsLog, {
      cancel,
      ...kubeconfigPath === void 0 ? {} : { kubeconfigPath }
    });
  } catch (error2) {
    result = unexpected(settings, error2, cancel.aborted, started);
  }
  logFailures(result, actionsLog);
  if (result.kubeconfigPath !== void 0) {
    exportVariable("KUBECONFIG", result.kubeconfigPath);
    setOutput("kubeconfig-path", result.kubeconfigPath);
  }
  if (result.mode === "plan") logPlan(result);
  await publish(result);
  reported = true;
  const status = reportSignal();
  await github?.finishDeployment(deployment, settings, result.cancelled === true ? "cancelled" : result, status);
  await github?.publishPlanComment(result, settings, status);
  if (result.result === "failure") {
    process.exitCode = 1;
    info(
      `kubeship failed: ${result.failures.length} problem${result.failures.length === 1 ? "" : "s"}, listed above`
    );
  }
}
try {
  await main();
} catch (error2) {
  reportInHaste("kubeship failed unexpectedly; the log says why.");
  setFailed(`kubeship failed unexpectedly: ${error2 instanceof Error ? error2.message : String(error2)}`);
}
process.exit();
