import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { shorten } from "../../src/report/shorten.ts";
import { summaryMarkdown } from "../../src/report/summary.ts";
import type { RunResult } from "../../src/result.ts";

function result(objects: number, over: Partial<RunResult> = {}): RunResult {
  return {
    result: "success",
    mode: "apply",
    environment: "staging",
    server: "https://k8s.example:6443",
    context: "prod",
    objects: Array.from({ length: objects }, (_, i) => ({
      ref: { apiVersion: "v1", kind: "ConfigMap", namespace: "shop", name: `config-${i}` },
      source: { file: "k8s/config.yaml", line: 1 + i * 5 },
      action: i % 2 === 0 ? "created" : "unchanged",
      rollout: "ready",
      message: "",
      durationMs: 1200,
    })),
    pruned: [],
    failures: [],
    durationMs: 4321,
    ...over,
  };
}

describe("job summary", () => {
  it("puts the result first, with environment and cluster, then a row per object with its source", () => {
    const md = summaryMarkdown(result(2));
    const lines = md.split("\n");
    assert.equal(
      lines[0],
      "### ✅ Deployed to **staging** (`https://k8s.example:6443`, context `prod`): 1 changed, 2 objects",
    );
    assert.ok(lines.includes("| `ConfigMap/shop/config-0` | created | ready | 1.2s | `k8s/config.yaml:1` |"));
    assert.ok(lines.includes("| `ConfigMap/shop/config-1` | unchanged | ready | 1.2s | `k8s/config.yaml:6` |"));
  });

  it("names the cluster without stray parentheses when no environment is set", () => {
    const { environment: _environment, ...withoutEnvironment } = result(2);
    const md = summaryMarkdown(withoutEnvironment);
    assert.equal(
      md.split("\n")[0],
      "### ✅ Deployed to `https://k8s.example:6443` (context `prod`): 1 changed, 2 objects",
    );
  });

  it("lists each failure with its object and file:line", () => {
    const md = summaryMarkdown(
      result(1, {
        result: "failure",
        failures: [
          {
            kind: "rollout",
            ref: { apiVersion: "apps/v1", kind: "Deployment", namespace: "shop", name: "web" },
            source: { file: "k8s/web.yaml", line: 3 },
            summary: "failed to roll out",
            outcome: "failed",
            status: "CrashLoopBackOff",
          },
        ],
      }),
    );
    assert.match(md, /^### ❌ Deploy failed for \*\*staging\*\*/);
    assert.match(
      md,
      /- \*\*Deployment\/shop\/web\*\* \(`k8s\/web\.yaml:3`\): Deployment\/shop\/web failed to roll out: CrashLoopBackOff/,
    );
  });
});

describe("shortening to GitHub's limits", () => {
  it("keeps short text as it is", () => {
    assert.equal(shorten("a\nb", 100, "why"), "a\nb");
  });

  it("cuts at a line, closes open blocks, and says how much was left out and why", () => {
    const text = [
      "<details><summary>x</summary>",
      "",
      "```diff",
      ...Array.from({ length: 5000 }, (_, i) => `+ line ${i}`),
      "```",
      "</details>",
    ].join("\n");
    const short = shorten(text, 10_000, "a comment is limited to 65,536 characters");
    assert.ok(short.length <= 10_000);
    assert.match(
      short,
      /```\n<\/details>\n\n> ✂️ \d+ more lines left out: a comment is limited to 65,536 characters\.\n$/,
    );
    const kept = short.split("\n").filter((l) => l.startsWith("+ line")).length;
    const left = Number(/✂️ (\d+) more lines/.exec(short)?.[1]);
    assert.equal(
      kept + left,
      5000 + 2,
      "every line is either kept or counted as left out (the closing fence and tag too)",
    );
  });

  it("keeps a 20,000-object summary within 1 MiB when shortened", () => {
    const md = summaryMarkdown(result(20_000));
    assert.ok(Buffer.byteLength(md) > 1024 * 1024);
    const short = shorten(md, 1024 * 1024 - 1024, "a job summary is limited to 1 MiB");
    assert.ok(Buffer.byteLength(short) <= 1024 * 1024);
    assert.match(short, /more lines left out: a job summary is limited to 1 MiB/);
  });
});
