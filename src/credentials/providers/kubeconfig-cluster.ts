// The cluster entry of a kubeconfig that a cloud's API returns (AKS's listClusterUserCredential), read
// with the YAML parser: a module of its own, imported when a cluster is looked up, so that the parser
// is not loaded at every start.
import { parse } from "yaml";

export interface ReturnedCluster {
  server?: string;
  "certificate-authority-data"?: string;
}

/** The first cluster entry of the kubeconfig `text`, if it has one. */
export function firstCluster(text: string): ReturnedCluster | undefined {
  const config = parse(text) as { clusters?: { cluster?: ReturnedCluster }[] } | null;
  return config?.clusters?.[0]?.cluster;
}
