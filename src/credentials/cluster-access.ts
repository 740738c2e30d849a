// What a cloud's API says about a cluster: where its API server is and which CA signed its certificate.
export interface ClusterAccess {
  server: string;
  /** PEM; absent when the endpoint has a publicly trusted certificate (GKE's DNS endpoint) */
  ca: string | undefined;
  /** for the log: `EKS DescribeCluster of prod (eu-west-1)` */
  source: string;
}
