// Parsing: MB/s of parseManifest (positions kept) on the install-manifest stand-ins and, where it is
// on the machine, Gateway API's real install; each set parsed `--rounds` times in this process after
// one warm-up, the median reported. No cluster needed.
//   node bench/parse.ts [--rounds 5]
import { parseArgs } from "node:util";
import { parseManifest } from "../src/manifests/load.ts";
import { readFileSync } from "node:fs";
import { gatewayApiInstall } from "./gateway-api.ts";
import { largeCrds, manySmallCrds, ordinaryOnly } from "./stand-ins.ts";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "5" } } });
const rounds = Number(values.rounds);

const gatewayFile = gatewayApiInstall();
const gateway = gatewayFile === undefined ? undefined : readFileSync(gatewayFile, "utf8");
const sets: [string, string][] = [
  ["large-crds (stand-in for prometheus-operator's CRDs)", largeCrds("p").documents.join("---\n")],
  ["largest CRD alone (~1 MB)", largeCrds("p").documents[0] ?? ""],
  ["small-crds (stand-in for longhorn.yaml)", manySmallCrds("p").documents.join("---\n")],
  ["ordinary (stand-in for ingress-nginx)", ordinaryOnly("p").documents.join("---\n")],
  ...(gateway === undefined ? [] : [["gateway-api (real)", gateway] as [string, string]]),
];

console.log("| set | size | objects | median parse | MB/s |");
console.log("| --- | --- | --- | --- | --- |");
for (const [name, text] of sets) {
  const mb = Buffer.byteLength(text) / 1e6;
  let objects = 0;
  parseManifest(text, "warm-up.yaml");
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    objects = parseManifest(text, "bench.yaml").objects.length;
    times.push(performance.now() - started);
  }
  const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
  console.log(
    `| ${name} | ${mb.toFixed(2)} MB | ${objects} | ${median.toFixed(0)} ms | ${(mb / (median / 1000)).toFixed(1)} |`,
  );
}
