// Apply benchmark: the same 1,000 objects (ConfigMaps, Services and Deployments over 10 namespaces),
// first apply and unchanged re-apply, by kubeship (the bundled action, run as the runner runs it),
// by `kubectl apply --server-side` (the test cluster's own kubectl) and by a plain parallel PATCH
// loop with no client-side limiter (how fast the server itself lets us go), in the same run, in
// alternating order. Prints times, ratios, requests, peak RSS and kubeship's parse share.
//
//   node bench/apply.ts [rounds]
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, Client, type Dispatcher, request } from "undici";
import { parse } from "yaml";
import { paths } from "../test/cluster/layout.ts";
import { repoRoot } from "../test/helpers/action.ts";

const namespaces = 10;
const perNamespace = { ConfigMap: 34, Service: 33, Deployment: 33 };
const rounds = Number(process.argv[2] ?? 2);

interface Measurement {
  tool: string;
  pass: "first apply" | "re-apply";
  ms: number;
  requests: number;
  peakRssMb: number;
  parseMs?: number;
}

function manifestsFor(prefix: string): { dir: string; count: number } {
  const dir = mkdtempSync(join(tmpdir(), `kubeship-bench-${prefix}-`));
  const docs: string[] = [];
  const nsDocs: string[] = [];
  for (let n = 0; n < namespaces; n++) {
    const ns = `${prefix}-${n}`;
    nsDocs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}\n`);
    for (let i = 0; i < perNamespace.ConfigMap; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config-${i}, namespace: ${ns}, labels: {app: bench}}\ndata: {index: "${i}", text: "${"x".repeat(200)}"}\n`);
    for (let i = 0; i < perNamespace.Service; i++) {
      docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: svc-${i}, namespace: ${ns}}\nspec:\n  selector: {app: web-${i}}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n`);
    }
    for (let i = 0; i < perNamespace.Deployment; i++) {
      // replicas: 0 keeps the controllers from creating pods that would load the 2-core machine between runs
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-${i}, namespace: ${ns}}\nspec:\n  replicas: 0\n  selector: {matchLabels: {app: web-${i}}}\n  template:\n    metadata: {labels: {app: web-${i}}}\n    spec:\n      containers:\n      - name: web\n        image: registry.example/web:1.0.${i}\n        ports: [{containerPort: 8080}]\n        resources: {requests: {cpu: 10m, memory: 16Mi}}\n`,
      );
    }
  }
  mkdirSync(join(dir, "m"));
  // Namespaces in a file of their own that sorts first: kubectl applies files in order.
  writeFileSync(join(dir, "m", "00-namespaces.yaml"), nsDocs.join("---\n"));
  writeFileSync(join(dir, "m", "10-objects.yaml"), docs.join("---\n"));
  return { dir, count: nsDocs.length + docs.length };
}

/** Runs a command under /usr/bin/time to get its peak RSS. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string): { ms: number; out: string; peakRssMb: number } {
  const started = performance.now();
  const r = spawnSync("/usr/bin/time", ["-f", "PEAK_RSS_KB=%M", command, ...args], { env, cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`${command} failed (${r.status ?? "?"}):\n${(r.stdout + r.stderr).slice(-3000)}`);
  const rss = Number(/PEAK_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0);
  return { ms, out: r.stdout + r.stderr, peakRssMb: rss / 1024 };
}

function runKubeship(dir: string): Omit<Measurement, "tool" | "pass"> {
  const runner = mkdtempSync(join(tmpdir(), "kubeship-bench-runner-"));
  const files = ["output", "summary", "state", "env"].map((f) => join(runner, f));
  for (const f of files) writeFileSync(f, "");
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: runner,
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: runner,
    GITHUB_OUTPUT: files[0],
    GITHUB_STEP_SUMMARY: files[1],
    GITHUB_STATE: files[2],
    GITHUB_ENV: files[3],
    INPUT_MANIFESTS: "m",
    INPUT_KUBECONFIG: readFileSync(paths.kubeconfig, "utf8"),
    INPUT_WAIT: "false",
    INPUT_TIMEOUT: "10m",
  };
  const r = timed(process.execPath, [join(repoRoot, "dist", "index.js")], env, dir);
  const debug = /::debug::kubeship timings: (.*); (\d+) API requests/.exec(r.out);
  return { ms: r.ms, peakRssMb: r.peakRssMb, requests: Number(debug?.[2] ?? 0), parseMs: Number(/parse (\d+)ms/.exec(debug?.[1] ?? "")?.[1] ?? 0) };
}

function runKubectl(dir: string): Omit<Measurement, "tool" | "pass"> {
  const kubectl = join((JSON.parse(readFileSync(paths.binaries, "utf8")) as { k8s: string }).k8s, "kubectl");
  const env = { ...process.env, KUBECONFIG: paths.kubeconfig, HOME: mkdtempSync(join(tmpdir(), "kubeship-bench-home-")) };
  const r = timed(kubectl, ["apply", "--server-side", "-R", "-f", "m", "-v=6"], env, dir);
  const requests = r.out.split("\n").filter((l) => /"Response" verb="|\b(GET|PATCH|POST|PUT) https?:\/\//.test(l)).length;
  return { ms: r.ms, peakRssMb: r.peakRssMb, requests };
}

/** The plain loop runs in a child process of its own so that its RSS is measured alone. */
function runLoop(dir: string, http2: boolean): Omit<Measurement, "tool" | "pass"> {
  const r = timed(process.execPath, [import.meta.filename, "--loop", join(dir, "m"), http2 ? "h2" : "h1"], { ...process.env }, dir);
  return { ms: r.ms, peakRssMb: r.peakRssMb, requests: Number(/LOOP_REQUESTS=(\d+)/.exec(r.out)?.[1] ?? 0) };
}

/** The plain loop itself: every object PATCHed with server-side apply, 64 at a time, namespaces first. */
async function loop(dir: string, transport: string): Promise<void> {
  const config = parse(readFileSync(paths.kubeconfig, "utf8")) as {
    clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
    users: { user: { "client-certificate-data": string; "client-key-data": string } }[];
  };
  const b64 = (s: string | undefined) => Buffer.from(s ?? "", "base64").toString("utf8");
  const server = config.clusters[0]?.cluster.server ?? "";
  const tls = { ca: b64(config.clusters[0]?.cluster["certificate-authority-data"]), cert: b64(config.users[0]?.user["client-certificate-data"]), key: b64(config.users[0]?.user["client-key-data"]) };
  const dispatcher: Dispatcher = transport === "h2" ? new Client(server, { allowH2: true, connect: tls }) : new Agent({ connections: 64, connect: tls });
  const plural: Record<string, string> = { Namespace: "namespaces", ConfigMap: "configmaps", Service: "services", Deployment: "deployments" };
  let requests = 0;
  const patch = async (doc: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }) => {
    const base = doc.apiVersion === "v1" ? "/api/v1" : `/apis/${doc.apiVersion}`;
    const scope = doc.metadata.namespace ? `/namespaces/${doc.metadata.namespace}` : "";
    requests++;
    const r = await request(`${server}${base}${scope}/${plural[doc.kind] ?? ""}/${doc.metadata.name}?fieldManager=bench-loop`, {
      dispatcher,
      method: "PATCH",
      headers: { "content-type": "application/apply-patch+yaml", accept: "application/json" },
      body: JSON.stringify(doc),
    });
    await r.body.text();
    if (r.statusCode >= 300) throw new Error(`HTTP ${r.statusCode} for ${doc.kind}/${doc.metadata.name}`);
  };
  for (const file of ["00-namespaces.yaml", "10-objects.yaml"]) {
    const docs = readFileSync(join(dir, file), "utf8").split("\n---\n").map((d) => parse(d) as Parameters<typeof patch>[0]);
    let next = 0;
    await Promise.all(Array.from({ length: 64 }, async () => {
      while (next < docs.length) await patch(docs[next++] as Parameters<typeof patch>[0]);
    }));
  }
  await dispatcher.close();
  console.log(`LOOP_REQUESTS=${requests}`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function main(): void {
  execFileSync(process.execPath, [join(repoRoot, "test", "cluster", "cluster.ts"), "up"], { stdio: "inherit" });
  const tools: Record<string, (dir: string) => Omit<Measurement, "tool" | "pass">> = {
    kubeship: runKubeship,
    "kubectl --server-side": runKubectl,
    "PATCH loop (HTTP/1.1 pool)": (dir) => runLoop(dir, false),
    "PATCH loop (HTTP/2)": (dir) => runLoop(dir, true),
  };
  const results: Measurement[] = [];
  const created: string[] = [];
  let count = 0;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? Object.keys(tools) : Object.keys(tools).reverse();
    for (const tool of order) {
      const prefix = `bench-${tool.split(" ")[0]?.replace(/[^a-z]/g, "")}-${Date.now().toString(36)}`;
      const set = manifestsFor(prefix);
      count = set.count;
      for (let n = 0; n < namespaces; n++) created.push(`${prefix}-${n}`);
      for (const pass of ["first apply", "re-apply"] as const) {
        const m = { tool, pass, ...(tools[tool] as (dir: string) => Omit<Measurement, "tool" | "pass">)(set.dir) };
        results.push(m);
        console.log(`round ${round + 1}: ${tool.padEnd(28)} ${pass.padEnd(12)} ${(m.ms / 1000).toFixed(2)}s  ${m.requests} requests  ${m.peakRssMb.toFixed(0)} MB`);
      }
    }
  }

  const row = (tool: string, pass: string) => results.filter((r) => r.tool === tool && r.pass === pass);
  const lines = [
    `${count} objects (${namespaces} namespaces × ${Object.entries(perNamespace).map(([k, v]) => `${v} ${k}s`).join(", ")}), ${rounds} rounds, medians:`,
    "",
    "| tool | pass | time | vs kubeship | requests | peak RSS |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const pass of ["first apply", "re-apply"]) {
    const base = median(row("kubeship", pass).map((r) => r.ms));
    for (const tool of Object.keys(tools)) {
      const rs = row(tool, pass);
      const ms = median(rs.map((r) => r.ms));
      lines.push(`| ${tool} | ${pass} | ${(ms / 1000).toFixed(2)} s | ${(ms / base).toFixed(2)}× | ${median(rs.map((r) => r.requests))} | ${median(rs.map((r) => r.peakRssMb)).toFixed(0)} MB |`);
    }
  }
  const parse = median(results.filter((r) => r.tool === "kubeship").map((r) => r.parseMs ?? 0));
  const first = median(row("kubeship", "first apply").map((r) => r.ms));
  lines.push("", `kubeship's parse share: ${parse.toFixed(0)} ms of ${(first / 1000).toFixed(2)} s (${((parse / first) * 100).toFixed(1)}%) on the first apply.`);
  console.log(`\n${lines.join("\n")}`);

  // Clean up in the background: deleting 40 namespaces takes the controllers a while.
  spawn(join((JSON.parse(readFileSync(paths.binaries, "utf8")) as { k8s: string }).k8s, "kubectl"), ["delete", "namespace", "--wait=false", ...created], {
    env: { ...process.env, KUBECONFIG: paths.kubeconfig },
    stdio: "ignore",
    detached: true,
  }).unref();
}

if (process.argv[2] === "--loop") await loop(process.argv[3] ?? "", process.argv[4] ?? "h1");
else main();
