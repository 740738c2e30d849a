// Waits for applied objects to become ready through the watch API: one informer per resource type and
// namespace (not per object), one pod informer per namespace with workloads, a readiness rule per
// kind, and the pods of each workload's new revision diagnosed so that a rollout that cannot succeed
// fails within seconds, with its cause.
import type { KubeApi } from "../kube/api.ts";
import { type ResourceMapping, resourcePath } from "../kube/discovery.ts";
import { type KubeObject, type ObjectRef } from "../kube/types.ts";
import {
  cannotCreatePods,
  defaultGracePeriods,
  failedContainer,
  type GracePeriods,
  type Problem,
  podProblem,
  workloadProblem,
  worstProblem,
} from "./diagnosis.ts";
import { KubeApiError } from "../kube/errors.ts";
import { type EventItem, type EventQuery, EventReader, regardingUid, summarize } from "./events.ts";
import { runInformer } from "./informer.ts";
import { kindBehaviour, type KindBehaviour } from "./kinds.ts";
import type { Cause, EventSummary, Readiness } from "./readiness.ts";
import { controllerUid, inRevision, type RevisionPods } from "./revision.ts";
import { type ReadinessRule, waitAnnotation } from "./rules.ts";

export interface RolloutTarget {
  ref: ObjectRef;
  mapping: ResourceMapping;
  /** the object as the apply returned it: judged first, so that what is already ready needs no watch */
  live?: KubeObject;
}

/** `cancelled`: the workflow was cancelled while it was still rolling out */
export type RolloutOutcome = "ready" | "failed" | "timeout" | "skipped" | "cancelled";

export interface RolloutResult {
  ref: ObjectRef;
  outcome: RolloutOutcome;
  message: string;
  cause?: Cause;
  durationMs: number;
}

export interface WaitOptions {
  signal: AbortSignal;
  /** fail as soon as a pod problem makes the outcome certain (default true); false waits for the timeout */
  failFast?: boolean;
  grace?: Partial<GracePeriods>;
  /** called when an object's readiness message changes */
  onProgress?: (ref: ObjectRef, readiness: Readiness) => void;
}

interface Tracked {
  target: RolloutTarget;
  /** the kind's row in the kind table */
  kind: KindBehaviour;
  rule: ReadinessRule;
  object: KubeObject | undefined;
  readiness: Readiness | undefined;
  result: RolloutResult | undefined;
  /** fetching events before the result is set */
  finishing: boolean;
  revision: RevisionPods | undefined;
  /** what `revision` was resolved for; a change means a newer revision */
  revisionKey: string | undefined;
  resolving: boolean;
  resolvedAt: number;
  /** first time each problem (pod uid + reason) was seen, for grace periods */
  problemSince: Map<string, number>;
  /** pods for which a cluster autoscaler reported TriggeredScaleUp */
  scalingUp: Set<string>;
  scaleUpChecked: Set<string>;
  /** the latest FailedCreate event of this wait (StatefulSet, DaemonSet, Job: they have no ReplicaFailure condition) */
  failedCreate: EventSummary | undefined;
}

const tickMs = 1_000;
/** how long to look for events before reporting a failure without them */
const eventsTimeoutMs = 3_000;
function shortRef(ref: ObjectRef): string {
  return `${ref.kind}/${ref.name}`;
}

class RolloutWaiter {
  private readonly client: KubeApi;
  /** which events API this wait reads (events.k8s.io until that is denied) */
  private readonly events: EventReader;
  private readonly options: WaitOptions;
  private readonly grace: GracePeriods;
  private readonly started = Date.now();
  private readonly tracked: Tracked[];
  /** namespace → pod uid → pod */
  private readonly pods = new Map<string, Map<string, KubeObject>>();
  /** owner uid of a revision's pods → the workload */
  private readonly byOwner = new Map<string, Tracked>();
  private readonly stop = new AbortController();
  private readonly stopSignal: AbortSignal;
  private resolveDone: () => void = () => undefined;
  private readonly done = new Promise<void>((resolve) => (this.resolveDone = resolve));

  constructor(client: KubeApi, targets: readonly RolloutTarget[], options: WaitOptions) {
    this.client = client;
    this.events = new EventReader(client);
    this.options = options;
    this.grace = { ...defaultGracePeriods, ...options.grace };
    this.stopSignal = AbortSignal.any([options.signal, this.stop.signal]);
    this.tracked = targets.map((target) => {
      const kind = kindBehaviour(target.mapping.group, target.mapping.kind);
      return this.track(target, kind);
    });
  }

  private track(target: RolloutTarget, kind: KindBehaviour): Tracked {
    return {
      target,
      kind,
      rule: kind.readiness ?? (() => ({ state: "ready", message: "" })),
      object: undefined,
      readiness: undefined,
      result: undefined,
      finishing: false,
      revision: undefined,
      revisionKey: undefined,
      resolving: false,
      resolvedAt: 0,
      problemSince: new Map(),
      scalingUp: new Set(),
      scaleUpChecked: new Set(),
      failedCreate: undefined,
    };
  }

  async run(): Promise<RolloutResult[]> {
    for (const t of this.tracked) {
      const annotations = t.target.live?.metadata.annotations;
      if (annotations?.[waitAnnotation] === "false") {
        t.result = {
          ref: t.target.ref,
          outcome: "skipped",
          message: `not waited for (${waitAnnotation}: "false")`,
          durationMs: 0,
        };
      } else if (t.kind.readiness === undefined) {
        t.result = { ref: t.target.ref, outcome: "ready", message: "", durationMs: 0 };
      } else if (t.target.live !== undefined) {
        this.observe(t, t.target.live);
      }
    }
    const waiting = this.tracked.filter((t) => t.result === undefined && !t.finishing);
    if ((waiting.length > 0 || this.pending()) && !this.options.signal.aborted) {
      const informers = [
        ...this.watchTargets(waiting),
        ...this.watchPods(waiting),
        ...this.watchFailedCreates(waiting),
      ];
      const ticker = setInterval(() => this.tick(), tickMs);
      this.checkDone();
      await Promise.race([
        this.done,
        new Promise((resolve) => this.options.signal.addEventListener("abort", resolve, { once: true })),
      ]);
      clearInterval(ticker);
      // The informers end on their own once stopped (they never throw); not waiting for them saves the
      // step's exit a few tens of milliseconds.
      this.stop.abort();
      void Promise.allSettled(informers);
    }
    return this.tracked.map((t) => t.result ?? this.unfinished(t));
  }

  private pending(): boolean {
    return this.tracked.some((t) => t.result === undefined);
  }

  private checkDone(): void {
    if (!this.pending()) this.resolveDone();
  }

  private unfinished(t: Tracked): RolloutResult {
    const readiness = t.readiness;
    const message = readiness === undefined ? "no status observed" : readiness.message;
    return {
      ref: t.target.ref,
      outcome: "timeout",
      message,
      ...(readiness?.cause === undefined ? {} : { cause: readiness.cause }),
      durationMs: Date.now() - this.started,
    };
  }

  /** One informer per collection (resource type and namespace) holding waiting objects. */
  private watchTargets(waiting: Tracked[]): Promise<void>[] {
    const groups = new Map<string, Tracked[]>();
    for (const t of waiting) {
      const path = resourcePath(t.target.mapping, t.target.ref.namespace);
      groups.set(path, [...(groups.get(path) ?? []), t]);
    }
    return [...groups].map(([path, group]) => {
      const byName = new Map(group.map((t) => [t.target.ref.name, t]));
      return runInformer(
        this.client,
        path,
        {
          onList: (objects) => {
            const seen = new Set<string>();
            for (const object of objects) {
              const t = byName.get(object.metadata.name ?? "");
              if (t === undefined) continue;
              seen.add(t.target.ref.name);
              this.observe(t, object);
            }
            for (const t of group) if (!seen.has(t.target.ref.name)) this.deleted(t);
          },
          onEvent: (type, object) => {
            const t = byName.get(object.metadata.name ?? "");
            if (t === undefined) return;
            if (type === "DELETED") this.deleted(t);
            else this.observe(t, object);
          },
          onFatal: (error) => {
            for (const t of group)
              this.finish(t, {
                state: "failed",
                message: `cannot watch ${path}: ${error.message}`,
                cause: {
                  reason: "WatchFailed",
                  message: error.message,
                  fix: 'grant the identity list and watch on this resource, or annotate the object with kubeship.io/wait: "false"',
                },
              });
          },
        },
        this.stopSignal,
      );
    });
  }

  /** One pod informer per namespace that holds workloads, feeding the diagnosis. */
  private watchPods(waiting: Tracked[]): Promise<void>[] {
    const workloads = waiting.filter((t) => t.kind.workload !== undefined);
    const namespaces = new Set(workloads.map((t) => t.target.ref.namespace ?? "default"));
    return [...namespaces].map((namespace) => {
      const pods = new Map<string, KubeObject>();
      this.pods.set(namespace, pods);
      return runInformer(
        this.client,
        `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
        {
          onList: (objects) => {
            pods.clear();
            for (const pod of objects) pods.set(pod.metadata.uid ?? "", pod);
            for (const t of this.tracked) if (t.target.ref.namespace === namespace) this.evaluate(t);
          },
          onEvent: (type, pod) => {
            const uid = pod.metadata.uid ?? "";
            if (type === "DELETED") pods.delete(uid);
            else pods.set(uid, pod);
            const owner = this.byOwner.get(controllerUid(pod) ?? "") ?? this.byOwner.get(uid);
            if (owner !== undefined) this.evaluate(owner);
            else if (podProblem(pod) !== undefined) {
              // A problem pod of a revision not resolved yet: resolve the namespace's workloads.
              for (const t of this.tracked)
                if (t.target.ref.namespace === namespace && t.revision === undefined) this.evaluate(t);
            }
          },
          // Without pods there is no diagnosis: the rules alone still decide, up to the timeout.
          onFatal: () => this.pods.delete(namespace),
        },
        this.stopSignal,
      );
    });
  }

  /**
   * One watch per namespace of FailedCreate Warning events: how StatefulSets, DaemonSets and Jobs say
   * that pods cannot be created (quota, admission webhooks). events.k8s.io first, core v1 on 403.
   */
  private watchFailedCreates(waiting: Tracked[]): Promise<void>[] {
    const reporting = waiting.filter((t) => t.kind.workload?.failedCreateEvents === true);
    const namespaces = new Set(reporting.map((t) => t.target.ref.namespace ?? "default"));
    return [...namespaces].map(async (namespace) => {
      for (;;) {
        const { path, prefix } = this.events.path(namespace);
        let forbidden = false;
        await runInformer(
          this.client,
          path,
          {
            onList: (items) => items.forEach((item) => this.failedCreate(item as EventItem)),
            onEvent: (type, item) => type !== "DELETED" && this.failedCreate(item as EventItem),
            onFatal: (error) =>
              (forbidden = error instanceof KubeApiError && error.code === 403 && prefix === "regarding"),
          },
          this.stopSignal,
          { fieldSelector: "type=Warning,reason=FailedCreate" },
        );
        // Events are a courtesy: without them, the rules alone decide.
        if (!forbidden) return;
        this.events.useCore();
      }
    });
  }

  private failedCreate(item: EventItem): void {
    const uid = regardingUid(item);
    const t = this.tracked.find((candidate) => candidate.object?.metadata.uid === uid && uid !== undefined);
    if (t === undefined || t.kind.workload?.failedCreateEvents !== true) return;
    const summary = summarize(item, shortRef(t.target.ref));
    // Only events of this wait: an old quota problem may have been fixed since.
    if (Date.parse(summary.lastSeen ?? "") < this.started - 2_000) return;
    t.failedCreate = summary;
    this.evaluate(t);
  }

  private observe(t: Tracked, object: KubeObject): void {
    t.object = object;
    this.evaluate(t);
  }

  private deleted(t: Tracked): void {
    this.finish(t, {
      state: "failed",
      message: "the object was deleted while waiting for it",
      cause: {
        reason: "Deleted",
        message: "the object was deleted while waiting for it",
        fix: "find out what deletes it (another deploy, a controller, garbage collection of its owner)",
      },
    });
  }

  private revisionPodsOf(t: Tracked): KubeObject[] {
    const revision = t.revision;
    const pods = this.pods.get(t.target.ref.namespace ?? "default");
    if (revision === undefined || pods === undefined) return [];
    return [...pods.values()].filter((pod) => inRevision(pod, revision));
  }

  /** Finds the new revision's pods when the workload moved to a new revision; evaluates again when known. */
  private resolveRevision(t: Tracked): void {
    const workload = t.kind.workload;
    if (workload === undefined || t.object === undefined) return;
    const key = workload.revisionKey(t.object);
    if (key === t.revisionKey || key === undefined || t.resolving) return;
    // Not found yet (the controller is still creating it): ask again at most once a tick.
    if (Date.now() - t.resolvedAt < tickMs) return;
    t.resolving = true;
    t.resolvedAt = Date.now();
    const object = t.object;
    workload
      .revisionPods(this.client, object, this.stopSignal)
      .then((revision) => {
        t.resolving = false;
        // Not there yet (the controller has not created it): tried again on the next tick.
        if (revision === undefined) return;
        if (t.revision !== undefined) this.byOwner.delete(t.revision.ownerUid);
        t.revision = revision;
        t.revisionKey = key;
        this.byOwner.set(revision.ownerUid, t);
        this.evaluate(t);
      })
      .catch(() => {
        t.resolving = false;
      });
  }

  private graceFor(problem: Problem, t: Tracked): number {
    if (problem.grace === undefined) return 0;
    if (problem.grace === "unschedulable" && t.scalingUp.has(problem.podUid ?? ""))
      return this.grace.unschedulableScalingUp;
    return this.grace[problem.grace];
  }

  private diagnose(t: Tracked, object: KubeObject): Problem | undefined {
    const own = workloadProblem(object);
    if (own !== undefined) return own;
    if (t.failedCreate !== undefined) return cannotCreatePods("FailedCreate", t.failedCreate.message);
    const problems = this.revisionPodsOf(t).flatMap((pod) => podProblem(pod) ?? []);
    // A Job retries failing containers up to its backoffLimit (restartPolicy OnFailure shows that as a
    // crash loop): its Failed condition decides, not the crashes on the way.
    const retried = t.kind.workload?.retried;
    return worstProblem(retried === undefined ? problems : problems.filter((p) => !retried.has(p.cause.reason)));
  }

  private evaluate(t: Tracked): void {
    const object = t.object;
    if (object === undefined || t.result !== undefined || t.finishing) return;
    let readiness = t.rule(object);
    if (t.kind.workload !== undefined) this.resolveRevision(t);
    if (readiness.state === "in-progress" && t.kind.workload !== undefined) {
      const problem = this.diagnose(t, object);
      if (problem !== undefined) {
        // ErrImagePull and ImagePullBackOff alternate: one grace period for the pair, not one each.
        const key = `${problem.podUid ?? ""}/${problem.grace ?? problem.cause.reason}`;
        const since = t.problemSince.get(key) ?? Date.now();
        t.problemSince.set(key, since);
        const grace = this.graceFor(problem, t);
        if (this.options.failFast !== false && Date.now() - since >= grace) {
          if (problem.cause.reason === "Unschedulable" && !t.scaleUpChecked.has(problem.podUid ?? "")) {
            this.checkScaleUp(t, problem);
            return;
          }
          this.fail(
            t,
            { state: "failed", message: `${problem.cause.reason}: ${problem.cause.message}`, cause: problem.cause },
            problem,
          );
          return;
        }
        const where = problem.cause.pod === undefined ? "" : ` on pod ${problem.cause.pod}`;
        readiness = {
          ...readiness,
          message: `${readiness.message}; ${problem.cause.reason}${where}`,
          cause: problem.cause,
        };
      }
    }
    if (readiness.state === "failed") {
      const lastTerminated = t.kind.workload?.lastTerminated === true;
      const detail = lastTerminated ? failedContainer(this.revisionPodsOf(t)) : this.diagnose(t, object);
      this.fail(t, readiness, detail);
      return;
    }
    if (readiness.state === "ready") {
      this.finish(t, readiness);
      return;
    }
    this.progress(t, readiness);
  }

  private progress(t: Tracked, readiness: Readiness): void {
    const changed = readiness.message !== t.readiness?.message || readiness.state !== t.readiness.state;
    t.readiness = readiness;
    if (changed) this.options.onProgress?.(t.target.ref, readiness);
  }

  private finish(t: Tracked, readiness: Readiness): void {
    if (t.result !== undefined) return;
    this.progress(t, readiness);
    t.result = {
      ref: t.target.ref,
      outcome: readiness.state === "ready" ? "ready" : "failed",
      message: readiness.message,
      ...(readiness.cause === undefined ? {} : { cause: readiness.cause }),
      durationMs: Date.now() - this.started,
    };
    this.checkDone();
  }

  /** Fails with the cause, completed by the pod's details and the latest Warning events of the object and the pod. */
  private fail(t: Tracked, readiness: Readiness, detail: Problem | undefined): void {
    t.finishing = true;
    const base: Cause = readiness.cause ?? { reason: "Failed", message: readiness.message };
    const cause: Cause =
      detail === undefined || detail.cause === base ? base : { ...detail.cause, ...base, ...pick(detail.cause) };
    const queries: EventQuery[] = [];
    const object = t.object;
    const namespace = t.target.ref.namespace ?? "default";
    if (object?.metadata.uid !== undefined)
      queries.push({ namespace, uid: object.metadata.uid, object: shortRef(t.target.ref), type: "Warning" });
    if (detail?.podUid !== undefined && detail.podUid !== object?.metadata.uid)
      queries.push({ namespace, uid: detail.podUid, object: `Pod/${detail.cause.pod ?? ""}`, type: "Warning" });
    this.events
      .read(queries, AbortSignal.any([this.stopSignal, AbortSignal.timeout(eventsTimeoutMs)]))
      .then((events) => this.finish(t, { ...readiness, cause: events.length === 0 ? cause : { ...cause, events } }))
      .catch(() => this.finish(t, { ...readiness, cause }));
  }

  /** Before failing on Unschedulable, a cluster autoscaler adding a node earns the pod a longer grace. */
  private checkScaleUp(t: Tracked, problem: Problem): void {
    const uid = problem.podUid ?? "";
    t.scaleUpChecked.add(uid);
    t.finishing = true;
    const namespace = t.target.ref.namespace ?? "default";
    void this.events
      .read([{ namespace, uid, object: `Pod/${problem.cause.pod ?? ""}`, reason: "TriggeredScaleUp" }], this.stopSignal)
      .then((events) => {
        if (events.length > 0) t.scalingUp.add(uid);
      })
      .finally(() => {
        t.finishing = false;
        this.evaluate(t);
      });
  }

  /** Time-based decisions: grace periods running out, revisions still unknown. */
  private tick(): void {
    for (const t of this.tracked) {
      if (t.result !== undefined || t.finishing) continue;
      this.evaluate(t);
    }
  }
}

/** The pod-level details of a cause, to add to a cause the object itself gave (its reason stays). */
function pick(cause: Cause): Partial<Cause> {
  return {
    ...(cause.pod === undefined ? {} : { pod: cause.pod }),
    ...(cause.container === undefined ? {} : { container: cause.container }),
    ...(cause.lastTermination === undefined ? {} : { lastTermination: cause.lastTermination }),
  };
}

export async function waitForRollouts(
  client: KubeApi,
  targets: readonly RolloutTarget[],
  options: WaitOptions,
): Promise<RolloutResult[]> {
  return new RolloutWaiter(client, targets, options).run();
}
