// Parsing: MB/s of parseManifest (positions kept) on the real installs (argo-cd, ingress-nginx,
// prometheus-operator and Gateway API, from their Go modules; bench/real-installs.ts) and the
// install-manifest stand-ins; each set parsed `--rounds` times in this process after
// one warm-up, the median reported, of wall time and of this process's CPU time (user + system, which
// load on a shared machine inflates much less than wall time). No cluster needed.
//   node bench/parse.ts [--rounds 5]
import { parseArgs } from "node:util";
import { parseManifest } from "../src/manifests/load.ts";
import { applyDocuments, mixes } from "./apply-manifests.ts";
import { gatewayApiText, installNames, realInstall } from "./real-installs.ts";
import { largeCrds, manySmallCrds, ordinaryOnly } from "./stand-ins.ts";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" } } });
const rounds = Number(values.rounds);

const gateway = gatewayApiText();
const real = installNames.flatMap((name): [string, string][] => {
  const text = realInstall(name, true);
  return text === undefined ? [] : [[`${name} (real)`, text]];
});
const sets: [string, string][] = [
  ...real,
  ["large-crds (stand-in for prometheus-operator's CRDs)", largeCrds("p").documents.join("---\n")],
  ["largest CRD alone (~1 MB)", largeCrds("p").documents[0] ?? ""],
  ["small-crds (stand-in for longhorn.yaml)", manySmallCrds("p").documents.join("---\n")],
  ["ordinary (stand-in for ingress-nginx)", ordinaryOnly("p").documents.join("---\n")],
  ...(gateway === undefined ? [] : [["gateway-api (real)", gateway] as [string, string]]),
  // what bench/apply.ts applies (flow collections), its two files as one text, and as `kubectl get -o json`
  // would print them
  ["bench/apply.ts's 303 objects", applyText(300)],
  ["bench/apply.ts's 1,010 objects", applyText(1000)],
  ["the 1,010 objects as a JSON List", applyJson(1000)],
];

function applyText(objects: number): string {
  const { nsDocs, docs } = applyDocuments("p", objects, mixes.mixed);
  return [...nsDocs, ...docs].join("---\n");
}

function applyJson(objects: number): string {
  const items = applyText(objects)
    .split("---\n")
    .map((doc) => parseManifest(doc, "doc.yaml").objects[0]?.object);
  return JSON.stringify({ apiVersion: "v1", kind: "List", items }, null, 4) + "\n";
}

const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

console.log("| set | size | objects | median wall | MB/s (wall) | median CPU | MB/s (CPU) |");
console.log("| --- | --- | --- | --- | --- | --- | --- |");
for (const [name, text] of sets) {
  const mb = Buffer.byteLength(text) / 1e6;
  let objects = 0;
  parseManifest(text, "warm-up.yaml");
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    objects = parseManifest(text, "bench.yaml").objects.length;
    const used = process.cpuUsage(cpuStarted);
    wall.push(performance.now() - started);
    cpu.push((used.user + used.system) / 1000);
  }
  const [w, c] = [median(wall), median(cpu)];
  const rate = (ms: number) => (mb / (ms / 1000)).toFixed(1);
  const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);
  console.log(`| ${name} | ${mb.toFixed(2)} MB | ${objects} | ${ms(w)} ms | ${rate(w)} | ${ms(c)} ms | ${rate(c)} |`);
}
