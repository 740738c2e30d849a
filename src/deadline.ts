// The run's end — the `timeout` input, or the workflow's cancellation — reaches every stage as one
// AbortSignal. Whatever was waiting when it fired throws Interrupted, which says what it waited for
// and what to check, so the failure names the stage and its cause instead of "the operation was aborted".

/** What a stage was waiting for when the run's signal ended it. */
export class Interrupted extends Error {
  override name = "Interrupted";
  /** `waiting for the API server to answer GET /version at https://…` */
  readonly waitingFor: string;
  /** what to look at besides the timeout: `check that the plugin …` */
  readonly check: string;

  constructor(waitingFor: string, check: string, reason: unknown) {
    super(`stopped while ${waitingFor}`, { cause: reason });
    this.waitingFor = waitingFor;
    this.check = check;
  }
}

/** The Interrupted in an error's cause chain, if the run's signal ended it. */
export function interruptionOf(error: unknown): Interrupted | undefined {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 8; depth++) {
    if (e instanceof Interrupted) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** `3s`, `1.5s`, `5m`, `1h30m`: a duration as the `timeout` input writes it. */
export function durationText(ms: number): string {
  if (ms < 60_000 || ms % 1000 !== 0) return `${Number((ms / 1000).toFixed(1))}s`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  return `${h > 0 ? `${h}h` : ""}${m > 0 ? `${m}m` : ""}${s > 0 ? `${s}s` : ""}`;
}

/** Both signals in one; either alone when the other is absent. */
export function eitherSignal(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  return AbortSignal.any([a, b]);
}

/**
 * Milliseconds on a monotonic clock, like performance.now(): the first use of Node's `performance`
 * loads its timing modules (a dozen, about 2 ms of every start).
 */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
