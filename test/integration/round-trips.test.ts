// Round trips one after another, counted from the client's own record of when each request was sent
// and answered (never timed): over distance each one costs the whole round trip, so these tests pin
// how many stand before the first write and which requests wait for which. Through the latency proxy,
// so that every answer really takes a round trip and the connections are counted as users meet them.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { requestsInFlight } from "../../src/apply/apply.ts";
import { readSettings } from "../../src/inputs.ts";
import { roundTrips, type RequestRecord } from "../../src/kube/trace.ts";
import type { Log } from "../../src/log.ts";
import { connectOverHttps, type Session } from "../../src/pipeline/connect.ts";
import { deploy } from "../../src/pipeline/index.ts";
import type { RunResult } from "../../src/result.ts";
import { createNamespace, getJson, kubectl } from "../helpers/cluster.ts";
import { type LatencyProxy, startLatencyProxy, statsSince } from "../helpers/latency-proxy.ts";
import { crdYaml } from "../helpers/manifests.ts";
import { workspaceWith } from "../helpers/workspace.ts";

const cleanup: string[][] = [];
let proxy: LatencyProxy;
before(async () => {
  proxy = await startLatencyProxy({ rttMs: 20 });
});
after(async () => {
  await proxy.close();
  for (const args of cleanup) await kubectl(["delete", "--wait=false", "--ignore-not-found", ...args]);
});

const suffix = () => randomBytes(3).toString("hex");

interface Traced {
  result: RunResult;
  /**
   * each request as `METHOD path` with the round trip it stood in, whether it asked for metadata only
   * (PartialObjectMetadata), and the size of its answer
   */
  requests: { request: string; roundTrip: number; metadataOnly: boolean; bytes: number }[];
  connections: number;
}

async function run(files: Record<string, string>, inputs: Record<string, string> = {}): Promise<Traced> {
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: workspaceWith(files),
    INPUT_MANIFESTS: Object.keys(files).join("\n"),
    INPUT_KUBECONFIG: proxy.kubeconfig,
    "INPUT_EXPORT-KUBECONFIG": "false",
    INPUT_WAIT: "false",
    INPUT_TIMEOUT: "2m",
    ...inputs,
  };
  const quiet = () => undefined;
  const log: Log = { info: quiet, debug: quiet, warning: quiet, error: quiet, mask: quiet };
  let session: Session | undefined;
  const stats = proxy.stats();
  const result = await deploy(readSettings(env), log, {
    connect: async (settings, l) => (session = await connectOverHttps(settings, l)),
  });
  const records: readonly RequestRecord[] = session?.requests ?? [];
  const depths = roundTrips(records);
  return {
    result,
    requests: records.map((r, i) => ({
      request: `${r.method} ${r.path.replace(/\/namespaces\/[^/]+/, "/namespaces/NS")}`,
      roundTrip: depths[i] ?? 0,
      metadataOnly: r.accept.includes("as=PartialObjectMetadata"),
      bytes: r.bytes ?? 0,
    })),
    connections: statsSince(stats, proxy.stats()).connections,
  };
}

/** The round trips the requests matching `pattern` stood in, without repeats, in order. */
function roundTripsOf(traced: Traced, pattern: RegExp): number[] {
  const found = traced.requests.filter((r) => pattern.test(r.request)).map((r) => r.roundTrip);
  return [...new Set(found)].sort((a, b) => a - b);
}

const configMaps = (count: number, namespace?: string) =>
  Array.from(
    { length: count },
    (_, i) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}${namespace === undefined ? "" : `, namespace: ${namespace}`}}\ndata: {a: '${i}'}\n`,
  ).join("---\n");

function assertSucceeded(traced: Traced): void {
  assert.equal(traced.result.result, "success", JSON.stringify(traced.result.failures, null, 2));
}

describe("round trips before the first write", () => {
  it("asks identity and discovery at once, then the namespace check, the reviews and the reads at once: the PATCHes go in the third round trip, over one connection", async () => {
    const ns = await createNamespace("kubeship-rtt");
    cleanup.push(["namespace", ns]);
    const traced = await run({ "cms.yaml": configMaps(requestsInFlight + 8) }, { INPUT_NAMESPACE: ns });
    assertSucceeded(traced);
    assert.deepEqual(roundTripsOf(traced, /selfsubjectreviews$/), [1]);
    assert.deepEqual(roundTripsOf(traced, /^GET \/apis?$/), [1]);
    assert.deepEqual(roundTripsOf(traced, /^GET \/api\/v1\/namespaces\/NS$/), [2], "the namespace check");
    assert.deepEqual(roundTripsOf(traced, /selfsubjectaccessreviews$/), [2], "every review at once");
    assert.deepEqual(roundTripsOf(traced, /^GET \/api\/v1\/namespaces\/NS\/configmaps$/), [2], "one LIST");
    assert.equal(traced.requests.filter((r) => r.request.startsWith("GET /api/v1/namespaces/NS/configmaps")).length, 1);
    const patches = roundTripsOf(traced, /^PATCH /);
    assert.equal(patches[0], 3, `the first PATCH went in round trip ${patches[0]}`);
    // the applies go requestsInFlight at a time: two round trips of them
    assert.deepEqual(patches, [3, 4]);
    assert.equal(traced.connections, 1, "one connection, so one TCP and one TLS handshake");
  });

  it("sends objects in a Namespace the set creates right after it; once it exists, with everything else", async () => {
    const ns = `kubeship-rtt-new-${suffix()}`;
    cleanup.push(["namespace", ns]);
    const files = {
      "ns.yaml": `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}\n`,
      "cms.yaml": configMaps(6, ns),
    };
    const first = await run(files);
    assertSucceeded(first);
    assert.deepEqual(roundTripsOf(first, /^PATCH \/api\/v1\/namespaces\/[^/]+$/), [3]);
    assert.deepEqual(roundTripsOf(first, /^PATCH \/api\/v1\/namespaces\/NS\/configmaps\//), [4]);

    const again = await run(files);
    assertSucceeded(again);
    assert.deepEqual(roundTripsOf(again, /^PATCH /), [3], "the Namespace exists: nothing waits for it");
  });
});

describe("CRDs", () => {
  it("applies a CRD that nothing in the set uses with everything else: no wait for Established, no second discovery", async () => {
    const ns = await createNamespace("kubeship-rtt-crd");
    const group = `kubeship-rtt-${suffix()}.test`;
    cleanup.push(["namespace", ns], ["crd", `gadgets.${group}`]);
    const traced = await run(
      { "crd.yaml": crdYaml(group, "Gadget"), "cms.yaml": configMaps(6) },
      { INPUT_NAMESPACE: ns },
    );
    assertSucceeded(traced);
    assert.deepEqual(roundTripsOf(traced, /^PATCH /), [3]);
    assert.equal(traced.requests.filter((r) => r.request === "GET /apis").length, 1, "discovery once");
  });

  it("with wait: true, waits for such a CRD to be Established as part of the rollout wait", async () => {
    const ns = await createNamespace("kubeship-rtt-crd-wait");
    const group = `kubeship-rtt-${suffix()}.test`;
    cleanup.push(["namespace", ns], ["crd", `gizmos.${group}`]);
    const traced = await run({ "crd.yaml": crdYaml(group, "Gizmo") }, { INPUT_NAMESPACE: ns, INPUT_WAIT: "true" });
    assertSucceeded(traced);
    const [object] = traced.result.objects;
    assert.equal(object?.rollout, "ready");
    const crdStatus = await getJson<{ status: { conditions: { type: string; status: string }[] } }>([
      "get",
      "crd",
      `gizmos.${group}`,
      "-o",
      "json",
    ]);
    assert.ok(crdStatus.status.conditions.some((c) => c.type === "Established" && c.status === "True"));
  });

  it("waits for Established and discovers again before a custom resource of the set, and only before it", async () => {
    const ns = await createNamespace("kubeship-rtt-cr");
    const group = `kubeship-rtt-${suffix()}.test`;
    cleanup.push(["namespace", ns], ["crd", `widgets.${group}`]);
    const widget = `apiVersion: ${group}/v1\nkind: Widget\nmetadata: {name: gear}\nspec: {size: 3}\n`;
    const traced = await run(
      { "widget.yaml": widget, "crd.yaml": crdYaml(group, "Widget"), "cms.yaml": configMaps(6) },
      { INPUT_NAMESPACE: ns },
    );
    assertSucceeded(traced);
    assert.deepEqual(roundTripsOf(traced, /^PATCH \/api\/v1\/namespaces\/NS\/configmaps\//), [3], "not held back");
    assert.deepEqual(roundTripsOf(traced, /^PATCH \/apis\/apiextensions/), [3]);
    const [rediscovered] = roundTripsOf(traced, /^GET \/apis$/).slice(1);
    const [applied] = roundTripsOf(traced, new RegExp(`^PATCH /apis/${group.replace(/\./g, "\\.")}/`));
    assert.ok(
      rediscovered !== undefined && applied !== undefined && applied > rediscovered,
      JSON.stringify(traced.requests),
    );
    const gear = await getJson<{ spec: { size: number } }>(["get", `widgets.${group}`, "gear", "-n", ns, "-o", "json"]);
    assert.equal(gear.spec.size, 3);
  });
});

describe("admission webhooks", () => {
  it("are applied last, after every other object of the set", async () => {
    const ns = await createNamespace("kubeship-rtt-webhook");
    const name = `kubeship-rtt-${suffix()}`;
    cleanup.push(["namespace", ns], ["validatingwebhookconfiguration", name]);
    // intercepts nothing that exists (a made-up group), and is ignored if it fails: harmless to others
    const webhook = [
      "apiVersion: admissionregistration.k8s.io/v1",
      "kind: ValidatingWebhookConfiguration",
      `metadata: {name: ${name}}`,
      "webhooks:",
      "- name: check.kubeship.test",
      "  admissionReviewVersions: [v1]",
      "  sideEffects: None",
      "  failurePolicy: Ignore",
      `  clientConfig: {service: {namespace: ${ns}, name: checker, path: /check}}`,
      "  rules: [{apiGroups: [nothing.kubeship.test], apiVersions: [v1], operations: [CREATE], resources: [things]}]",
      "",
    ].join("\n");
    const traced = await run({ "webhook.yaml": webhook, "cms.yaml": configMaps(6) }, { INPUT_NAMESPACE: ns });
    assertSucceeded(traced);
    const [last] = roundTripsOf(traced, /^PATCH \/apis\/admissionregistration/);
    const others = roundTripsOf(traced, /^PATCH \/api\/v1\//);
    assert.ok(last !== undefined && others.every((o) => o < last), JSON.stringify(traced.requests));
  });
});

describe("metadata only where the body is not needed", () => {
  // A CRD with a long description (200 KB unless told): its body is what is not read.
  const largeCrd = (group: string, kind: string, description: string, size = 200_000) =>
    crdYaml(group, kind).replace(
      "spec: {type: object, properties:",
      `spec: {type: object, description: "${description.repeat(size / description.length)}", properties:`,
    );
  const requestsTo = (traced: Traced, pattern: RegExp) => traced.requests.filter((r) => pattern.test(r.request));
  const actionOf = (traced: Traced, kind: string) => traced.result.objects.find((o) => o.ref.kind === kind)?.action;

  it("reads a CRD and receives its apply's answer as metadata, and still tells unchanged from configured", async () => {
    const ns = await createNamespace("kubeship-rtt-meta");
    const group = `kubeship-rtt-${suffix()}.test`;
    cleanup.push(["namespace", ns], ["crd", `sprockets.${group}`]);
    const files = (description: string, label = "") => ({
      "crd.yaml": largeCrd(group, "Sprocket", description).replace(
        `metadata: {name: sprockets.${group}}`,
        `metadata: {name: sprockets.${group}${label === "" ? "" : `, labels: {${label}}`}}`,
      ),
      "cms.yaml": configMaps(6),
    });
    const crd = /^(GET|PATCH) \/apis\/apiextensions\.k8s\.io\/v1\/customresourcedefinitions\/sprockets\./;

    const first = await run(files("a sprocket. "), { INPUT_NAMESPACE: ns });
    assertSucceeded(first);
    assert.equal(actionOf(first, "CustomResourceDefinition"), "created");
    // created, and nothing waits for them: no answer needs more than its metadata
    for (const r of requestsTo(first, /^PATCH /)) assert.ok(r.metadataOnly, JSON.stringify(r));
    for (const r of requestsTo(first, crd)) assert.ok(r.bytes < 10_000, JSON.stringify(r));

    const again = await run(files("a sprocket. "), { INPUT_NAMESPACE: ns });
    assertSucceeded(again);
    assert.equal(actionOf(again, "CustomResourceDefinition"), "unchanged");
    assert.deepEqual(
      requestsTo(again, crd).map((r) => [r.request.split(" ")[0], r.metadataOnly, r.bytes < 10_000]),
      [
        ["GET", true, true],
        ["PATCH", true, true],
      ],
    );
    // ConfigMaps count no generation: read whole, so that their diff can tell a change from none
    assert.ok(requestsTo(again, /configmaps/).every((r) => !r.metadataOnly));
    assert.ok(again.result.objects.every((o) => o.action === "unchanged"));

    const described = await run(files("a changed sprocket. "), { INPUT_NAMESPACE: ns });
    assertSucceeded(described);
    assert.equal(actionOf(described, "CustomResourceDefinition"), "configured", "a change of its spec");
    const labelled = await run(files("a changed sprocket. ", "tier: gear"), { INPUT_NAMESPACE: ns });
    assertSucceeded(labelled);
    assert.equal(actionOf(labelled, "CustomResourceDefinition"), "configured", "a change of its metadata only");
    const unchanged = await run(files("a changed sprocket. ", "tier: gear"), { INPUT_NAMESPACE: ns });
    assert.equal(actionOf(unchanged, "CustomResourceDefinition"), "unchanged");
  });

  it("receives a CRD's whole answer when the wait judges it, and plan mode reads it whole for its diff", async () => {
    const group = `kubeship-rtt-${suffix()}.test`;
    cleanup.push(["crd", `cogs.${group}`]);
    const files = { "crd.yaml": largeCrd(group, "Cog", "a cog. ") };
    assertSucceeded(await run(files));
    const waited = await run(files, { INPUT_WAIT: "true" });
    assertSucceeded(waited);
    const crd = /customresourcedefinitions\/cogs\./;
    assert.deepEqual(
      requestsTo(waited, crd).map((r) => [r.request.split(" ")[0], r.metadataOnly]),
      [
        ["GET", true],
        ["PATCH", false],
      ],
    );
    // Established in the answer: no LIST of every CRD on the cluster to watch it
    assert.deepEqual(requestsTo(waited, /customresourcedefinitions$/), []);
    assert.equal(waited.result.objects[0]?.rollout, "ready");

    const planned = await run({ "crd.yaml": largeCrd(group, "Cog", "a round cog. ") }, { INPUT_MODE: "plan" });
    assertSucceeded(planned);
    assert.ok(requestsTo(planned, crd).every((r) => !r.metadataOnly));
    assert.match(JSON.stringify(planned.result.objects[0]?.diff), /a round cog/);
  });

  it("takes over a CRD that kubectl applied client-side from its metadata: a label dropped from the manifest goes", async () => {
    const group = `kubeship-rtt-${suffix()}.test`;
    const name = `flanges.${group}`;
    cleanup.push(["crd", name]);
    const manifest = (labels: string) =>
      // kubectl keeps a copy in an annotation, and annotations hold at most 256 KB
      largeCrd(group, "Flange", "a flange. ", 20_000).replace(
        `metadata: {name: ${name}}`,
        `metadata: {name: ${name}, labels: {${labels}}}`,
      );
    await kubectl(["apply", "-f", "-"], manifest("keep: a, drop: b"));
    const traced = await run({ "crd.yaml": manifest("keep: a") });
    assertSucceeded(traced);
    const [object] = traced.result.objects;
    assert.equal(object?.action, "configured");
    assert.deepEqual(object?.notes, ["took over the fields of kubectl's managers"]);
    const crd = /customresourcedefinitions\/flanges\./;
    assert.deepEqual(
      requestsTo(traced, crd).map((r) => [r.request.split(" ")[0], r.metadataOnly]),
      [
        ["GET", true],
        ["PATCH", true],
        ["PATCH", true],
      ],
      "the read, the take-over and the apply",
    );
    const live = await getJson<{ metadata: { labels: Record<string, string> } }>(["get", "crd", name]);
    assert.deepEqual(live.metadata.labels, { keep: "a" });
  });
});
