// The permission preflight against the real cluster, as a new deploying identity meets it: starting
// with no permissions and granting exactly the RBAC manifest each refusal prints, a deploy of a
// Deployment, a StatefulSet, a DaemonSet and a Job (wait, fail-fast, rollback-on-failure) gets no
// answer 403 and diagnoses a crash loop as fast as an admin's deploy does; without any one of the
// granted rules, the preflight refuses before anything is written.
// The deploys run in this process, so that a hook on the client counts every answer 403.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Settings } from "../../src/inputs.ts";
import { readSettings } from "../../src/inputs.ts";
import { KubeClient } from "../../src/kube/client.ts";
import { KubeApiError } from "../../src/kube/errors.ts";
import type { Log } from "../../src/log.ts";
import { deploy } from "../../src/pipeline/index.ts";
import { failureText } from "../../src/report/failure.ts";
import type { RunResult } from "../../src/result.ts";
import { adminKubeconfig, freshNamespaces, getJson, kubectl } from "../helpers/cluster.ts";
import { clusterAccess, mintToken } from "../helpers/identities.ts";
import { deploymentYaml, jobYaml, type PodTemplate, podTemplateYaml, workspaceWith } from "../helpers/manifests.ts";

const namespace = freshNamespaces();

/** Every request answered 403, as `METHOD path`, in the order they came. */
const forbidden: string[] = [];
{
  const proto = KubeClient.prototype;
  // called below with the client they belong to
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const { request, watch } = proto;
  const counted = (method: string, path: string, error: unknown) => {
    if (error instanceof KubeApiError && error.code === 403) forbidden.push(`${method} ${path}`);
  };
  proto.request = async function (this: KubeClient, method, path, options) {
    try {
      return await request.call(this, method, path, options);
    } catch (error) {
      counted(method, path, error);
      throw error;
    }
  } as typeof request;
  type Query = Record<string, string | undefined>;
  proto.watch = async function* (this: KubeClient, path: string, query: Query, signal?: AbortSignal) {
    try {
      yield* watch.call(this, path, query, signal);
    } catch (error) {
      counted("WATCH", path, error);
      throw error;
    }
  } as typeof watch;
}

interface Run {
  result: RunResult;
  log: string;
  /** the requests of this run answered 403 */
  forbidden: string[];
  ms: number;
}

const timeout = "2m";

async function run(ns: string, files: Record<string, string>, credentials: Record<string, string>): Promise<Run> {
  const ws = workspaceWith(files);
  const env: Record<string, string> = {
    GITHUB_WORKSPACE: ws,
    INPUT_MANIFESTS: Object.keys(files).join("\n"),
    INPUT_NAMESPACE: ns,
    INPUT_TIMEOUT: timeout,
    INPUT_WAIT: "true",
    "INPUT_FAIL-FAST": "true",
    "INPUT_ROLLBACK-ON-FAILURE": "true",
    ...credentials,
  };
  const settings: Settings = readSettings(env);
  const lines: string[] = [];
  const log: Log = {
    info: (message) => lines.push(message),
    debug: () => undefined,
    warning: (message) => lines.push(`warning: ${message}`),
    error: (message) => lines.push(`error: ${message}`),
    mask: () => undefined,
  };
  const before = forbidden.length;
  const started = Date.now();
  const result = await deploy(settings, log);
  return { result, log: lines.join("\n"), forbidden: forbidden.slice(before), ms: Date.now() - started };
}

const asAdmin = () => ({ INPUT_KUBECONFIG: adminKubeconfig() });
const asToken = (token: string) => {
  const access = clusterAccess();
  return { INPUT_SERVER: access.server, "INPUT_CERTIFICATE-AUTHORITY-DATA": access.caData, INPUT_TOKEN: token };
};

function workload(kind: "StatefulSet" | "DaemonSet", name: string, t: PodTemplate = {}): string {
  return [
    "apiVersion: apps/v1",
    `kind: ${kind}`,
    "metadata:",
    `  name: ${name}`,
    "spec:",
    ...(kind === "StatefulSet" ? [`  serviceName: ${name}`] : []),
    `  selector: {matchLabels: {app: ${name}}}`,
    "  template:",
    podTemplateYaml(name, t, "    "),
    "",
  ].join("\n");
}

const crashloop: PodTemplate = { labels: { "kubeship.test/simulate": "crashloop" }, image: "registry.example/app:2" };

/** The four kinds, with `mark` as an annotation on each (a change that a refused run must not write). */
function manifests(mark = "0", web: PodTemplate = {}): Record<string, string> {
  const annotation = `  annotations: {kubeship.test/mark: "${mark}"}`;
  const annotate = (yaml: string) => yaml.replace(/^metadata:\n/m, `metadata:\n${annotation}\n`);
  return {
    "web.yaml": annotate(deploymentYaml("web", web)),
    "db.yaml": annotate(workload("StatefulSet", "db")),
    "agent.yaml": annotate(workload("DaemonSet", "agent")),
    "migrate.yaml": annotate(jobYaml("migrate")),
  };
}

/** The RBAC manifest a refusal prints, after its `kubectl apply -f` line. */
function grantOf(run: Run): string {
  const message = run.result.failures.map(failureText).join("\n");
  const at = message.search(/^To grant them.*\(kubectl apply -f\):$/m);
  assert.ok(at !== -1, `a refusal with an RBAC manifest:\n${message}\n${run.log}`);
  return message.slice(message.indexOf("\n", at) + 1);
}

function refused(run: Run): boolean {
  return run.result.failures.some((f) => / permissions this deploy needs, so nothing was written/.test(failureText(f)));
}

interface Role {
  kind: "Role" | "ClusterRole";
  metadata: { name: string; namespace?: string };
  rules: { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }[];
}

/** The objects of the four kinds in `ns` that carry `mark`. */
async function marked(ns: string, mark: string): Promise<string[]> {
  type Item = { kind: string; metadata: { name: string; annotations?: Record<string, string> } };
  const list = await getJson<{ items: Item[] }>(["get", "deployments,statefulsets,daemonsets,jobs", "-n", ns]);
  return list.items
    .filter((o) => o.metadata.annotations?.["kubeship.test/mark"] === mark)
    .map((o) => `${o.kind}/${o.metadata.name}`);
}

/** RBAC changes reach the authorizer through its informers: a moment after the write. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

describe("a deploying identity granted exactly what the preflight asks for", () => {
  let ns = "";
  let token = "";
  const grants: string[] = [];

  it("starts with nothing, grants what each refusal prints, then deploys the four kinds, no answer 403", async () => {
    ns = await namespace("kubeship-rbac");
    await kubectl(["create", "serviceaccount", "deployer", "-n", ns]);
    token = await mintToken(ns, "deployer");
    let last: Run | undefined;
    for (let attempt = 0; attempt < 4; attempt++) {
      last = await run(ns, manifests(), asToken(token));
      if (!refused(last)) break;
      assert.deepEqual(await marked(ns, "0"), [], "a refused run writes nothing");
      const grant = grantOf(last);
      const subject = new RegExp(`kind: ServiceAccount\\n\\s+name: deployer\\n\\s+namespace: ${ns}`);
      assert.match(grant, subject, "bound to the service account");
      grants.push(grant);
      await kubectl(["apply", "-f", "-"], grant);
      await settle();
    }
    assert.ok(last !== undefined && grants.length > 0, "the first run, with no permissions, was refused");
    const failures = last.result.failures.map(failureText).join("\n");
    assert.equal(last.result.result, "success", `${last.log}\n${failures}`);
    assert.deepEqual(last.forbidden, [], "no request of the granted deploy was answered 403");
    const deployed = ["DaemonSet/agent", "Deployment/web", "Job/migrate", "StatefulSet/db"];
    assert.deepEqual((await marked(ns, "0")).sort(), deployed);
  });

  it("diagnoses a crash loop as fast as an admin's deploy does, and rolls it back, with no answer 403", async () => {
    assert.notEqual(token, "", "the first test granted the identity");
    const adminNs = await namespace("kubeship-rbac-admin");
    assert.equal((await run(adminNs, manifests(), asAdmin())).result.result, "success");
    const admin = await run(adminNs, manifests("1", crashloop), asAdmin());
    const mine = await run(ns, manifests("1", crashloop), asToken(token));
    for (const r of [admin, mine]) {
      const failure = r.result.failures.map(failureText).join("\n");
      assert.match(failure, /Deployment\/[a-z0-9-]+\/web failed to roll out: CrashLoopBackOff \(pod web-/, r.log);
      assert.match(failure, /rolled back to revision 1 \(rolled out\)/);
    }
    assert.deepEqual(mine.forbidden, [], "no request was answered 403");
    // the timeout is 2 minutes: the cause comes well before it, and about when it comes for an admin
    assert.ok(mine.ms < 30_000, `took ${mine.ms / 1000}s`);
    assert.ok(mine.ms < admin.ms + 10_000, `took ${mine.ms / 1000}s, an admin ${admin.ms / 1000}s`);
  });

  it("without any one granted rule, the preflight refuses before anything is written", async (t) => {
    assert.notEqual(token, "", "the first test granted the identity");
    const roles = [
      ...(await getJson<{ items: Role[] }>(["get", "roles", "-n", ns])).items,
      ...(await getJson<{ items: Role[] }>(["get", "clusterroles"])).items,
    ].filter((role) => grants.some((g) => g.includes(`name: ${role.metadata.name}\n`)));
    assert.ok(roles.length > 0);
    let mark = 10;
    for (const role of roles) {
      for (const [index, rule] of role.rules.entries()) {
        // Reading the namespace is validation's, not a preflight row: without it the namespace's
        // existence goes unchecked (a warning), as for any namespace-scoped identity.
        if (rule.resources.includes("namespaces")) continue;
        const group = rule.apiGroups[0] ? `.${rule.apiGroups[0]}` : "";
        const names = rule.resourceNames ? ` ${rule.resourceNames.join(",")}` : "";
        const what = `${rule.verbs.join(",")} ${rule.resources.join(",")}${group}${names}`;
        // no resourceVersion: each replace is unconditional
        const { name, namespace: roleNamespace } = role.metadata;
        const metadata = { name, ...(roleNamespace === undefined ? {} : { namespace: roleNamespace }) };
        const rbac = "rbac.authorization.k8s.io/v1";
        await t.test(`without ${what}`, async () => {
          const rules = role.rules.filter((_, i) => i !== index);
          const without = { apiVersion: rbac, kind: role.kind, metadata, rules };
          await kubectl(["replace", "-f", "-"], JSON.stringify(without));
          await settle();
          const m = String(mark++);
          try {
            const r = await run(ns, manifests(m), asToken(token));
            assert.ok(refused(r), `refused without ${what}:\n${r.log}`);
            assert.deepEqual(await marked(ns, m), [], "nothing was written");
          } finally {
            const restored = { apiVersion: rbac, kind: role.kind, metadata, rules: role.rules };
            await kubectl(["replace", "-f", "-"], JSON.stringify(restored));
            await settle();
          }
        });
      }
    }
  });
});
