// The apply engine against the test cluster: ordering (CRDs and Namespaces first, in one run),
// validation before any write, conflicts, taking over kubectl's objects, immutable fields, images,
// field validation, plan mode and ApplySet pruning.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, it } from "node:test";
import { applySetId } from "../../src/apply/applyset.ts";
import { maskedValues, runAction, visibleLog } from "../helpers/action.ts";
import { kubernetesVersion } from "../cluster/layout.ts";
import { adminKubeconfig, createNamespace, getJson, kubectl } from "../helpers/cluster.ts";
import { type Fault, startFaultyProxy } from "../helpers/faulty-proxy.ts";
import { crdYaml } from "../helpers/manifests.ts";
import { actionsOf, objectsOf, workspaceWith, writeFiles } from "../helpers/workspace.ts";

const kubeconfig = adminKubeconfig();
const cleanup: string[][] = [];

after(async () => {
  for (const args of cleanup) await kubectl(["delete", "--wait=false", "--ignore-not-found", ...args]);
});

async function namespace(prefix: string): Promise<string> {
  const ns = await createNamespace(prefix);
  cleanup.push(["namespace", ns]);
  return ns;
}

const suffix = () => randomBytes(3).toString("hex");

interface Meta {
  metadata: { resourceVersion: string; labels?: Record<string, string>; annotations?: Record<string, string> };
}

describe("ordering: one run applies what depends on what comes later in the file", () => {
  it("applies a custom resource before its CRD and objects before their Namespace; plan mode shows all to be created", async () => {
    const id = suffix();
    const group = `kubeship-${id}.test`;
    const ns = `kubeship-order-${id}`;
    cleanup.push(["namespace", ns], ["crd", `widgets.${group}`]);
    const ws = workspaceWith({
      "all.yaml": [
        `apiVersion: ${group}/v1`,
        "kind: Widget",
        `metadata: {name: gear, namespace: ${ns}}`,
        "spec: {size: 3}",
        "---",
        "apiVersion: v1",
        "kind: ConfigMap",
        `metadata: {name: settings, namespace: ${ns}}`,
        "data: {a: '1'}",
        "---",
        crdYaml(group, "Widget").trimEnd(),
        "---",
        "apiVersion: v1",
        "kind: Namespace",
        `metadata: {name: ${ns}}`,
        "",
      ].join("\n"),
    });

    const plan = await runAction({ workspace: ws, inputs: { manifests: "all.yaml", kubeconfig, mode: "plan" } });
    assert.equal(plan.exitCode, 0, visibleLog(plan.log));
    assert.deepEqual(actionsOf(plan).sort(), [
      `ConfigMap/settings created`,
      `CustomResourceDefinition/widgets.${group} created`,
      `Namespace/${ns} created`,
      `Widget/gear created`,
    ]);
    assert.match(plan.outputs.diff ?? "", /Widget\/.*gear<\/code> will be created.*server validation deferred/);
    assert.equal(
      (await kubectl(["get", "namespace", ns, "--ignore-not-found", "-o", "name"])).trim(),
      "",
      "plan mode must not create anything",
    );

    const run = await runAction({ workspace: ws, inputs: { manifests: "all.yaml", kubeconfig } });
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    // reported in manifest order, applied in dependency order
    assert.deepEqual(actionsOf(run), [
      `Widget/gear created`,
      `ConfigMap/settings created`,
      `CustomResourceDefinition/widgets.${group} created`,
      `Namespace/${ns} created`,
    ]);
    assert.match(run.log, /waiting for CustomResourceDefinition\/widgets\./);
    const widget = await getJson<{ spec: { size: number } }>(["get", `widgets.${group}`, "gear", "-n", ns]);
    assert.equal(widget.spec.size, 3);
  });
});

describe("re-applying", () => {
  it("reports objects read by one LIST per collection as unchanged, and reads octal modes as kubectl does", async () => {
    const ns = await namespace("kubeship-reapply");
    const cms = Array.from(
      { length: 6 },
      (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\ndata: {a: '1'}\n`,
    ).join("---\n");
    const secretVolume =
      "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: 'nginx:1.27'}]\n      volumes: [{name: s, secret: {secretName: creds, defaultMode: 0400}}]\n";
    const ws = workspaceWith({ "cms.yaml": cms, "web.yaml": secretVolume });
    const first = await runAction({
      workspace: ws,
      inputs: { manifests: ".", kubeconfig, namespace: ns, wait: "false" },
    });
    assert.equal(first.exitCode, 0, visibleLog(first.log));
    const second = await runAction({
      workspace: ws,
      inputs: { manifests: ".", kubeconfig, namespace: ns, wait: "false" },
    });
    assert.equal(second.outputs.changed, "0", actionsOf(second).join(", "));
    const web = await getJson<{ spec: { template: { spec: { volumes: { secret: { defaultMode: number } }[] } } } }>([
      "get",
      "deployment",
      "web",
      "-n",
      ns,
    ]);
    assert.equal(
      web.spec.template.spec.volumes[0]?.secret.defaultMode,
      0o400,
      "0400 is octal in a manifest, as kubectl reads it",
    );
  });
});

describe("validation before any write", () => {
  it("writes nothing from a good file when a second file is malformed, naming file and line", async () => {
    const ns = await namespace("kubeship-malformed");
    const ws = workspaceWith({
      "a-good.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-good-file}\n",
      "b-bad.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: broken\ndata:\n  key: [unclosed\n",
    });
    const run = await runAction({ workspace: ws, inputs: { manifests: ".", kubeconfig, namespace: ns } });
    assert.equal(run.exitCode, 1);
    assert.match(run.log, /::error file=b-bad\.yaml,line=\d+::b-bad\.yaml:\d+: YAML syntax/);
    assert.equal(
      (await kubectl(["get", "configmap", "from-good-file", "-n", ns, "--ignore-not-found", "-o", "name"])).trim(),
      "",
    );
  });

  it("reports every problem at once: a missing namespace, a duplicate, and those of a kustomization's objects", async () => {
    const ns = await namespace("kubeship-problems");
    const ws = workspaceWith({
      "app/one.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice, namespace: ${ns}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: elsewhere, namespace: kubeship-no-such-namespace}\n`,
      "app/two.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice, namespace: ${ns}}\n`,
    });
    const run = await runAction({ workspace: ws, inputs: { manifests: "app", kubeconfig } });
    assert.equal(run.exitCode, 1);
    assert.match(
      run.log,
      /::error file=app\/two\.yaml,line=1::app\/two\.yaml:1: ConfigMap\/.*\/twice is defined twice: here and at app\/one\.yaml:1/,
    );

    writeFiles(ws, { "app/two.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n" });
    const missing = await runAction({ workspace: ws, inputs: { manifests: "app", kubeconfig } });
    assert.match(
      missing.log,
      /::error file=app\/one\.yaml,line=5::app\/one\.yaml:5: ConfigMap\/kubeship-no-such-namespace\/elsewhere: namespace "kubeship-no-such-namespace" does not exist and is not in the manifests/,
    );
    assert.equal(
      (await kubectl(["get", "configmap", "twice", "-n", ns, "--ignore-not-found", "-o", "name"])).trim(),
      "",
    );

    // a kustomization is rendered, and its objects' problems still point at the file that defines them
    writeFiles(ws, { "app/kustomization.yaml": "resources: [one.yaml]\n" });
    const kustomize = await runAction({ workspace: ws, inputs: { manifests: "app", kubeconfig } });
    assert.equal(kustomize.exitCode, 1);
    assert.match(
      kustomize.log,
      /::error file=app\/one\.yaml,line=5::app\/one\.yaml:5: ConfigMap\/kubeship-no-such-namespace\/elsewhere: namespace "kubeship-no-such-namespace" does not exist/,
    );
    assert.doesNotMatch(kustomize.log, /two\.yaml/, "only what the kustomization names is deployed");
  });

  it("names a field the schema does not know, with its line, and turns the server's warnings into annotations", async () => {
    const ns = await namespace("kubeship-fields");
    const ws = workspaceWith({
      "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: typo}\ndata: {a: '1'}\ndatta: {b: '2'}\n",
      // v1 Endpoints is deprecated since 1.33: the server answers with a Warning header
      "endpoints.yaml": "apiVersion: v1\nkind: Endpoints\nmetadata: {name: legacy}\nsubsets: []\n",
    });
    const typo = await runAction({ workspace: ws, inputs: { manifests: "cm.yaml", kubeconfig, namespace: ns } });
    assert.equal(typo.exitCode, 1);
    assert.match(
      typo.log,
      /::error file=cm\.yaml,line=1::cm\.yaml:1: ConfigMap\/.*\/typo has a field the server's schema does not know: \.datta\. Fix: correct the field's name or indentation/,
    );
    const deprecated = await runAction({
      workspace: ws,
      inputs: { manifests: "endpoints.yaml", kubeconfig, namespace: ns },
    });
    assert.equal(deprecated.exitCode, 0, visibleLog(deprecated.log));
    assert.match(
      deprecated.log,
      /::warning file=endpoints\.yaml,line=1::endpoints\.yaml:1: Endpoints\/.*\/legacy: v1 Endpoints is deprecated in v1\.33\+; use discovery\.k8s\.io\/v1 EndpointSlice/,
    );
  });
});

describe("a kind only newer Kubernetes serves", () => {
  // MutatingAdmissionPolicy is GA (admissionregistration.k8s.io/v1) in 1.36; 1.35 does not serve it. Without a
  // binding the policy changes nothing, so it is safe on the shared cluster.
  it(`MutatingAdmissionPolicy v1: applied by 1.36, refused before any write by 1.35 (this cluster: ${kubernetesVersion})`, async () => {
    const ns = await namespace("kubeship-newer-kind");
    const name = `kubeship-map-${suffix()}`;
    const policy = [
      "apiVersion: admissionregistration.k8s.io/v1",
      "kind: MutatingAdmissionPolicy",
      `metadata: {name: ${name}}`,
      "spec:",
      "  matchConstraints:",
      '    resourceRules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [configmaps]}]',
      "  failurePolicy: Fail",
      "  reinvocationPolicy: Never",
      "  mutations:",
      "    - patchType: ApplyConfiguration",
      "      applyConfiguration:",
      `        expression: "Object{metadata: Object.metadata{labels: {'kubeship.test/mutated': 'true'}}}"`,
      "",
    ].join("\n");
    const ws = workspaceWith({
      "config.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: beside-the-policy}\n",
      "policy.yaml": policy,
    });
    const run = await runAction({ workspace: ws, inputs: { manifests: ".", kubeconfig, namespace: ns } });
    const configMap = async () =>
      (await kubectl(["get", "configmap", "beside-the-policy", "-n", ns, "--ignore-not-found", "-o", "name"])).trim();
    if (kubernetesVersion === "1.35") {
      assert.equal(run.exitCode, 1);
      assert.match(
        run.log,
        /::error file=policy\.yaml,line=1::policy\.yaml:1: MutatingAdmissionPolicy\/kubeship-map-\w+: the cluster does not serve kind MutatingAdmissionPolicy in admissionregistration\.k8s\.io\/v1 \(Kubernetes serves it from 1\.36 on and this cluster does not: upgrade the cluster, or leave the object out\)/,
      );
      assert.equal(await configMap(), "", "nothing is written when a kind is not served");
    } else {
      cleanup.push(["mutatingadmissionpolicies.admissionregistration.k8s.io", name]);
      assert.equal(run.exitCode, 0, visibleLog(run.log));
      assert.equal(await configMap(), "configmap/beside-the-policy");
      const live = await getJson<{ spec: { failurePolicy: string } }>([
        "get",
        "mutatingadmissionpolicies.admissionregistration.k8s.io",
        name,
      ]);
      assert.equal(live.spec.failurePolicy, "Fail");
    }
  });
});

describe("server-side apply", () => {
  it("explains a conflict with another field manager, and takes the fields with force-conflicts", async () => {
    const ns = await namespace("kubeship-conflict");
    await kubectl(
      ["apply", "--server-side", "--field-manager=other-tool", "-n", ns, "-f", "-"],
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\ndata: {level: debug}\n",
    );
    const ws = workspaceWith({
      "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\ndata: {level: info}\n",
    });
    const conflict = await runAction({ workspace: ws, inputs: { manifests: "cm.yaml", kubeconfig, namespace: ns } });
    assert.equal(conflict.exitCode, 1);
    assert.match(
      conflict.log,
      /conflicts with another field manager: "other-tool" owns \.data\.level\. Fix: set force-conflicts: true/,
    );
    const forced = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml", kubeconfig, namespace: ns, "force-conflicts": "true" },
    });
    assert.equal(forced.exitCode, 0, visibleLog(forced.log));
    assert.equal(
      (await getJson<{ data: { level: string } }>(["get", "configmap", "shared", "-n", ns])).data.level,
      "info",
    );
  });

  it("advises removing replicas when an autoscaler owns them", async () => {
    const ns = await namespace("kubeship-hpa");
    const deployment = (replicas: number) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: registry.example/web:1}]}\n`;
    const ws = workspaceWith({ "web.yaml": deployment(2) });
    assert.equal(
      (await runAction({ workspace: ws, inputs: { manifests: "web.yaml", kubeconfig, namespace: ns, wait: "false" } }))
        .exitCode,
      0,
    );
    // what the horizontal pod autoscaler in kube-controller-manager does: scale through the scale subresource
    await kubectl([
      "patch",
      "deployment",
      "web",
      "-n",
      ns,
      "--subresource=scale",
      "--type=merge",
      "-p",
      '{"spec":{"replicas":5}}',
      "--field-manager=kube-controller-manager",
    ]);
    writeFiles(ws, { "web.yaml": deployment(3) });
    const run = await runAction({
      workspace: ws,
      inputs: { manifests: "web.yaml", kubeconfig, namespace: ns, wait: "false" },
    });
    assert.equal(run.exitCode, 1);
    assert.match(
      run.log,
      /"kube-controller-manager" with subresource "scale".* owns \.spec\.replicas\. Fix: an autoscaler manages spec\.replicas: remove replicas from the manifest/,
    );
  });

  it("takes over an object created with kubectl apply (client-side): a label removed from the manifest is removed", async () => {
    const ns = await namespace("kubeship-takeover");
    const manifest = (labels: string) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: legacy\n  labels: {${labels}}\ndata: {a: '1'}\n`;
    await kubectl(["apply", "-n", ns, "-f", "-"], manifest("team: web, tier: backend"));
    const ws = workspaceWith({ "cm.yaml": manifest("team: web, tier: backend") });
    const first = await runAction({ workspace: ws, inputs: { manifests: "cm.yaml", kubeconfig, namespace: ns } });
    assert.equal(first.exitCode, 0, visibleLog(first.log));
    assert.match(
      first.log,
      /ConfigMap\/.*\/legacy (configured|unchanged) \(took over the fields of kubectl's managers\)/,
    );

    writeFiles(ws, { "cm.yaml": manifest("team: web") });
    const second = await runAction({ workspace: ws, inputs: { manifests: "cm.yaml", kubeconfig, namespace: ns } });
    assert.equal(second.exitCode, 0, visibleLog(second.log));
    const live = await getJson<Meta & { metadata: { managedFields: { manager: string }[] } }>([
      "get",
      "configmap",
      "legacy",
      "-n",
      ns,
      "--show-managed-fields",
    ]);
    assert.deepEqual(live.metadata.labels, { team: "web" });
    assert.equal(live.metadata.annotations?.["kubectl.kubernetes.io/last-applied-configuration"], undefined);
    assert.deepEqual(
      live.metadata.managedFields.map((m) => m.manager),
      ["kubeship"],
    );
  });

  it("explains an immutable field, and re-creates the object when it opts in", async () => {
    const ns = await namespace("kubeship-immutable");
    const job = (image: string, recreate: boolean) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate\n${recreate ? "  annotations: {kubeship.io/recreate: 'true'}\n" : ""}spec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: migrate, image: ${image}}]\n`;
    const ws = workspaceWith({ "job.yaml": job("registry.example/migrate:1", false) });
    assert.equal(
      (await runAction({ workspace: ws, inputs: { manifests: "job.yaml", kubeconfig, namespace: ns, wait: "false" } }))
        .exitCode,
      0,
    );
    const uid = (await getJson<{ metadata: { uid: string } }>(["get", "job", "migrate", "-n", ns])).metadata.uid;

    writeFiles(ws, { "job.yaml": job("registry.example/migrate:2", false) });
    const refused = await runAction({
      workspace: ws,
      inputs: { manifests: "job.yaml", kubeconfig, namespace: ns, wait: "false" },
    });
    assert.equal(refused.exitCode, 1);
    assert.match(
      refused.log,
      /Job\/.*\/migrate cannot be changed in place: spec\.template is immutable .*Fix: restore the live value, or add the annotation kubeship\.io\/recreate: "true"/,
    );

    writeFiles(ws, { "job.yaml": job("registry.example/migrate:2", true) });
    const recreated = await runAction({
      workspace: ws,
      inputs: { manifests: "job.yaml", kubeconfig, namespace: ns, wait: "false" },
    });
    assert.equal(recreated.exitCode, 0, visibleLog(recreated.log));
    assert.match(recreated.log, /re-created: an immutable field changed/);
    const live = await getJson<{
      metadata: { uid: string };
      spec: { template: { spec: { containers: { image: string }[] } } };
    }>(["get", "job", "migrate", "-n", ns]);
    assert.notEqual(live.metadata.uid, uid);
    assert.equal(live.spec.template.spec.containers[0]?.image, "registry.example/migrate:2");
  });

  it("overrides images by repository in every pod template, and warns about an override that matched nothing", async () => {
    const ns = await namespace("kubeship-images");
    const ws = workspaceWith({
      "app.yaml":
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      initContainers: [{name: init, image: 'ghcr.io/acme/web:old'}]\n      containers: [{name: web, image: 'ghcr.io/acme/web@sha256:0000000000000000000000000000000000000000000000000000000000000000'}, {name: proxy, image: 'envoy:1.30'}]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: '0 3 * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec: {restartPolicy: Never, containers: [{name: task, image: 'ghcr.io/acme/web:old'}]}\n",
    });
    const run = await runAction({
      workspace: ws,
      inputs: {
        manifests: "app.yaml",
        kubeconfig,
        namespace: ns,
        wait: "false",
        images: "ghcr.io/acme/web=ghcr.io/acme/web:2.0.1\nnot/used=not/used:1",
      },
    });
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.match(run.log, /::warning::images: not\/used=not\/used:1 matched no container image/);
    const deployment = await getJson<{
      spec: { template: { spec: { initContainers: { image: string }[]; containers: { image: string }[] } } };
    }>(["get", "deployment", "web", "-n", ns]);
    assert.deepEqual(
      [...deployment.spec.template.spec.initContainers, ...deployment.spec.template.spec.containers].map(
        (c) => c.image,
      ),
      ["ghcr.io/acme/web:2.0.1", "ghcr.io/acme/web:2.0.1", "envoy:1.30"],
    );
    const cron = await getJson<{
      spec: { jobTemplate: { spec: { template: { spec: { containers: { image: string }[] } } } } };
    }>(["get", "cronjob", "nightly", "-n", ns]);
    assert.equal(cron.spec.jobTemplate.spec.template.spec.containers[0]?.image, "ghcr.io/acme/web:2.0.1");
  });
});

describe("plan mode", () => {
  it("shows an image change as a diff, changes nothing, and never shows Secret data", async () => {
    const ns = await namespace("kubeship-plan");
    const secretValue = `s3cr3t-${suffix()}-value`;
    const newSecretValue = `n3w-${suffix()}-value`;
    const files = (image: string, password: string) => ({
      "app.yaml": `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: '${image}'}]}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: {password: ${password}}\n`,
    });
    const ws = workspaceWith(files("nginx:1.27", secretValue));
    // waited for, so that no controller writes its status while the plan runs
    assert.equal(
      (await runAction({ workspace: ws, inputs: { manifests: "app.yaml", kubeconfig, namespace: ns } })).exitCode,
      0,
    );
    const before = await getJson<{ items: Meta[] }>(["get", "deployment,secret", "-n", ns]);

    writeFiles(ws, files("nginx:1.28", newSecretValue));
    const plan = await runAction({
      workspace: ws,
      inputs: { manifests: "app.yaml", kubeconfig, namespace: ns, mode: "plan" },
    });
    assert.equal(plan.exitCode, 0, visibleLog(plan.log));
    assert.deepEqual(actionsOf(plan), ["Deployment/web configured", "Secret/creds configured"]);
    // later steps of a pull request run its code: a plan hands them no credentials unless asked
    assert.equal(plan.outputs["kubeconfig-path"], undefined);
    assert.equal(plan.state["kubeconfig-path"], undefined);
    for (const text of [plan.outputs.diff ?? "", plan.summary, visibleLog(plan.log)]) {
      assert.match(
        text,
        /- spec\.template\.spec\.containers\[0\]\.image: nginx:1\.27\n\+ spec\.template\.spec\.containers\[0\]\.image: nginx:1\.28/,
      );
    }
    // only that the value changed: no length, no hash
    assert.match(plan.outputs.diff ?? "", /- data\.password: \(redacted\)\n\+ data\.password: \(redacted, changed\)/);
    const readable = [visibleLog(plan.log), plan.summary, JSON.stringify(plan.outputs)].join("\n");
    for (const value of [
      secretValue,
      newSecretValue,
      Buffer.from(secretValue).toString("base64"),
      Buffer.from(newSecretValue).toString("base64"),
    ]) {
      assert.ok(!readable.includes(value), "a Secret value is visible");
    }
    assert.ok(
      maskedValues(plan.log).includes(newSecretValue),
      "the Secret value in the manifest was registered for masking",
    );
    const afterPlan = await getJson<{ items: Meta[] }>(["get", "deployment,secret", "-n", ns]);
    assert.deepEqual(
      afterPlan.items.map((i) => i.metadata.resourceVersion),
      before.items.map((i) => i.metadata.resourceVersion),
      "plan mode must leave every resourceVersion as it was",
    );
  });
});

describe("plan mode on a Secret that kubectl applied client-side", () => {
  it("redacts kubectl's last-applied copy of the values, and masks the live values", async () => {
    const ns = await namespace("kubeship-plan-lastapplied");
    const oldValue = `0ld-${suffix()}-value`;
    const newValue = `n3w-${suffix()}-value`;
    const secret = (value: string) =>
      `apiVersion: v1\nkind: Secret\nmetadata: {name: creds, namespace: ${ns}}\nstringData: {password: ${value}}\n`;
    // client-side apply: the whole Secret, values included, goes into the annotation
    await kubectl(["apply", "-f", "-"], secret(oldValue));
    // the manifest as `kubectl get -o yaml` gives it after a client-side apply of the new value: its
    // annotation holds the new value too
    const lastApplied = JSON.stringify({
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "creds", namespace: ns },
      stringData: { password: newValue },
    });
    const manifest = `${secret(newValue)}`.replace(
      `metadata: {name: creds, namespace: ${ns}}`,
      `metadata:\n  name: creds\n  namespace: ${ns}\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: '${lastApplied}'`,
    );
    const ws = workspaceWith({ "secret.yaml": manifest });
    const plan = await runAction({
      workspace: ws,
      inputs: { manifests: "secret.yaml", kubeconfig, mode: "plan", "force-conflicts": "true" },
    });
    assert.equal(plan.exitCode, 0, visibleLog(plan.log));
    const diff = plan.outputs.diff ?? "";
    assert.match(diff, /data\.password: \(redacted, changed\)/);
    assert.match(diff, /last-applied-configuration"?\]?: \(redacted/);
    const readable = [visibleLog(plan.log), plan.summary, JSON.stringify(plan.outputs)].join("\n");
    for (const value of [oldValue, newValue]) {
      for (const form of [value, Buffer.from(value).toString("base64")])
        assert.ok(!readable.includes(form), `a Secret value is visible: ${form === value ? "plain" : "base64"}`);
    }
    const masked = maskedValues(plan.log);
    assert.ok(masked.includes(oldValue), "the live Secret's value was registered for masking");
    assert.ok(masked.includes(newValue), "the value in the manifest's annotation was registered for masking");
    assert.ok(masked.includes(Buffer.from(oldValue).toString("base64")));
  });
});

describe("plan mode conflicts", () => {
  it("names the object and its file:line, not only the server's text", async () => {
    const ns = await namespace("kubeship-plan-conflict");
    const live = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\ndata: {level: debug}\n";
    await kubectl(["apply", "--server-side", "--field-manager=kubectl", "-n", ns, "-f", "-"], live);
    const ws = workspaceWith({
      "cm.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n---\n" +
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\ndata: {level: info}\n",
    });
    const inputs = { manifests: "cm.yaml", kubeconfig, namespace: ns, mode: "plan" };
    const plan = await runAction({ workspace: ws, inputs });
    assert.equal(plan.exitCode, 1);
    const conflict = `ConfigMap/${ns}/shared conflicts with another field manager: "kubectl" owns \\.data\\.level`;
    assert.match(
      plan.log,
      new RegExp(`::error file=cm\\.yaml,line=5::cm\\.yaml:5: ${conflict}\\. Fix: set force-conflicts: true`),
    );
    assert.match(plan.summary, new RegExp(`- \\*\\*ConfigMap/${ns}/shared\\*\\* \\(\`cm\\.yaml:5\`\\): ${conflict}`));
    const level = (await getJson<{ data: { level: string } }>(["get", "configmap", "shared", "-n", ns])).data.level;
    assert.equal(level, "debug", "plan mode changes nothing");
  });
});

describe("pruning with an ApplySet", () => {
  it("records membership as kubectl does and prunes exactly what was dropped; a Namespace needs prune-destructive", async () => {
    const ns = await namespace("kubeship-prune");
    const extraNs = `kubeship-prune-member-${suffix()}`;
    cleanup.push(["namespace", extraNs]);
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {a: '1'}\n`;
    const ws = workspaceWith({
      "a.yaml": cm("keep-me"),
      "b.yaml": cm("drop-me"),
      "c.yaml": `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${extraNs}}\n`,
    });
    const inputs = { kubeconfig, namespace: ns, applyset: "web", prune: "true" };
    const first = await runAction({ workspace: ws, inputs: { ...inputs, manifests: "a.yaml\nb.yaml\nc.yaml" } });
    assert.equal(first.exitCode, 0, visibleLog(first.log));

    const id = applySetId("web", ns);
    const parent = await getJson<Meta>(["get", "secret", "web", "-n", ns]);
    assert.equal(parent.metadata.labels?.["applyset.kubernetes.io/id"], id);
    assert.equal(parent.metadata.annotations?.["applyset.kubernetes.io/contains-group-kinds"], "ConfigMap,Namespace");
    assert.equal(parent.metadata.annotations?.["applyset.kubernetes.io/tooling"], "kubeship/v1");
    const members = (
      await kubectl(["get", "configmaps,namespaces", "-A", "-l", `applyset.kubernetes.io/part-of=${id}`, "-o", "name"])
    )
      .trim()
      .split("\n")
      .sort();
    assert.deepEqual(members, ["configmap/drop-me", "configmap/keep-me", `namespace/${extraNs}`]);

    const plan = await runAction({ workspace: ws, inputs: { ...inputs, manifests: "a.yaml", mode: "plan" } });
    assert.equal(plan.exitCode, 0, visibleLog(plan.log));
    assert.match(
      plan.outputs.diff ?? "",
      new RegExp(`\\*\\*⚠️ Would prune 1 object:\\*\\*\\n\\n- \`ConfigMap/${ns}/drop-me\``),
    );
    assert.match(
      plan.outputs.diff ?? "",
      new RegExp(
        `Namespace/${extraNs}\` no longer in the manifests, kept: pruning a Namespace deletes everything in it; set prune-destructive: true`,
      ),
    );
    assert.equal(
      (await kubectl(["get", "configmap", "drop-me", "-n", ns, "-o", "name"])).trim(),
      "configmap/drop-me",
      "plan mode prunes nothing",
    );

    const second = await runAction({ workspace: ws, inputs: { ...inputs, manifests: "a.yaml" } });
    assert.equal(second.exitCode, 0, visibleLog(second.log));
    assert.ok(actionsOf(second).includes("ConfigMap/drop-me pruned"));
    assert.equal(
      (await kubectl(["get", "configmap", "drop-me", "-n", ns, "--ignore-not-found", "-o", "name"])).trim(),
      "",
    );
    assert.equal((await kubectl(["get", "configmap", "keep-me", "-n", ns, "-o", "name"])).trim(), "configmap/keep-me");
    assert.equal(
      (await kubectl(["get", "namespace", extraNs, "-o", "name"])).trim(),
      `namespace/${extraNs}`,
      "a Namespace survives without prune-destructive",
    );
    assert.equal(objectsOf(second).filter((o) => o.action === "pruned").length, 1);

    const destructive = await runAction({
      workspace: ws,
      inputs: { ...inputs, manifests: "a.yaml", "prune-destructive": "true" },
    });
    assert.equal(destructive.exitCode, 0, visibleLog(destructive.log));
    const phase = (
      await getJson<{ status: { phase: string } } | null>(["get", "namespace", extraNs, "--ignore-not-found"]).catch(
        () => null,
      )
    )?.status.phase;
    assert.ok(
      phase === undefined || phase === "Terminating",
      `the Namespace is being deleted (phase ${phase ?? "gone"})`,
    );
  });

  it("refuses an ApplySet that another tool manages, and an empty manifest set with prune", async () => {
    const ns = await namespace("kubeship-foreign");
    await kubectl(["create", "secret", "generic", "theirs", "-n", ns]);
    await kubectl(["annotate", "secret", "theirs", "-n", ns, "applyset.kubernetes.io/tooling=kubectl/v1.36.3"]);
    await kubectl(["label", "secret", "theirs", "-n", ns, `applyset.kubernetes.io/id=${applySetId("theirs", ns)}`]);
    const ws = workspaceWith({
      "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
      "empty.yaml": "# nothing yet\n",
    });
    const foreign = await runAction({
      workspace: ws,
      inputs: { manifests: "a.yaml", kubeconfig, namespace: ns, applyset: "theirs", prune: "true" },
    });
    assert.equal(foreign.exitCode, 1);
    assert.match(foreign.log, /ApplySet parent Secret\/.*\/theirs is managed by kubectl\/v1\.36\.3, not kubeship/);
    assert.equal((await kubectl(["get", "configmap", "a", "-n", ns, "--ignore-not-found", "-o", "name"])).trim(), "");

    const empty = await runAction({
      workspace: ws,
      inputs: { manifests: "empty.yaml", kubeconfig, namespace: ns, applyset: "mine", prune: "true" },
    });
    assert.equal(empty.exitCode, 1);
    assert.match(empty.log, /the manifests hold no objects: pruning ApplySet mine would delete all of its members/);
  });
});

describe("retries", () => {
  it("applies everything through throttling (429, plain text), 503s and cut connections", async () => {
    const ns = await namespace("kubeship-retry");
    const proxy = await startFaultyProxy();
    try {
      proxy.faults = ["throttle", "cut", "unavailable", "throttle", "cut", "unavailable"];
      const ws = workspaceWith({
        "cms.yaml": ["one", "two", "three"]
          .map((name) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {a: '1'}\n`)
          .join("---\n"),
      });
      const run = await runAction({
        workspace: ws,
        inputs: { manifests: "cms.yaml", kubeconfig: proxy.kubeconfig, namespace: ns },
      });
      assert.equal(run.exitCode, 0, visibleLog(run.log));
      assert.deepEqual(actionsOf(run), ["ConfigMap/one created", "ConfigMap/two created", "ConfigMap/three created"]);
      assert.deepEqual(
        proxy.seen.flatMap((s) => (s.fault ? [s.fault] : [])),
        ["throttle", "cut", "unavailable", "throttle", "cut", "unavailable"],
        "every fault was met",
      );
      const names = (await kubectl(["get", "configmaps", "-n", ns, "-o", "name"])).trim().split("\n").sort();
      assert.deepEqual(names, ["configmap/kube-root-ca.crt", "configmap/one", "configmap/three", "configmap/two"]);
    } finally {
      await proxy.close();
    }
  });

  it("gives up with a clear error when the server keeps refusing", async () => {
    const ns = await namespace("kubeship-retry-out");
    const proxy = await startFaultyProxy();
    try {
      proxy.faults = Array<Fault>(20).fill("unavailable");
      const ws = workspaceWith({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: never}\n" });
      const run = await runAction({
        workspace: ws,
        inputs: { manifests: "cm.yaml", kubeconfig: proxy.kubeconfig, namespace: ns },
      });
      assert.equal(run.exitCode, 1);
      assert.match(
        run.log,
        /::error file=cm\.yaml,line=1::cm\.yaml:1: ConfigMap\/.*\/never was not applied: ServiceUnavailable: the server is currently unable to handle the request\. Fix: the API server failed to handle the request/,
      );
      assert.equal(proxy.seen.filter((s) => s.fault === "unavailable").length, 6, "six attempts, then it gives up");
    } finally {
      await proxy.close();
    }
  });
});

describe("interoperability", () => {
  it("computes the ApplySet id exactly as kubectl does, and each refuses the other's set", async () => {
    const ns = await namespace("kubeship-applyset-id");
    const env = { KUBECTL_APPLYSET: "true" };
    const ws = workspaceWith({
      "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-kubectl}\n",
      "ours.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: from-kubeship}\n",
    });
    await kubectlWithEnv(env, [
      "apply",
      "--server-side",
      "--prune",
      "--applyset=secret/by-kubectl",
      "-n",
      ns,
      "-f",
      `${ws}/cm.yaml`,
    ]);
    const theirs = await getJson<Meta>(["get", "secret", "by-kubectl", "-n", ns]);
    assert.equal(theirs.metadata.labels?.["applyset.kubernetes.io/id"], applySetId("by-kubectl", ns));

    const ours = await runAction({
      workspace: ws,
      inputs: { manifests: "ours.yaml", kubeconfig, namespace: ns, applyset: "by-kubeship", prune: "true" },
    });
    assert.equal(ours.exitCode, 0, visibleLog(ours.log));
    await assert.rejects(
      kubectlWithEnv(env, [
        "apply",
        "--server-side",
        "--prune",
        "--applyset=secret/by-kubeship",
        "-n",
        ns,
        "-f",
        `${ws}/ours.yaml`,
      ]),
      /kubeship/,
      "kubectl refuses a set whose tooling is kubeship",
    );
  });

  it("reads the same kinds, resources and scopes through per-group discovery as through aggregated discovery", async () => {
    const { KubeClient } = await import("../../src/kube/client.ts");
    const { discover, discoverPerGroup } = await import("../../src/kube/discovery.ts");
    const { adminConnection } = await import("../helpers/identities.ts");
    const client = new KubeClient(adminConnection());
    try {
      const aggregated = await discover(client);
      const legacy = await discoverPerGroup(client);
      for (const [apiVersion, kind] of [
        ["v1", "ConfigMap"],
        ["apps/v1", "Deployment"],
        ["rbac.authorization.k8s.io/v1", "ClusterRole"],
        ["apiextensions.k8s.io/v1", "CustomResourceDefinition"],
      ] as const) {
        assert.deepEqual(legacy.find(apiVersion, kind), aggregated.find(apiVersion, kind));
        assert.ok(aggregated.find(apiVersion, kind) !== undefined);
      }
      assert.deepEqual(
        legacy.findGroupKind("autoscaling", "HorizontalPodAutoscaler"),
        aggregated.findGroupKind("autoscaling", "HorizontalPodAutoscaler"),
      );
      assert.equal(
        aggregated.findGroupKind("autoscaling", "HorizontalPodAutoscaler")?.version,
        "v2",
        "the preferred version comes first",
      );
    } finally {
      await client.close();
    }
  });
});

async function kubectlWithEnv(env: Record<string, string>, args: string[]): Promise<string> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await kubectl(args);
  } finally {
    for (const key of Object.keys(env)) if (saved[key] === undefined) delete process.env[key];
  }
}
