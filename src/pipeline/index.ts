// The deploy pipeline: a straight sequence of stages (connect, load, plan, preflight, apply, prune,
// wait and roll back), each taking the context and its input and returning a typed value; the
// RunResult is assembled from those values at the end. It runs the same under the action, the CLI and
// the tests, and never formats for GitHub itself.
import type { Settings } from "../inputs.ts";
import { roundTripsBeforeFirstWrite } from "../kube/trace.ts";
import type { Log } from "../log.ts";
import type { RunResult } from "../result.ts";
import { apply } from "./apply.ts";
import { assemble, failuresOf, type StageValues } from "./assemble.ts";
import { type Connect, connectOverHttps, type Session } from "./connect.ts";
import { StageClock, type StageContext } from "./context.ts";
import { load } from "./load.ts";
import { plan } from "./plan.ts";
import { preflight } from "./preflight.ts";
import { prune } from "./prune.ts";
import { waitAndRollBack } from "./wait.ts";

/** How many requests a run sent, and how many round trips stood one after another before its first write. */
function requestsOf(session: Session): string {
  const serial = session.requests === undefined ? undefined : roundTripsBeforeFirstWrite(session.requests);
  const before = serial === undefined ? "" : ` (${serial} round trips one after another before the first write)`;
  return `${session.requestCount} API requests${before}`;
}

export type { Connect, Introduction, Session } from "./connect.ts";

export interface DeployOptions {
  /**
   * aborts the deploy (the workflow was cancelled): watches stop, and the result says what was applied
   * and what was still rolling out
   */
  cancel?: AbortSignal;
  /** how the cluster is reached: over HTTPS with the settings' credentials unless a test passes a fake */
  connect?: Connect;
}

/** What the stages returned so far, recorded by the spine as each returns; assemble() turns it into the result. */
type Reached = Omit<StageValues, "settings" | "stopped" | "cancelled" | "durationMs">;

export async function deploy(settings: Settings, log: Log, options: DeployOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const clock = new StageClock();
  const { cancel, connect = connectOverHttps } = options;
  const reached: Reached = {};
  let stopped: StageValues["stopped"] = [];
  let session: Session | undefined;
  let signal: AbortSignal | undefined;
  try {
    // Everything that can be checked without the cluster is checked before anything is sent to it.
    session = await connect(settings, log);
    reached.cluster = { server: session.server, context: session.context };
    clock.lap("credentials");
    const manifests = await load(settings, log);
    reached.manifests = manifests;
    clock.lap("parse");
    const defaultNamespace = settings.namespace ?? session.namespace ?? "default";

    // `timeout` bounds everything from here on: discovery, apply, prune and the wait.
    signal =
      cancel === undefined
        ? AbortSignal.timeout(settings.timeoutMs)
        : AbortSignal.any([AbortSignal.timeout(settings.timeoutMs), cancel]);
    const ctx: StageContext = { client: session.client, log, signal };
    // Who we are, what the cluster serves, and then the preflight go at once: the preflight needs the
    // name of the identity only to word a refusal. A rejected credential is reported as the identity
    // request words it, so its answer is awaited first.
    const introducing = session.introduce(defaultNamespace);
    const identity = introducing.then((i) => i.identity);
    const planning = plan(ctx, manifests, settings, defaultNamespace);
    const checking = planning.then((planned) => preflight(ctx, planned, settings, identity));
    for (const pending of [identity, planning, checking]) pending.catch(() => undefined);
    const { kubeconfigPath } = await introducing;
    if (kubeconfigPath !== undefined) reached.kubeconfigPath = kubeconfigPath;
    clock.lap("identity");
    const planned = await planning;
    clock.lap("plan and validation");
    const refused = await checking;
    clock.lap("permissions");
    if (refused !== undefined) {
      stopped = [refused];
      return finish();
    }
    const applied = await apply(ctx, planned, manifests, settings);
    reached.applied = applied;
    clock.lap("apply");
    if (applied.failures.length > 0) return finish();
    if (planned.applyset !== undefined && settings.prune) {
      reached.pruned = await prune(ctx, planned.applyset, applied, settings);
    }
    clock.lap("prune");
    if (settings.mode === "apply" && settings.wait && applied.objects.length > 0) {
      reached.waited = await waitAndRollBack(ctx, applied.objects, settings, cancel);
    }
    clock.lap("wait");
  } catch (error) {
    stopped = failuresOf(error, {
      cancelled: cancel?.aborted === true,
      timedOut: signal?.aborted === true,
      timeoutMs: settings.timeoutMs,
    });
  } finally {
    await session?.close();
  }
  return finish();

  function finish(): RunResult {
    clock.lap("report");
    log.debug(`kubeship timings: ${clock.toString()}${session === undefined ? "" : `; ${requestsOf(session)}`}`);
    return assemble({
      settings,
      ...reached,
      stopped,
      cancelled: cancel?.aborted === true,
      durationMs: Date.now() - started,
    });
  }
}
