// Where the test cluster keeps its binaries and state: outside the repository, shared by every
// checkout on the machine, so a warm machine never rebuilds or re-creates what it has.
import { homedir } from "node:os";
import { join } from "node:path";

export const cacheDir = process.env.KUBESHIP_CACHE ?? join(homedir(), ".cache", "kubeship");

/**
 * The Kubernetes minors the test cluster runs, the default first. README "Kubernetes versions" says
 * why these; test/cluster/build.sh maps each to its wrapper module (go/k8s, go/k8s-<minor>).
 */
export const kubernetesVersions = ["1.36", "1.35"] as const;
export type KubernetesVersion = (typeof kubernetesVersions)[number];

/** The one setting that selects the version: KUBESHIP_KUBERNETES (build.sh reads it too). */
export function selectedVersion(value = process.env.KUBESHIP_KUBERNETES): KubernetesVersion {
  if (value === undefined || value === "") return kubernetesVersions[0];
  const found = kubernetesVersions.find((v) => v === value);
  if (found === undefined)
    throw new Error(
      `KUBESHIP_KUBERNETES=${value} is not a version the test cluster runs: use one of ${kubernetesVersions.join(", ")}`,
    );
  return found;
}

export const kubernetesVersion = selectedVersion();

/**
 * Each version has its own cluster (state, ports, processes), so both can run at once: the default
 * keeps the folder it always had, the others take their minor as a suffix.
 */
export function clusterDirOf(version: KubernetesVersion): string {
  return join(cacheDir, version === kubernetesVersions[0] ? "cluster" : `cluster-${version}`);
}

export const clusterDir = clusterDirOf(kubernetesVersion);

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
