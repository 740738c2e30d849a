// Install-manifest benchmark: kubeship (the bundled action, `wait: false`) against the test cluster's
// `kubectl apply --server-side` on the install manifests users deploy, first apply and unchanged
// re-apply, at each round trip asked for (through test/helpers/latency-proxy.ts above 0).
//
// The real installs come from the Go modules that publish them (bench/real-installs.ts), downloaded
// into the Go module cache on first use: argo-cd's install.yaml, ingress-nginx's deploy.yaml,
// prometheus-operator's full CRDs, and Gateway API's standard install. longhorn's repository is not
// served by the Go module proxy, so `small-crds` is a generated stand-in for longhorn.yaml (23 small
// CRDs, 28 ordinary objects; bench/stand-ins.ts says what it copies). A set whose module cannot be had
// is skipped with a line that says so. Every run renames the set's API group and namespace, so that
// every first apply creates; each run's objects are deleted, and its CRDs gone, before the next run.
//
//   node bench/real-manifests.ts [--rounds 1] [--rtt 0,30]
//     [--sets argo-cd,ingress-nginx,prometheus-operator,gateway-api,small-crds]
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs, promisify } from "node:util";
import { paths } from "../test/cluster/layout.ts";
import { repoRoot } from "../test/helpers/action.ts";
import { gatewayApiText, installs, realInstall } from "./real-installs.ts";
import { type ManifestSet, manySmallCrds } from "./stand-ins.ts";
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

/**
 * A real install renamed for one run: each `[from, to]` replaced throughout (its API group, its namespace),
 * a Namespace added for `namespace`. Its CRDs are the objects named in a renamed group.
 */
function renamed(text: string, replacements: [string, string][], namespace?: string): ManifestSet {
  const documents = [replacements.reduce((t, [from, to]) => t.replaceAll(from, to), text)];
  const crds = [...(documents[0] ?? "").matchAll(/^ {2}name: (\S+\.bench\.test)$/gm)].map((m) => m[1] ?? "");
  if (namespace === undefined) return { documents, crds };
  return {
    documents: [`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n`, ...documents],
    crds,
    namespace,
  };
}

interface SetSource {
  describe: string;
  /** the install's text; undefined when it is not on this machine and cannot be downloaded */
  load: () => string | undefined;
  make: (text: string, id: string) => ManifestSet;
}

const sets: Record<string, SetSource> = {
  "argo-cd": {
    describe: installs["argo-cd"].describe,
    load: () => realInstall("argo-cd", true),
    // its namespaced objects name no namespace (users apply it with `-n argocd`); its bindings name `argocd`
    make: (text, id) =>
      renamed(
        text,
        [
          ["argoproj.io", `argoproj.${id}.bench.test`],
          ["namespace: argocd\n", `namespace: ${id}-argocd\n`],
        ],
        `${id}-argocd`,
      ),
  },
  "ingress-nginx": {
    describe: installs["ingress-nginx"].describe,
    load: () => realInstall("ingress-nginx", true),
    make: (text, id) => renamed(text, [["ingress-nginx", `${id}-ingress-nginx`]]),
  },
  "prometheus-operator": {
    describe: installs["prometheus-operator"].describe,
    load: () => realInstall("prometheus-operator", true),
    make: (text, id) => renamed(text, [["monitoring.coreos.com", `monitoring.${id}.bench.test`]]),
  },
  "gateway-api": {
    describe: "Gateway API v1.0.0-rc1 standard install",
    load: gatewayApiText,
    make: (text, id) => renamed(text, [["gateway.networking.k8s.io", `gateway.${id}.bench.test`]]),
  },
  "small-crds": {
    describe: "generated stand-in for longhorn.yaml",
    load: () => "",
    make: (_, id) => manySmallCrds(id),
  },
};

interface Measurement extends Run {
  set: string;
  rttMs: number;
  tool: string;
  pass: "first apply" | "re-apply";
}

const tools: Record<string, (dir: string, route: Route, namespace?: string) => Promise<Run>> = {
  kubeship: (dir, route, namespace) =>
    runKubeship(dir, "m", route, namespace === undefined ? {} : { INPUT_NAMESPACE: namespace }),
  kubectl: (dir, route, namespace) => runKubectl(dir, "m", route, namespace === undefined ? [] : ["-n", namespace]),
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
  const namespace = set.namespace === undefined ? [] : ["-n", set.namespace];
  await admin(["delete", "-R", "-f", join(dir, "m"), "--ignore-not-found", "--wait=false", ...namespace]);
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
  const texts = new Map<string, string>();
  for (const name of values.sets.split(",")) {
    if (sets[name] === undefined) throw new Error(`no set ${name}: ${Object.keys(sets).join(", ")}`);
    const text = sets[name].load();
    if (text === undefined) console.warn(`${name}: not on this machine and not downloaded, skipped`);
    else texts.set(name, text);
  }
  const chosen = [...texts.keys()];
  const started = machine();
  const results: Measurement[] = [];
  const shapes = new Map<string, string>();
  let runs = 0;
  for (const name of chosen) {
    const make = (id: string) => (sets[name] as SetSource).make(texts.get(name) ?? "", id);
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
                const runTool = tools[tool] as (dir: string, route: Route, namespace?: string) => Promise<Run>;
                const timing = await measured(route, () => runTool(dir, route, set.namespace));
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
