// The action's main step: inputs → pipeline → outputs, summary and exit status. However the step
// ends — success, failure, timeout, a cancelled workflow, an unexpected exception — the outputs, the
// job summary and the deployment status are written, and the post step knows what to clean up.
import * as core from "@actions/core";
import { appendFileSync } from "node:fs";
import { transientKubeconfigPath } from "./credentials/export/names.ts";
import { InputError, readSettings, type Settings } from "./inputs.ts";
import { deploy } from "./pipeline/index.ts";
import { actionsLog } from "./report/actions-log.ts";
import type { RunResult } from "./result.ts";
import { cancelOnSignals } from "./signals.ts";

/** How long the GitHub calls of one record (a deployment and its status, a comment) may take together. */
const githubDeadlineMs = 30_000;

/**
 * The GitHub reporting part (octokit), loaded only when the run records something in GitHub (a
 * deployment, a plan comment): evaluating it costs every other run start-up time.
 */
async function gitHubReport(settings: Settings) {
  const records =
    settings.githubToken !== undefined && (settings.mode === "plan" || settings.environment !== undefined);
  return records ? import("./report/github.ts") : undefined;
}

/** After the first SIGINT or SIGTERM, how long the report may take before the step exits regardless. */
const cancelledReportMs = 4000;

/** Whether the outputs and the summary were written: an exit forced by a signal writes a short form otherwise. */
let reported = false;

/** The least a reader and a later step need when the step must exit before its report: `result` and one line. */
function reportInHaste(why: string): void {
  if (reported) return;
  reported = true;
  core.setOutput("result", "failure");
  const summary = process.env.GITHUB_STEP_SUMMARY;
  if (summary !== undefined && summary !== "") {
    try {
      appendFileSync(summary, `### ❌ Deploy cancelled\n\n${why}\n`);
    } catch {
      // the runner's file is gone: nothing more can be said
    }
  }
}

/**
 * A cancelled workflow sends SIGINT, then SIGTERM, then kills the step. The first signal aborts
 * everything in flight (credential plugins, requests, watches) and the report follows within a few
 * seconds; a second signal, or a report that takes longer, exits at once.
 */
function stopOnSignals(): { cancel: AbortSignal; reportSignal: () => AbortSignal } {
  const hurry = new AbortController();
  const cancel = cancelOnSignals({
    first: (name) => {
      core.info(`Received ${name}: stopping everything in flight and reporting what was done`);
      setTimeout(
        () => hurry.abort(new Error("the report after cancellation took too long")),
        cancelledReportMs / 2,
      ).unref();
      setTimeout(() => {
        core.warning(`kubeship: the report did not finish within ${cancelledReportMs / 1000}s of ${name}; exiting`);
        reportInHaste(`The workflow was cancelled (${name}); kubeship exited before its report was complete.`);
        process.exit(1);
      }, cancelledReportMs).unref();
    },
    again: (name) => {
      core.info(`Received ${name} again: exiting now`);
      reportInHaste(`The step was stopped (${name}) before kubeship could finish its report.`);
      process.exit(1);
    },
  });
  return {
    cancel,
    // GitHub's API gets its own deadline, shortened once the workflow is cancelled
    reportSignal: () => AbortSignal.any([AbortSignal.timeout(githubDeadlineMs), hurry.signal]),
  };
}

/** A run that ended in an exception the pipeline did not expect: reported as its failure. */
async function unexpected(settings: Settings, error: unknown, cancelled: boolean, started: number): Promise<RunResult> {
  const message = error instanceof Error ? error.message : String(error);
  const { assemble } = await import("./pipeline/assemble.ts");
  return assemble({
    settings,
    stopped: [{ kind: "error", summary: `kubeship failed unexpectedly: ${message}` }],
    cancelled,
    durationMs: Date.now() - started,
  });
}

async function main(): Promise<void> {
  const started = Date.now();
  let settings: Settings;
  try {
    settings = readSettings(process.env);
  } catch (error) {
    core.setOutput("result", "failure");
    core.setFailed(error instanceof InputError ? error.message : String(error));
    return;
  }
  // The credentials stage masks every secret it reads (inputs, kubeconfig entries) before anything
  // is printed, and those it obtains later (exec plugins, minted tokens) as soon as it has them.
  if (settings.kubeconfigBase64 !== undefined) core.setSecret(settings.kubeconfigBase64);
  if (settings.githubToken !== undefined) core.setSecret(settings.githubToken);
  // The post step deletes the kubeconfig (and the token cache it names): it learns the path before the
  // first network call, so that it can clean up however this step ends.
  const kubeconfigPath = settings.exportKubeconfig ? transientKubeconfigPath(settings.runnerTemp) : undefined;
  if (kubeconfigPath !== undefined) core.saveState("kubeconfig-path", kubeconfigPath);
  const { cancel, reportSignal } = stopOnSignals();

  const github = await gitHubReport(settings);
  const deployment = await github?.startDeployment(settings, reportSignal());
  let result: RunResult;
  try {
    result = await deploy(settings, actionsLog, {
      cancel,
      ...(kubeconfigPath === undefined ? {} : { kubeconfigPath }),
    });
  } catch (error) {
    result = await unexpected(settings, error, cancel.aborted, started);
  }
  // the report is loaded once the run is over: nothing in it is needed before
  const [{ logFailures }, { logPlan, publish }] = await Promise.all([
    import("./report/failure.ts"),
    import("./report/actions.ts"),
  ]);
  // each failure as an error annotation at its manifest line
  logFailures(result, actionsLog);
  if (result.kubeconfigPath !== undefined) {
    // later steps find it through KUBECONFIG
    core.exportVariable("KUBECONFIG", result.kubeconfigPath);
    core.setOutput("kubeconfig-path", result.kubeconfigPath);
  }
  if (result.mode === "plan") logPlan(result);
  await publish(result);
  reported = true;
  const status = reportSignal();
  await github?.finishDeployment(deployment, settings, result.cancelled === true ? "cancelled" : result, status);
  await github?.publishPlanComment(result, settings, status);
  if (result.result === "failure") {
    process.exitCode = 1;
    core.info(
      `kubeship failed: ${result.failures.length} problem${result.failures.length === 1 ? "" : "s"}, listed above`,
    );
  }
}

try {
  await main();
} catch (error) {
  // whatever escaped the report itself: the step still says it failed, and why
  reportInHaste("kubeship failed unexpectedly; the log says why.");
  core.setFailed(`kubeship failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`);
}
// Nothing left behind may hold the step: a credential plugin's leftover process, a connection that
// will never close. The outputs, summary and log are written by now (file and pipe writes are synchronous).
process.exit();
