// The cluster's daemons in start order, with the flags each runs with. The flags follow kwokctl's
// binary runtime, except that API priority and fairness stays on (as on real clusters).
// Both Kubernetes versions (layout.ts) take the same flags: each one below exists in 1.35 and 1.36,
// no feature gate is set, and the structured authentication configuration's apiVersion
// (apiserver.config.k8s.io/v1) is served by both (GA since 1.34). A flag that comes to differ by
// version is chosen here from layout.ts's kubernetesVersion, with the reason beside it.
import { join } from "node:path";
import type { Pki } from "./pki.ts";
import type { ProcessSpec } from "./processes.ts";

export interface Binaries {
  /** folder with kube-apiserver, kube-controller-manager, kube-scheduler, kubectl */
  k8s: string;
  /** folder with etcd */
  etcd: string;
  /** folder with kwok and stages/ */
  kwok: string;
}

export interface Ports {
  apiserver: number;
  etcdClient: number;
  etcdPeer: number;
  controllerManager: number;
  scheduler: number;
  kwok: number;
  /** the identity services: OIDC issuer, ID-token endpoint, token exchange, token-review webhook */
  identity: number;
}

export type ComponentName = "etcd" | "identity" | "apiserver" | "controller-manager" | "scheduler" | "kwok";
export const componentNames: ComponentName[] = [
  "etcd",
  "identity",
  "apiserver",
  "controller-manager",
  "scheduler",
  "kwok",
];

export interface Component extends ProcessSpec {
  name: ComponentName;
  /** URL whose 200 answer means the component is up */
  health: string;
  /** kube-controller-manager and kube-scheduler serve certificates they sign themselves */
  selfSigned?: boolean;
  /** a change of its configuration restarts it alone, not the components started after it */
  independent?: boolean;
}

export interface ClusterConfig {
  binaries: Binaries;
  ports: Ports;
  pki: Pki;
  etcdData: string;
  kubeconfig: string;
  kwokConfig: string;
  /** the identity services' keys and their copied code (identity/) */
  identityDir: string;
  identityCode: string;
  authenticationConfig: string;
  tokenWebhook: string;
}

export function components(c: ClusterConfig): Component[] {
  const { binaries, ports, pki } = c;
  const etcdClient = `http://127.0.0.1:${ports.etcdClient}`;
  const etcdPeer = `http://127.0.0.1:${ports.etcdPeer}`;
  const healthPaths = "--authorization-always-allow-paths=/healthz,/readyz,/livez,/metrics";
  return [
    {
      name: "etcd",
      binary: join(binaries.etcd, "etcd"),
      args: [
        "--name=kubeship",
        `--data-dir=${c.etcdData}`,
        `--listen-client-urls=${etcdClient}`,
        `--advertise-client-urls=${etcdClient}`,
        `--listen-peer-urls=${etcdPeer}`,
        `--initial-advertise-peer-urls=${etcdPeer}`,
        `--initial-cluster=kubeship=${etcdPeer}`,
        "--auto-compaction-retention=1",
        "--quota-backend-bytes=8589934592",
        // test data only: no fsync makes etcd fast on slow disks
        "--unsafe-no-fsync=true",
      ],
      health: `${etcdClient}/health`,
    },
    {
      // Started before kube-apiserver, whose JWT authenticator reads the issuer's discovery document.
      // Restarted alone when its code changes: kube-apiserver fetches the (unchanged) keys again.
      name: "identity",
      binary: process.execPath,
      args: [
        join(c.identityCode, "server.ts"),
        c.identityDir,
        String(ports.identity),
        pki.identityCert,
        pki.identityKey,
        pki.caCert,
      ],
      health: `https://127.0.0.1:${ports.identity}/healthz`,
      independent: true,
    },
    {
      name: "apiserver",
      binary: join(binaries.k8s, "kube-apiserver"),
      args: [
        `--etcd-servers=${etcdClient}`,
        "--bind-address=127.0.0.1",
        "--advertise-address=127.0.0.1",
        `--secure-port=${ports.apiserver}`,
        `--tls-cert-file=${pki.servingCert}`,
        `--tls-private-key-file=${pki.servingKey}`,
        `--client-ca-file=${pki.caCert}`,
        "--authorization-mode=Node,RBAC",
        "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
        `--service-account-key-file=${pki.serviceAccountPublicKey}`,
        `--service-account-signing-key-file=${pki.serviceAccountKey}`,
        "--service-cluster-ip-range=10.96.0.0/16",
        "--allow-privileged=true",
        // Endpoints may not hold a loopback address; nothing routes to the apiserver from pods here.
        "--endpoint-reconciler-type=none",
        // On SIGTERM, end open watches after 2s instead of waiting for their clients: restarts stay quick.
        "--shutdown-watch-termination-grace-period=2s",
        // GitHub-like ID tokens from the local issuer (a JWT authenticator with claim mappings) ...
        `--authentication-config=${c.authenticationConfig}`,
        // ... and the tokens of the local token services, reviewed by the identity services. A short
        // cache, so that a token used after it expired is refused within seconds: refresh bugs cannot hide.
        `--authentication-token-webhook-config-file=${c.tokenWebhook}`,
        "--authentication-token-webhook-version=v1",
        "--authentication-token-webhook-cache-ttl=3s",
      ],
      health: `https://127.0.0.1:${ports.apiserver}/readyz`,
    },
    {
      name: "controller-manager",
      binary: join(binaries.k8s, "kube-controller-manager"),
      args: [
        `--kubeconfig=${c.kubeconfig}`,
        "--bind-address=127.0.0.1",
        `--secure-port=${ports.controllerManager}`,
        healthPaths,
        `--root-ca-file=${pki.caCert}`,
        `--service-account-private-key-file=${pki.serviceAccountKey}`,
        "--node-monitor-period=5s",
        "--node-monitor-grace-period=40s",
        "--leader-elect=false",
        "--kube-api-qps=1000",
        "--kube-api-burst=2000",
      ],
      health: `https://127.0.0.1:${ports.controllerManager}/healthz`,
      selfSigned: true,
    },
    {
      name: "scheduler",
      binary: join(binaries.k8s, "kube-scheduler"),
      args: [
        `--kubeconfig=${c.kubeconfig}`,
        "--bind-address=127.0.0.1",
        `--secure-port=${ports.scheduler}`,
        healthPaths,
        "--leader-elect=false",
        "--kube-api-qps=1000",
        "--kube-api-burst=2000",
      ],
      health: `https://127.0.0.1:${ports.scheduler}/healthz`,
      selfSigned: true,
    },
    {
      name: "kwok",
      binary: join(binaries.kwok, "kwok"),
      args: [
        `--kubeconfig=${c.kubeconfig}`,
        `--config=${c.kwokConfig}`,
        "--manage-all-nodes=true",
        // Pod and node addresses are only written into status; no traffic goes to them.
        "--cidr=10.244.0.0/16",
        "--node-ip=10.0.0.1",
        "--node-name=kwok-controller",
        `--node-port=${ports.kwok}`,
        `--server-address=127.0.0.1:${ports.kwok}`,
        `--tls-cert-file=${pki.servingCert}`,
        `--tls-private-key-file=${pki.servingKey}`,
        "--node-lease-duration-seconds=40",
      ],
      health: `https://127.0.0.1:${ports.kwok}/healthz`,
    },
  ];
}
