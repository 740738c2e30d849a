// Readiness: what the rules say about one object, and for failures the cause. One shape, shared by the
// rules, the pod diagnosis, the watcher and the report.

export type ReadinessState = "ready" | "in-progress" | "failed";

/** A container's last termination, as the kubelet recorded it. */
export interface Termination {
  reason?: string;
  exitCode?: number;
  signal?: number;
  message?: string;
  finishedAt?: string;
}

/** A Warning event of the object or one of its pods, newest first in a Cause. */
export interface EventSummary {
  /** `Pod/web-5d8f-abcde`, `Deployment/web` */
  object: string;
  reason: string;
  message: string;
  count: number;
  /** ISO time of the last occurrence, when the server recorded one */
  lastSeen?: string;
}

/** Why an object failed (or, while waiting, what is holding it back). */
export interface Cause {
  /** Kubernetes' own word: CrashLoopBackOff, ImagePullBackOff, Unschedulable, BackoffLimitExceeded… */
  reason: string;
  message: string;
  pod?: string;
  container?: string;
  lastTermination?: Termination;
  events?: EventSummary[];
  /** what to do about it, in a sentence */
  fix?: string;
}

export interface Readiness {
  state: ReadinessState;
  /** one line, for the log and the summary: `2/3 updated, 1/3 available` */
  message: string;
  cause?: Cause;
}
