// What is on the cluster before the apply, read for each object ahead of its PATCH: one LIST per
// collection that many objects go to (readsByList), a GET for the others. The reads depend on nothing the run
// writes, so they are sent together, while the permission check is still being answered; those of
// custom resources whose CRD comes with the set wait until their kind is served. Where the apply needs
// no more than the object's metadata (readsMetadataOnly), only that is asked for.
import type { KubeApi, RequestOptions } from "../kube/api.ts";
import { resourcePath } from "../kube/discovery.ts";
import type { Limiter } from "../kube/limit.ts";
import { metadataOnly, typedAs } from "../kube/metadata.ts";
import { crdKind, groupKind, type KubeObject } from "../kube/types.ts";
import type { PlannedObject } from "./plan.ts";

/**
 * Whether the apply reads only the metadata of the live object: CRDs, outside a dry run. What an apply
 * needs of the object before it is its existence, its resourceVersion and managedFields (the take-over
 * of kubectl's fields), and whether the apply changed anything: for a CRD the metadata tells that too,
 * since its generation counts every change of its spec (apiextensions' update strategy) and the rest
 * is metadata and status. Its body is the schema, often a megabyte, read for nothing. Other kinds keep
 * their body: most count no generation (ConfigMaps, Secrets, Services), so a write that the diff
 * finds empty (managedFields only) could not be told from a change. A dry run (plan mode) shows the
 * diff, which needs the whole object.
 */
export function readsMetadataOnly(mapping: { group: string; kind: string }, dryRun: boolean): boolean {
  return !dryRun && groupKind(mapping.group, mapping.kind) === crdKind;
}

/** One object as it is now (undefined: it does not exist), its metadata only where that is enough. */
export async function readLive(
  client: KubeApi,
  o: PlannedObject,
  dryRun: boolean,
  signal?: AbortSignal,
): Promise<KubeObject | undefined> {
  const options: RequestOptions = signal === undefined ? {} : { signal };
  if (!readsMetadataOnly(o.mapping, dryRun)) return client.get<KubeObject>(o.path, options);
  const found = await client.get<KubeObject>(o.path, { ...options, accept: metadataOnly });
  return found === undefined ? undefined : typedAs(found, o.mapping);
}

/**
 * Whether the objects going to one collection are read with one LIST: from 5 of them on it is cheaper
 * than a GET each. Not CRDs: their LIST brings every CRD on the cluster with its whole schema (often
 * megabytes), where the set's own are a few GETs at once.
 */
export function readsByList(collection: { group: string; resource: string }, members: number): boolean {
  const crds = collection.group === "apiextensions.k8s.io" && collection.resource === "customresourcedefinitions";
  return members >= 5 && !crds;
}

export interface LiveReads {
  /** the run's bound on requests in flight, which the applies share */
  readonly limit: Limiter;
  /** the object as it is before the apply; undefined when it does not exist */
  before(object: PlannedObject): Promise<KubeObject | undefined>;
  /** sends the reads of these objects now, without waiting for anyone to ask */
  start(objects: readonly PlannedObject[]): void;
}

const collectionOf = (o: PlannedObject) => resourcePath(o.mapping, o.ref.namespace);

/** `dryRun`: the reads of a dry run (plan mode), which need whole objects for the diff. */
export function liveReads(
  client: KubeApi,
  objects: readonly PlannedObject[],
  limit: Limiter,
  { signal, dryRun = false }: { signal?: AbortSignal | undefined; dryRun?: boolean | undefined } = {},
): LiveReads {
  const options = signal === undefined ? {} : { signal };
  const members = new Map<string, number>();
  for (const o of objects) members.set(collectionOf(o), (members.get(collectionOf(o)) ?? 0) + 1);
  const lists = new Map<string, Promise<Map<string, KubeObject>>>();
  const gets = new Map<string, Promise<KubeObject | undefined>>();

  const list = (o: PlannedObject): Promise<Map<string, KubeObject>> => {
    const collection = collectionOf(o);
    let found = lists.get(collection);
    if (found === undefined) {
      found = limit(async () => {
        const answer = await client.list(collection, options);
        // The items of a LIST carry no apiVersion and kind: give them the ones a GET would return.
        return new Map(answer.items.map((item) => [item.metadata.name ?? "", typedAs(item, o.mapping)]));
      });
      // read by whoever applies the object; a refused read must not end the process before that
      found.catch(() => undefined);
      lists.set(collection, found);
    }
    return found;
  };
  const get = (o: PlannedObject): Promise<KubeObject | undefined> => {
    let found = gets.get(o.path);
    if (found === undefined) {
      found = limit(() => readLive(client, o, dryRun, signal));
      found.catch(() => undefined);
      gets.set(o.path, found);
    }
    return found;
  };
  const before = async (o: PlannedObject) =>
    readsByList(o.mapping, members.get(collectionOf(o)) ?? 0) ? (await list(o)).get(o.ref.name) : get(o);
  return {
    limit,
    before,
    start(started) {
      for (const o of started) before(o).catch(() => undefined);
    },
  };
}
