// Times kustomize.wasm: reading and compiling the module, and rendering a `resources`-only
// kustomization and an overlay with a strategic-merge patch (examples/deploy/overlays/prod), each in
// a fresh process as the action runs it once per step, plus wall and CPU time per render. Prints only.
//
//   node bench/kustomize.ts [--runs 5]
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const runsFlag = process.argv.indexOf("--runs");
const runs = runsFlag === -1 ? 5 : Number(process.argv[runsFlag + 1]);

// One measurement in a fresh process: compile, first render, and a second render of the same input.
const child = `
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadManifests } from ${JSON.stringify(join(root, "src/manifests/load.ts"))};
// the modules a render loads lazily, imported before the clock starts: the action runs them bundled
// (dist/render-*.js), where this process would also strip their TypeScript types
await import(${JSON.stringify(join(root, "src/manifests/kustomize/render.ts"))});
const [kind] = process.argv.slice(1);
let ws = ${JSON.stringify(root)}, entry = "examples/deploy/overlays/prod";
if (kind === "resources") {
  ws = mkdtempSync(join(tmpdir(), "kubeship-bench-"));
  writeFileSync(join(ws, "kustomization.yaml"), "resources:\\n- app.yaml\\n");
  writeFileSync(join(ws, "app.yaml"), ${JSON.stringify("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")});
  entry = ".";
}
const time = async () => {
  const wall = performance.now(), cpu = process.cpuUsage();
  await loadManifests([entry], ws);
  const used = process.cpuUsage(cpu);
  return [performance.now() - wall, (used.user + used.system) / 1000];
};
const first = await time();
const second = await time();
console.log(JSON.stringify({ first, second }));
`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const size = statSync(join(root, "dist", "kustomize.wasm")).size;
console.log(`dist/kustomize.wasm: ${(size / 1024 / 1024).toFixed(1)} MiB (${size} bytes)`);
for (const kind of ["resources", "smp"]) {
  const samples = Array.from({ length: runs }, () => {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", child, kind], { encoding: "utf8" });
    return JSON.parse(out) as { first: [number, number]; second: [number, number] };
  });
  const f = (values: number[]) => `${median(values).toFixed(0)} ms`;
  console.log(
    `${kind === "smp" ? "overlay with a strategic-merge patch" : "resources-only kustomization"}: ` +
      `first render in a process (module read and compiled) ${f(samples.map((s) => s.first[0]))} wall, ` +
      `${f(samples.map((s) => s.first[1]))} CPU; a later render ${f(samples.map((s) => s.second[0]))} wall, ` +
      `${f(samples.map((s) => s.second[1]))} CPU (median of ${runs})`,
  );
}
