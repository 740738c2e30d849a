// Rollout benchmark on the test cluster, kubeship (the bundled action, run as the runner runs it)
// against the cluster's own `kubectl rollout status`, in the same run on the same objects:
//   (a) detection latency: from the moment the last of N Deployments is available at the server, as
//       an independent watch in this process sees it, to each tool's exit;
//   (b) from a pod's first CrashLoopBackOff (same observer) to each tool's exit;
//   (c) 200 Deployments waited at once: kubeship's TCP connections to the API server and peak memory.
// Usage: npm run cluster -- up && npm run build && node bench/rollout.ts [--trials 5] [--n 10] [--many 200]
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { parse } from "yaml";
import { paths } from "../test/cluster/layout.ts";
import { runAction } from "../test/helpers/action.ts";
import { adminKubeconfig, createNamespace, deleteNamespace, kubectl } from "../test/helpers/cluster.ts";

const { values } = parseArgs({
  options: {
    trials: { type: "string", default: "5" },
    n: { type: "string", default: "10" },
    many: { type: "string", default: "200" },
  },
});
const trials = Number(values.trials);
const n = Number(values.n);
const many = Number(values.many);

const kubeconfig = adminKubeconfig();
const server = /server: (\S+)/.exec(kubeconfig)?.[1] ?? "";

/** An observer independent of kubeship and kubectl: its own watch, straight over HTTPS. */
function observerAgent(): Agent {
  const config = parse(kubeconfig) as {
    clusters: { cluster: { "certificate-authority-data": string } }[];
    users: { user: { "client-certificate-data": string; "client-key-data": string } }[];
  };
  const decode = (b64: string | undefined) => Buffer.from(b64 ?? "", "base64").toString("utf8");
  return new Agent({
    connect: {
      ca: decode(config.clusters[0]?.cluster["certificate-authority-data"]),
      cert: decode(config.users[0]?.user["client-certificate-data"]),
      key: decode(config.users[0]?.user["client-key-data"]),
    },
  });
}

interface Watched {
  metadata: { name: string; generation?: number };
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    replicas?: number;
    containerStatuses?: { state?: { waiting?: { reason?: string } } }[];
  };
}

/** Watches a collection and calls `seen` with each object and the time it arrived (performance.now()). */
function observe(
  agent: Agent,
  path: string,
  seen: (object: Watched, at: number) => void,
  signal: AbortSignal,
): Promise<void> {
  return (async () => {
    const response = await request(`${server}${path}?watch=1`, { dispatcher: agent, signal });
    let buffered = "";
    try {
      for await (const chunk of response.body) {
        const at = performance.now();
        buffered += (chunk as Buffer).toString("utf8");
        let newline: number;
        while ((newline = buffered.indexOf("\n")) !== -1) {
          const line = buffered.slice(0, newline);
          buffered = buffered.slice(newline + 1);
          if (line.trim() !== "") seen((JSON.parse(line) as { object: Watched }).object, at);
        }
      }
    } catch {
      // aborted at the end
    }
  })();
}

function available(d: Watched): boolean {
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1) &&
    s.updatedReplicas === want &&
    s.availableReplicas === want &&
    s.replicas === want
  );
}

function deployments(
  count: number,
  template: { labels?: Record<string, string>; annotations?: Record<string, string> },
): string {
  return Array.from({ length: count }, (_, i) =>
    [
      "apiVersion: apps/v1",
      "kind: Deployment",
      `metadata: {name: app-${i}}`,
      "spec:",
      "  replicas: 1",
      `  selector: {matchLabels: {app: app-${i}}}`,
      "  template:",
      `    metadata: {labels: ${JSON.stringify({ app: `app-${i}`, ...template.labels })}, annotations: ${JSON.stringify(template.annotations ?? {})}}`,
      "    spec: {containers: [{name: app, image: registry.example/app:1}]}",
    ].join("\n"),
  ).join("\n---\n");
}

function kubectlBinary(): string {
  return join((JSON.parse(readFileSync(paths.binaries, "utf8")) as { k8s: string }).k8s, "kubectl");
}

/** `kubectl rollout status -f FILE`, as a user would gate a deploy on it; resolves with its exit time and code. */
function kubectlRolloutStatus(ns: string, file: string, timeout: string): Promise<{ at: number; code: number }> {
  const child = spawn(kubectlBinary(), ["rollout", "status", "-n", ns, "-f", file, `--timeout=${timeout}`], {
    env: { ...process.env, KUBECONFIG: paths.kubeconfig },
    stdio: "ignore",
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ at: performance.now(), code: code ?? 1 })));
}

interface Sampler {
  maxConnections: number;
  peakRssKiB: number;
  stop(): void;
}

/** Samples a process's established TCP connections to the API server and its memory (VmHWM). */
function sample(pid: number): Sampler {
  const port = new URL(server).port;
  const state: Sampler = { maxConnections: 0, peakRssKiB: 0, stop: () => clearInterval(timer) };
  const timer = setInterval(() => {
    try {
      const out = execFileSync("ss", ["-tnpH", "state", "established", "dport", `= :${port}`], { encoding: "utf8" });
      const mine = out.split("\n").filter((l) => l.includes(`pid=${pid},`)).length;
      state.maxConnections = Math.max(state.maxConnections, mine);
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      state.peakRssKiB = Math.max(state.peakRssKiB, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // the process has exited
    }
  }, 100);
  return state;
}

interface Trial {
  kubeshipMs: number;
  kubectlMs: number;
  kubeshipExit: number;
  kubectlExit: number;
  connections: number;
  peakRssMiB: number;
}

/**
 * One trial: kubeship applies and waits; kubectl rollout status starts once the objects exist; the
 * observer notes when the last one is available (or, with `crash`, when a pod first crash-loops).
 */
async function trial(
  count: number,
  template: Parameters<typeof deployments>[1],
  crash: boolean,
  kubectlTimeout: string,
): Promise<Trial> {
  const ns = await createNamespace("kubeship-bench");
  const ws = mkdtempSync(join(tmpdir(), "kubeship-bench-"));
  const file = join(ws, "app.yaml");
  writeFileSync(file, deployments(count, template));
  const agent = observerAgent();
  const stop = new AbortController();
  const availableAt = new Map<string, number>();
  let firstCrashAt: number | undefined;
  const watching = [
    observe(
      agent,
      `/apis/apps/v1/namespaces/${ns}/deployments`,
      (d, at) => {
        if (available(d) && !availableAt.has(d.metadata.name)) availableAt.set(d.metadata.name, at);
      },
      stop.signal,
    ),
    observe(
      agent,
      `/api/v1/namespaces/${ns}/pods`,
      (p, at) => {
        if (
          firstCrashAt === undefined &&
          p.status?.containerStatuses?.some((c) => c.state?.waiting?.reason === "CrashLoopBackOff")
        )
          firstCrashAt = at;
      },
      stop.signal,
    ),
  ];
  await new Promise((resolve) => setTimeout(resolve, 300));

  let sampler: Sampler | undefined;
  let kubeshipAt = 0;
  const kubeship = runAction({
    workspace: ws,
    inputs: { manifests: "app.yaml", kubeconfig, namespace: ns, timeout: "10m" },
    onStart: (child: ChildProcess) => (sampler = sample(child.pid ?? 0)),
  }).then((run) => {
    kubeshipAt = performance.now();
    return run;
  });
  // kubectl starts once every object exists (it cannot apply and wait in one command).
  let ended = false;
  void kubeship.then((run) => {
    ended = true;
    if (run.exitCode !== 0 && !crash)
      console.error(
        run.log
          .split("\n")
          .filter((l) => !l.startsWith("::add-mask::"))
          .join("\n"),
      );
  });
  for (;;) {
    if (ended && !crash) throw new Error("kubeship ended before every object existed");
    const names = (await kubectl(["get", "deployments", "-n", ns, "-o", "name"]).catch(() => ""))
      .trim()
      .split("\n")
      .filter((l) => l !== "");
    if (names.length === count) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const kubectlRun = kubectlRolloutStatus(ns, file, kubectlTimeout);
  const [run, k] = await Promise.all([kubeship, kubectlRun]);
  sampler?.stop();
  stop.abort();
  await Promise.all(watching);
  await agent.close();
  await deleteNamespace(ns);
  const reference = crash ? (firstCrashAt ?? Number.NaN) : Math.max(...availableAt.values());
  return {
    kubeshipMs: kubeshipAt - reference,
    kubectlMs: k.at - reference,
    kubeshipExit: run.exitCode,
    kubectlExit: k.code,
    connections: sampler?.maxConnections ?? 0,
    peakRssMiB: (sampler?.peakRssKiB ?? 0) / 1024,
  };
}

/**
 * A trial again when the shared cluster was unavailable (others restart its API server in their
 * tests): such a run measures the restart, not the tools.
 */
async function retried(run: () => Promise<Trial>): Promise<Trial> {
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await run();
      if (Number.isFinite(result.kubeshipMs)) return result;
      throw new Error("no reference moment observed");
    } catch (error) {
      if (attempt === 3) throw error;
      console.error(`  (trial repeated: ${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
    }
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

const ms = (value: number) => `${Math.round(value)} ms`;

async function main(): Promise<void> {
  console.log(`kubeship rollout benchmark on ${server}, Node ${process.version}, ${new Date().toISOString()}\n`);

  const latency: Trial[] = [];
  for (let i = 0; i < trials; i++)
    latency.push(await retried(() => trial(n, { annotations: { "kubeship.test/ready-after": "5" } }, false, "5m")));
  console.log(
    `(a) detection latency, ${n} Deployments ready after 5 s, ${trials} trials (last available at the server → exit)`,
  );
  console.log(
    `    kubeship: median ${ms(median(latency.map((t) => t.kubeshipMs)))}, each: ${latency.map((t) => ms(t.kubeshipMs)).join(", ")}`,
  );
  console.log(
    `    kubectl rollout status: median ${ms(median(latency.map((t) => t.kubectlMs)))}, each: ${latency.map((t) => ms(t.kubectlMs)).join(", ")}`,
  );
  console.log(
    `    exit codes kubeship ${latency.map((t) => t.kubeshipExit).join(",")}, kubectl ${latency.map((t) => t.kubectlExit).join(",")}\n`,
  );

  const crash: Trial[] = [];
  for (let i = 0; i < trials; i++)
    crash.push(await retried(() => trial(1, { labels: { "kubeship.test/simulate": "crashloop" } }, true, "30s")));
  console.log(`(b) first CrashLoopBackOff → step fails, ${trials} trials`);
  console.log(
    `    kubeship: median ${ms(median(crash.map((t) => t.kubeshipMs)))}, each: ${crash.map((t) => ms(t.kubeshipMs)).join(", ")} (exit ${crash.map((t) => t.kubeshipExit).join(",")})`,
  );
  console.log(
    `    kubectl rollout status --timeout=30s: median ${ms(median(crash.map((t) => t.kubectlMs)))} (exit ${crash.map((t) => t.kubectlExit).join(",")}: it does not stop on a crash loop, only on its own timeout)\n`,
  );

  const big = await retried(() => trial(many, { annotations: { "kubeship.test/ready-after": "5" } }, false, "10m"));
  console.log(`(c) ${many} Deployments at once (ready after 5 s)`);
  console.log(
    `    kubeship: ${big.connections} TCP connection(s) to the API server at most, peak RSS ${big.peakRssMiB.toFixed(0)} MiB, exit ${big.kubeshipExit}, last available → exit ${ms(big.kubeshipMs)}`,
  );
  console.log(
    `    kubectl rollout status -f (one object after another): last available → exit ${ms(big.kubectlMs)}, exit ${big.kubectlExit}`,
  );
}

await main();
