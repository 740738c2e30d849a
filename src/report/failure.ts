// A failure in words: one headline that names the object, then the details (the cause's pod,
// termination, events and fix; what rollback did; the permissions missing), for the log, the error
// annotation, the job summary, the PR comment, the deployment status and the terminal.
import { describeRef } from "../kube/types.ts";
import type { Log } from "../log.ts";
import type { Failure, RollbackResult, RunResult } from "../result.ts";
import { causeDetails, causeHeadline } from "./cause.ts";
import { code, codeBlock, text } from "./markdown.ts";
import { permissionTable, rbacManifest } from "./rbac.ts";

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

/** The lines after the headline that read as sentences: the cause, what rollback did. */
function detailLines(f: Failure): string[] {
  const lines: string[] = [];
  if (f.kind === "rollout" && f.cause !== undefined) {
    if (!causeInHeadline(f)) lines.push(`why: ${causeHeadline(f.cause)}`);
    lines.push(...causeDetails(f.cause));
  }
  if (f.rollback !== undefined) lines.push(describeRollback(f.rollback));
  return lines;
}

/** A permission refusal's table of what is missing, and the manifest that grants it. */
function permissionBlocks(f: Failure): { table: string[]; intro: string; grant: string[] } | undefined {
  if (f.missingPermissions === undefined || f.missingPermissions.length === 0) return undefined;
  const objects = f.grant?.objects ?? [];
  const intro =
    f.grant?.to === undefined
      ? "To grant them, bind these roles to the deploying identity and apply them (kubectl apply -f):"
      : `To grant them to ${f.grant.to}, apply this (kubectl apply -f):`;
  const grant = objects.length === 0 ? [] : rbacManifest(objects).trimEnd().split("\n");
  return { table: permissionTable(f.missingPermissions).split("\n"), intro, grant };
}

/** The lines after the headline. */
export function failureDetails(f: Failure): string[] {
  const permissions = permissionBlocks(f);
  if (permissions === undefined) return detailLines(f);
  const grant = permissions.grant.length === 0 ? [] : [permissions.intro, ...permissions.grant];
  return [...detailLines(f), ...permissions.table, ...grant];
}

/** Headline and details, one per line: the log's error and the annotation. */
export function failureText(f: Failure): string {
  return [failureHeadline(f), ...failureDetails(f)].join("\n");
}

/**
 * A markdown list item: the object and its file:line in front, the details as a nested list, tables
 * and manifests as code blocks. Every text in it may come from a manifest or the server: as text.
 */
export function failureMarkdown(f: Failure): string[] {
  const where = f.source === undefined ? "" : ` (${code(`${f.source.file}:${f.source.line}`)})`;
  const headline = text(failureHeadline(f));
  const first = f.ref === undefined ? `${headline}${where}` : `**${text(describeRef(f.ref))}**${where}: ${headline}`;
  const nested = (lines: string[]) => lines.map((line) => `  ${line}`);
  const permissions = permissionBlocks(f);
  const blocks =
    permissions === undefined
      ? []
      : [
          "",
          ...nested(codeBlock(permissions.table)),
          ...(permissions.grant.length === 0
            ? []
            : ["", `  ${text(permissions.intro)}`, "", ...nested(codeBlock(permissions.grant, "yaml"))]),
        ];
  return [`- ${first}`, ...detailLines(f).map((d) => `  - ${text(d)}`), ...blocks];
}

/** Each failure as an error at its manifest line (an annotation on the runner). */
export function logFailures(result: RunResult, log: Pick<Log, "error">): void {
  for (const f of result.failures) log.error(failureText(f), f.source);
}
