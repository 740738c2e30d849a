// A TLS proxy in front of the test cluster's kube-apiserver that misbehaves on demand: throttles
// (429 with a plain-text body, as API priority and fairness answers), fails (503), cuts the connection,
// or answers in the server's place as a hostile or broken server would. A fake is needed here because
// the real server cannot be made to do these on demand.
import { readFileSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import type { ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { paths } from "../cluster/layout.ts";

export type Fault = "throttle" | "unavailable" | "cut";

/** A hostile answer: every request that `matches` gets `answer` instead of the cluster's (nothing is forwarded). */
export interface AnswerRule {
  method: string;
  /** the request's path without its query; one ending in "/" matches every path under it */
  path: string;
  answer: (res: ServerResponse) => void;
}

export interface FaultyProxy {
  /** a kubeconfig like the admin one, whose server is this proxy */
  kubeconfig: string;
  /** faults still to inject, taken in order, one per request that matches `methods` */
  faults: Fault[];
  methods: string[];
  /** answers given in the cluster's place, checked before `faults` */
  rules: AnswerRule[];
  /** requests seen, and faults injected */
  seen: { method: string; path: string; fault?: Fault }[];
  close(): Promise<void>;
}

export async function startFaultyProxy(): Promise<FaultyProxy> {
  const pki = (name: string) => readFileSync(join(paths.pki, name));
  const admin = parse(readFileSync(paths.kubeconfig, "utf8")) as { clusters: { cluster: { server: string } }[] };
  const upstream = new URL(admin.clusters[0]?.cluster.server ?? "");
  const proxy: FaultyProxy = {
    kubeconfig: "",
    faults: [],
    methods: ["PATCH"],
    rules: [],
    seen: [],
    close: () => Promise.resolve(),
  };

  const server: Server = createServer({ cert: pki("apiserver.crt"), key: pki("apiserver.key") }, (req, res) => {
    const url = req.url ?? "";
    const rule = proxy.rules.find(
      (r) => r.method === req.method && (r.path.endsWith("/") ? url.startsWith(r.path) : url.split("?")[0] === r.path),
    );
    if (rule !== undefined) {
      proxy.seen.push({ method: req.method ?? "", path: req.url ?? "" });
      req.resume();
      rule.answer(res);
      return;
    }
    const fault = proxy.methods.includes(req.method ?? "") ? proxy.faults.shift() : undefined;
    proxy.seen.push({ method: req.method ?? "", path: req.url ?? "", ...(fault ? { fault } : {}) });
    if (fault === "cut") {
      req.socket.destroy();
      return;
    }
    if (fault === "throttle") {
      res.writeHead(429, { "content-type": "text/plain", "retry-after": "1" });
      res.end("Too many requests, please try again later.\n");
      return;
    }
    if (fault === "unavailable") {
      res.writeHead(503, { "content-type": "application/json" });
      res.end(
        JSON.stringify({
          kind: "Status",
          apiVersion: "v1",
          status: "Failure",
          reason: "ServiceUnavailable",
          code: 503,
          message: "the server is currently unable to handle the request",
        }),
      );
      return;
    }
    const forward = httpsRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
        ca: pki("ca.crt"),
        cert: pki("admin.crt"),
        key: pki("admin.key"),
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const kubeconfig = parse(readFileSync(paths.kubeconfig, "utf8")) as { clusters: { cluster: { server: string } }[] };
  for (const c of kubeconfig.clusters) c.cluster.server = `https://127.0.0.1:${port}`;
  proxy.kubeconfig = stringify(kubeconfig);
  proxy.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
