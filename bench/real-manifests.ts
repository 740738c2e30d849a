// Install-manifest benchmark: kubeship (the bundled action, `wait: false`) against the test cluster's
// `kubectl apply --server-side` on sets shaped like the install manifests users deploy, first apply and
// unchanged re-apply, at each round trip asked for (through test/helpers/latency-proxy.ts above 0).
//
// This machine has no network, so argo-cd's install.yaml, ingress-nginx's deploy.yaml, longhorn.yaml and
// prometheus-operator's CRDs cannot be downloaded, and no copy of them is on it. What is used instead:
// - gateway-api: a real install manifest that is on the machine, Gateway API v1.0.0-rc1's standard
//   install (4 CRDs with CEL rules, 469 KB), from k8s.io/apiextensions-apiserver's test data in the Go
//   module cache the test cluster was built from; skipped when that cache is not there;
// - large-crds: generated stand-in for prometheus-operator's full CRDs (10 CRDs, about 5.3 MB, the
//   largest near 1 MB) with 50 ordinary objects, as an operator's install has;
// - small-crds: generated stand-in for longhorn.yaml (23 small CRDs, 28 ordinary objects);
// - ordinary: generated stand-in for ingress-nginx's deploy.yaml (19 ordinary objects, no CRDs).
// bench/stand-ins.ts says what the stand-ins copy from the real sets. Every run gets its own API
// group and names (the real set's group is renamed), so every first apply creates; each run's objects
// are deleted, and its CRDs gone, before the next run starts.
//
//   node bench/real-manifests.ts [--rounds 1] [--rtt 0,30] [--sets gateway-api,large-crds,small-crds,ordinary]
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { paths } from "../test/cluster/layout.ts";
import { repoRoot } from "../test/helpers/action.ts";
import { gatewayApiInstall } from "./gateway-api.ts";
import { largeCrds, type ManifestSet, manySmallCrds, ordinaryOnly } from "./stand-ins.ts";
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
  withRoute,
} from "./tools.ts";

const run = promisify(execFile);

function gatewayApi(file: string): (id: string) => ManifestSet {
  const text = readFileSync(file, "utf8");
  return (id) => {
    const group = `gateway.${id}.bench.test`;
    const renamed = text.replaceAll("gateway.networking.k8s.io", group);
    const crds = [...renamed.matchAll(/^ {2}name: (\S+)$/gm)].map((m) => m[1] ?? "").filter((n) => n.endsWith(group));
    return { documents: [renamed], crds };
  };
}

const sets: Record<string, { describe: string; make: ((id: string) => ManifestSet) | undefined }> = {
  "gateway-api": { describe: "Gateway API v1.0.0-rc1 standard install (real)", make: undefined },
  "large-crds": { describe: "stand-in for prometheus-operator's CRDs, with 50 ordinary objects", make: largeCrds },
  "small-crds": { describe: "stand-in for longhorn.yaml", make: manySmallCrds },
  ordinary: { describe: "stand-in for ingress-nginx's deploy.yaml", make: ordinaryOnly },
};

interface Measurement extends Run {
  set: string;
  rttMs: number;
  tool: string;
  pass: "first apply" | "re-apply";
}

const tools: Record<string, (dir: string, route: Route) => Promise<Run>> = {
  kubeship: (dir, route) => runKubeship(dir, "m", route),
  kubectl: (dir, route) => runKubectl(dir, "m", route),
};

async function admin(args: string[]): Promise<void> {
  const env = { ...process.env, KUBECONFIG: paths.kubeconfig };
  await run(kubectlPath(), args, { env, maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Deletes a run's objects and waits until its CRDs are gone, so that the next run starts from a quiet server.
 * A CRD whose deletion outlasts the wait (seen on this machine: over 180 s for one of Gateway API's) does not end
 * the benchmark: every run renames its group, so nothing clashes, and the line printed says the server was busier.
 */
async function remove(dir: string, set: ManifestSet): Promise<void> {
  await admin(["delete", "-R", "-f", join(dir, "m"), "--ignore-not-found", "--wait=false"]);
  if (set.crds.length === 0) return;
  try {
    await admin(["wait", "--for=delete", "--timeout=180s", ...set.crds.map((c) => `crd/${c}`)]);
  } catch {
    console.log(`  (its CRDs were still being deleted after 180 s; the next run may meet a busier server)`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "1" },
      rtt: { type: "string", default: "0,30" },
      sets: { type: "string", default: Object.keys(sets).join(",") },
    },
  });
  const rounds = Number(values.rounds);
  execFileSync(process.execPath, [join(repoRoot, "test", "cluster", "cluster.ts"), "up"], { stdio: "inherit" });
  const rtts = numbers(values.rtt);
  const gateway = gatewayApiInstall();
  const gatewaySet = sets["gateway-api"];
  if (gateway !== undefined && gatewaySet !== undefined) gatewaySet.make = gatewayApi(gateway);
  const chosen = values.sets.split(",").filter((name) => {
    if (sets[name] === undefined) throw new Error(`no set ${name}: ${Object.keys(sets).join(", ")}`);
    if (sets[name].make === undefined) console.warn(`${name}: not on this machine (no Go module cache), skipped`);
    return sets[name].make !== undefined;
  });
  const started = machine();
  const results: Measurement[] = [];
  const shapes = new Map<string, string>();
  let runs = 0;
  for (const name of chosen) {
    const make = sets[name]?.make as (id: string) => ManifestSet;
    for (const rttMs of rtts) {
      await withRoute(rttMs, async (route) => {
        for (let round = 0; round < rounds; round++) {
          const order = round % 2 === 0 ? Object.keys(tools) : Object.keys(tools).reverse();
          for (const tool of order) {
            const id = `b${Date.now().toString(36)}${(runs++).toString(36)}`;
            const set = make(id);
            const dir = mkdtempSync(join(tmpdir(), `kubeship-bench-${name}-`));
            mkdirSync(join(dir, "m"));
            const text = set.documents.join("---\n");
            writeFileSync(join(dir, "m", "install.yaml"), text);
            const objects = set.documents.reduce((n, d) => n + (d.match(/^kind: /gm)?.length ?? 0), 0);
            shapes.set(name, `${objects} objects, ${set.crds.length} CRDs, ${(text.length / 1024).toFixed(0)} KB`);
            try {
              for (const pass of ["first apply", "re-apply"] as const) {
                const runTool = tools[tool] as (dir: string, route: Route) => Promise<Run>;
                const timing = await measured(route, () => runTool(dir, route));
                const m: Measurement = { set: name, rttMs, tool, pass, ...timing };
                results.push(m);
                const what = `${name}, RTT ${rttMs} ms, round ${round + 1}: ${tool.padEnd(9)} ${pass.padEnd(12)}`;
                const cpu = `${((m.cpuMs ?? 0) / 1000).toFixed(2)}s CPU`;
                console.log(`${what} ${(m.ms / 1000).toFixed(2)}s  ${cpu}  ${m.requests} requests  ${networkOf([m])}`);
              }
            } finally {
              await remove(dir, set);
            }
          }
        }
      });
    }
  }

  const of = (set: string, rttMs: number, tool: string, pass: string) =>
    results.filter((r) => r.set === set && r.rttMs === rttMs && r.tool === tool && r.pass === pass);
  const passes = ["first apply", "re-apply"] as const;
  const cases = chosen.flatMap((set) => rtts.flatMap((rttMs) => passes.map((pass) => ({ set, rttMs, pass }))));
  const lines = [`Started ${started}; ended ${machine()}. ${rounds} round(s); medians (range over rounds).`, ""];
  for (const name of chosen) lines.push(`- ${name}: ${sets[name]?.describe ?? ""}; ${shapes.get(name) ?? ""}`);
  lines.push(
    "",
    "| set | RTT | pass | kubeship | kubectl | kubeship/kubectl | CPU: kubeship, kubectl | requests (kubeship, kubectl) | " +
      "through the proxy: kubeship; kubectl | peak RSS kubeship |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  );
  for (const { set, rttMs, pass } of cases) {
    const ship = of(set, rttMs, "kubeship", pass);
    const kubectl = of(set, rttMs, "kubectl", pass);
    const ms = (some: Measurement[]) => some.map((r) => r.ms);
    const requests = `${median(ship.map((r) => r.requests))}, ${median(kubectl.map((r) => r.requests))}`;
    const rss = median(ship.map((r) => r.peakRssMb)).toFixed(0);
    const network = `${networkOf(ship)}; ${networkOf(kubectl)}`;
    const cpu = (some: Measurement[]) => seconds(some.map((r) => r.cpuMs ?? 0));
    lines.push(
      `| ${set} | ${rttMs} ms | ${pass} | ${seconds(ms(ship))} | ${seconds(ms(kubectl))} | ` +
        `${ratio(median(ms(ship)), median(ms(kubectl)))} | ${cpu(ship)}, ${cpu(kubectl)} | ${requests} | ${network} | ${rss} MB |`,
    );
  }
  lines.push("", "kubeship's stages (its debug line, medians):");
  for (const { set, rttMs, pass } of cases) {
    const ship = of(set, rttMs, "kubeship", pass);
    lines.push(`- ${set}, RTT ${rttMs} ms, ${pass} (${seconds(ship.map((r) => r.ms))}): ${stageMedians(ship)}`);
  }
  console.log(`\n${lines.join("\n")}`);
}

await main();
