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
import { type AnswerRule, startFaultyProxy } from "../helpers/faulty-proxy.ts";
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
  /** hostile answers given in the API server's place, by a proxy in front of it */
  answers?: AnswerRule[];
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
  {
    name: "a name that climbs out of its resource's path",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: '..'}\n" },
    error: /a\.yaml:1.*metadata\.name "\.\."/,
  },
  {
    name: "a name with a slash",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 'x/../../secrets/creds'}\n" },
    error: /a\.yaml:1.*"\/"/,
  },
  {
    name: "a name with a percent-encoded slash",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 'x%2F..'}\n" },
    error: /a\.yaml:1.*"%"/,
  },
  {
    name: "a name with a line break that reads as a workflow command",
    files: { "a.yaml": 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: "a\\n::error::forged"}\n' },
    error: /a\.yaml:1.*metadata\.name/,
  },
  {
    name: "a name longer than any the server takes",
    files: { "a.yaml": `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${"a".repeat(300)}}\n` },
    error: /a\.yaml:1.*at most 253/,
  },
  {
    name: "a namespace that is no namespace name",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: Bad_NS}\n" },
    error: /a\.yaml:1.*metadata\.namespace "Bad_NS"/,
  },
  {
    name: "a namespace that is a mapping",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: {x: 1}}\n" },
    error: /a\.yaml:1.*metadata\.namespace/,
  },
  {
    name: "an apiVersion with a path in it",
    files: { "a.yaml": "apiVersion: ../../api/v1\nkind: ConfigMap\nmetadata: {name: a}\n" },
    error: /a\.yaml:1.*apiVersion/,
  },
  {
    name: "a kind with a line break",
    files: { "a.json": '{"apiVersion": "v1", "kind": "Config\\n::error::forged", "metadata": {"name": "a"}}' },
    error: /a\.json:1.*kind/,
  },
  {
    name: "a file name that reads as a workflow command",
    files: { "::stop-commands::kubeship.yaml": "kind: ConfigMap\nmetadata: {name: [unclosed\n" },
    error: /::stop-commands::kubeship\.yaml:\d+/,
  },
  {
    name: "a file name in the runner's legacy command form",
    files: { "##[set-output name=result]success.yaml": "kind: ConfigMap\nmetadata: {name: [unclosed\n" },
    error: /set-output name=result\]success\.yaml:\d+/,
  },
  {
    name: "a file name that opens an HTML comment",
    files: { "<!--.yaml": "kind: ConfigMap\nmetadata: {name: [unclosed\n" },
    error: /a manifest|YAML|<!--\.yaml/,
  },
  {
    name: "a file in UTF-16",
    files: {
      "a.yaml": "\ufeffapiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n".replace(/[\s\S]/g, (c) => `${c}\u0000`),
    },
    error: /a\.yaml/,
  },
  {
    name: "a Secret whose data is not base64",
    files: { "a.yaml": `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: "${password}!!"\n` },
    error: /Secret|base64|data/,
  },
  {
    name: "a Secret whose stringData is a list",
    files: { "a.yaml": `apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: [${password}]\n` },
    error: /Secret|stringData/,
  },
  {
    name: "an unknown YAML tag",
    files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: !!js/function 'function(){}'\n" },
    error: /a\.yaml:\d+/,
  },
  {
    name: "the same object in two files",
    files: {
      "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice}\n",
      "b.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: twice}\n",
    },
    error: /defined twice/,
  },
  {
    name: "a List inside a List",
    files: { "a.yaml": "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items: [3]\n" },
    error: /a\.yaml/,
  },
  {
    name: "an empty kind",
    files: { "a.yaml": 'apiVersion: v1\nkind: ""\nmetadata: {name: a}\n' },
    error: /a\.yaml:1.*kind/,
  },
  {
    name: "JSON with a duplicate key",
    files: { "a.json": '{"apiVersion": "v1", "kind": "ConfigMap", "kind": "Secret", "metadata": {"name": "a"}}' },
    error: /a\.json/,
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
  {
    name: "a namespace input that reads as a workflow command",
    inputs: { namespace: "::error::forged" },
    error: /namespace/,
  },
  {
    name: "a field manager with a line break",
    inputs: { "field-manager": "a\n::error::forged" },
    error: /field-manager/,
  },
  { name: "an applyset that is no Secret name", inputs: { applyset: "Bad Name" }, error: /applyset/ },
  {
    name: "an environment URL that runs script",
    inputs: { "environment-url": "javascript:alert(1)" },
    error: /environment-url/,
  },
  { name: "a timeout of zero", inputs: { timeout: "0s" }, error: /timeout/ },
  { name: "a timeout past six hours", inputs: { timeout: "7h" }, error: /timeout.*6h/ },
  {
    name: "export-kubeconfig that is not a boolean",
    inputs: { "export-kubeconfig": "maybe" },
    error: /export-kubeconfig/,
  },
  { name: "a glob that matches nothing", inputs: { manifests: "m/**/*.nomatch" }, error: /matches no file/ },
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
  {
    name: "a kubeconfig that is base64 of garbage",
    inputs: { kubeconfig: Buffer.from("\u0000\u0001garbage: [").toString("base64") },
    error: /kubeconfig/,
  },
  {
    name: "a context that names a user who is not there",
    inputs: { kubeconfig: kubeconfigWith((c) => (c.users = [])) },
    error: /user/,
  },
  {
    name: "a server URL with a password in it",
    inputs: { kubeconfig: kubeconfigWith((c) => (firstCluster(c).server = `https://u:${password}@127.0.0.1:1`)) },
    error: /carries a user name or password/,
  },
  {
    name: "a SOCKS5 proxy that is not there",
    inputs: { kubeconfig: kubeconfigWith((c) => (firstCluster(c)["proxy-url"] = "socks5://127.0.0.1:1")) },
    error: /proxy|cannot reach/,
  },
  ...[
    { name: "prints no JSON", script: "echo '::error::forged'; echo not-json" },
    { name: "exits with an error and a workflow command on stderr", script: "echo '::stop-commands::x' >&2; exit 3" },
    {
      name: "returns an expired credential",
      script: `echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"${password}","expirationTimestamp":"2001-01-01T00:00:00Z"}}'`,
    },
  ].map(({ name, script }): Case => ({
    name: `an exec credential plugin that ${name}`,
    inputs: {
      kubeconfig: kubeconfigWith((c) => {
        c.users[0] = {
          name: c.users[0]?.name ?? "",
          user: {
            exec: {
              apiVersion: "client.authentication.k8s.io/v1",
              command: "/bin/sh",
              args: ["-c", script],
              interactiveMode: "Never",
            },
          },
        };
      }),
    },
    error: /exec|plugin|credential/i,
  })),
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

/** A Status answer, as the API server sends its errors, with a hostile message. */
function status(code: number, message: string, extra: Record<string, unknown> = {}): AnswerRule["answer"] {
  return (res) => {
    res.writeHead(code, { "content-type": "application/json" });
    res.end(JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", code, message, ...extra }));
  };
}
function body(code: number, type: string, text: string): AnswerRule["answer"] {
  return (res) => {
    res.writeHead(code, { "content-type": type });
    res.end(text);
  };
}
const hostileText =
  "::stop-commands::kubeship\n::error::forged\n##[set-output name=result]success\n```\n# ✅ Approved\n<!-- ";
const review = "/apis/authentication.k8s.io/v1/selfsubjectreviews";
const accessReview = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews";

/** Hostile or broken answers in place of the API server's, before anything is written. */
const serverCases: Case[] = [
  {
    name: "an identity answer that is an HTML login page",
    answers: [{ method: "POST", path: review, answer: body(200, "text/html", "<html><body>Sign in</body></html>") }],
    error: /not JSON|JSON/,
  },
  {
    name: "an identity refusal whose message holds workflow commands and markup",
    answers: [{ method: "POST", path: review, answer: status(500, hostileText) }],
    error: /forged/,
  },
  {
    name: "a 401 whose message is a legacy workflow command",
    answers: [{ method: "POST", path: review, answer: status(401, "##[set-output name=result]success") }],
    error: /401|not accepted|Unauthorized/,
  },
  {
    name: "an identity answer of JSON null",
    answers: [{ method: "POST", path: review, answer: body(201, "application/json", "null") }],
    error: /identity|answer|JSON/,
  },
  {
    name: "core discovery cut off mid-JSON",
    answers: [
      { method: "GET", path: "/api", answer: body(200, "application/json", '{"kind":"APIVersions","versions":') },
    ],
    error: /JSON|api/,
  },
  {
    name: "group discovery nested deeper than any parser's stack",
    answers: [
      {
        method: "GET",
        path: "/apis",
        answer: body(200, "application/json", `${"[".repeat(200_000)}${"]".repeat(200_000)}`),
      },
    ],
    error: /apis|discovery|JSON/,
  },
  {
    name: "group discovery that announces a body over the size limit",
    answers: [
      {
        method: "GET",
        path: "/apis",
        answer: (res) => {
          res.writeHead(200, { "content-type": "application/json", "content-length": String(300 * 1024 * 1024) });
          res.write("{");
          setTimeout(() => res.destroy(), 500);
        },
      },
    ],
    error: /apis|MiB|discovery|closed|reset|terminated/,
  },
  {
    name: "an identity request redirected to another host",
    answers: [
      {
        method: "POST",
        path: review,
        answer: (res) => (res.writeHead(307, { location: "https://attacker.invalid/steal" }), res.end()),
      },
    ],
    error: /307/,
  },
  {
    name: "a namespace answer that is a JSON list named like commands",
    answers: [
      {
        method: "GET",
        path: "/api/v1/namespaces/",
        answer: body(200, "application/json", JSON.stringify(["::error::forged", "##[set-output name=x]y"])),
      },
    ],
    error: /not an object/,
  },
  {
    name: "group discovery that keeps answering 503",
    answers: [{ method: "GET", path: "/apis", answer: status(503, hostileText) }],
    error: /503|unavailable|forged|apis/,
  },
  {
    name: "a namespace check refused with a hostile message",
    answers: [{ method: "GET", path: "/api/v1/namespaces/", answer: status(500, hostileText) }],
    error: /forged/,
  },
  {
    name: "a namespace answer that is not JSON",
    answers: [{ method: "GET", path: "/api/v1/namespaces/", answer: body(200, "application/json", "<not json>") }],
    error: /JSON/,
  },
  {
    name: "access reviews that keep answering 429",
    answers: [
      {
        method: "POST",
        path: accessReview,
        answer: (res) => (
          res.writeHead(429, { "retry-after": "1", "content-type": "text/plain" }),
          res.end("slow down")
        ),
      },
    ],
    error: /429|throttl|too many/i,
  },
  {
    name: "an access review answer that is not a review",
    answers: [{ method: "POST", path: accessReview, answer: body(201, "application/json", '{"status": "yes"}') }],
    error: /permission|review|answer|allowed/i,
  },
  {
    name: "an apply answered with a body that is not JSON",
    answers: [{ method: "PATCH", path: "/api/v1/namespaces/", answer: body(200, "application/json", "{{{") }],
    error: /JSON/,
  },
  {
    name: "an apply refused with hostile causes",
    answers: [
      {
        method: "PATCH",
        path: "/api/v1/namespaces/",
        answer: status(422, hostileText, {
          reason: "Invalid",
          details: { causes: [{ field: "::set-output name=x::y", message: "<!-- hidden" }] },
        }),
      },
    ],
    error: /forged|Invalid|422/,
  },
  {
    name: "an apply whose connection is cut every time",
    answers: [{ method: "PATCH", path: "/api/v1/namespaces/", answer: (res) => res.socket?.destroy() }],
    error: /connection|socket|closed|reset/i,
  },
];

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
  const proxy = c.answers === undefined ? undefined : await startFaultyProxy();
  if (proxy !== undefined) proxy.rules = c.answers ?? [];
  const run = await runAction({
    workspace: ws,
    inputs: {
      manifests: "m/",
      kubeconfig: proxy?.kubeconfig ?? kubeconfig,
      namespace: ns,
      timeout: "20s",
      ...c.inputs,
    },
    // the runner's own credentials, which no case may fall back to
    env: { KUBECONFIG: paths.kubeconfig },
    onStart: (child) => {
      const timer = setTimeout(() => ((killed = true), child.kill("SIGKILL")), 60_000);
      child.on("exit", () => clearTimeout(timer));
    },
  });
  await proxy?.close();
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
  ["hostile server answers", serverCases],
] as const) {
  describe(group, { concurrency: 4 }, () => {
    for (const c of cases) it(c.name, async () => runCase(c, await namespace("kubeship-hostile")));
  });
}
