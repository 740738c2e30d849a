// Where the test cluster keeps its binaries and state: outside the repository, shared by every
// checkout on the machine, so a warm machine never rebuilds or re-creates what it has.
import { homedir } from "node:os";
import { join } from "node:path";

export const cacheDir = process.env.KUBESHIP_CACHE ?? join(homedir(), ".cache", "kubeship");
export const clusterDir = join(cacheDir, "cluster");

export const paths = {
  pki: join(clusterDir, "pki"),
  etcdData: join(clusterDir, "etcd"),
  logs: join(clusterDir, "logs"),
  run: join(clusterDir, "run"),
  /** admin kubeconfig with embedded certificates */
  kubeconfig: join(clusterDir, "kubeconfig.yaml"),
  /** kwok's stages: kwok's defaults (narrowed) plus kubeship's simulations */
  kwokConfig: join(clusterDir, "kwok.yaml"),
  /** binary folders of the last `up` */
  binaries: join(clusterDir, "binaries.json"),
  /** the identity services' keys (identity/keys.ts) */
  identity: join(clusterDir, "identity"),
  /** the identity services' code, copied there so that every checkout runs the same daemon */
  identityCode: join(clusterDir, "identity", "code"),
  /** kube-apiserver's structured authentication configuration: trusts the local issuer */
  authenticationConfig: join(clusterDir, "authentication-config.yaml"),
  /** kube-apiserver's token-review webhook: the identity services */
  tokenWebhook: join(clusterDir, "token-webhook.kubeconfig"),
  /** ports chosen on the first start and kept, so that a restart keeps its address */
  ports: join(clusterDir, "ports.json"),
};
