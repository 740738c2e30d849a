import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { diffObjects } from "../../src/apply/diff.ts";
import { planApply } from "../../src/apply/plan.ts";
import { takeoverManagedFields } from "../../src/apply/takeover.ts";
import { RestMapper } from "../../src/kube/discovery.ts";
import type { KubeObject } from "../../src/kube/types.ts";
import { overrideImages, repositoryOf } from "../../src/manifests/images.ts";
import { parseManifest } from "../../src/manifests/load.ts";

function mapper(): RestMapper {
  const m = new RestMapper();
  for (const [group, version, kind, resource, namespaced] of [
    ["", "v1", "Namespace", "namespaces", false],
    ["", "v1", "ConfigMap", "configmaps", true],
    ["", "v1", "Service", "services", true],
    ["apps", "v1", "Deployment", "deployments", true],
    ["rbac.authorization.k8s.io", "v1", "Role", "roles", true],
    ["apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false],
    ["apiregistration.k8s.io", "v1", "APIService", "apiservices", false],
    ["admissionregistration.k8s.io", "v1", "ValidatingWebhookConfiguration", "validatingwebhookconfigurations", false],
  ] as const) {
    m.add({ group, version, kind, resource, namespaced });
  }
  return m;
}

const doc = (apiVersion: string, kind: string, name: string, extra = "") =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: ${name}}\n${extra}`;

describe("planning", () => {
  it("orders phases: namespaces and CRDs, infrastructure, the rest, webhooks; APIService groups deferred", () => {
    const text = [
      doc("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "hook"),
      doc("apps/v1", "Deployment", "web"),
      doc("metrics.example.io/v1", "Sample", "s"),
      doc(
        "apiregistration.k8s.io/v1",
        "APIService",
        "v1.metrics.example.io",
        "spec: {group: metrics.example.io, version: v1, service: {name: api, namespace: x}}\n",
      ),
      doc("rbac.authorization.k8s.io/v1", "Role", "reader"),
      doc("example.io/v1", "Widget", "w"),
      doc(
        "apiextensions.k8s.io/v1",
        "CustomResourceDefinition",
        "widgets.example.io",
        "spec: {group: example.io, scope: Namespaced, names: {kind: Widget, plural: widgets}, versions: [{name: v1, served: true}]}\n",
      ),
      doc("v1", "Namespace", "team"),
    ].join("---\n");
    const plan = planApply(parseManifest(text, "all.yaml").objects, mapper(), { defaultNamespace: "team" });
    assert.deepEqual(
      plan.phases.map((p) => [p.name, p.objects.map((o) => o.ref.kind)]),
      [
        ["namespaces and CRDs", ["CustomResourceDefinition", "Namespace"]],
        ["cluster and namespace infrastructure", ["Role"]],
        ["workloads and everything else", ["Deployment", "APIService", "Widget"]],
        ["admission webhooks", ["ValidatingWebhookConfiguration"]],
      ],
    );
    assert.deepEqual(
      plan.deferred.map((o) => o.ref.kind),
      ["Sample"],
    );
    const widget = plan.phases[2]?.objects.find((o) => o.ref.kind === "Widget");
    assert.equal(widget?.definedInSet, true);
    assert.equal(widget?.path, "/apis/example.io/v1/namespaces/team/widgets/w");
  });

  it("defaults namespaces, drops (and warns about) a namespace on a cluster-scoped object, and labels members", () => {
    const text = [
      doc("v1", "ConfigMap", "a"),
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: ns1, namespace: oops}\n",
    ].join("---\n");
    const plan = planApply(parseManifest(text, "x.yaml").objects, mapper(), {
      defaultNamespace: "prod",
      labels: { "applyset.kubernetes.io/part-of": "id" },
    });
    const [ns, cm] = [plan.phases[0]?.objects[0], plan.phases[1]?.objects[0]];
    assert.equal(cm?.ref.namespace, "prod");
    assert.equal(cm?.object.metadata.namespace, "prod");
    assert.equal(ns?.ref.namespace, undefined);
    assert.equal(ns?.object.metadata.namespace, undefined);
    assert.deepEqual(cm?.object.metadata.labels, { "applyset.kubernetes.io/part-of": "id" });
    assert.match(
      plan.warnings[0]?.message ?? "",
      /Namespace\/ns1 is cluster-scoped: its metadata\.namespace "oops" is ignored/,
    );
  });

  it("tells a misspelt kind in a known group from a kind of an unknown group", () => {
    const text = [doc("apps/v1", "Deploymnet", "a"), doc("example.io/v1", "Gizmo", "b")].join("---\n");
    assert.throws(
      () => planApply(parseManifest(text, "x.yaml").objects, mapper(), { defaultNamespace: "d" }),
      (e: Error) =>
        /x\.yaml:1: .*the group apps has no kind Deploymnet in v1/.test(e.message) &&
        /x\.yaml:5: .*install its CRD first/.test(e.message),
    );
  });
});

describe("kinds the cluster does not serve", () => {
  const plan = (text: string) => () =>
    planApply(parseManifest(text, "x.yaml").objects, mapper(), { defaultNamespace: "d" });

  it("a built-in kind newer than the cluster names the Kubernetes version that serves it", () => {
    // what a 1.35 cluster answers for MutatingAdmissionPolicy v1, GA in 1.36
    assert.throws(
      plan(doc("admissionregistration.k8s.io/v1", "MutatingAdmissionPolicy", "p")),
      /x\.yaml:1: MutatingAdmissionPolicy\/p: the cluster does not serve kind MutatingAdmissionPolicy in admissionregistration\.k8s\.io\/v1 \(Kubernetes serves it from 1\.36 on and this cluster does not: upgrade the cluster, or leave the object out\)/,
    );
  });

  it("a kind served in another version of its group names that version", () => {
    assert.throws(
      plan(doc("apps/v1beta2", "Deployment", "web")),
      /the cluster does not serve kind Deployment in apps\/v1beta2 \(it serves Deployment in apps\/v1: change the apiVersion\)/,
    );
    assert.throws(plan(doc("v2", "ConfigMap", "c")), /\(it serves ConfigMap in v1: change the apiVersion\)/);
  });
});

describe("taking over from kubectl", () => {
  it("moves the fields of client-side kubectl managers into kubeship's Apply entry", () => {
    const live: KubeObject = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: "x",
        managedFields: [
          {
            manager: "kubectl-client-side-apply",
            operation: "Update",
            apiVersion: "v1",
            time: "2026-01-01T00:00:00Z",
            fieldsV1: { "f:data": { "f:a": {} }, "f:metadata": { "f:labels": { "f:team": {} } } },
          },
          {
            manager: "kube-controller-manager",
            operation: "Update",
            apiVersion: "v1",
            fieldsV1: { "f:metadata": { "f:ownerReferences": {} } },
          },
          {
            manager: "kubectl-scale",
            operation: "Update",
            subresource: "scale",
            fieldsV1: { "f:spec": { "f:replicas": {} } },
          },
          {
            manager: "kubectl-rollout",
            operation: "Update",
            apiVersion: "v1",
            fieldsV1: { "f:metadata": { "f:annotations": { "f:kubectl.kubernetes.io/restartedAt": {} } } },
          },
          { manager: "kubeship", operation: "Apply", apiVersion: "v1", fieldsV1: { "f:data": { "f:b": {} } } },
        ],
      },
    };
    const result = takeoverManagedFields(live, "kubeship");
    assert.deepEqual(
      result?.map((e) => e.manager),
      ["kube-controller-manager", "kubectl-scale", "kubectl-rollout", "kubeship"],
      "other controllers, subresource managers and `kubectl rollout restart` are left alone",
    );
    assert.deepEqual(result?.find((e) => e.manager === "kubeship")?.fieldsV1, {
      "f:data": { "f:b": {}, "f:a": {} },
      "f:metadata": { "f:labels": { "f:team": {} } },
    });
    assert.equal(takeoverManagedFields({ ...live, metadata: { name: "y", managedFields: [] } }, "kubeship"), undefined);
  });
});

describe("images", () => {
  it("matches by repository, whatever the tag or digest, including registries with ports", () => {
    assert.equal(repositoryOf("nginx"), "nginx");
    assert.equal(repositoryOf("nginx:1.27"), "nginx");
    assert.equal(repositoryOf("registry:5000/org/app:1.2@sha256:abc"), "registry:5000/org/app");
    assert.equal(repositoryOf("registry:5000/org/app"), "registry:5000/org/app");
    const [pod] = parseManifest(
      "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: a, image: 'registry:5000/org/app:1'}]}\n",
      "p.yaml",
    ).objects;
    const result = overrideImages(pod ? [pod] : [], [
      { name: "registry:5000/org/app", reference: "registry:5000/org/app:2" },
    ]);
    assert.deepEqual(
      (result.objects[0]?.object.spec as { containers: { image: string }[] }).containers[0]?.image,
      "registry:5000/org/app:2",
    );
    assert.equal(
      (pod?.object.spec as { containers: { image: string }[] }).containers[0]?.image,
      "registry:5000/org/app:1",
      "the input object is not changed",
    );
  });
});

describe("plan diff", () => {
  it("drops server noise, shows changes as dotted paths, and redacts Secret values", () => {
    const live: KubeObject = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s", resourceVersion: "1", uid: "u", managedFields: [] },
      data: { password: "b2xk", same: "eA==" },
      type: "Opaque",
    };
    const planned: KubeObject = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "s", resourceVersion: "2", uid: "u", labels: { a: "b" } },
      data: { password: "bmV3", same: "eA==" },
      type: "Opaque",
    };
    const lines = diffObjects(live, planned);
    assert.deepEqual(
      lines.map((l) => [l.op, l.path]),
      [
        ["replace", "data.password"],
        ["add", "metadata.labels"],
      ],
    );
    assert.ok(!JSON.stringify(lines).includes("bmV3") && !JSON.stringify(lines).includes("b2xk"));
    assert.deepEqual(
      [lines[0]?.before, lines[0]?.after],
      ["(redacted)", "(redacted, changed)"],
      "a changed value shows as changed, and nothing more",
    );
  });
});
