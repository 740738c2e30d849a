// Apply benchmark: the same objects (ConfigMaps, Services and Deployments, 100 per namespace), first
// apply and unchanged re-apply, by kubeship (the bundled action, run as the runner runs it), by
// `kubectl apply --server-side` (the test cluster's own kubectl) and by a plain parallel PATCH loop with
// no client-side limiter (how fast the server itself lets us go), in the same run, in alternating
// order, at each object count and each round trip asked for. A round trip above 0 puts the latency
// proxy (test/helpers/latency-proxy.ts) between every tool and the API server; 0 goes to it directly.
// Prints times, the ratios kubeship/kubectl and kubeship/loop, requests, connections and bytes at the
// proxy, peak RSS and kubeship's own stage timings.
//
//   node bench/apply.ts [--rounds 1] [--rtt 0,30] [--objects 300,1000] [--mix mixed|configmaps]
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Agent, Client, type Dispatcher, request } from "undici";
import { parse } from "yaml";
import { paths } from "../test/cluster/layout.ts";
import { repoRoot } from "../test/helpers/action.ts";
import {
  kubectlPath,
  machine,
  measured,
  median,
  networkOf,
  numbers,
  ratio,
  type Route,
  type Run,
  runKubectl,
  runKubeship,
  seconds,
  stageMedians,
  timed,
  withRoute,
} from "./tools.ts";
import { applyDocuments, type Mix, mixes, type PerNamespace } from "./apply-manifests.ts";

/** kubeship also plans (a server-side dry run of every object) once the objects exist, to compare with its re-apply. */
type Pass = "first apply" | "re-apply" | "plan";
const loopConcurrency = 64;

interface Measurement extends Run {
  objects: number;
  rttMs: number;
  tool: string;
  pass: Pass;
}

/** `objects` objects in `objects / 100` namespaces (at least one), besides the Namespaces themselves. */
function manifestsFor(
  prefix: string,
  objects: number,
  perNamespace: PerNamespace,
): { dir: string; count: number; namespaces: string[] } {
  const dir = mkdtempSync(join(tmpdir(), `kubeship-bench-${prefix}-`));
  const { nsDocs, docs, namespaces } = applyDocuments(prefix, objects, perNamespace);
  mkdirSync(join(dir, "m"));
  // Namespaces in a file of their own that sorts first: kubectl applies files in order.
  writeFileSync(join(dir, "m", "00-namespaces.yaml"), nsDocs.join("---\n"));
  writeFileSync(join(dir, "m", "10-objects.yaml"), docs.join("---\n"));
  return { dir, count: nsDocs.length + docs.length, namespaces };
}

/** The plain loop runs in a child process of its own so that its RSS is measured alone. */
async function runLoop(dir: string, route: Route, http2: boolean): Promise<Run> {
  const args = [import.meta.filename, "--loop", join(dir, "m"), http2 ? "h2" : "h1", route.kubeconfigPath];
  const r = await timed(process.execPath, args, { ...process.env }, dir);
  return { ms: r.ms, peakRssMb: r.peakRssMb, requests: Number(/LOOP_REQUESTS=(\d+)/.exec(r.out)?.[1] ?? 0) };
}

interface Doc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

/** The plain loop itself: every object PATCHed with server-side apply, 64 at a time, Namespaces first. */
async function loop(dir: string, transport: string, kubeconfigPath: string): Promise<void> {
  const config = parse(readFileSync(kubeconfigPath, "utf8")) as {
    clusters: { cluster: { server: string; "certificate-authority-data": string } }[];
    users: { user: { "client-certificate-data": string; "client-key-data": string } }[];
  };
  const b64 = (s: string | undefined) => Buffer.from(s ?? "", "base64").toString("utf8");
  const server = config.clusters[0]?.cluster.server ?? "";
  const user = config.users[0]?.user;
  const tls = {
    ca: b64(config.clusters[0]?.cluster["certificate-authority-data"]),
    cert: b64(user?.["client-certificate-data"]),
    key: b64(user?.["client-key-data"]),
  };
  // undici 8 negotiates HTTP/2 unless told not to: the HTTP/1.1 pool must refuse it.
  const dispatcher: Dispatcher =
    transport === "h2"
      ? new Client(server, { allowH2: true, connect: tls })
      : new Agent({ connections: loopConcurrency, allowH2: false, connect: tls });
  const plural: Record<string, string> = {
    Namespace: "namespaces",
    ConfigMap: "configmaps",
    Service: "services",
    Deployment: "deployments",
  };
  let requests = 0;
  const patch = async (doc: Doc) => {
    const base = doc.apiVersion === "v1" ? "/api/v1" : `/apis/${doc.apiVersion}`;
    const scope = doc.metadata.namespace ? `/namespaces/${doc.metadata.namespace}` : "";
    const path = `${base}${scope}/${plural[doc.kind] ?? ""}/${doc.metadata.name}`;
    requests++;
    const r = await request(`${server}${path}?fieldManager=bench-loop`, {
      dispatcher,
      method: "PATCH",
      headers: { "content-type": "application/apply-patch+yaml", accept: "application/json" },
      body: JSON.stringify(doc),
    });
    await r.body.text();
    if (r.statusCode >= 300) throw new Error(`HTTP ${r.statusCode} for ${doc.kind}/${doc.metadata.name}`);
  };
  for (const file of ["00-namespaces.yaml", "10-objects.yaml"]) {
    const docs = readFileSync(join(dir, file), "utf8")
      .split("\n---\n")
      .map((d) => parse(d) as Doc);
    let next = 0;
    await Promise.all(
      Array.from({ length: loopConcurrency }, async () => {
        for (let doc = docs[next++]; doc !== undefined; doc = docs[next++]) await patch(doc);
      }),
    );
  }
  await dispatcher.close();
  console.log(`LOOP_REQUESTS=${requests}`);
}

const tools: Record<string, (dir: string, route: Route) => Promise<Run>> = {
  kubeship: (dir, route) => runKubeship(dir, "m", route),
  kubectl: (dir, route) => runKubectl(dir, "m", route),
  "loop HTTP/1.1": (dir, route) => runLoop(dir, route, false),
  "loop HTTP/2": (dir, route) => runLoop(dir, route, true),
};

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      rounds: { type: "string" },
      rtt: { type: "string", default: "0,30" },
      objects: { type: "string", default: "300,1000" },
      mix: { type: "string", default: "mixed" },
    },
  });
  if (!(values.mix in mixes)) throw new Error(`--mix is one of ${Object.keys(mixes).join(", ")}`);
  const perNamespace = mixes[values.mix as Mix];
  const rounds = Number(values.rounds ?? positionals[0] ?? 1);
  execFileSync(process.execPath, [join(repoRoot, "test", "cluster", "cluster.ts"), "up"], { stdio: "inherit" });
  const rtts = numbers(values.rtt);
  const sizes = numbers(values.objects);
  const started = machine();
  const results: Measurement[] = [];
  const created: string[] = [];
  const counts = new Map<number, number>();
  try {
    await measureAll(sizes, rtts, rounds, perNamespace, results, created, counts);
  } finally {
    // Clean up in the background: deleting the namespaces takes the controllers a while.
    spawn(kubectlPath(), ["delete", "namespace", "--wait=false", ...created], {
      env: { ...process.env, KUBECONFIG: paths.kubeconfig },
      stdio: "ignore",
      detached: true,
    }).unref();
  }
  console.log(`\n${report(sizes, rtts, rounds, perNamespace, started, results, counts).join("\n")}`);
}

async function measureAll(
  sizes: number[],
  rtts: number[],
  rounds: number,
  perNamespace: PerNamespace,
  results: Measurement[],
  created: string[],
  counts: Map<number, number>,
): Promise<void> {
  for (const objects of sizes) {
    for (const rttMs of rtts) {
      await withRoute(rttMs, async (route) => {
        for (let round = 0; round < rounds; round++) {
          const order = round % 2 === 0 ? Object.keys(tools) : Object.keys(tools).reverse();
          for (const tool of order) {
            const prefix = `bench-${tool.split(" ")[0]?.replace(/[^a-z]/g, "")}-${Date.now().toString(36)}`;
            const set = manifestsFor(prefix, objects, perNamespace);
            counts.set(objects, set.count);
            created.push(...set.namespaces);
            const passes: Pass[] =
              tool === "kubeship" ? ["first apply", "re-apply", "plan"] : ["first apply", "re-apply"];
            for (const pass of passes) {
              const run =
                pass === "plan"
                  ? (dir: string) => runKubeship(dir, "m", route, { INPUT_MODE: "plan" })
                  : (tools[tool] as (dir: string, route: Route) => Promise<Run>);
              const timing = await measured(route, () => run(set.dir, route));
              const m: Measurement = { objects, rttMs, tool, pass, ...timing };
              results.push(m);
              const line = [
                `${set.count} objects, RTT ${rttMs} ms, round ${round + 1}: ${tool.padEnd(14)} ${pass.padEnd(12)}`,
                `${(m.ms / 1000).toFixed(2)}s  ${m.requests} requests  ${networkOf([m])}  ${m.peakRssMb.toFixed(0)} MB`,
              ];
              console.log(line.join(" "));
            }
          }
        }
      });
    }
  }
}

function report(
  sizes: number[],
  rtts: number[],
  rounds: number,
  perNamespace: PerNamespace,
  started: string,
  results: Measurement[],
  counts: Map<number, number>,
): string[] {
  const of = (objects: number, rttMs: number, tool: string, pass: string) =>
    results.filter((r) => r.objects === objects && r.rttMs === rttMs && r.tool === tool && r.pass === pass);
  const lines = [
    `Started ${started}; ended ${machine()}.`,
    `Objects: ConfigMaps, Services and Deployments (${Object.values(perNamespace).join("/")}) per namespace, ` +
      `with their Namespaces; ${rounds} round(s); medians (range over rounds).`,
    "",
    "| objects | RTT | pass | kubeship | kubectl | loop HTTP/1.1 | loop HTTP/2 | kubeship/kubectl " +
      "| kubeship/best loop |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const passes = ["first apply", "re-apply"] as const;
  const cases = sizes.flatMap((objects) => rtts.flatMap((rttMs) => passes.map((pass) => ({ objects, rttMs, pass }))));
  for (const { objects, rttMs, pass } of cases) {
    const times = Object.keys(tools).map((tool) => of(objects, rttMs, tool, pass).map((r) => r.ms));
    const [ship = [], kubectl = [], h1 = [], h2 = []] = times;
    const bestLoop = Math.min(median(h1), median(h2));
    lines.push(
      `| ${counts.get(objects) ?? objects} | ${rttMs} ms | ${pass} | ${times.map(seconds).join(" | ")} | ` +
        `${ratio(median(ship), median(kubectl))} | ${ratio(median(ship), bestLoop)} |`,
    );
  }
  lines.push(
    "",
    "| objects | RTT | pass | tool | requests | through the proxy | peak RSS |",
    "| --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const { objects, rttMs, pass } of cases) {
    for (const tool of Object.keys(tools)) {
      const runs = of(objects, rttMs, tool, pass);
      const rss = median(runs.map((r) => r.peakRssMb)).toFixed(0);
      const requests = median(runs.map((r) => r.requests));
      lines.push(
        `| ${counts.get(objects) ?? objects} | ${rttMs} ms | ${pass} | ${tool} | ${requests} | ` +
          `${networkOf(runs)} | ${rss} MB |`,
      );
    }
  }
  lines.push(
    "",
    "kubeship's plan mode (a server-side dry run of every object, once they exist) against its re-apply:",
    "",
    "| objects | RTT | plan | re-apply | plan/re-apply |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const objects of sizes) {
    for (const rttMs of rtts) {
      const plan = of(objects, rttMs, "kubeship", "plan").map((r) => r.ms);
      const reapply = of(objects, rttMs, "kubeship", "re-apply").map((r) => r.ms);
      lines.push(
        `| ${counts.get(objects) ?? objects} | ${rttMs} ms | ${seconds(plan)} | ${seconds(reapply)} | ` +
          `${ratio(median(plan), median(reapply))} |`,
      );
    }
  }
  lines.push("", "kubeship's stages (its debug line, medians):");
  const kubeshipCases = sizes.flatMap((objects) =>
    rtts.flatMap((rttMs) => (["first apply", "re-apply", "plan"] as const).map((pass) => ({ objects, rttMs, pass }))),
  );
  for (const { objects, rttMs, pass } of kubeshipCases) {
    const runs = of(objects, rttMs, "kubeship", pass);
    const what = `${counts.get(objects) ?? objects} objects, RTT ${rttMs} ms, ${pass}`;
    lines.push(`- ${what} (${seconds(runs.map((r) => r.ms))}): ${stageMedians(runs)}`);
  }
  return lines;
}

if (process.argv[2] === "--loop") {
  await loop(process.argv[3] ?? "", process.argv[4] ?? "h1", process.argv[5] ?? paths.kubeconfig);
} else await main();
