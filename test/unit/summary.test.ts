import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RunResult } from "../../src/result.ts";
import { summaryMarkdown } from "../../src/report/summary.ts";

const ref = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "web" };
const source = { file: "k8s/app.yaml", line: 3 };

describe("the job summary of a failed rollout", () => {
  it("lists the failure with its cause as a nested list, and what was rolled back", () => {
    const result: RunResult = {
      result: "failure",
      mode: "apply",
      pruned: [],
      objects: [
        {
          ref,
          source,
          action: "configured",
          rollout: "failed",
          message: "CrashLoopBackOff: back-off 10s",
          durationMs: 2300,
        },
      ],
      failures: [
        {
          kind: "rollout",
          ref,
          source,
          summary: "failed to roll out",
          outcome: "failed",
          status: "CrashLoopBackOff: back-off 10s",
          cause: {
            reason: "CrashLoopBackOff",
            message: "back-off 10s",
            pod: "web-1",
            container: "app",
            lastTermination: { reason: "Error", exitCode: 1 },
            fix: "the container keeps exiting",
          },
          rollback: { ref, revision: "4", outcome: "ready", message: "rolled out, 2/2 available" },
        },
      ],
      rolledBack: [{ ref, revision: "4", outcome: "ready", message: "rolled out, 2/2 available" }],
      durationMs: 5000,
    };
    const summary = summaryMarkdown(result);
    assert.match(summary, /### ❌ Deploy failed/);
    assert.match(
      summary,
      /\| `Deployment\/prod\/web` \| configured \| failed: CrashLoopBackOff: back-off 10s \| 2\.3s \| `k8s\/app\.yaml:3` \|/,
    );
    assert.match(
      summary,
      /#### Rolled back\n\n- \*\*Deployment\/prod\/web\*\*: rolled back to revision 4 \(rolled out\)\n/,
    );
    assert.match(
      summary,
      /- \*\*Deployment\/prod\/web\*\* \(`k8s\/app\.yaml:3`\): Deployment\/prod\/web failed to roll out: CrashLoopBackOff \(pod web-1, container app\): back-off 10s\n {2}- last termination: Error, exit code 1\n {2}- fix: the container keeps exiting\n {2}- rolled back to revision 4 \(rolled out\)\n/,
    );
  });

  it("says the deploy was cancelled", () => {
    const summary = summaryMarkdown({
      result: "failure",
      mode: "apply",
      pruned: [],
      objects: [],
      failures: [{ kind: "cancelled", summary: "the workflow was cancelled" }],
      cancelled: true,
      durationMs: 1,
    });
    assert.match(summary, /### ❌ Deploy cancelled/);
  });
});
