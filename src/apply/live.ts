// What is on the cluster before the apply, read for each object ahead of its PATCH: one LIST per
// collection that many objects go to (readsByList), a GET for the others. The reads depend on nothing the run
// writes, so they are sent together, while the permission check is still being answered; those of
// custom resources whose CRD comes with the set wait until their kind is served.
import type { KubeApi } from "../kube/api.ts";
import { resourcePath } from "../kube/discovery.ts";
import type { Limiter } from "../kube/limit.ts";
import type { KubeObject } from "../kube/types.ts";
import type { PlannedObject } from "./plan.ts";

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

export function liveReads(
  client: KubeApi,
  objects: readonly PlannedObject[],
  limit: Limiter,
  signal?: AbortSignal,
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
        const { group, version, kind } = o.mapping;
        const typed = { apiVersion: group === "" ? version : `${group}/${version}`, kind };
        return new Map(answer.items.map((item) => [item.metadata.name ?? "", { ...item, ...typed }]));
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
      found = limit(() => client.get<KubeObject>(o.path, options));
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
