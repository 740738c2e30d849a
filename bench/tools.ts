// What the benchmarks share: running kubeship (the bundled action, as the runner runs it) and the test
// cluster's kubectl as whole processes, optionally through the latency proxy, and reading what each
// reports (time, peak RSS, requests, kubeship's stage timings, connections and bytes at the proxy).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { paths } from "../test/cluster/layout.ts";
import { repoRoot } from "../test/helpers/action.ts";
import { type LatencyProxy, type LatencyStats, startLatencyProxy, statsSince } from "../test/helpers/latency-proxy.ts";

export interface Run {
  ms: number;
  peakRssMb: number;
  /** the process's CPU time (user + system): under load, what an idle machine's wall time would be */
  cpuMs?: number;
  /** API requests the tool reports (kubeship's debug line, kubectl's -v=6 log, the loop's count) */
  requests: number;
  /** kubeship's stage timings from its debug line, in ms */
  stages?: [string, number][];
  /** kubeship's round trips one after another before its first write, from its debug line */
  roundTrips?: number;
  /** TCP connections and bytes through the latency proxy (only when the run went through it) */
  network?: LatencyStats;
}

/** Where a run connects: directly (round trip 0) or through the latency proxy. */
export interface Route {
  rttMs: number;
  kubeconfig: string;
  kubeconfigPath: string;
  proxy?: LatencyProxy;
}

/** Runs `body` with a route to the test cluster that adds `rttMs`; 0 goes to the API server directly. */
export async function withRoute<T>(rttMs: number, body: (route: Route) => Promise<T>): Promise<T> {
  if (rttMs === 0) {
    return body({ rttMs, kubeconfig: readFileSync(paths.kubeconfig, "utf8"), kubeconfigPath: paths.kubeconfig });
  }
  const proxy = await startLatencyProxy({ rttMs });
  try {
    return await body({ rttMs, kubeconfig: proxy.kubeconfig, kubeconfigPath: proxy.kubeconfigPath, proxy });
  } finally {
    await proxy.close();
  }
}

/** The machine's CPU time so far, and the part of it idle, in clock ticks (the first line of /proc/stat). */
function cpuTicks(): { idle: number; total: number } {
  const ticks = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  return { idle: (ticks[3] ?? 0) + (ticks[4] ?? 0), total };
}

/**
 * Waits until the machine has been at least 85 % idle for two half seconds in a row (60 s at most). A run
 * leaves the API server working after it ends: a new CRD's OpenAPI is rebuilt, a deleted one's objects go.
 * Without the wait that work lands in the next run's time, and the tool that finished sooner pays for it.
 */
async function settled(): Promise<void> {
  const deadline = performance.now() + 60_000;
  let quiet = 0;
  let last = cpuTicks();
  while (quiet < 2 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuTicks();
    quiet = (now.idle - last.idle) / Math.max(1, now.total - last.total) >= 0.85 ? quiet + 1 : 0;
    last = now;
  }
  if (quiet < 2) console.log("  (the machine was still busy after 60 s; this run shares it)");
}

/** Measures one run of a tool once the machine is quiet, adding what the proxy saw during it. */
export async function measured(route: Route, run: () => Promise<Run>): Promise<Run> {
  await settled();
  const before = route.proxy?.stats();
  const result = await run();
  if (route.proxy !== undefined && before !== undefined) result.network = statsSince(before, route.proxy.stats());
  return result;
}

/**
 * Runs a command under /usr/bin/time to get its peak RSS. Asynchronous, so that the latency proxy in
 * this process keeps relaying meanwhile.
 */
export function timed(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ ms: number; out: string; peakRssMb: number; cpuMs: number }> {
  const started = performance.now();
  const time = ["-f", "PEAK_RSS_KB=%M CPU_S=%U+%S"];
  const child = spawn("/usr/bin/time", [...time, command, ...args], { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => {
      const ms = performance.now() - started;
      const stdout = Buffer.concat(out).toString("utf8");
      const stderr = Buffer.concat(err).toString("utf8");
      if (status !== 0) {
        reject(new Error(`${command} failed (${status ?? "?"}):\n${(stdout + stderr).slice(-3000)}`));
        return;
      }
      const peakRssMb = Number(/PEAK_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
      const cpu = /CPU_S=([\d.]+)\+([\d.]+)/.exec(stderr);
      const cpuMs = (Number(cpu?.[1] ?? 0) + Number(cpu?.[2] ?? 0)) * 1000;
      resolve({ ms, out: stdout + stderr, peakRssMb, cpuMs });
    });
  });
}

/**
 * kubeship's debug line: `kubeship timings: credentials 3ms, parse 40ms, …; 1137 API requests (3 round
 * trips one after another before the first write)`.
 */
export function kubeshipTimings(out: string): Pick<Run, "stages" | "requests" | "roundTrips"> {
  const line = /kubeship timings: (.*)$/m.exec(out)?.[1] ?? "";
  const [stages = "", ...rest] = line.split("; ");
  return {
    stages: stages.split(", ").flatMap((stage): [string, number][] => {
      const m = /^(.+) (\d+(?:\.\d+)?)ms$/.exec(stage.trim());
      return m === null ? [] : [[m[1] ?? "", Number(m[2])]];
    }),
    requests: Number(/(\d+) API requests/.exec(rest.join("; "))?.[1] ?? 0),
    ...roundTripsIn(rest.join("; ")),
  };
}

function roundTripsIn(text: string): Pick<Run, "roundTrips"> {
  const found = /(\d+) round trips one after another/.exec(text)?.[1];
  return found === undefined ? {} : { roundTrips: Number(found) };
}

/** The bundled action, run as the runner runs it, with `wait: false`, debug logging on; `inputs` add to its inputs. */
export async function runKubeship(
  dir: string,
  manifests: string,
  route: Route,
  inputs: Record<string, string> = {},
): Promise<Run> {
  const runner = mkdtempSync(join(tmpdir(), "kubeship-bench-runner-"));
  const files = ["output", "summary", "state", "env"].map((f) => join(runner, f));
  for (const f of files) writeFileSync(f, "");
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: runner,
    RUNNER_DEBUG: "1",
    GITHUB_WORKSPACE: dir,
    RUNNER_TEMP: runner,
    GITHUB_OUTPUT: files[0],
    GITHUB_STEP_SUMMARY: files[1],
    GITHUB_STATE: files[2],
    GITHUB_ENV: files[3],
    INPUT_MANIFESTS: manifests,
    INPUT_KUBECONFIG: route.kubeconfig,
    INPUT_WAIT: "false",
    INPUT_TIMEOUT: "10m",
    ...inputs,
  };
  const r = await timed(process.execPath, [join(repoRoot, "dist", "index.js")], env, dir);
  return { ms: r.ms, peakRssMb: r.peakRssMb, cpuMs: r.cpuMs, ...kubeshipTimings(r.out) };
}

export function kubectlPath(): string {
  return join((JSON.parse(readFileSync(paths.binaries, "utf8")) as { k8s: string }).k8s, "kubectl");
}

/**
 * The test cluster's own `kubectl apply --server-side`, with a fresh (cold) discovery cache as on a new runner;
 * `args` add to its command line.
 */
export async function runKubectl(dir: string, manifests: string, route: Route, args: string[] = []): Promise<Run> {
  const home = mkdtempSync(join(tmpdir(), "kubeship-bench-home-"));
  const env = { ...process.env, KUBECONFIG: route.kubeconfigPath, HOME: home };
  const r = await timed(kubectlPath(), ["apply", "--server-side", "-R", "-f", manifests, "-v=6", ...args], env, dir);
  const request = /"Response" verb="|\b(GET|PATCH|POST|PUT) https?:\/\//;
  const requests = r.out.split("\n").filter((l) => request.test(l)).length;
  return { ms: r.ms, peakRssMb: r.peakRssMb, cpuMs: r.cpuMs, requests };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** "1.23 s" for one run, "1.23 s (1.10–1.40)" for several. */
export function seconds(values: number[]): string {
  const s = (ms: number) => (ms / 1000).toFixed(2);
  if (values.length <= 1) return `${s(median(values))} s`;
  return `${s(median(values))} s (${s(Math.min(...values))}–${s(Math.max(...values))})`;
}

/** kubeship's stage timings, median per stage over runs, in the order kubeship reports them. */
export function stageMedians(runs: Run[]): string {
  const names = [...new Set(runs.flatMap((r) => (r.stages ?? []).map(([name]) => name)))];
  if (names.length === 0) return "no timings line (is dist/ built?)";
  const of = (name: string) => median(runs.map((r) => r.stages?.find(([n]) => n === name)?.[1] ?? 0));
  // The rest of the process's time: Node's start, loading the bundle, reading inputs, exiting.
  const outside = median(runs.map((r) => r.ms - (r.stages ?? []).reduce((sum, [, ms]) => sum + ms, 0)));
  const stages = names.map((name) => `${name} ${of(name).toFixed(0)}ms`);
  const serial = runs.flatMap((r) => (r.roundTrips === undefined ? [] : [r.roundTrips]));
  const before = serial.length === 0 ? "" : `; ${median(serial)} round trips one after another before the first write`;
  return `${[...stages, `outside the stages ${outside.toFixed(0)}ms`].join(", ")}${before}`;
}

/** Connections and bytes through the proxy, medians, or "—" for direct runs. */
export function networkOf(runs: Run[]): string {
  const seen = runs.flatMap((r) => (r.network === undefined ? [] : [r.network]));
  if (seen.length === 0) return "—";
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  const up = kb(median(seen.map((n) => n.bytesToServer)));
  const down = kb(median(seen.map((n) => n.bytesToClient)));
  return `${median(seen.map((n) => n.connections))} conn, ↑${up} ↓${down}`;
}

export function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}` : "—";
}

/** `1,2` → [1, 2] */
export function numbers(list: string): number[] {
  const values = list.split(",").map(Number);
  if (values.some((v) => !Number.isFinite(v) || v < 0)) throw new Error(`not a list of numbers: ${list}`);
  return values;
}

/** The machine's state, for the record next to the figures. */
export function machine(): string {
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  return `${new Date().toISOString()}, Node ${process.version}, load average ${load}`;
}
