import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { heartbeatLines, type Waiting } from "../../src/pipeline/wait.ts";

const start = 1_000_000;
const apiService = "apiservice/v1beta1.metrics.k8s.io";
const stuck =
  "FailedDiscoveryCheck: failing or missing response from https://10.96.0.12:443/apis/metrics.k8s.io/v1beta1";

describe("the rollout heartbeat", () => {
  it("says nothing when nothing is rolling out", () => {
    assert.equal(heartbeatLines(new Map(), start, start, 300_000), undefined);
  });

  it("never repeats the same lines for an object that stays stuck", () => {
    const waiting = new Map<string, Waiting>([[apiService, { message: stuck, since: start }]]);
    const beats = [5_000, 10_000, 65_000].map((t) => heartbeatLines(waiting, start + t, start, 300_000));
    assert.equal(new Set(beats).size, beats.length, beats.join("\n---\n"));
    assert.equal(
      beats[2],
      `Still waiting for 1 object (1m05s of 5m00s):\n  ${apiService}: ${stuck} (unchanged for 1m05s)`,
    );
  });

  it("counts a message that changed from when it changed, and lists ten objects at most", () => {
    const waiting = new Map<string, Waiting>(
      Array.from({ length: 12 }, (_, i): [string, Waiting] => [
        `deployment/web-${i}`,
        { message: "0/1 available", since: start + 8_000 },
      ]),
    );
    const lines = heartbeatLines(waiting, start + 10_000, start, 60_000)?.split("\n") ?? [];
    assert.equal(lines[0], "Still waiting for 12 objects (10s of 1m00s):");
    // changed 2 s ago: not yet "unchanged"
    assert.equal(lines[1], "  deployment/web-0: 0/1 available");
    assert.equal(lines.length, 12);
    assert.equal(lines[11], "  … and 2 more");
  });
});
