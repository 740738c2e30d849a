// A local stand-in for GitHub's REST API on loopback, reached through GITHUB_API_URL: it answers the
// calls kubeship makes (issue comments, deployments and their statuses) in GitHub's formats and
// records them. GitHub itself cannot be reached from the test machines, hence the stand-in.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Call {
  method: string;
  path: string;
  body: Body | undefined;
}

export interface Comment {
  id: number;
  body: string;
  user: { login: string };
}

export interface Deployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  statuses: { state: string; description: string; log_url?: string; environment_url?: string }[];
}

export interface GitHubApi {
  url: string;
  calls: Call[];
  comments: Comment[];
  deployments: Deployment[];
  /** answer 403 to calls whose path matches (a token without the permission) */
  forbid: RegExp | undefined;
  /** the login the token acts as (GraphQL's viewer), the author of the comments it creates */
  viewer: string;
  close(): Promise<void>;
}

/** A JSON request body: GitHub's calls carry strings and booleans only. */
type Body = Record<string, string | boolean | string[] | undefined>;

async function bodyOf(req: IncomingMessage): Promise<Body | undefined> {
  let text = "";
  for await (const chunk of req) text += (chunk as Buffer).toString();
  return text === "" ? undefined : (JSON.parse(text) as Body);
}

function str(value: Body[string]): string {
  return typeof value === "string" ? value : "";
}

export async function startGitHubApi(): Promise<GitHubApi> {
  let nextId = 1000;
  const api: GitHubApi = {
    url: "",
    calls: [],
    comments: [],
    deployments: [],
    forbid: undefined,
    viewer: "github-actions[bot]",
    close: () => Promise.resolve(),
  };
  const json = (res: ServerResponse, code: number, value: unknown) => {
    res.writeHead(code, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(value));
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const body = await bodyOf(req);
      api.calls.push({ method: req.method ?? "", path: url.pathname, body });
      if (api.forbid?.test(url.pathname) === true)
        return json(res, 403, {
          message: "Resource not accessible by integration",
          documentation_url: "https://docs.github.com/rest",
        });
      let m: RegExpExecArray | null;
      if (url.pathname === "/graphql" && req.method === "POST") {
        if (!/viewer\s*\{\s*login\s*\}/.test(str(body?.query)))
          return json(res, 200, { errors: [{ message: "not served by the test API" }] });
        return json(res, 200, { data: { viewer: { login: api.viewer } } });
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname))) {
        if (req.method === "GET") return json(res, 200, api.comments);
        const comment = { id: nextId++, body: str(body?.body), user: { login: api.viewer } };
        api.comments.push(comment);
        return json(res, 201, comment);
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname)) && req.method === "PATCH") {
        const comment = api.comments.find((c) => c.id === Number(m?.[1]));
        if (comment === undefined) return json(res, 404, { message: "Not Found" });
        comment.body = str(body?.body);
        return json(res, 200, comment);
      }
      if (/^\/repos\/[^/]+\/[^/]+\/deployments$/.test(url.pathname)) {
        if (req.method === "GET") {
          const sha = url.searchParams.get("sha");
          const environment = url.searchParams.get("environment");
          const found = api.deployments.filter(
            (d) => (sha === null || d.sha === sha) && (environment === null || d.environment === environment),
          );
          return json(
            res,
            200,
            [...found].reverse().map((d) => ({ id: d.id, sha: d.sha, ref: d.ref, environment: d.environment })),
          );
        }
        const deployment: Deployment = {
          id: nextId++,
          sha: str(body?.ref),
          ref: str(body?.ref),
          environment: str(body?.environment),
          statuses: [],
        };
        api.deployments.push(deployment);
        return json(res, 201, {
          id: deployment.id,
          sha: deployment.sha,
          ref: deployment.ref,
          environment: deployment.environment,
        });
      }
      if ((m = /^\/repos\/[^/]+\/[^/]+\/deployments\/(\d+)\/statuses$/.exec(url.pathname))) {
        const deployment = api.deployments.find((d) => d.id === Number(m?.[1]));
        if (deployment === undefined) return json(res, 404, { message: "Not Found" });
        if (req.method === "GET")
          return json(
            res,
            200,
            [...deployment.statuses].reverse().map((s, i) => ({ id: i, ...s })),
          );
        const status = {
          state: str(body?.state),
          description: str(body?.description),
          ...(body?.log_url ? { log_url: str(body.log_url) } : {}),
          ...(body?.environment_url ? { environment_url: str(body.environment_url) } : {}),
        };
        deployment.statuses.push(status);
        return json(res, 201, { id: nextId++, ...status });
      }
      return json(res, 404, { message: `not served by the test API: ${req.method ?? ""} ${url.pathname}` });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return api;
}
