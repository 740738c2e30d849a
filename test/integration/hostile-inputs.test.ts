// A corpus of hostile and malformed inputs — manifests, file names, kubeconfigs, action inputs — each
// run through the bundled action as the runner runs it, against the test cluster. Every case must end
// in a clear error (matched below), with nothing written to the cluster, no secret visible to a reader
// of the log, outputs or summary, no workflow command taken from the input, and no hang.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { parse, stringify } from "yaml";
import { failClosedInputs, omittedMarker } from "../../src/inputs.ts";
import { paths } from "../cluster/layout.ts";
import { runAction, visibleLog } from "../helpers/action.ts";
import { adminKubeconfig, freshNamespaces, kubectl } from "../helpers/cluster.ts";
import { commandsCarriedOut, readRunnerLog } from "../helpers/runner-log.ts";
import { workspaceWith } from "../helpers/workspace.ts";

const kubeconfig = adminKubeconfig();
const namespace = freshNamespaces();
/** A secret that a manifest holds: it must never be shown, whatever goes wrong around it. */
const password = `Hunter2-${randomBytes(6).toString("hex")}`;
/** What every case's workspace holds besides its own files: an object that must not be written. */
const canary = (ns: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: canary, namespace: ${ns}}\ndata: {written: "yes"}\n`;

interface Case {
  name: string;
  /** the manifests of the case, in m/ of the workspace (the canary is added as m/0-canary.yaml) */
  files?: Record<string, string>;
  /** action inputs besides manifests: m/, kubeconfig and namespace */
  inputs?: Record<string, string>;
  /** what the error must say */
  error: RegExp;
}

const config = parse(kubeconfig) as {
  clusters: { name: string; cluster: Record<string, unknown> }[];
  users: { name: string; user: Record<string, unknown> }[];
  contexts: { name: string; context: Record<string, unknown> }[];
};
/** The first cluster entry of a kubeconfig copy. */
function firstCluster(c: typeof config): Record<string, unknown> {
  const entry = c.clusters[0];
  if (entry === undefined) throw new Error("the admin kubeconfig has no cluster");
  return entry.cluster;
}

/** The admin kubeconfig with `change` applied to a copy. */
function kubeconfigWith(change: (c: typeof config) => void): string {
  const copy = structuredClone(config);
  change(copy);
  return stringify(copy);
}
const secretManifest = `apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData:\n  password: ${password}\n`;

const manifestCases: Case[] = [
  { name: "an unclosed quote", files: { "a.yaml": 'kind: ConfigMap\nmetadata: {name: "a}\n' }, error: /a\.yaml:\d+/ },
  {
    name: "tabs for indentation",
    files: { "a.yaml": "kind: ConfigMap\nmetadata:\n\tname: a\n" },
    error: /a\.yaml:\d+/,
  },
  {
    name: "an alias to an undefined anchor named like a secret",
    files: { "a.yaml": `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: *${password}\n` },
    error: /a\.yaml:\d+/,
  },
  {
    name: "an alias bomb (billion laughs)",
    files: {
      "a.yaml": `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`,
    },
    error: /a\.yaml/,
  },
  {
    name: "a duplicate key",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: a}\n" },
    error: /a\.yaml:\d+/,
  },
  { name: "a scalar document", files: { "a.yaml": "just text\n" }, error: /a\.yaml:1/ },
  { name: "a sequence document", files: { "a.yaml": "- apiVersion: v1\n  kind: ConfigMap\n" }, error: /a\.yaml:1/ },
  {
    name: "no apiVersion",
    files: { "a.yaml": "kind: ConfigMap\nmetadata: {name: a}\n" },
    error: /a\.yaml:1.*apiVersion/,
  },
  { name: "no kind", files: { "a.yaml": "apiVersion: v1\nmetadata: {name: a}\n" }, error: /a\.yaml:1.*kind/ },
  { name: "no name", files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n" }, error: /a\.yaml:1.*name/ },
  {
    name: "metadata that is a string",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: a\n" },
    error: /a\.yaml:1/,
  },
  {
    name: "generateName",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {generateName: a-}\n" },
    error: /generateName/,
  },
  {
    name: "a kind the cluster does not serve",
    files: { "a.yaml": "apiVersion: v1\nkind: Gadget\nmetadata: {name: a}\n" },
    error: /Gadget/,
  },
  {
    name: "a group the cluster does not serve",
    files: { "a.yaml": "apiVersion: evil.example/v1\nkind: Gadget\nmetadata: {name: a}\n" },
    error: /CRD/,
  },
  {
    name: "a namespace that does not exist",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: nowhere-x1}\n" },
    error: /nowhere-x1.*does not exist/,
  },
  {
    name: "the same object twice",
    files: {
      "a.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice}\n",
    },
    error: /defined twice/,
  },
  { name: "a kustomization", files: { "kustomization.yaml": "resources: [a.yaml]\n" }, error: /kustomization/i },
  { name: "a Helm chart", files: { "Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\n" }, error: /Chart\.yaml/ },
  {
    name: "NUL bytes",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\u0000\u0000\nmetadata: {name: a}\n" },
    error: /a\.yaml/,
  },
  { name: "malformed JSON", files: { "a.json": '{"apiVersion": "v1", "kind": "ConfigMap",' }, error: /a\.json/ },
  {
    name: "a List whose items are not objects",
    files: { "a.yaml": "apiVersion: v1\nkind: List\nitems: [1, 2]\n" },
    error: /a\.yaml/,
  },
  {
    name: "nesting deeper than any manifest",
    files: {
      "a.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: ${"[".repeat(5000)}${"]".repeat(5000)}\n`,
    },
    error: /a\.yaml/,
  },
  {
    name: "a secret in a file with a syntax error",
    files: { "a.yaml": `${secretManifest}  bad: [unclosed\n` },
    error: /a\.yaml:\d+/,
  },
];

const inputCases: Case[] = [
  { name: "an unknown mode", inputs: { mode: "deploy" }, error: /mode/ },
  { name: "a timeout that is not a duration", inputs: { timeout: "forever" }, error: /timeout/ },
  { name: "an unknown auth method", inputs: { auth: "magic" }, error: /auth/ },
  { name: "wait that is not a boolean", inputs: { wait: "maybe" }, error: /wait/ },
  { name: "prune without an applyset", inputs: { prune: "true" }, error: /applyset/ },
  { name: "as-groups without as", inputs: { "as-groups": "admins" }, error: /as-groups/ },
  { name: "an image override without a name", inputs: { images: "nginx" }, error: /images/ },
  {
    name: "a service-account without a namespace",
    inputs: { "service-account": "deployer" },
    error: /service-account/,
  },
  {
    name: "a field-validation value that does not exist",
    inputs: { "field-validation": "Maybe" },
    error: /field-validation/,
  },
  { name: "both a kubeconfig and a server", inputs: { server: "https://127.0.0.1:1", token: "abc" }, error: /server/ },
  { name: "manifests that match nothing", inputs: { manifests: "nothing/*.yaml" }, error: /nothing/ },
  { name: "a manifests directory that does not exist", inputs: { manifests: "missing-dir" }, error: /missing-dir/ },
];

const kubeconfigCases: Case[] = [
  { name: "a kubeconfig that is not YAML", inputs: { kubeconfig: "clusters: [" }, error: /kubeconfig/ },
  {
    name: "a kubeconfig without contexts",
    inputs: { kubeconfig: kubeconfigWith((c) => (c.contexts = [])) },
    error: /context/,
  },
  { name: "a context that does not exist", inputs: { context: "nowhere" }, error: /nowhere/ },
  {
    name: "a legacy auth-provider",
    inputs: {
      kubeconfig: kubeconfigWith(
        (c) => (c.users[0] = { name: c.users[0]?.name ?? "", user: { "auth-provider": { name: "gcp" } } }),
      ),
    },
    error: /auth-provider/,
  },
  {
    name: "a plain-HTTP server, where the token would cross the network in clear",
    inputs: { kubeconfig: kubeconfigWith((c) => (firstCluster(c).server = "http://127.0.0.1:1")) },
    error: /http:\/\/127\.0\.0\.1:1 .*is plain HTTP.*allow-plain-http/,
  },
  ...[
    { field: "tokenFile", user: { tokenFile: "m/token" } },
    { field: "client-key", user: { "client-certificate": "/etc/hostname", "client-key": "m/key.pem" } },
    {
      field: "command",
      user: {
        exec: { apiVersion: "client.authentication.k8s.io/v1", command: "m/plugin.sh", interactiveMode: "Never" },
      },
    },
  ].map(({ field, user }): Case => ({
    name: `a relative ${field} in a kubeconfig given as content (the workspace is the pull request's)`,
    inputs: { kubeconfig: kubeconfigWith((c) => (c.users[0] = { name: c.users[0]?.name ?? "", user })) },
    error: new RegExp(`${field}.* is the relative path`),
  })),
  {
    name: "a relative certificate-authority in a kubeconfig given as content",
    inputs: {
      kubeconfig: kubeconfigWith((c) => {
        delete firstCluster(c)["certificate-authority-data"];
        firstCluster(c)["certificate-authority"] = "m/ca.pem";
      }),
    },
    error: /is the relative path "m\/ca\.pem"/,
  },
  {
    name: "a server that refuses connections",
    inputs: { kubeconfig: kubeconfigWith((c) => (firstCluster(c).server = "https://127.0.0.1:1")) },
    error: /cannot reach/,
  },
  {
    name: "a CA that did not sign the server's certificate",
    inputs: {
      kubeconfig: kubeconfigWith((c) => {
        firstCluster(c)["certificate-authority-data"] = c.users[0]?.user["client-certificate-data"];
      }),
    },
    error: /certificate/,
  },
  {
    name: "a token the server does not accept",
    inputs: {
      kubeconfig: kubeconfigWith(
        (c) => (c.users[0] = { name: c.users[0]?.name ?? "", user: { token: `not-a-token-${password}` } }),
      ),
    },
    error: /Unauthorized|not accepted|401/,
  },
];

/**
 * Credential inputs the workflow sets but that evaluate to empty (a secret a fork's pull request does not
 * get), while the runner has working credentials of its own (KUBECONFIG, set in runCase): falling back to
 * them would deploy as the runner.
 */
const failClosedCases: Case[] = failClosedInputs.map((name) => ({
  name: `${name} set but empty, with the runner's own KUBECONFIG at hand`,
  inputs: name === "kubeconfig" ? { kubeconfig: "" } : { kubeconfig: omittedMarker, [name]: "" },
  error: new RegExp(`${name}: set in the workflow but empty`),
}));

/** The admin kubeconfig's secrets: its client key, whole and line by line. */
function kubeconfigSecrets(): string[] {
  const keyData = config.users[0]?.user["client-key-data"] as string;
  const lines = Buffer.from(keyData, "base64")
    .toString("utf8")
    .split("\n")
    .filter((l) => l !== "" && !l.startsWith("-----"));
  return [keyData, ...lines];
}

async function runCase(c: Case, ns: string): Promise<void> {
  const ws = workspaceWith({
    "m/0-canary.yaml": canary(ns),
    "m/1-secret.yaml": secretManifest,
    ...prefixed(c.files ?? {}),
  });
  let killed = false;
  const run = await runAction({
    workspace: ws,
    inputs: { manifests: "m/", kubeconfig, namespace: ns, timeout: "20s", ...c.inputs },
    // the runner's own credentials, which no case may fall back to
    env: { KUBECONFIG: paths.kubeconfig },
    onStart: (child) => {
      const timer = setTimeout(() => ((killed = true), child.kill("SIGKILL")), 60_000);
      child.on("exit", () => clearTimeout(timer));
    },
  });
  const readable = [visibleLog(run.log), JSON.stringify(run.outputs), run.summary].join("\n");
  assert.equal(killed, false, "the step hung");
  assert.equal(run.exitCode, 1, readable);
  assert.equal(run.outputs.result, "failure");
  assert.match(readable, c.error);
  for (const secret of [password, ...kubeconfigSecrets()]) assert.ok(!readable.includes(secret), "a secret is visible");
  const commands = commandsCarriedOut(readRunnerLog(run.log)).map((cmd) => cmd.command);
  assert.deepEqual(
    [...new Set(commands)].filter(
      (cmd) => !["add-mask", "error", "warning", "debug", "group", "endgroup"].includes(cmd),
    ),
    [],
  );
  const written = await kubectl(["get", "configmap,secret", "-n", ns, "-o", "name"]);
  assert.doesNotMatch(written, /configmap\/canary|secret\/creds/, "an object was written");
}

function prefixed(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [`m/${name}`, text]));
}

for (const [group, cases] of [
  ["hostile manifests", manifestCases],
  ["bad action inputs", inputCases],
  ["bad kubeconfigs", kubeconfigCases],
  ["credential inputs set but empty", failClosedCases],
] as const) {
  describe(group, { concurrency: 4 }, () => {
    for (const c of cases) it(c.name, async () => runCase(c, await namespace("kubeship-hostile")));
  });
}
