// Events of an object, for the cause of a failure: events.k8s.io/v1 first, core v1 when that is
// forbidden (older RBAC roles grant only the core resource). Events are a courtesy: when they cannot
// be read, the answer is empty and the rollout's outcome does not change.
import type { KubeClient } from "../kube/client.ts";
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

interface EventsV1 {
  items?: {
    reason?: string;
    note?: string;
    type?: string;
    eventTime?: string | null;
    series?: { count?: number; lastObservedTime?: string };
    deprecatedLastTimestamp?: string | null;
    deprecatedCount?: number;
    metadata?: { creationTimestamp?: string };
  }[];
}

interface CoreEvents {
  items?: {
    reason?: string;
    message?: string;
    count?: number;
    lastTimestamp?: string | null;
    eventTime?: string | null;
    metadata?: { creationTimestamp?: string };
  }[];
}

/** Whether core v1 is to be used: set once events.k8s.io answered 403, per client. */
const coreOnly = new WeakSet<KubeClient>();

function selector(prefix: string, query: EventQuery): string {
  return [`${prefix}.uid=${query.uid}`, ...(query.type ? [`type=${query.type}`] : []), ...(query.reason ? [`reason=${query.reason}`] : [])].join(",");
}

async function readV1(client: KubeClient, query: EventQuery, signal: AbortSignal): Promise<EventSummary[]> {
  const path = `/apis/events.k8s.io/v1/namespaces/${encodeURIComponent(query.namespace)}/events`;
  const list = await client.request<EventsV1>("GET", path, { query: { fieldSelector: selector("regarding", query) }, signal });
  return (list.body.items ?? []).map((e) => {
    const lastSeen = e.series?.lastObservedTime ?? e.deprecatedLastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? undefined;
    return { object: query.object, reason: e.reason ?? "", message: e.note ?? "", count: e.series?.count ?? e.deprecatedCount ?? 1, ...(lastSeen ? { lastSeen } : {}) };
  });
}

async function readCore(client: KubeClient, query: EventQuery, signal: AbortSignal): Promise<EventSummary[]> {
  const path = `/api/v1/namespaces/${encodeURIComponent(query.namespace)}/events`;
  const list = await client.request<CoreEvents>("GET", path, { query: { fieldSelector: selector("involvedObject", query) }, signal });
  return (list.body.items ?? []).map((e) => {
    const lastSeen = e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? undefined;
    return { object: query.object, reason: e.reason ?? "", message: e.message ?? "", count: e.count ?? 1, ...(lastSeen ? { lastSeen } : {}) };
  });
}

/** The events of each queried object, newest first, at most `limit`; empty when they cannot be read. */
export async function readEvents(client: KubeClient, queries: readonly EventQuery[], signal: AbortSignal, limit = 5): Promise<EventSummary[]> {
  const one = async (query: EventQuery): Promise<EventSummary[]> => {
    try {
      if (!coreOnly.has(client)) {
        try {
          return await readV1(client, query, signal);
        } catch (error) {
          if (!(error instanceof KubeApiError && error.code === 403)) throw error;
          coreOnly.add(client);
        }
      }
      return await readCore(client, query, signal);
    } catch {
      return [];
    }
  };
  const all = (await Promise.all(queries.map(one))).flat();
  return all.sort((a, b) => (b.lastSeen ?? "").localeCompare(a.lastSeen ?? "")).slice(0, limit);
}
