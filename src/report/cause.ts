// A rollout's cause in words: one line for the headline, then the details (pod, container, last
// termination, recent Warning events, what to do), for the log, the error annotation and the summary.
import type { Cause, Termination } from "../rollout/readiness.ts";

function termination(t: Termination): string {
  const parts = [
    t.reason ?? "terminated",
    t.exitCode === undefined ? undefined : `exit code ${t.exitCode}`,
    t.signal === undefined ? undefined : `signal ${t.signal}`,
  ];
  const text = parts.filter((p) => p !== undefined).join(", ");
  return t.message ? `${text}: ${t.message.trim().split("\n").slice(-3).join(" / ")}` : text;
}

/** `CrashLoopBackOff (pod web-5d8f-x2k4q, container app): back-off 10s restarting failed container` */
export function causeHeadline(cause: Cause): string {
  const where = [
    cause.pod === undefined ? undefined : `pod ${cause.pod}`,
    cause.container === undefined ? undefined : `container ${cause.container}`,
  ].filter((p) => p !== undefined);
  return `${cause.reason}${where.length === 0 ? "" : ` (${where.join(", ")})`}${cause.message === "" ? "" : `: ${cause.message}`}`;
}

/** The details after the headline, one per line. */
export function causeDetails(cause: Cause): string[] {
  const lines: string[] = [];
  if (cause.lastTermination !== undefined) lines.push(`last termination: ${termination(cause.lastTermination)}`);
  for (const e of cause.events ?? [])
    lines.push(`event ${e.object} ${e.reason}${e.count > 1 ? ` (×${e.count})` : ""}: ${e.message}`);
  if (cause.fix !== undefined) lines.push(`fix: ${cause.fix}`);
  return lines;
}
