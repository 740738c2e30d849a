// Planning's questions, sent before the manifests are read: what the cluster serves (discovery) and
// what the ApplySet recorded before. They only read, and the answers are awaited by plan.ts.
import { applySetParent, type ApplySetParent, type Membership, readMembership } from "../apply/applyset.ts";
import type { Settings } from "../inputs.ts";
import { discover, type RestMapper } from "../kube/discovery.ts";
import type { StageContext } from "./context.ts";

/** What planning asks the cluster before it needs the manifests: discovery, and what the ApplySet recorded before. */
export interface Asked {
  parent: ApplySetParent | undefined;
  membership: Promise<Membership> | undefined;
  mapper: Promise<RestMapper>;
}

/** Sends planning's questions at once, before the manifests are read; the answers are awaited by `plan`. */
export function ask(ctx: StageContext, settings: Settings, defaultNamespace: string): Asked {
  const { client, signal } = ctx;
  const parent = settings.applyset === undefined ? undefined : applySetParent(settings.applyset, defaultNamespace);
  const membership = parent === undefined ? undefined : readMembership(client, parent, signal);
  const mapper = discover(client, signal);
  // awaited by plan(), which a bad manifest stops before
  for (const pending of [membership, mapper]) pending?.catch(() => undefined);
  return { parent, membership, mapper };
}
