// Discovery and REST mapping: which resource (URL segment) and scope serve a given apiVersion and
// kind, as the server says. Never guessed from the kind's name.
import type { KubeApi } from "./api.ts";
import { KubeApiError } from "./errors.ts";
import { groupKind, groupOf, versionOf } from "./types.ts";

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

interface GroupList {
  groups?: {
    name: string;
    versions: { groupVersion: string; version: string }[];
    preferredVersion?: { version: string };
  }[];
}

interface ResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

const aggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json";

export class RestMapper {
  private readonly mappings = new Map<string, ResourceMapping>();
  /** `Kind.group` → the mapping in the group's preferred version (the first one added) */
  private readonly preferred = new Map<string, ResourceMapping>();

  add(mapping: ResourceMapping): void {
    this.mappings.set(`${mapping.group}/${mapping.version}/${mapping.kind}`, mapping);
    const key = groupKind(mapping.group, mapping.kind);
    if (!this.preferred.has(key)) this.preferred.set(key, mapping);
  }

  find(apiVersion: string, kind: string): ResourceMapping | undefined {
    return this.mappings.get(`${groupOf(apiVersion)}/${versionOf(apiVersion)}/${kind}`);
  }

  /** The kind in the group's preferred version: for kinds known only as `Kind.group` (ApplySet). */
  findGroupKind(group: string, kind: string): ResourceMapping | undefined {
    return this.preferred.get(groupKind(group, kind));
  }

  servesGroup(group: string): boolean {
    return [...this.preferred.values()].some((m) => m.group === group);
  }
}

/** Reads /api and /apis with aggregated discovery (one request each; served by Kubernetes 1.30+). */
async function aggregated(client: KubeApi, mapper: RestMapper, signal?: AbortSignal): Promise<boolean> {
  const roots = await Promise.all(
    ["/api", "/apis"].map((path) =>
      client.request<AggregatedDiscovery>("GET", path, { accept: aggregatedAccept, ...(signal ? { signal } : {}) }),
    ),
  );
  if (roots.some((root) => !String(root.headers["content-type"] ?? "").includes("as=APIGroupDiscoveryList")))
    return false;
  for (const root of roots) {
    for (const group of root.body.items ?? []) {
      const groupName = group.metadata?.name ?? "";
      // versions come in the server's order of preference
      for (const version of group.versions ?? []) {
        for (const resource of version.resources ?? []) {
          const kind = resource.responseKind?.kind;
          if (kind === undefined || kind === "") continue;
          mapper.add({
            group: groupName,
            version: version.version,
            kind,
            resource: resource.resource,
            namespaced: resource.scope === "Namespaced",
          });
        }
      }
    }
  }
  return true;
}

/** The older way, one request per group version, for servers without aggregated discovery. */
async function perGroup(client: KubeApi, mapper: RestMapper, signal?: AbortSignal): Promise<void> {
  const options = signal ? { signal } : {};
  const groups = (await client.request<GroupList>("GET", "/apis", options)).body.groups ?? [];
  const groupVersions: { group: string; version: string; path: string }[] = [
    { group: "", version: "v1", path: "/api/v1" },
  ];
  for (const group of groups) {
    const ordered = [...group.versions].sort(
      (a, b) =>
        Number(b.version === group.preferredVersion?.version) - Number(a.version === group.preferredVersion?.version),
    );
    for (const v of ordered)
      groupVersions.push({ group: group.name, version: v.version, path: `/apis/${v.groupVersion}` });
  }
  const lists = await Promise.all(
    groupVersions.map(async (gv) => {
      try {
        return { gv, list: (await client.request<ResourceList>("GET", gv.path, options)).body };
      } catch (error) {
        // an unavailable aggregated API (503) leaves only its own kinds unmapped
        if (error instanceof KubeApiError && error.code >= 500) return { gv, list: {} };
        throw error;
      }
    }),
  );
  for (const { gv, list } of lists) {
    for (const resource of list.resources ?? []) {
      if (resource.name.includes("/")) continue; // subresources
      mapper.add({
        group: gv.group,
        version: gv.version,
        kind: resource.kind,
        resource: resource.name,
        namespaced: resource.namespaced,
      });
    }
  }
}

/** Per-group discovery on its own, for servers without aggregated discovery (and for its test). */
export async function discoverPerGroup(client: KubeApi, signal?: AbortSignal): Promise<RestMapper> {
  const mapper = new RestMapper();
  await perGroup(client, mapper, signal);
  return mapper;
}

/** Every kind the server serves, with its resource and scope. */
export async function discover(client: KubeApi, signal?: AbortSignal): Promise<RestMapper> {
  const mapper = new RestMapper();
  if (!(await aggregated(client, mapper, signal))) await perGroup(client, mapper, signal);
  return mapper;
}

/** The URL path of a collection (`name` absent) or of one object. */
export function resourcePath(mapping: ResourceMapping, namespace: string | undefined, name?: string): string {
  const base = mapping.group === "" ? `/api/${mapping.version}` : `/apis/${mapping.group}/${mapping.version}`;
  const scope = mapping.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : "";
  const object = name === undefined ? "" : `/${encodeURIComponent(name)}`;
  return `${base}${scope}/${mapping.resource}${object}`;
}
