// The stages after the first requests, loaded while those are in flight: none of them is needed to
// send who-am-I, discovery and the ApplySet read, and evaluating them (the YAML parser, planning,
// the rollout rules, the result's assembly) was a good part of the time from start to first request.
export { apply } from "./apply.ts";
export { assemble, failuresOf } from "./assemble.ts";
export { load } from "./load.ts";
export { plan } from "./plan.ts";
export { preflight } from "./preflight.ts";
export { prune } from "./prune.ts";
export { waitAndRollBack } from "./wait.ts";
