// What is on the cluster before the apply, read for each object ahead of its PATCH: one LIST per
// collection that many objects go to, a GET for the others. The reads depend on nothing the run
// writes, so they are sent together, while the permission check is still being answered; those of
// custom resources whose CRD comes with the set wait until their kind is served.
import type { KubeApi } from "../kube/api.ts";
import { resourcePath } from "../kube/discovery.ts";
import type { Limiter } from "../kube/limit.ts";
import type { KubeObject } from "../kube/types.ts";
import type { PlannedObject } from "./plan.ts";

/** From this many objects in one collection on, one LIST is cheaper than a GET each. */
export const prefetchThreshold = 5;

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
    (members.get(collectionOf(o)) ?? 0) >= prefetchThreshold ? (await list(o)).get(o.ref.name) : get(o);
  return {
    limit,
    before,
    start(started) {
      for (const o of started) before(o).catch(() => undefined);
    },
  };
}
