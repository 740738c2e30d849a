// What every stage after connecting takes: the cluster's API, the log, and the signal that ends the
// run (the timeout, or the workflow's cancellation).
import { monotonicMs } from "../deadline.ts";
import type { KubeApi } from "../kube/api.ts";
import type { Log } from "../log.ts";

export interface StageContext {
  client: KubeApi;
  log: Log;
  signal: AbortSignal;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** How long each stage took, for the debug log and the benchmarks. */
export class StageClock {
  private last = monotonicMs();
  readonly shares: [string, number][] = [];
  lap(stage: string): void {
    const now = monotonicMs();
    this.shares.push([stage, now - this.last]);
    this.last = now;
  }
  toString(): string {
    return this.shares.map(([stage, ms]) => `${stage} ${ms.toFixed(0)}ms`).join(", ");
  }
}
