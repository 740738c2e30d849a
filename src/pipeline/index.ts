// The deploy pipeline: a straight sequence of stages (connect, load, plan, preflight, apply, prune,
// wait and roll back), each taking the context and its input and returning a typed value; the
// RunResult is assembled from those values at the end. It runs the same under the action, the CLI and
// the tests, and never formats for GitHub itself.
import { eitherSignal } from "../deadline.ts";
import type { Settings } from "../inputs.ts";
import { roundTripsBeforeFirstWrite } from "../kube/trace.ts";
import { onTheWire } from "../kube/undici.ts";
import type { Log } from "../log.ts";
import { prepareKustomize } from "../manifests/kustomize/prepare.ts";
import type { RunResult } from "../result.ts";
import { ask } from "./ask.ts";
import type { StageValues } from "./assemble.ts";
import type * as Stages from "./stages.ts";
import { type Connect, connectOverHttps, type Session } from "./connect.ts";
import { StageClock, type StageContext } from "./context.ts";

/** How many requests a run sent, and how many round trips stood one after another before its first write. */
function requestsOf(session: Session): string {
  const serial = session.requests === undefined ? undefined : roundTripsBeforeFirstWrite(session.requests);
  const before = serial === undefined ? "" : ` (${serial} round trips one after another before the first write)`;
  return `${session.requestCount} API requests${before}`;
}

export type { Connect, ConnectOptions, Introduction, Session } from "./connect.ts";

export interface DeployOptions {
  /**
   * aborts the deploy (the workflow was cancelled): watches stop, and the result says what was applied
   * and what was still rolling out
   */
  cancel?: AbortSignal;
  /** how the cluster is reached: over HTTPS with the settings' credentials unless a test passes a fake */
  connect?: Connect;
  /** where to write the kubeconfig for later steps (export-kubeconfig), chosen by the caller so that it can be cleaned up */
  kubeconfigPath?: string;
}

/** What the stages returned so far, recorded by the spine as each returns; assemble() turns it into the result. */
type Reached = Omit<StageValues, "settings" | "stopped" | "cancelled" | "durationMs">;

/** The later stages (stages.ts), loaded once: after the first requests are sent, or when a run ends before them. */
let stagesLoading: Promise<typeof Stages> | undefined;
const stages = () => (stagesLoading ??= import("./stages.ts"));

export async function deploy(settings: Settings, log: Log, options: DeployOptions = {}): Promise<RunResult> {
  const started = Date.now();
  const clock = new StageClock();
  const { cancel, connect = connectOverHttps } = options;
  const reached: Reached = {};
  let stopped: StageValues["stopped"] = [];
  let session: Session | undefined;
  // `timeout` bounds everything from the start: credentials (exec plugins, token services), the first
  // request, discovery, apply, prune and the wait.
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const signal = eitherSignal(timeout, cancel) ?? timeout;
  /** the stage running, for the message when the signal ends it */
  let stage = "credentials";
  // kustomize's module compiles while the run connects; the render stays in the parse stage
  prepareKustomize(settings.manifests, settings.workspace).catch(() => undefined);
  try {
    // The settings and credentials are checked before anything is sent to the cluster.
    session = await connect(settings, log, {
      signal,
      ...(options.kubeconfigPath === undefined ? {} : { kubeconfigPath: options.kubeconfigPath }),
    });
    reached.cluster = { server: session.server, context: session.context };
    clock.lap("credentials");
    const defaultNamespace = settings.namespace ?? session.namespace ?? "default";
    const ctx: StageContext = { client: session.client, log, signal };
    // The first requests go out while the manifests are read (over distance, parsing or rendering them
    // hides behind the round trips): who we are, what the cluster serves, what the ApplySet recorded.
    // They only read, so a bad manifest still fails before anything is written.
    const identifying = session.identify();
    identifying.catch(() => undefined); // awaited through introduce() below
    const asked = ask(ctx, settings, defaultNamespace);
    // The later stages load once these are all on the wire: loading them first would hold the requests
    // back as long, and over distance they load while the answers travel.
    await onTheWire(identifying);
    const { load, plan, preflight, apply, prune, waitAndRollBack } = await stages();
    clock.lap("loading");
    stage = "parse";
    const manifests = await load(settings, log);
    reached.manifests = manifests;
    clock.lap("parse");
    stage = "identity";
    // The preflight needs the name of the identity only to word a refusal. A rejected credential is
    // reported as the identity request words it, so its answer is awaited first.
    const introducing = session.introduce(defaultNamespace);
    const identity = introducing.then((i) => i.identity);
    const planning = plan(ctx, manifests, settings, defaultNamespace, asked);
    const checking = planning.then((planned) => preflight(ctx, planned, settings, identity));
    for (const pending of [identity, planning, checking]) pending.catch(() => undefined);
    const { kubeconfigPath } = await introducing;
    if (kubeconfigPath !== undefined) reached.kubeconfigPath = kubeconfigPath;
    clock.lap("identity");
    stage = "discovery and validation";
    const planned = await planning;
    clock.lap("plan and validation");
    stage = "permissions";
    const refused = await checking;
    clock.lap("permissions");
    if (refused !== undefined) {
      stopped = [refused];
      return await finish();
    }
    stage = "apply";
    const applied = await apply(ctx, planned, manifests, settings);
    reached.applied = applied;
    clock.lap("apply");
    if (applied.failures.length > 0) return await finish();
    stage = "prune";
    if (planned.applyset !== undefined && settings.prune) {
      reached.pruned = await prune(ctx, planned.applyset, applied, settings);
    }
    clock.lap("prune");
    stage = "wait";
    if (settings.mode === "apply" && settings.wait && applied.objects.length > 0) {
      reached.waited = await waitAndRollBack(ctx, applied.objects, settings, cancel);
    }
    clock.lap("wait");
  } catch (error) {
    clock.lap(stage);
    const { failuresOf } = await stages();
    stopped = failuresOf(error, {
      cancelled: cancel?.aborted === true,
      timedOut: timeout.aborted,
      timeoutMs: settings.timeoutMs,
      stage,
    });
  } finally {
    await session?.close();
  }
  return finish();

  async function finish(): Promise<RunResult> {
    const { assemble } = await stages();
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
