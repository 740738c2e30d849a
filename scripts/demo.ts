// `npm run demo`: brings up the local test cluster and deploys examples/ with kubeship's bundled
// action, run exactly as the GitHub runner runs it, then shows what it did.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot, runAction, visibleLog } from "../test/helpers/action.ts";
import { adminKubeconfig, kubectl } from "../test/helpers/cluster.ts";

const up = spawnSync(process.execPath, [join(repoRoot, "test", "cluster", "cluster.ts"), "up"], { stdio: "inherit" });
if (up.status !== 0) process.exit(up.status ?? 1);

console.log("\n$ node dist/index.js   (INPUT_MANIFESTS=examples/app, INPUT_KUBECONFIG=<the test cluster's>)\n");
const run = await runAction({ inputs: { manifests: "examples/app", kubeconfig: adminKubeconfig(), timeout: "2m" } });
console.log(visibleLog(run.log).trimEnd());
console.log(`\nexit code ${run.exitCode}\n\noutputs:`);
for (const [name, value] of Object.entries(run.outputs)) console.log(`  ${name} = ${value}`);
console.log(`\njob summary:\n\n${run.summary}`);
console.log("$ kubectl get deploy,pods,svc -n kubeship-example");
console.log(await kubectl(["get", "deploy,pods,svc", "-n", "kubeship-example"]));

// The post step, as the runner runs it after the job: it removes the kubeconfig exported for later steps.
const post = await runAction({ entry: "post", inputs: {}, state: run.state });
console.log(`$ node dist/post.js\n${visibleLog(post.log).trimEnd()}`);
process.exitCode = run.exitCode;
