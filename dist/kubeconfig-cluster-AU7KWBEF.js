const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  require_dist
} from "./chunk-SLGBTRB5.js";
import {
  __toESM
} from "./chunk-RCV5BOJ3.js";

// src/credentials/providers/kubeconfig-cluster.ts
var import_yaml = __toESM(require_dist(), 1);
function firstCluster(text) {
  const config = (0, import_yaml.parse)(text);
  return config?.clusters?.[0]?.cluster;
}
export {
  firstCluster
};
