// Generated stand-ins for install manifests. longhorn.yaml has no other source here: the Go module
// proxy is the only source of install manifests this machine reaches (bench/real-installs.ts), and it
// does not serve longhorn's repository. The large and ordinary sets stay beside the real
// installs for the YAML reader's test and the parse benchmark, which need no download. They copy what
// costs time in the real ones: CRDs as controller-gen writes them (block YAML at 80 columns, an
// openAPIV3Schema that repeats a Container-like schema with long descriptions, list-map and
// int-or-string markers), in the counts and sizes of the real sets, next to ordinary objects in one
// Namespace and cluster-scoped RBAC. Every set gets a unique group and names, so that each run's first
// apply really creates.
import { stringify } from "yaml";

/** A set to apply: YAML documents in apply order, and the CRDs' names (to delete them afterwards). */
export interface ManifestSet {
  documents: string[];
  crds: string[];
  /** the namespace both tools are given for the objects that name none (argo-cd's install names none) */
  namespace?: string;
}

/** A small deterministic generator, so that every run and every tool sees the same text. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const vocabulary = (
  "the of to and a in is for that by this with from on as be are it or an at which server object field resource " +
  "container value must if not when set default used specified name port pod cluster will may should this defaults " +
  "controller reference secret volume mount path probe endpoint selector label annotation namespace more info " +
  "required optional cannot updated describes configuration number seconds after before times failure success"
).split(" ");

function description(rand: () => number, words: number): string {
  const text = Array.from({ length: words }, () => vocabulary[Math.floor(rand() * vocabulary.length)] ?? "the");
  return `${text.join(" ")}.`;
}

type Schema = Record<string, unknown>;

function word(rand: () => number): string {
  return vocabulary[Math.floor(rand() * vocabulary.length)] ?? "field";
}

/** A field's schema: mostly scalars with long descriptions, some int-or-string, lists and nested objects. */
function field(rand: () => number, depth: number): Schema {
  const scalar = (type: string): Schema => ({ description: description(rand, 20 + Math.floor(rand() * 60)), type });
  const pick = rand();
  if (depth > 0 && pick < 0.25) return object(rand, 3 + Math.floor(rand() * 6), depth - 1);
  if (pick < 0.35) {
    const anyOf = [{ type: "integer" }, { type: "string" }];
    return { anyOf, description: description(rand, 30), "x-kubernetes-int-or-string": true };
  }
  if (pick < 0.45) return { ...scalar("array"), items: { type: "string" } };
  return scalar(["string", "integer", "boolean"][Math.floor(rand() * 3)] ?? "string");
}

function object(rand: () => number, fields: number, depth: number): Schema {
  const properties: Record<string, Schema> = {};
  for (let i = 0; i < fields; i++) properties[`${word(rand)}${i}`] = field(rand, depth);
  return { description: description(rand, 40), type: "object", properties };
}

/** A Container-like schema (about 40 KB of YAML, as core/v1 Container is with its descriptions), a list-map item. */
function containerSchema(rand: () => number): Schema {
  const container = object(rand, 36, 2);
  (container.properties as Record<string, Schema>).name = { description: description(rand, 20), type: "string" };
  container.required = ["name"];
  return container;
}

const yamlOptions = { lineWidth: 80, indentSeq: false, aliasDuplicateObjects: false };

/** The YAML size of `schema` as deep in a CRD as it will be: indentation is a good part of it. */
function sizeAt(depth: number, schema: Schema): number {
  let nested: Schema = schema;
  for (let i = 0; i < depth; i++) nested = { x: nested };
  return stringify(nested, yamlOptions).length - depth * 3;
}

/**
 * An openAPIV3Schema of about `bytes` bytes of YAML: spec fields that are lists of containers, as pod
 * specs embedded in operators' CRDs are, then smaller fields up to the size.
 */
function crdSchema(rand: () => number, bytes: number, container: Schema): Schema {
  const spec: Record<string, Schema> = {};
  const containerBytes = sizeAt(9, container);
  let size = 0;
  for (let i = 0; size + containerBytes <= bytes; i++) {
    spec[`containers${i}`] = {
      description: description(rand, 60),
      type: "array",
      items: container,
      "x-kubernetes-list-map-keys": ["name"],
      "x-kubernetes-list-type": "map",
    };
    size += containerBytes;
  }
  for (let i = 0; size < bytes; i++) {
    const next = field(rand, 2);
    spec[`${word(rand)}Setting${i}`] = next;
    size += sizeAt(7, next);
  }
  spec.settings = { type: "object", "x-kubernetes-preserve-unknown-fields": true };
  return {
    description: description(rand, 30),
    type: "object",
    properties: {
      apiVersion: { description: description(rand, 40), type: "string" },
      kind: { description: description(rand, 40), type: "string" },
      metadata: { type: "object" },
      spec: { description: description(rand, 30), type: "object", properties: spec },
      status: { description: description(rand, 30), type: "object", "x-kubernetes-preserve-unknown-fields": true },
    },
    required: ["spec"],
  };
}

function crd(group: string, kind: string, schema: Schema): { name: string; text: string } {
  const plural = `${kind.toLowerCase()}s`;
  const name = `${plural}.${group}`;
  const doc = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { annotations: { "controller-gen.kubebuilder.io/version": "v0.16.1" }, name },
    spec: {
      group,
      names: { categories: ["bench"], kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      scope: "Namespaced",
      versions: [
        { name: "v1", schema: { openAPIV3Schema: schema }, served: true, storage: true, subresources: { status: {} } },
      ],
    },
  };
  return { name, text: stringify(doc, yamlOptions) };
}

/** CRDs of the given sizes (KB of YAML each) in one group. */
function crds(rand: () => number, group: string, sizesKb: number[]): { names: string[]; documents: string[] } {
  const container = containerSchema(rand);
  const made = sizesKb.map((kb, i) => {
    const kind = `Kind${String.fromCharCode(65 + (i % 26))}${i}`;
    return crd(group, kind, crdSchema(rand, kb * 1024, container));
  });
  return { names: made.map((c) => c.name), documents: made.map((c) => c.text) };
}

/**
 * `count` ordinary objects of an operator's install: its Namespace, ServiceAccounts, RBAC (cluster-scoped
 * ones named after the run), ConfigMaps, Secrets, Services and Deployments (replicas 0: no pods to load
 * the machine), cycling through them.
 */
function ordinary(id: string, namespace: string, count: number): string[] {
  const docs = [`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${namespace}\n`];
  const labels = `  labels:\n    app.kubernetes.io/name: ${id}\n    app.kubernetes.io/part-of: bench\n`;
  const makers: ((i: number) => string)[] = [
    (i) => `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa-${i}\n  namespace: ${namespace}\n${labels}`,
    (i) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: ${id}-role-${i}\n${labels}` +
      "rules:\n- apiGroups: ['']\n  resources: [configmaps, secrets, services]\n  verbs: [get, list, watch]\n",
    (i) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: ${id}-binding-${i}\n` +
      `${labels}roleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: ${id}-role-${i - 1}\n` +
      `subjects:\n- kind: ServiceAccount\n  name: sa-${i - 2}\n  namespace: ${namespace}\n`,
    (i) =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-${i}\n  namespace: ${namespace}\n${labels}` +
      `data:\n  config.yaml: |\n${"    key: a value that an operator reads at start\n".repeat(20)}`,
    (i) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\n  namespace: ${namespace}\n${labels}` +
      `spec:\n  ports:\n  - name: http\n    port: 8080\n    targetPort: http\n  selector:\n    app: app-${i}\n`,
    (i) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: ${namespace}\n${labels}` +
      `spec:\n  replicas: 0\n  selector:\n    matchLabels:\n      app: app-${i}\n  template:\n    metadata:\n` +
      `      labels:\n        app: app-${i}\n    spec:\n      serviceAccountName: sa-${i - 5}\n      containers:\n` +
      `      - name: app\n        image: registry.example/operator:v1.${i}.0\n        args: [--log-level=info]\n` +
      "        ports:\n        - containerPort: 8080\n          name: http\n" +
      "        resources:\n          requests: {cpu: 10m, memory: 32Mi}\n",
  ];
  for (let i = 0; docs.length < count; i++) docs.push((makers[i % makers.length] as (i: number) => string)(i));
  return docs;
}

/** prometheus-operator's full CRDs: 10 CRDs, about 5.3 MB, the largest near 1 MB; with 50 ordinary objects. */
export function largeCrds(id: string): ManifestSet {
  const group = `monitoring.${id}.bench.test`;
  const made = crds(random(1), group, [1000, 950, 900, 800, 600, 450, 300, 180, 80, 40]);
  const namespace = `${id}-monitoring`;
  return { documents: [...made.documents, ...ordinary(id, namespace, 50)], crds: made.names };
}

/** longhorn.yaml's shape: 23 small CRDs and 28 ordinary objects, about 250 KB together. */
export function manySmallCrds(id: string): ManifestSet {
  const group = `storage.${id}.bench.test`;
  const made = crds(
    random(2),
    group,
    Array.from({ length: 23 }, (_, i) => 2 + (i % 5) * 1.5),
  );
  const namespace = `${id}-storage`;
  return { documents: [...made.documents, ...ordinary(id, namespace, 28)], crds: made.names };
}

/** ingress-nginx's deploy.yaml shape: 19 ordinary objects, no CRDs. */
export function ordinaryOnly(id: string): ManifestSet {
  const namespace = `${id}-ingress`;
  return { documents: ordinary(id, namespace, 19), crds: [] };
}
