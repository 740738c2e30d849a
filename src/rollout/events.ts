// Events of an object, for the cause of a failure: events.k8s.io/v1 first, core v1 when that is
// forbidden (older RBAC roles grant only the core resource). Events are a courtesy: when they cannot
// be read, the answer is empty and the rollout's outcome does not change.
import type { KubeApi } from "../kube/api.ts";
import { KubeApiError } from "../kube/errors.ts";
import type { EventSummary } from "./readiness.ts";

export interface EventQuery {
  namespace: string;
  uid: string;
  /** `Pod/web-abc`: how the summary names the object */
  object: string;
  type?: "Warning" | "Normal";
  reason?: string;
}

/** An event as either API serves it: events.k8s.io/v1 or core v1 (deprecated* fields are v1's copies of core's). */
export interface EventItem {
  reason?: string;
  type?: string;
  /** events.k8s.io/v1 */
  note?: string;
  regarding?: { uid?: string };
  series?: { count?: number; lastObservedTime?: string };
  deprecatedLastTimestamp?: string | null;
  deprecatedCount?: number;
  /** core v1 */
  message?: string;
  involvedObject?: { uid?: string };
  count?: number;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  metadata?: { creationTimestamp?: string };
}

/**
 * Reads events for one wait: from events.k8s.io/v1 until that answers 403, then from core v1. The
 * choice is the reader's (one per waiter), so that no state outlives a wait.
 */
export class EventReader {
  private readonly client: KubeApi;
  private core = false;

  constructor(client: KubeApi) {
    this.client = client;
  }

  /** The namespace's events collection, and the field selector prefix naming the object there. */
  path(namespace: string): { path: string; prefix: "regarding" | "involvedObject" } {
    const ns = encodeURIComponent(namespace);
    return this.core
      ? { path: `/api/v1/namespaces/${ns}/events`, prefix: "involvedObject" }
      : { path: `/apis/events.k8s.io/v1/namespaces/${ns}/events`, prefix: "regarding" };
  }

  /** Reads core v1 from now on (events.k8s.io answered 403). */
  useCore(): void {
    this.core = true;
  }

  /** The events of each queried object, newest first, at most `limit`; empty when they cannot be read. */
  async read(queries: readonly EventQuery[], signal: AbortSignal, limit = 5): Promise<EventSummary[]> {
    const one = async (query: EventQuery): Promise<EventSummary[]> => {
      try {
        try {
          return await this.readOne(query, signal);
        } catch (error) {
          if (!(error instanceof KubeApiError && error.code === 403) || this.core) throw error;
          this.useCore();
          return await this.readOne(query, signal);
        }
      } catch {
        return [];
      }
    };
    const all = (await Promise.all(queries.map(one))).flat();
    return all.sort((a, b) => (b.lastSeen ?? "").localeCompare(a.lastSeen ?? "")).slice(0, limit);
  }

  private async readOne(query: EventQuery, signal: AbortSignal): Promise<EventSummary[]> {
    const { path, prefix } = this.path(query.namespace);
    const list = await this.client.list<EventItem>(path, { query: { fieldSelector: selector(prefix, query) }, signal });
    return list.items.map((item) => summarize(item, query.object));
  }
}

export function regardingUid(item: EventItem): string | undefined {
  return item.regarding?.uid ?? item.involvedObject?.uid;
}

export function summarize(item: EventItem, object: string): EventSummary {
  const lastSeen =
    item.series?.lastObservedTime ??
    item.deprecatedLastTimestamp ??
    item.lastTimestamp ??
    item.eventTime ??
    item.metadata?.creationTimestamp ??
    undefined;
  return {
    object,
    reason: item.reason ?? "",
    message: item.note ?? item.message ?? "",
    count: item.series?.count ?? item.deprecatedCount ?? item.count ?? 1,
    ...(lastSeen ? { lastSeen } : {}),
  };
}

function selector(prefix: string, query: EventQuery): string {
  return [
    `${prefix}.uid=${query.uid}`,
    ...(query.type ? [`type=${query.type}`] : []),
    ...(query.reason ? [`reason=${query.reason}`] : []),
  ].join(",");
}
