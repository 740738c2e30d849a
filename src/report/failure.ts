// A failure in words: one headline that names the object, then the details (the cause's pod,
// termination, events and fix; what rollback did; the permissions missing), for the log, the error
// annotation, the job summary, the PR comment, the deployment status and the terminal.
import { permissionTable } from "../apply/permissions.ts";
import { describeRef } from "../kube/types.ts";
import type { Log } from "../log.ts";
import type { Failure, RollbackResult, RunResult } from "../result.ts";
import { causeDetails, causeHeadline } from "./cause.ts";

/** `rolled back to revision 4 (rolled out)`, or why it was not. */
export function describeRollback(r: RollbackResult): string {
  if (r.revision === undefined) return `not rolled back: ${r.message}`;
  const how =
    r.outcome === "ready" ? "rolled out" : `${r.outcome ?? "timeout"}${r.message === "" ? "" : `: ${r.message}`}`;
  return `rolled back to revision ${r.revision} (${how})`;
}

/** Whether the cause is the headline's continuation (a rollout that failed) rather than a `why:` line. */
function causeInHeadline(f: Failure): boolean {
  return f.kind === "rollout" && f.outcome === "failed" && f.cause !== undefined;
}

/** The first line: `Deployment/shop/web failed to roll out: CrashLoopBackOff (pod web-1, container app): …` */
export function failureHeadline(f: Failure): string {
  const what = f.ref === undefined ? f.summary : `${describeRef(f.ref)} ${f.summary}`;
  if (f.kind === "rollout") {
    const state = causeInHeadline(f) && f.cause !== undefined ? causeHeadline(f.cause) : f.status;
    return state === undefined || state === "" ? what : `${what}: ${state}`;
  }
  // An object not applied says the fix on the same line, as a compiler's error does.
  if ((f.kind === "apply" || f.kind === "dependency") && f.cause?.fix !== undefined)
    return `${what}. Fix: ${f.cause.fix}`;
  return what;
}

/** The lines after the headline. */
export function failureDetails(f: Failure): string[] {
  const lines: string[] = [];
  if (f.kind === "rollout" && f.cause !== undefined) {
    if (!causeInHeadline(f)) lines.push(`why: ${causeHeadline(f.cause)}`);
    lines.push(...causeDetails(f.cause));
  }
  if (f.rollback !== undefined) lines.push(describeRollback(f.rollback));
  if (f.missingPermissions !== undefined && f.missingPermissions.length > 0)
    lines.push(...permissionTable(f.missingPermissions).split("\n"));
  return lines;
}

/** Headline and details, one per line: the log's error and the annotation. */
export function failureText(f: Failure): string {
  return [failureHeadline(f), ...failureDetails(f)].join("\n");
}

/** A markdown list item: the object and its file:line in front, the details as a nested list. */
export function failureMarkdown(f: Failure): string[] {
  const where = f.source === undefined ? "" : ` (\`${f.source.file}:${f.source.line}\`)`;
  const first =
    f.ref === undefined ? `${failureHeadline(f)}${where}` : `**${describeRef(f.ref)}**${where}: ${failureHeadline(f)}`;
  return [`- ${first}`, ...failureDetails(f).map((d) => `  - ${d}`)];
}

/** Each failure as an error at its manifest line (an annotation on the runner). */
export function logFailures(result: RunResult, log: Pick<Log, "error">): void {
  for (const f of result.failures) log.error(failureText(f), f.source);
}
