// The local test cluster: `node test/cluster/cluster.ts up | down | status | env | restart <component>`.
// A real control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler) built from Go
// modules, with kwok simulating the nodes and the pods' behaviour. See README "Test cluster".
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseAllDocuments, stringify } from "yaml";
import {
  type Binaries,
  type ClusterConfig,
  type Component,
  type ComponentName,
  componentNames,
  components,
  type Ports,
} from "./components.ts";
import { cacheDir, clusterDir, kubernetesVersion, paths } from "./layout.ts";
import { ensureIdentityKeys, readIdentityKeys } from "./identity/keys.ts";
import { clusterAudience, githubUserPrefix, trustedOwner } from "./identity/trust.ts";
import { ensurePki, type Pki } from "./pki.ts";
import { runningArgs, runningPid, startProcess, stopPid, stopProcess, strayProcesses } from "./processes.ts";

const here = import.meta.dirname;
const nodeNames = ["kwok-node-0", "kwok-node-1", "kwok-node-2"];

function log(message: string): void {
  console.error(`[cluster ${kubernetesVersion}] ${message}`);
}

// --- binaries ---------------------------------------------------------------------------------

/** Builds what is missing (progress on stderr) and returns the binary folders. */
function buildBinaries(): Binaries {
  const out = execFileSync("bash", [join(here, "build.sh"), "all"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const found = new Map(
    out
      .trim()
      .split("\n")
      .map((line) => line.split("=", 2) as [string, string]),
  );
  const get = (name: string) => {
    const dir = found.get(name);
    if (dir === undefined) throw new Error(`build.sh did not report ${name}`);
    return dir;
  };
  return { k8s: get("k8s"), etcd: get("etcd"), kwok: get("kwok") };
}

// --- configuration ----------------------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function choosePorts(): Promise<Ports> {
  if (existsSync(paths.ports)) {
    const ports = JSON.parse(readFileSync(paths.ports, "utf8")) as Partial<Ports> & Omit<Ports, "identity">;
    if (ports.identity !== undefined) return { ...ports, identity: ports.identity };
    // clusters made before the identity services get a port for them, the others are kept
    const extended: Ports = { ...ports, identity: await freePort() };
    writeFileSync(paths.ports, JSON.stringify(extended, null, 2));
    return extended;
  }
  const ports: Ports = {
    apiserver: await freePort(),
    etcdClient: await freePort(),
    etcdPeer: await freePort(),
    controllerManager: await freePort(),
    scheduler: await freePort(),
    kwok: await freePort(),
    identity: await freePort(),
  };
  mkdirSync(clusterDir, { recursive: true });
  writeFileSync(paths.ports, JSON.stringify(ports, null, 2));
  return ports;
}

function writeKubeconfig(pki: Pki, ports: Ports): void {
  const b64 = (file: string) => readFileSync(file).toString("base64");
  const kubeconfig = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "kubeship-test",
        cluster: { server: `https://127.0.0.1:${ports.apiserver}`, "certificate-authority-data": b64(pki.caCert) },
      },
    ],
    users: [
      {
        name: "kubeship-admin",
        user: { "client-certificate-data": b64(pki.adminCert), "client-key-data": b64(pki.adminKey) },
      },
    ],
    contexts: [{ name: "kubeship-test", context: { cluster: "kubeship-test", user: "kubeship-admin" } }],
    "current-context": "kubeship-test",
  };
  writeFileSync(paths.kubeconfig, stringify(kubeconfig), { mode: 0o600 });
}

/** Pods that simulate something are left to kubeship's stages; kwok's defaults handle the rest. */
const narrowedDefaults: Record<string, string[]> = {
  "pod-ready": ["kubeship.test/simulate", "kubeship.test/ready-after"],
  "pod-complete": ["kubeship.test/simulate", "kubeship.test/complete-after"],
};

/** kwok's default node and pod stages (from the kwok module, copied next to the binary) plus ours. */
function writeKwokConfig(binaries: Binaries): void {
  const upstream = join(binaries.kwok, "stages");
  const docs: unknown[] = [];
  for (const file of [
    "node-initialize.yaml",
    "node-heartbeat-with-lease.yaml",
    "pod-ready.yaml",
    "pod-complete.yaml",
    "pod-delete.yaml",
  ]) {
    const stage = parseAllDocuments(readFileSync(join(upstream, file), "utf8"))[0]?.toJS() as {
      metadata: { name: string };
      spec: { selector: { matchExpressions: unknown[] } };
    };
    for (const key of narrowedDefaults[stage.metadata.name] ?? []) {
      const field = key.endsWith("simulate") ? "labels" : "annotations";
      stage.spec.selector.matchExpressions.push({ key: `.metadata.${field}["${key}"]`, operator: "DoesNotExist" });
    }
    docs.push(stage);
  }
  for (const doc of parseAllDocuments(readFileSync(join(here, "stages", "simulate.yaml"), "utf8")))
    docs.push(doc.toJS());
  writeFileSync(paths.kwokConfig, docs.map((d) => stringify(d)).join("---\n"));
}

function issuerUrl(ports: Ports): string {
  return `https://127.0.0.1:${ports.identity}`;
}

/**
 * kube-apiserver trusts the local issuer as a real cluster would trust GitHub's: one audience,
 * a claim rule that admits one organisation's workflows, and usernames and groups mapped from claims.
 */
function writeAuthenticationConfig(pki: Pki, ports: Ports): void {
  const config = {
    apiVersion: "apiserver.config.k8s.io/v1",
    kind: "AuthenticationConfiguration",
    jwt: [
      {
        issuer: {
          url: issuerUrl(ports),
          audiences: [clusterAudience],
          certificateAuthority: readFileSync(pki.caCert, "utf8"),
        },
        claimValidationRules: [
          {
            expression: `claims.sub.startsWith('repo:${trustedOwner}/')`,
            message: `only workflows of ${trustedOwner} may sign in`,
          },
        ],
        claimMappings: {
          username: { expression: `'${githubUserPrefix}' + claims.sub` },
          groups: {
            expression: `['${githubUserPrefix}' + claims.repository_owner, '${githubUserPrefix}' + claims.repository]`,
          },
        },
        userValidationRules: [{ expression: "!user.username.startsWith('system:')", message: "no system: usernames" }],
      },
    ],
  };
  writeFileSync(paths.authenticationConfig, stringify(config));
  const webhook = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: "identity",
        cluster: { server: `${issuerUrl(ports)}/authenticate`, "certificate-authority": pki.caCert },
      },
    ],
    users: [{ name: "kube-apiserver", user: {} }],
    contexts: [{ name: "webhook", context: { cluster: "identity", user: "kube-apiserver" } }],
    "current-context": "webhook",
  };
  writeFileSync(paths.tokenWebhook, stringify(webhook));
}

/** The identity services run from a copy under the cluster folder: the same daemon whichever checkout started it. */
function copyIdentityCode(): void {
  rmSync(paths.identityCode, { recursive: true, force: true });
  mkdirSync(paths.identityCode, { recursive: true });
  for (const file of readdirSync(join(here, "identity")))
    cpSync(join(here, "identity", file), join(paths.identityCode, file));
}

function clusterConfig(binaries: Binaries, ports: Ports, pki: Pki): ClusterConfig {
  return {
    binaries,
    ports,
    pki,
    etcdData: paths.etcdData,
    kubeconfig: paths.kubeconfig,
    kwokConfig: paths.kwokConfig,
    identityDir: paths.identity,
    identityCode: paths.identityCode,
    authenticationConfig: paths.authenticationConfig,
    tokenWebhook: paths.tokenWebhook,
  };
}

async function configure(): Promise<ClusterConfig> {
  const binaries = buildBinaries();
  const pki = ensurePki(paths.pki);
  const ports = await choosePorts();
  writeKubeconfig(pki, ports);
  writeKwokConfig(binaries);
  ensureIdentityKeys(paths.identity);
  copyIdentityCode();
  writeAuthenticationConfig(pki, ports);
  writeFileSync(paths.binaries, JSON.stringify(binaries, null, 2));
  return clusterConfig(binaries, ports, pki);
}

/** What a running process must match to be reused: its arguments and the files it reads once. */
function fingerprint(component: Component): string {
  const hash = createHash("sha256").update(component.args.join("\0"));
  if (component.name === "kwok") hash.update(readFileSync(paths.kwokConfig));
  if (component.name === "apiserver")
    hash.update(readFileSync(paths.authenticationConfig)).update(readFileSync(paths.tokenWebhook));
  if (component.name === "identity")
    for (const file of readdirSync(paths.identityCode).sort())
      hash.update(file).update(readFileSync(join(paths.identityCode, file)));
  return hash.digest("hex");
}

function fingerprintFile(name: ComponentName): string {
  return join(paths.run, `${name}.fingerprint`);
}

// --- talking to the components ----------------------------------------------------------------

interface Reply {
  status: number;
  body: string;
}

function get(url: string, pki: Pki, method = "GET", body?: string, selfSigned = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const options = {
      method,
      timeout: 5_000,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ca: readFileSync(pki.caCert),
      cert: readFileSync(pki.adminCert),
      key: readFileSync(pki.adminKey),
      rejectUnauthorized: !selfSigned,
    };
    const req = (url.startsWith("https") ? httpsRequest : httpRequest)(url, options, (res) => {
      let data = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (data += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end(body);
  });
}

async function healthy(component: Component, pki: Pki): Promise<boolean> {
  try {
    return (await get(component.health, pki, "GET", undefined, component.selfSigned)).status === 200;
  } catch {
    return false;
  }
}

function tail(name: string, lines = 15): string {
  const file = join(paths.logs, `${name}.log`);
  if (!existsSync(file)) return "(no log)";
  return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean>, logName?: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(
    `${what} not ready after ${ms / 1000}s${logName === undefined ? "" : `; last lines of ${join(paths.logs, logName)}.log:\n${tail(logName)}`}`,
  );
}

async function apiserverJson<T>(
  config: ClusterConfig,
  path: string,
  method = "GET",
  body?: unknown,
): Promise<{ status: number; object: T }> {
  const reply = await get(
    `https://127.0.0.1:${config.ports.apiserver}${path}`,
    config.pki,
    method,
    body === undefined ? undefined : JSON.stringify(body),
  );
  return { status: reply.status, object: (reply.body.startsWith("{") ? JSON.parse(reply.body) : {}) as T };
}

interface NodeList {
  items?: {
    metadata: { name: string };
    spec?: { taints?: unknown[] };
    status?: { conditions?: { type: string; status: string }[] };
  }[];
}

async function ensureNodes(config: ClusterConfig): Promise<void> {
  for (const name of nodeNames) {
    const node = {
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name,
        annotations: { "node.alpha.kubernetes.io/ttl": "0", "kwok.x-k8s.io/node": "fake" },
        labels: {
          "kubernetes.io/hostname": name,
          "kubernetes.io/os": "linux",
          "kubernetes.io/arch": "amd64",
          type: "kwok",
        },
      },
      status: {
        allocatable: { cpu: "32", memory: "256Gi", pods: "110" },
        capacity: { cpu: "32", memory: "256Gi", pods: "110" },
      },
    };
    const { status } = await apiserverJson(config, "/api/v1/nodes", "POST", node);
    if (status !== 201 && status !== 409) throw new Error(`creating node ${name} failed with HTTP ${status}`);
  }
}

async function nodesReady(config: ClusterConfig): Promise<boolean> {
  const { object } = await apiserverJson<NodeList>(config, "/api/v1/nodes");
  const ready = (object.items ?? []).filter(
    (n) =>
      nodeNames.includes(n.metadata.name) &&
      (n.spec?.taints ?? []).length === 0 &&
      n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
  );
  return ready.length === nodeNames.length;
}

// --- commands ---------------------------------------------------------------------------------

async function startComponent(config: ClusterConfig, component: Component): Promise<void> {
  const started = Date.now();
  startProcess(paths.run, paths.logs, component);
  writeFileSync(fingerprintFile(component.name), fingerprint(component));
  await waitFor(component.name, 120_000, () => healthy(component, config.pki), component.name);
  log(`${component.name} ready in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

async function up(): Promise<void> {
  const started = Date.now();
  const config = await configure();
  const all = components(config);
  // A component whose configuration changed is restarted, and so is everything started after it
  // (an independent one alone).
  let restartFrom = all.length;
  for (const [index, component] of all.entries()) {
    const pid = runningPid(paths.run, component.name);
    const recorded = existsSync(fingerprintFile(component.name))
      ? readFileSync(fingerprintFile(component.name), "utf8")
      : "";
    if (
      pid === undefined ||
      (recorded === fingerprint(component) && runningArgs(pid).join("\0") === component.args.join("\0"))
    )
      continue;
    if (component.independent === true) {
      log(`configuration of ${component.name} changed: restarting it`);
      await stopProcess(paths.run, component.name);
    } else {
      restartFrom = Math.min(restartFrom, index);
    }
  }
  if (restartFrom < all.length) {
    log(`configuration changed: restarting from ${all[restartFrom]?.name}`);
    for (const component of all.slice(restartFrom).reverse()) await stopProcess(paths.run, component.name);
  }
  for (const component of all) {
    const pid = runningPid(paths.run, component.name);
    if (pid !== undefined && (await healthy(component, config.pki))) continue;
    if (pid !== undefined) {
      // running but not answering yet (just started) or wedged: give it a moment, then restart it
      try {
        await waitFor(component.name, 30_000, () => healthy(component, config.pki));
        continue;
      } catch {
        log(`${component.name} is not healthy: restarting it`);
        await stopProcess(paths.run, component.name);
      }
    }
    await startComponent(config, component);
  }
  await ensureNodes(config);
  await waitFor("nodes (Ready, untainted)", 120_000, () => nodesReady(config), "kwok");
  await waitFor(
    "ServiceAccount default/default",
    60_000,
    async () => (await apiserverJson(config, "/api/v1/namespaces/default/serviceaccounts/default")).status === 200,
    "controller-manager",
  );
  log(
    `usable in ${((Date.now() - started) / 1000).toFixed(1)}s: https://127.0.0.1:${config.ports.apiserver} (KUBECONFIG=${paths.kubeconfig})`,
  );
}

async function down(): Promise<void> {
  for (const name of [...componentNames].reverse()) {
    if (await stopProcess(paths.run, name)) log(`stopped ${name}`);
  }
  for (const pid of strayProcesses(join(cacheDir, "bin"), clusterDir)) {
    log(`stopping stray process ${pid}`);
    await stopPid(pid);
  }
  const left = strayProcesses(join(cacheDir, "bin"), clusterDir);
  if (left.length > 0) throw new Error(`processes still running after down: ${left.join(", ")}`);
  log("cluster stopped");
}

/** The binaries of the last `up`, without building: `status` and `env` must not start a long build. */
function lastBinaries(): Binaries | undefined {
  return existsSync(paths.binaries) ? (JSON.parse(readFileSync(paths.binaries, "utf8")) as Binaries) : undefined;
}

async function status(): Promise<number> {
  const binaries = lastBinaries();
  if (binaries === undefined || !existsSync(paths.ports)) {
    console.log("never started (run: npm run cluster -- up)");
    return 1;
  }
  const config = clusterConfig(binaries, JSON.parse(readFileSync(paths.ports, "utf8")) as Ports, ensurePki(paths.pki));
  let allUp = true;
  for (const component of components(config)) {
    const pid = runningPid(paths.run, component.name);
    const ok = pid !== undefined && (await healthy(component, config.pki));
    allUp &&= ok;
    console.log(
      `${component.name.padEnd(20)} ${pid === undefined ? "stopped" : ok ? `running (pid ${pid})` : `unhealthy (pid ${pid})`}`,
    );
  }
  if (allUp) {
    const ready = await nodesReady(config);
    console.log(`${"nodes".padEnd(20)} ${ready ? `${nodeNames.length} Ready` : "not Ready"}`);
    console.log(`${"server".padEnd(20)} https://127.0.0.1:${config.ports.apiserver}`);
    allUp &&= ready;
  }
  return allUp ? 0 : 1;
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * KUBECONFIG and PATH, then what a runner gives a job with `id-token: write` (answered by the local
 * identity services), so that `auth: github-oidc` runs by hand as on a runner; `auth: auto` never
 * reads them.
 */
function env(): void {
  const binaries = lastBinaries();
  if (binaries === undefined) throw new Error("the test cluster is not built: run `npm run cluster -- up`");
  console.log(`export KUBECONFIG=${shellQuote(paths.kubeconfig)}`);
  console.log(`export PATH=${shellQuote(`${binaries.k8s}:${process.env.PATH ?? ""}`)}`);
  // The runner's ID-token request, answered by the local identity services (auth: github-oidc and
  // the OIDC providers read them; auth: auto never does), and trust in their certificate.
  if (existsSync(paths.ports) && existsSync(paths.identity)) {
    const ports = JSON.parse(readFileSync(paths.ports, "utf8")) as Partial<Ports>;
    if (ports.identity !== undefined) {
      console.log(
        `export ACTIONS_ID_TOKEN_REQUEST_URL=${shellQuote(`https://127.0.0.1:${ports.identity}/idtoken?api-version=2.0`)}`,
      );
      console.log(`export ACTIONS_ID_TOKEN_REQUEST_TOKEN=${shellQuote(readIdentityKeys(paths.identity).requestToken)}`);
      console.log(`export NODE_EXTRA_CA_CERTS=${shellQuote(join(paths.pki, "ca.crt"))}`);
    }
  }
}

async function restart(name: string | undefined): Promise<void> {
  const aliases: Record<string, ComponentName> = {
    "kube-apiserver": "apiserver",
    "kube-controller-manager": "controller-manager",
    "kube-scheduler": "scheduler",
  };
  const wanted = (name !== undefined ? (aliases[name] ?? name) : undefined) as ComponentName | undefined;
  if (wanted === undefined || !componentNames.includes(wanted)) {
    throw new Error(`restart needs one of: ${componentNames.join(", ")}`);
  }
  const config = await configure();
  const component = components(config).find((c) => c.name === wanted);
  if (component === undefined) throw new Error(`unknown component ${wanted}`);
  await stopProcess(paths.run, component.name);
  log(`stopped ${wanted}`);
  await startComponent(config, component);
}

async function main(): Promise<number> {
  const [command, arg] = process.argv.slice(2);
  switch (command) {
    case "up":
      await up();
      return 0;
    case "down":
      await down();
      return 0;
    case "status":
      return status();
    case "env":
      env();
      return 0;
    case "restart":
      await restart(arg);
      return 0;
    default:
      console.error(
        "usage: npm run cluster -- up | down | status | env | restart <etcd|identity|apiserver|controller-manager|scheduler|kwok>",
      );
      return 2;
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  log(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
