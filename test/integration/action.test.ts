// The bundled action, run as the GitHub runner runs it, against the test cluster: deploys examples/,
// reports what changed, fails naming the object when a rollout cannot finish, and rejects bad input
// before writing anything. Every log is also scanned for the credentials it was given.
import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { parse } from "yaml";
import type { ObjectOutput } from "../../src/report/outputs.ts";
import { type ActionRun, maskedValues, runAction, visibleLog } from "../helpers/action.ts";
import { exampleWorkspace, workspaceWith } from "../helpers/workspace.ts";
import { adminKubeconfig, createNamespace, deleteNamespace, getJson, kubectl } from "../helpers/cluster.ts";

const kubeconfig = adminKubeconfig();
const namespaces: string[] = [];

after(async () => {
  for (const ns of namespaces) await deleteNamespace(ns);
});

/** The secrets in the kubeconfig the tests hand to the action. */
function kubeconfigSecrets(): string[] {
  const config = parse(kubeconfig) as { users: { user: { "client-key-data": string } }[] };
  const keyData = config.users[0]?.user["client-key-data"] ?? "";
  const keyLines = Buffer.from(keyData, "base64")
    .toString("utf8")
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("-----"));
  return [keyData, ...keyLines];
}

/** No secret is visible to a reader of the log, outputs or summary, and each was registered for masking. */
function assertNoSecretLeaked(run: ActionRun): void {
  const readable = [visibleLog(run.log), JSON.stringify(run.outputs), run.summary].join("\n");
  const masked = maskedValues(run.log);
  for (const secret of kubeconfigSecrets()) {
    assert.ok(!readable.includes(secret), "a secret from the kubeconfig appears in the log, outputs or summary");
    assert.ok(masked.includes(secret), "a secret from the kubeconfig was not registered with ::add-mask::");
  }
  // The kubeconfig itself (its certificate data, for instance) is never printed either.
  assert.ok(!readable.includes(kubeconfig.slice(0, 200)));
}

describe("the action deploys examples/ end to end", () => {
  it("creates the app, waits for the rollout, then a second run changes nothing", async () => {
    const ns = `kubeship-example-${Date.now().toString(36)}`;
    namespaces.push(ns);
    const ws = exampleWorkspace(ns);

    const first = await runAction({ workspace: ws, inputs: { manifests: "examples/app", kubeconfig, timeout: "2m" } });
    assert.equal(first.exitCode, 0, visibleLog(first.log));
    assert.equal(first.outputs.result, "success");
    assert.equal(first.outputs.changed, "4");
    const objects = JSON.parse(first.outputs.objects ?? "[]") as ObjectOutput[];
    assert.deepEqual(
      objects.map((o) => [o.kind, o.namespace, o.name, o.file, o.line, o.action, o.rollout]),
      [
        // in manifest order (files sorted by name), though the Namespace was applied first
        ["ConfigMap", ns, "hello-config", "examples/app/app.yaml", 2, "created", "ready"],
        ["Deployment", ns, "hello", "examples/app/app.yaml", 10, "created", "ready"],
        ["Service", ns, "hello", "examples/app/app.yaml", 40, "created", "ready"],
        ["Namespace", undefined, ns, "examples/app/namespace.yaml", 1, "created", "ready"],
      ],
    );
    assert.match(visibleLog(first.log), /deployment\/hello: rolled out, 2\/2 available/);
    assert.match(first.summary, /✅ Deployed/);
    assert.match(first.summary, new RegExp(`\`Deployment/${ns}/hello\` \\| created \\| ready`));
    assertNoSecretLeaked(first);

    // The rollout really finished: the Deployment is available on the cluster.
    const deployment = await getJson<{ status: { availableReplicas?: number; updatedReplicas?: number } }>([
      "get",
      "deployment",
      "hello",
      "-n",
      ns,
    ]);
    assert.equal(deployment.status.availableReplicas, 2);
    const managers = await getJson<{ metadata: { managedFields: { manager: string; operation: string }[] } }>([
      "get",
      "configmap",
      "hello-config",
      "-n",
      ns,
      "--show-managed-fields",
    ]);
    assert.ok(
      managers.metadata.managedFields.some((m) => m.manager === "kubeship" && m.operation === "Apply"),
      "applied with field manager kubeship",
    );

    const second = await runAction({ workspace: ws, inputs: { manifests: "examples/app", kubeconfig, timeout: "2m" } });
    assert.equal(second.exitCode, 0, visibleLog(second.log));
    assert.equal(second.outputs.changed, "0");
    assert.deepEqual(
      (JSON.parse(second.outputs.objects ?? "[]") as ObjectOutput[]).map((o) => o.action),
      ["unchanged", "unchanged", "unchanged", "unchanged"],
    );
  });

  it("takes the kubeconfig as base64 and masks the encoded form too", async () => {
    const ns = await createNamespace("kubeship-b64");
    namespaces.push(ns);
    const ws = workspaceWith({
      "cm.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {a: "1"}\n`,
    });
    const encoded = Buffer.from(kubeconfig).toString("base64");
    const run = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml", kubeconfig: encoded, namespace: ns },
    });
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.ok(maskedValues(run.log).includes(encoded));
    assert.ok(!visibleLog(run.log).includes(encoded));
    assertNoSecretLeaked(run);
    assert.equal((await getJson<{ data: { a: string } }>(["get", "configmap", "settings", "-n", ns])).data.a, "1");
  });

  it("with fail-fast: false, fails naming the Deployment only after the timeout when its pods crash-loop", async () => {
    const ns = await createNamespace("kubeship-crash");
    namespaces.push(ns);
    const ws = workspaceWith({
      "app.yaml": [
        "apiVersion: apps/v1",
        "kind: Deployment",
        "metadata:",
        "  name: crasher",
        "spec:",
        "  selector: {matchLabels: {app: crasher}}",
        "  template:",
        "    metadata:",
        "      labels: {app: crasher, kubeship.test/simulate: crashloop}",
        "    spec:",
        "      containers: [{name: app, image: registry.example/app:1}]",
        "",
      ].join("\n"),
    });
    const started = Date.now();
    const run = await runAction({
      workspace: ws,
      inputs: { manifests: "app.yaml", kubeconfig, namespace: ns, timeout: "8s", "fail-fast": "false" },
    });
    assert.notEqual(run.exitCode, 0);
    assert.ok(Date.now() - started >= 8_000, "waited for the timeout");
    assert.equal(run.outputs.result, "failure");
    const objects = JSON.parse(run.outputs.objects ?? "[]") as ObjectOutput[];
    assert.equal(objects[0]?.rollout, "timeout");
    // The failure is an error annotation on the manifest line, naming the Deployment.
    assert.match(
      run.log,
      new RegExp(
        `::error file=app\\.yaml,line=1::app\\.yaml:1: Deployment/${ns}/crasher did not become ready within 8\\.0s: 1/1 updated, 0/1 available; CrashLoopBackOff on pod crasher-`,
      ),
    );
    assert.match(run.summary, /❌ Deploy failed/);
    assertNoSecretLeaked(run);
  });

  it("with wait: false, applies and returns without waiting", async () => {
    const ns = await createNamespace("kubeship-nowait");
    namespaces.push(ns);
    const ws = workspaceWith({
      "app.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: slow}\nspec:\n  selector: {matchLabels: {app: slow}}\n  template:\n    metadata: {labels: {app: slow}, annotations: {kubeship.test/ready-after: '60'}}\n    spec: {containers: [{name: app, image: registry.example/app:1}]}\n",
    });
    const run = await runAction({
      workspace: ws,
      inputs: { manifests: "app.yaml", kubeconfig, namespace: ns, wait: "false" },
    });
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.equal((JSON.parse(run.outputs.objects ?? "[]") as ObjectOutput[])[0]?.rollout, "skipped");
  });
});

describe("bad input fails before anything is written", () => {
  it("rejects invalid inputs, all at once", async () => {
    const run = await runAction({ inputs: { manifests: "examples/app", kubeconfig, timeout: "soon", wait: "maybe" } });
    assert.equal(run.exitCode, 1);
    assert.match(
      run.log,
      /::error::2 input problems:%0A- wait: "maybe" is not a boolean \(use true or false\)%0A- timeout: "soon" is not a duration/,
    );
    assert.equal(run.outputs.result, "failure");
  });

  it("writes nothing when one object's kind is unknown, and names its file:line", async () => {
    const ns = await createNamespace("kubeship-invalid");
    namespaces.push(ns);
    const ws = workspaceWith({
      "good.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: must-not-exist}\n",
      "bad.yaml": "# a typo in the kind\napiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: web}\n",
    });
    const run = await runAction({
      workspace: ws,
      inputs: { manifests: "good.yaml\nbad.yaml", kubeconfig, namespace: ns },
    });
    assert.equal(run.exitCode, 1);
    assert.match(
      run.log,
      /::error file=bad\.yaml,line=2::bad\.yaml:2: Deploymnet\/web: the cluster does not serve kind Deploymnet in apps\/v1/,
    );
    const configMaps = await kubectl(["get", "configmaps", "-n", ns, "-o", "name"]);
    assert.ok(!configMaps.includes("must-not-exist"), "nothing may be applied when any manifest is invalid");
  });

  it("reports a malformed manifest with its line, without contacting the cluster", async () => {
    const ws = workspaceWith({
      "broken.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {a: b\n",
    });
    // An unreachable server proves that validation happens before any request.
    const unreachable = kubeconfig.replace(/server: .*/, "server: https://127.0.0.1:1");
    const run = await runAction({ workspace: ws, inputs: { manifests: "broken.yaml", kubeconfig: unreachable } });
    assert.equal(run.exitCode, 1);
    assert.match(run.log, /::error file=broken\.yaml,line=\d::broken\.yaml:\d: YAML syntax/);
    assert.doesNotMatch(run.log, /cannot reach/);
  });

  it("says clearly when the server cannot be reached", async () => {
    const ws = workspaceWith({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n" });
    const unreachable = kubeconfig.replace(/server: .*/, "server: https://127.0.0.1:1");
    const run = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml", kubeconfig: unreachable, timeout: "20s" },
    });
    assert.equal(run.exitCode, 1);
    assert.match(run.log, /cannot reach https:\/\/127\.0\.0\.1:1: connection refused/);
    assertNoSecretLeaked(run);
  });
});

describe("the post step", () => {
  it("says there is nothing to clean up when the main step saved no state", async () => {
    const run = await runAction({ entry: "post", inputs: {} });
    assert.equal(run.exitCode, 0);
    assert.match(run.log, /nothing to clean up/);
  });
});
