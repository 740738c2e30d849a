// Discovery and REST mapping: which resource (URL segment) and scope serve a given apiVersion and
// kind, as the server says. Never guessed from the kind's name.
import type { KubeClient } from "./client.ts";
import { groupOf, versionOf } from "./types.ts";

export interface ResourceMapping {
  group: string;
  version: string;
  kind: string;
  /** plural resource name, as in the URL */
  resource: string;
  namespaced: boolean;
}

interface AggregatedDiscovery {
  items?: {
    metadata?: { name?: string };
    versions?: {
      version: string;
      freshness?: string;
      resources?: { resource: string; scope: "Namespaced" | "Cluster"; responseKind?: { kind?: string } }[];
    }[];
  }[];
}

const aggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

export class RestMapper {
  private readonly mappings = new Map<string, ResourceMapping>();

  add(mapping: ResourceMapping): void {
    this.mappings.set(key(mapping.group, mapping.version, mapping.kind), mapping);
  }

  find(apiVersion: string, kind: string): ResourceMapping | undefined {
    return this.mappings.get(key(groupOf(apiVersion), versionOf(apiVersion), kind));
  }

  /** Kinds the server serves in the group, for "did you mean" hints. */
  kindsIn(group: string): string[] {
    return [...new Set([...this.mappings.values()].filter((m) => m.group === group).map((m) => m.kind))];
  }
}

function key(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}`;
}

/** Reads /api and /apis with aggregated discovery (one request each, Kubernetes 1.30+ serves it by default). */
export async function discover(client: KubeClient, signal?: AbortSignal): Promise<RestMapper> {
  const mapper = new RestMapper();
  const roots = await Promise.all(
    ["/api", "/apis"].map((path) => client.request<AggregatedDiscovery>("GET", path, { accept: aggregatedAccept, ...(signal ? { signal } : {}) })),
  );
  for (const root of roots) {
    const contentType = String(root.headers["content-type"] ?? "");
    if (!contentType.includes("as=APIGroupDiscoveryList")) {
      throw new Error(`${client.server} does not serve aggregated discovery (Kubernetes 1.30 or newer is needed)`);
    }
    for (const group of root.body.items ?? []) {
      const groupName = group.metadata?.name ?? "";
      for (const version of group.versions ?? []) {
        for (const resource of version.resources ?? []) {
          const kind = resource.responseKind?.kind;
          if (kind === undefined || kind === "") continue;
          mapper.add({ group: groupName, version: version.version, kind, resource: resource.resource, namespaced: resource.scope === "Namespaced" });
        }
      }
    }
  }
  return mapper;
}

/** The URL path of a collection (`name` absent) or of one object. */
export function resourcePath(mapping: ResourceMapping, namespace: string | undefined, name?: string): string {
  const base = mapping.group === "" ? `/api/${mapping.version}` : `/apis/${mapping.group}/${mapping.version}`;
  const scope = mapping.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const object = name === undefined ? "" : `/${encodeURIComponent(name)}`;
  return `${base}${scope}/${mapping.resource}${object}`;
}
