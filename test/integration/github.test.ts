// What the action records in GitHub, against a local stand-in for GitHub's REST API: the plan as one
// pull-request comment updated in place, deployments with their statuses, the permission warning.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runAction, visibleLog } from "../helpers/action.ts";
import { adminKubeconfig, createNamespace, deleteNamespace, eventually } from "../helpers/cluster.ts";
import { type GitHubApi, startGitHubApi } from "../helpers/github-api.ts";
import { startSilentServer } from "../helpers/silent-server.ts";
import { workspaceWith, writeFiles } from "../helpers/workspace.ts";

const kubeconfig = adminKubeconfig();
const sha = "0123456789abcdef0123456789abcdef01234567";
let api: GitHubApi;
const namespaces: string[] = [];

before(async () => {
  api = await startGitHubApi();
});
after(async () => {
  await api.close();
  for (const ns of namespaces) await deleteNamespace(ns);
});

/** The runner's GitHub context for an event: the variables and the event payload file. */
function githubEnv(event: "pull_request" | "push", token = "ghs_testtoken0123456789"): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), "kubeship-event-"));
  const payload = event === "pull_request" ? { pull_request: { number: 7, head: { sha } } } : {};
  writeFileSync(join(dir, "event.json"), JSON.stringify(payload));
  return {
    GITHUB_API_URL: api.url,
    GITHUB_SERVER_URL: "https://github.example",
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: join(dir, "event.json"),
    GITHUB_SHA: sha,
    GITHUB_RUN_ID: "4242",
    "INPUT_GITHUB-TOKEN": token,
  };
}

const deployment = (image: string, simulate = "") =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web${simulate ? `, kubeship.test/simulate: ${simulate}` : ""}}}\n    spec: {containers: [{name: web, image: '${image}'}]}\n`;

describe("GitHub integration", () => {
  it("writes the plan as one pull-request comment per environment, then updates that same comment", async () => {
    const ns = await createNamespace("kubeship-pr");
    namespaces.push(ns);
    const ws = workspaceWith({ "app.yaml": deployment("nginx:1.27") });
    const inputs = { manifests: "app.yaml", kubeconfig, namespace: ns, mode: "plan", environment: "staging" };
    api.comments.length = 0;

    const first = await runAction({ workspace: ws, inputs, env: githubEnv("pull_request") });
    assert.equal(first.exitCode, 0, visibleLog(first.log));
    assert.equal(api.comments.length, 1);
    assert.match(
      api.comments[0]?.body ?? "",
      /<!-- kubeship-plan environment="staging" -->\n### kubeship plan for `staging`: 1 to create, 0 to change/,
    );

    writeFiles(ws, { "app.yaml": deployment("nginx:1.28") });
    const second = await runAction({ workspace: ws, inputs, env: githubEnv("pull_request") });
    assert.equal(second.exitCode, 0, visibleLog(second.log));
    assert.equal(api.comments.length, 1, "the same comment is updated, not a second one added");
    assert.match(api.comments[0]?.body ?? "", /image: nginx:1\.28/);
    assert.ok(api.calls.some((c) => c.method === "PATCH" && /\/issues\/comments\/\d+$/.test(c.path)));

    // another environment gets a comment of its own
    await runAction({
      workspace: ws,
      inputs: { ...inputs, environment: "production" },
      env: githubEnv("pull_request"),
    });
    assert.equal(api.comments.length, 2);
  });

  it("never edits a comment someone else wrote, even one that carries kubeship's marker", async () => {
    const ns = await createNamespace("kubeship-pr-hijack");
    namespaces.push(ns);
    const ws = workspaceWith({ "app.yaml": deployment("nginx:1.27") });
    const inputs = { manifests: "app.yaml", kubeconfig, namespace: ns, mode: "plan", environment: "hijack" };
    const forged = `<!-- kubeship-plan environment="hijack" -->\n### kubeship plan for \`hijack\`: nothing to change`;
    api.comments.length = 0;
    api.comments.push({ id: 1, body: forged, user: { login: "mallory" } });

    const run = await runAction({ workspace: ws, inputs, env: githubEnv("pull_request") });
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.equal(api.comments[0]?.body, forged, "mallory's comment is left as she wrote it");
    assert.equal(api.comments.length, 2, "kubeship writes a comment of its own");
    assert.equal(api.comments[1]?.user.login, api.viewer);
    assert.match(api.comments[1]?.body ?? "", /1 to create, 0 to change/);
  });

  it("warns, naming the permission, when the token may not comment; the plan itself succeeds", async () => {
    const ns = await createNamespace("kubeship-pr-forbidden");
    namespaces.push(ns);
    api.forbid = /\/issues\//;
    try {
      const ws = workspaceWith({ "app.yaml": deployment("nginx:1.27") });
      const run = await runAction({
        workspace: ws,
        inputs: { manifests: "app.yaml", kubeconfig, namespace: ns, mode: "plan" },
        env: githubEnv("pull_request"),
      });
      assert.equal(run.exitCode, 0, visibleLog(run.log));
      assert.match(
        run.log,
        /::warning::could not write the plan to the pull request: the token lacks `pull-requests: write`/,
      );
      assert.ok(!visibleLog(run.log).includes("ghs_testtoken0123456789"), "the token is never shown");
    } finally {
      api.forbid = undefined;
    }
  });

  it("records a deployment: in_progress then success; a failing rollout leaves failure with its cause", async () => {
    const ns = await createNamespace("kubeship-deployments");
    namespaces.push(ns);
    const ws = workspaceWith({ "app.yaml": deployment("nginx:1.27") });
    const inputs = {
      manifests: "app.yaml",
      kubeconfig,
      namespace: ns,
      environment: "staging",
      "environment-url": "https://staging.example",
    };
    api.deployments.length = 0;

    const ok = await runAction({ workspace: ws, inputs, env: githubEnv("push") });
    assert.equal(ok.exitCode, 0, visibleLog(ok.log));
    assert.equal(api.deployments.length, 1);
    assert.deepEqual(
      api.deployments[0]?.statuses.map((s) => s.state),
      ["in_progress", "success"],
    );
    assert.equal(api.deployments[0]?.environment, "staging");
    assert.equal(api.deployments[0]?.statuses[1]?.log_url, "https://github.example/acme/shop/actions/runs/4242");
    assert.equal(api.deployments[0]?.statuses[1]?.environment_url, "https://staging.example");

    writeFiles(ws, { "app.yaml": deployment("nginx:1.28", "crashloop") });
    const failing = await runAction({ workspace: ws, inputs: { ...inputs, timeout: "8s" }, env: githubEnv("push") });
    assert.equal(failing.exitCode, 1);
    assert.equal(api.deployments.length, 2);
    const statuses = api.deployments[1]?.statuses ?? [];
    assert.deepEqual(
      statuses.map((s) => s.state),
      ["in_progress", "failure"],
    );
    // a status is shown outside the run: a fixed text, nothing from the manifests or the server
    assert.equal(statuses[1]?.description, "the deploy failed: 1 problem, listed in the run");
    assert.ok((statuses[1]?.description.length ?? 0) <= 140);
  });

  it("reports on the deployment GitHub made for the job's environment instead of creating a second", async () => {
    const ns = await createNamespace("kubeship-job-environment");
    namespaces.push(ns);
    api.deployments.length = 0;
    // what GitHub does when the job declares `environment: production`
    api.deployments.push({
      id: 77,
      sha,
      ref: sha,
      environment: "production",
      statuses: [{ state: "queued", description: "" }],
    });
    const ws = workspaceWith({ "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n" });
    const run = await runAction({
      workspace: ws,
      inputs: { manifests: "cm.yaml", kubeconfig, namespace: ns, environment: "production" },
      env: githubEnv("push"),
    });
    assert.equal(run.exitCode, 0, visibleLog(run.log));
    assert.equal(api.deployments.length, 1);
    assert.deepEqual(
      api.deployments[0]?.statuses.map((s) => s.state),
      ["queued", "in_progress", "success"],
    );
  });

  it("marks the deployment inactive when the workflow is cancelled", async () => {
    const ns = await createNamespace("kubeship-deployment-cancel");
    namespaces.push(ns);
    api.deployments.length = 0;
    const slow = `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: slow}\nspec:\n  selector: {matchLabels: {app: slow}}\n  template:\n    metadata: {labels: {app: slow}, annotations: {kubeship.test/ready-after: "600"}}\n    spec: {containers: [{name: web, image: 'nginx:1.27'}]}\n`;
    const ws = workspaceWith({ "app.yaml": slow });
    let child: ChildProcess | undefined;
    const running = runAction({
      workspace: ws,
      inputs: { manifests: "app.yaml", kubeconfig, namespace: ns, environment: "staging", timeout: "10m" },
      env: githubEnv("push"),
      onStart: (c) => (child = c),
    });
    await eventually("the deployment in progress", 60_000, () =>
      Promise.resolve(api.deployments[0]?.statuses.some((s) => s.state === "in_progress") === true ? true : undefined),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    child?.kill("SIGTERM");
    const run = await running;
    assert.equal(run.exitCode, 1);
    assert.deepEqual(
      api.deployments[0]?.statuses.map((s) => s.state),
      ["in_progress", "inactive"],
    );
    assert.match(api.deployments[0]?.statuses[1]?.description ?? "", /cancelled before the rollout finished/);
  });

  describe("a GitHub API that never answers", { concurrency: true }, () => {
    const configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: recorded}\ndata: {a: b}\n";

    it("holds the step no longer than its 30s deadline: a warning, and the deploy goes on", async () => {
      const ns = await createNamespace("kubeship-github-silent");
      namespaces.push(ns);
      const silent = await startSilentServer({ tls: false });
      const started = Date.now();
      const run = await runAction({
        workspace: workspaceWith({ "cm.yaml": configMap }),
        inputs: { manifests: "cm.yaml", kubeconfig, namespace: ns, environment: "staging" },
        env: { ...githubEnv("push"), GITHUB_API_URL: silent.url },
        // before: octokit has no deadline and the step waited as long as GitHub did
        onStart: (c) => void setTimeout(() => c.kill("SIGKILL"), 60_000).unref(),
      });
      const took = Date.now() - started;
      await silent.close();
      assert.ok(silent.accepted > 0, "GitHub's API was asked");
      assert.ok(took < 45_000, `took ${took / 1000}s`);
      assert.equal(run.exitCode, 0, visibleLog(run.log));
      assert.equal(run.outputs.result, "success");
      assert.match(
        visibleLog(run.log),
        /could not record a GitHub deployment for staging: GitHub's API \(http:\/\/127\.0\.0\.1:\d+\) did not answer in time, so the run went on without it/,
      );
    });

    it("SIGTERM while it waits for GitHub ends the step within seconds, with result and summary", async () => {
      const silent = await startSilentServer({ tls: false });
      let child: ChildProcess | undefined;
      const running = runAction({
        workspace: workspaceWith({ "cm.yaml": configMap }),
        inputs: { manifests: "cm.yaml", kubeconfig, namespace: "default", environment: "staging" },
        env: { ...githubEnv("push"), GITHUB_API_URL: silent.url },
        onStart: (c) => (child = c),
      });
      await eventually("GitHub's API asked", 30_000, () => Promise.resolve(silent.accepted > 0 ? true : undefined));
      const signalled = Date.now();
      child?.kill("SIGTERM");
      const run = await running;
      const took = Date.now() - signalled;
      await silent.close();
      assert.ok(took < 5_000, `exited ${took / 1000}s after SIGTERM`);
      assert.equal(run.exitCode, 1);
      assert.equal(run.outputs.result, "failure");
      assert.match(run.summary, /❌ Deploy cancelled/);
    });
  });
});
