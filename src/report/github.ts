// What the run records in GitHub: a deployment with its statuses per environment (apply mode), and
// the plan as one pull-request comment per environment, updated in place (plan mode). GitHub's API
// failing never fails the deploy: it becomes a warning that names the missing permission. Each call
// is bounded by the signal its caller gives (its own deadline: these run before and after the
// deploy's), and one that does not answer in time is a warning too, never a hang.
import * as core from "@actions/core";
import * as github from "@actions/github";
import type { Settings } from "../inputs.ts";
import type { RunResult } from "../result.ts";
import { failureMarkdown } from "./failure.ts";
import { code, html } from "./markdown.ts";
import { planHeadline, planMarkdown } from "./plan.ts";
import { shorten } from "./shorten.ts";

type Octokit = ReturnType<typeof github.getOctokit>;

/** GitHub's limit for an issue comment's body. */
export const commentLimit = 65_536;

function status(error: unknown): number | undefined {
  return (error as { status?: number }).status;
}

function explain(what: string, permission: string, error: unknown, signal: AbortSignal): string {
  const code = status(error);
  const why = signal.aborted
    ? `GitHub's API (${github.context.apiUrl}) did not answer in time, so the run went on without it`
    : code === 403 || code === 404
      ? `the token lacks \`${permission}\` (add \`permissions: ${permission}\` to the job; pull requests from forks get a read-only token)`
      : error instanceof Error
        ? error.message
        : String(error);
  return `${what}: ${why}`;
}

function runUrl(): string {
  const { serverUrl, runId } = github.context;
  const { owner, repo } = github.context.repo;
  return `${serverUrl}/${owner}/${repo}/actions/runs/${runId}`;
}

/** The commit deployed: a pull request's head, else the workflow's commit. */
function commitSha(): string {
  const pr = github.context.payload.pull_request as { head?: { sha?: string } } | undefined;
  return pr?.head?.sha ?? github.context.sha;
}

export interface DeploymentRecord {
  octokit: Octokit;
  id: number;
}

/**
 * The deployment this run reports on: the one GitHub made for the job's `environment:` if there is
 * one in progress for this commit, else a new one. Then marks it in progress.
 */
export async function startDeployment(settings: Settings, signal: AbortSignal): Promise<DeploymentRecord | undefined> {
  if (settings.environment === undefined || settings.githubToken === undefined || settings.mode !== "apply")
    return undefined;
  const octokit = github.getOctokit(settings.githubToken);
  const request = { signal };
  const { owner, repo } = github.context.repo;
  const environment = settings.environment;
  try {
    const sha = commitSha();
    const existing = await octokit.rest.repos.listDeployments({
      owner,
      repo,
      sha,
      environment,
      per_page: 10,
      request,
    });
    let id: number | undefined;
    for (const deployment of existing.data) {
      const statuses = await octokit.rest.repos.listDeploymentStatuses({
        owner,
        repo,
        deployment_id: deployment.id,
        per_page: 1,
        request,
      });
      const latest = statuses.data[0]?.state;
      if (latest === undefined || ["queued", "pending", "in_progress"].includes(latest)) {
        id = deployment.id;
        break;
      }
    }
    if (id === undefined) {
      const created = await octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref: sha,
        environment,
        auto_merge: false,
        required_contexts: [],
        description: "kubeship",
        transient_environment: false,
        request,
      });
      if (!("id" in created.data))
        throw new Error(`GitHub did not create the deployment: ${created.data.message ?? ""}`);
      id = created.data.id;
    }
    const record = { octokit, id };
    await setStatus(record, settings, "in_progress", "kubeship is applying and waiting for the rollout", signal);
    return record;
  } catch (error) {
    core.warning(
      explain(`could not record a GitHub deployment for ${environment}`, "deployments: write", error, signal),
    );
    return undefined;
  }
}

async function setStatus(
  record: DeploymentRecord,
  settings: Settings,
  state: "in_progress" | "success" | "failure" | "inactive",
  description: string,
  signal: AbortSignal,
): Promise<void> {
  const { owner, repo } = github.context.repo;
  await record.octokit.rest.repos.createDeploymentStatus({
    owner,
    repo,
    deployment_id: record.id,
    state,
    // GitHub keeps at most 140 characters of a status description
    description: description.length > 140 ? `${description.slice(0, 139)}…` : description,
    log_url: runUrl(),
    ...(settings.environmentUrl === undefined ? {} : { environment_url: settings.environmentUrl }),
    ...(state === "success" ? { auto_inactive: true } : {}),
    request: { signal },
  });
}

export async function finishDeployment(
  record: DeploymentRecord | undefined,
  settings: Settings,
  result: RunResult | "cancelled",
  signal: AbortSignal,
): Promise<void> {
  if (record === undefined) return;
  try {
    if (result === "cancelled")
      await setStatus(record, settings, "inactive", "cancelled before the rollout finished", signal);
    else if (result.result === "success")
      await setStatus(record, settings, "success", `rolled out ${result.objects.length} objects`, signal);
    else
      await setStatus(
        record,
        settings,
        "failure",
        // a fixed text: a status is shown outside the run, where manifest or server text is out of place
        `the deploy failed: ${result.failures.length} problem${result.failures.length === 1 ? "" : "s"}, listed in the run`,
        signal,
      );
  } catch (error) {
    core.warning(
      explain(
        `could not update the GitHub deployment for ${settings.environment ?? ""}`,
        "deployments: write",
        error,
        signal,
      ),
    );
  }
}

export function commentMarker(environment: string | undefined): string {
  return `<!-- kubeship-plan environment="${html(environment ?? "")}" -->`;
}

export function planComment(result: RunResult, environment: string | undefined): string {
  const where = environment === undefined ? "" : ` for ${code(environment)}`;
  const headline =
    result.result === "success"
      ? `### kubeship plan${where}: ${planHeadline(result)}`
      : `### ❌ kubeship plan${where} failed\n\n${result.failures.flatMap(failureMarkdown).join("\n")}`;
  const body = `${commentMarker(environment)}\n${headline}\n\n${result.result === "success" ? planMarkdown(result) : ""}\n[Run](${runUrl()}) · commit ${commitSha().slice(0, 7)}`;
  return shorten(
    body,
    commentLimit,
    "the plan is too long for a pull-request comment; the whole plan is in the run's job summary",
  );
}

/**
 * Who the token acts as. GraphQL's `viewer` answers for the workflow's own GITHUB_TOKEN too, which may
 * not read `/user`.
 */
async function viewerLogin(octokit: Octokit, signal: AbortSignal): Promise<string> {
  const answer = await octokit.graphql<{ viewer: { login: string } }>("query { viewer { login } }", {
    request: { signal },
  });
  return answer.viewer.login;
}

/**
 * In plan mode on a pull request: one comment per environment, created once and then updated in
 * place. Only a comment the token's own identity wrote is updated: anyone can write the marker into
 * a comment of theirs, and could later edit what kubeship wrote there into a forged plan.
 */
export async function publishPlanComment(result: RunResult, settings: Settings, signal: AbortSignal): Promise<void> {
  const pr = github.context.payload.pull_request as { number?: number } | undefined;
  if (settings.mode !== "plan" || pr?.number === undefined || settings.githubToken === undefined) return;
  const octokit = github.getOctokit(settings.githubToken);
  const { owner, repo } = github.context.repo;
  const body = planComment(result, settings.environment);
  try {
    const [viewer, comments] = await Promise.all([
      viewerLogin(octokit, signal),
      octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: pr.number,
        per_page: 100,
        request: { signal },
      }),
    ]);
    const marker = commentMarker(settings.environment);
    const mine = comments.find((c) => c.user?.login === viewer && c.body?.includes(marker) === true);
    const request = { signal };
    if (mine === undefined)
      await octokit.rest.issues.createComment({ owner, repo, issue_number: pr.number, body, request });
    else await octokit.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body, request });
  } catch (error) {
    core.warning(explain("could not write the plan to the pull request", "pull-requests: write", error, signal));
  }
}
