const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  actionsLog
} from "./chunk-AJSJE4QD.js";
import {
  exportVariable,
  info,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  warning
} from "./chunk-TIT2UEBJ.js";
import {
  InputError,
  cancelOnSignals,
  deploy,
  readSettings
} from "./chunk-QKQV3XCB.js";
import "./chunk-J5R73K3K.js";
import "./chunk-VYUHXVZO.js";
import "./chunk-LZ2HELCA.js";
import "./chunk-74A2JGPW.js";
import "./chunk-M5WADX4M.js";
import "./chunk-FY6K4G6S.js";
import "./chunk-5BGRW4SM.js";
import {
  transientKubeconfigPath
} from "./chunk-3SKQK3M3.js";
import "./chunk-BG6EPD6Q.js";
import "./chunk-B23VD3PK.js";
import "./chunk-ZA77GC67.js";
import "./chunk-OJTZGOVT.js";
import "./chunk-TAMLSLKN.js";
import "./chunk-LR26H2VH.js";
import "./chunk-RCV5BOJ3.js";

// src/main.ts
import { appendFileSync } from "node:fs";
var githubDeadlineMs = 3e4;
async function gitHubReport(settings) {
  const records = settings.githubToken !== void 0 && (settings.mode === "plan" || settings.environment !== void 0);
  return records ? import("./github-DXTJB3LZ.js") : void 0;
}
var cancelledReportMs = 4e3;
var reported = false;
function reportInHaste(why) {
  if (reported) return;
  reported = true;
  setOutput("result", "failure");
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary !== void 0 && summary !== "") {
    try {
      appendFileSync(summary, `### \u274C Deploy cancelled

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
async function unexpected(settings, error, cancelled, started) {
  const message = error instanceof Error ? error.message : String(error);
  const { assemble } = await import("./assemble-JXPY53IS.js");
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
  } catch (error) {
    setOutput("result", "failure");
    setFailed(error instanceof InputError ? error.message : String(error));
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
  } catch (error) {
    result = await unexpected(settings, error, cancel.aborted, started);
  }
  const [{ logFailures }, { logPlan, publish }] = await Promise.all([
    import("./failure-4SF7TOU2.js"),
    import("./actions-UWLZY43H.js")
  ]);
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
} catch (error) {
  reportInHaste("kubeship failed unexpectedly; the log says why.");
  setFailed(`kubeship failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
}
process.exit();
