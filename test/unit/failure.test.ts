// Failures are data; these are the words the log, the annotations and the terminal show for each kind.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureMarkdown, failureText } from "../../src/report/failure.ts";
import type { Failure } from "../../src/result.ts";

const web = { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web" };
const source = { file: "k8s/web.yaml", line: 3 };
const crash = {
  reason: "CrashLoopBackOff",
  message: "back-off 10s",
  pod: "web-1",
  container: "app",
  fix: "read its logs",
};

interface Case {
  name: string;
  failure: Failure;
  text: string[];
  /** the markdown lines after the first, when they are not the text lines as a nested list */
  nested?: string[];
}

const cases: Case[] = [
  {
    name: "an object not applied says the fix on its line",
    failure: {
      kind: "apply",
      ref: { apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: "settings" },
      source,
      summary: 'conflicts with another field manager: "kubectl" owns .data',
      cause: {
        reason: "Conflict",
        message: 'Apply failed with 1 conflict: conflict with "kubectl": .data',
        fix: "set force-conflicts: true",
      },
    },
    text: [
      'ConfigMap/shop/settings conflicts with another field manager: "kubectl" owns .data. ' +
        "Fix: set force-conflicts: true",
    ],
  },
  {
    name: "a failed rollout puts its cause in the headline, the details and the rollback below",
    failure: {
      kind: "rollout",
      ref: web,
      source,
      summary: "failed to roll out",
      outcome: "failed",
      status: "CrashLoopBackOff: back-off 10s",
      cause: crash,
      rollback: { ref: web, revision: "4", outcome: "timeout", message: "0/2 available" },
    },
    text: [
      "Deployment/shop/web failed to roll out: CrashLoopBackOff (pod web-1, container app): back-off 10s",
      "fix: read its logs",
      "rolled back to revision 4 (timeout: 0/2 available)",
    ],
  },
  {
    name: "a rollout that timed out shows its last state, and why on a line of its own",
    failure: {
      kind: "rollout",
      ref: web,
      source,
      summary: "did not become ready within 60.0s",
      outcome: "timeout",
      status: "1/2 updated, 0/2 available; CrashLoopBackOff on pod web-1",
      cause: crash,
    },
    text: [
      "Deployment/shop/web did not become ready within 60.0s: " +
        "1/2 updated, 0/2 available; CrashLoopBackOff on pod web-1",
      "why: CrashLoopBackOff (pod web-1, container app): back-off 10s",
      "fix: read its logs",
    ],
  },
  {
    name: "a workload that could not be rolled back says why",
    failure: {
      kind: "rollout",
      ref: web,
      summary: "failed to roll out",
      outcome: "failed",
      status: "exceeded its progress deadline",
      rollback: { ref: web, message: "it has no previous revision (its first rollout failed)" },
    },
    text: [
      "Deployment/shop/web failed to roll out: exceeded its progress deadline",
      "not rolled back: it has no previous revision (its first rollout failed)",
    ],
  },
  {
    name: "a refused preflight lists the missing permissions as a table",
    failure: {
      kind: "permission",
      summary: "deployer lacks 1 of the 9 permissions this deploy needs, so nothing was written",
      missingPermissions: [
        { verb: "patch", group: "apps", resource: "deployments", namespace: "shop", name: "web", neededFor: "apply" },
      ],
    },
    text: [
      "deployer lacks 1 of the 9 permissions this deploy needs, so nothing was written",
      "VERB   RESOURCE          NAMESPACE  NAME  NEEDED FOR",
      "patch  deployments.apps  shop       web   apply",
    ],
    // in markdown the table is a code block, so that its columns stay aligned
    nested: [
      "",
      "  ```",
      "  VERB   RESOURCE          NAMESPACE  NAME  NEEDED FOR",
      "  patch  deployments.apps  shop       web   apply",
      "  ```",
    ],
  },
  {
    name: "a manifest problem is its own message",
    failure: {
      kind: "manifest",
      source,
      summary: "Deploymnet/web: the cluster does not serve kind Deploymnet in apps/v1",
    },
    text: ["Deploymnet/web: the cluster does not serve kind Deploymnet in apps/v1"],
  },
];

describe("failures in words", () => {
  for (const c of cases) {
    it(c.name, () => {
      assert.equal(failureText(c.failure), c.text.join("\n"));
      const [first, ...nested] = failureMarkdown(c.failure);
      const where = c.failure.source === undefined ? "" : ` (\`${c.failure.source.file}:${c.failure.source.line}\`)`;
      const lead =
        c.failure.ref === undefined
          ? `${c.text[0] ?? ""}${where}`
          : `**${c.text[0]?.split(" ")[0] ?? ""}**${where}: ${c.text[0] ?? ""}`;
      assert.equal(first, `- ${lead}`);
      assert.deepEqual(nested, c.nested ?? c.text.slice(1).map((line) => `  - ${line}`));
    });
  }
});
