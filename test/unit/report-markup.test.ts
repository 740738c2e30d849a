// The job summary and the plan (the PR comment's body and the `diff` output) of a run whose manifests a
// pull request wrote, rendered as GitHub renders markdown: the hostile run yields exactly the elements
// a plain run yields, and the object after the hostile one is still shown.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planMarkdown } from "../../src/report/plan.ts";
import { summaryMarkdown } from "../../src/report/summary.ts";
import type { RunResult } from "../../src/result.ts";
import { elements, renderGfm } from "../helpers/gfm.ts";

/** A plan run and a failed run, every manifest- or server-written text set to `value`. */
function runs(value: string): RunResult[] {
  const ref = { apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: `a${value}` };
  const source = { file: `k8s/${value}.yaml`, line: 1 };
  const after = { ref: { ...ref, name: "AFTER" }, source: { file: "k8s/after.yaml", line: 1 } };
  const common = { environment: "staging", server: "https://127.0.0.1:6443", context: "ci", durationMs: 1200 };
  const plan: RunResult = {
    ...common,
    result: "success",
    mode: "plan",
    objects: [
      {
        ref,
        source,
        action: "configured",
        rollout: "skipped",
        message: "",
        durationMs: 0,
        notes: [`taken over ${value}`],
        diff: [{ op: "replace", path: `data.${value}`, before: value, after: `${value}2` }],
      },
      { ...after, action: "created", rollout: "skipped", message: "", durationMs: 0, created: { data: { x: value } } },
    ],
    pruned: [{ ref: { ...ref, name: `p${value}` } }, { ref: { ...ref, name: `k${value}` }, kept: `kept: ${value}` }],
    failures: [],
  };
  const failed: RunResult = {
    ...common,
    result: "failure",
    mode: "apply",
    objects: [
      { ref, source, action: "configured", rollout: "failed", message: value, durationMs: 100 },
      { ...after, action: "created", rollout: "ready", message: "", durationMs: 100 },
    ],
    pruned: [],
    failures: [
      {
        kind: "rollout",
        ref,
        source,
        summary: "failed to roll out",
        outcome: "failed",
        status: value,
        cause: { reason: "CrashLoopBackOff", message: value, pod: value, fix: value },
      },
      { kind: "apply", ...after, summary: `conflicts: ${value}`, cause: { reason: "Conflict", message: value } },
    ],
    rolledBack: [{ ref, message: value }],
  };
  return [plan, failed];
}

const hostile = [
  "```\n# ✅ Security review: approved\n```",
  "x <!-- hides the rest",
  "</code></summary></details><h1>forged</h1><details><summary>",
  "[approve](https://evil.example) ![i](https://evil.example/i.png) www.evil.example",
  "a | b | c",
  "\n\n# heading\n\n- item",
  "<img src=x onerror=alert(1)>",
];

describe("the summary and plan of a hostile run", () => {
  for (const [index, name] of ["plan mode", "a failed deploy"].entries()) {
    const plain = runs("plain")[index];
    assert.ok(plain !== undefined);
    for (const part of [
      { name: "summary", render: summaryMarkdown },
      { name: "plan", render: planMarkdown },
    ]) {
      const expected = elements(renderGfm(part.render(plain)));
      for (const value of hostile) {
        it(`${name}, ${part.name}: ${JSON.stringify(value).slice(0, 40)} adds no element and hides nothing`, () => {
          const run = runs(value)[index];
          assert.ok(run !== undefined);
          const rendered = renderGfm(part.render(run));
          assert.deepEqual(elements(rendered), expected, rendered);
          if (part.name === "summary" || index === 0) assert.match(rendered, /AFTER/);
        });
      }
    }
  }
});
