// Times kustomize.wasm: preparing the module (reading, compiling and instantiating it, which the action
// starts before it connects), then rendering a `resources`-only kustomization and an overlay with a
// strategic-merge patch (examples/deploy/overlays/prod) on it, each in a fresh process as the action
// runs it once per step, and a later render in the same process; wall and CPU time. Prints only.
//
//   node bench/kustomize.ts [--runs 5]
import { execFileSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const runsFlag = process.argv.indexOf("--runs");
const runs = runsFlag === -1 ? 5 : Number(process.argv[runsFlag + 1]);

// One measurement in a fresh process: prepare, first render, and a second render of the same input.
const child = `
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadManifests } from ${JSON.stringify(join(root, "src/manifests/load.ts"))};
// the modules a render loads lazily, imported before the clock starts: the action runs them bundled
// (dist/render-*.js), where this process would also strip their TypeScript types
await import(${JSON.stringify(join(root, "src/manifests/kustomize/render.ts"))});
const { readyKustomize } = await import(${JSON.stringify(join(root, "src/manifests/kustomize/module.ts"))});
// importing the TypeScript sources loads yaml, a CommonJS package, through Node's own WebAssembly lexer,
// which V8 then optimises on background threads: let that finish, as it never happens in the bundle
await new Promise((resolve) => setTimeout(resolve, 1000));
const [kind] = process.argv.slice(1);
let ws = ${JSON.stringify(root)}, entry = "examples/deploy/overlays/prod";
if (kind === "resources") {
  ws = mkdtempSync(join(tmpdir(), "kubeship-bench-"));
  writeFileSync(join(ws, "kustomization.yaml"), "resources:\\n- app.yaml\\n");
  writeFileSync(join(ws, "app.yaml"), ${JSON.stringify("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")});
  entry = ".";
}
const time = async (step) => {
  const wall = performance.now(), cpu = process.cpuUsage();
  await step();
  const used = process.cpuUsage(cpu);
  return [performance.now() - wall, (used.user + used.system) / 1000];
};
const prepare = await time(() => readyKustomize());
const first = await time(() => loadManifests([entry], ws));
const second = await time(() => loadManifests([entry], ws));
console.log(JSON.stringify({ prepare, first, second }));
`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const size = statSync(join(root, "dist", "kustomize.wasm")).size;
console.log(`dist/kustomize.wasm: ${(size / 1024 / 1024).toFixed(1)} MiB (${size} bytes)`);
for (const kind of ["resources", "smp"]) {
  const samples = Array.from({ length: runs }, () => {
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", child, kind], { encoding: "utf8" });
    return JSON.parse(out) as Record<"prepare" | "first" | "second", [number, number]>;
  });
  const f = (step: "prepare" | "first" | "second") =>
    `${median(samples.map((s) => s[step][0])).toFixed(0)} ms wall, ${median(samples.map((s) => s[step][1])).toFixed(0)} ms CPU`;
  const whole = (i: 0 | 1) => median(samples.map((s) => s.prepare[i] + s.first[i])).toFixed(0);
  console.log(
    `${kind === "smp" ? "overlay with a strategic-merge patch" : "resources-only kustomization"} ` +
      `(median of ${runs}): module prepared (read, compiled, instantiated) ${f("prepare")}; ` +
      `first render ${f("first")}; a later render ${f("second")}; ` +
      `prepared and first render together ${whole(0)} ms wall, ${whole(1)} ms CPU`,
  );
}
