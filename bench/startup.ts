// Start-up: how long from spawning a process to its first request arriving at a server, for the
// bundled action (dist/index.js), the credential plugin (dist/credential.js, without a cached token:
// its first request is the ID-token request) and a bare `node` sending one HTTPS request; and the
// plugin's whole run with a cached token (it sends nothing) against a bare `node` that does nothing.
// All in one run, interleaved, against a local HTTPS server that records arrival times. Build first
// (`npm run build`); the server's certificate is the test cluster's (`npm run cluster -- up`).
import { spawn } from "node:child_process";
import { createSecureServer } from "node:http2";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { writeCache } from "../src/credentials/export/cache.ts";
import { repoRoot } from "../test/helpers/action.ts";
import { paths } from "../test/cluster/layout.ts";
import { pkiFiles } from "../test/cluster/pki.ts";

// `--before DIR`: also another build's bundles (say, main's dist/ copied aside), in the same run
const { values } = parseArgs({
  options: { rounds: { type: "string", default: "30" }, before: { type: "string" } },
});
const rounds = Number(values.rounds);

let arrived: ((at: number) => void) | undefined;
// HTTP/2 as the API server speaks it (undici then never loads its HTTP/1.1 parser); HTTP/1.1 for bare node
const pki = pkiFiles(paths.pki);
const http2Server = createSecureServer(
  { cert: readFileSync(pki.identityCert), key: readFileSync(pki.identityKey), allowHTTP1: true },
  (_req, res) => {
    arrived?.(performance.now());
    arrived = undefined;
    // an answer that stops each client at once; the process is killed anyway
    res.writeHead(503, { "content-type": "application/json" }).end('{"message":"benchmark"}');
  },
);
await new Promise<void>((resolve) => http2Server.listen(0, "127.0.0.1", resolve));
const server = {
  url: `https://127.0.0.1:${(http2Server.address() as AddressInfo).port}`,
  close: () => new Promise<void>((resolve) => http2Server.close(() => resolve())),
};
const caFile = pki.caCert;
const dir = mkdtempSync(join(tmpdir(), "kubeship-startup-"));
const manifest = join(dir, "app.yaml");
writeFileSync(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: startup}\ndata: {a: b}\n");
for (const file of ["output", "summary", "state", "env"]) writeFileSync(join(dir, file), "");
const cached = join(dir, "cached.json");
const issuedAt = new Date();
// a token valid for a year: every cached run below finds it fresh
await writeCache(cached, { token: "benchmark", issuedAt, expiresAt: new Date(issuedAt.getTime() + 365 * 86_400_000) });

const common = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, NODE_EXTRA_CA_CERTS: caFile };
const plugin = (cache: string) => ({
  ...common,
  KUBESHIP_CREDENTIAL: JSON.stringify({ provider: { method: "github-oidc", audience: "startup" }, cache }),
  ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/idtoken`,
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: "benchmark",
});

interface Subject {
  name: string;
  args: string[];
  env: Record<string, string>;
  /** measured to the first request (else to the process's exit) */
  untilRequest: boolean;
}

/** The three bundled subjects of one build's dist/ directory, named with `label`. */
function bundles(distDir: string, label: string): Subject[] {
  return [
    {
      name: `${label}index.js`,
      args: [join(distDir, "index.js")],
      env: {
        ...common,
        GITHUB_ACTIONS: "true",
        GITHUB_WORKSPACE: dir,
        RUNNER_TEMP: join(dir, "temp"),
        GITHUB_OUTPUT: join(dir, "output"),
        GITHUB_STEP_SUMMARY: join(dir, "summary"),
        GITHUB_STATE: join(dir, "state"),
        GITHUB_ENV: join(dir, "env"),
        INPUT_MANIFESTS: manifest,
        INPUT_SERVER: server.url,
        "INPUT_CERTIFICATE-AUTHORITY-DATA": readFileSync(caFile).toString("base64"),
        INPUT_TOKEN: "benchmark",
        INPUT_WAIT: "false",
      },
      untilRequest: true,
    },
    {
      name: `${label}credential.js, no cached token`,
      args: [join(distDir, "credential.js")],
      env: plugin(join(dir, "absent.json")),
      untilRequest: true,
    },
    {
      name: `${label}credential.js, cached token`,
      args: [join(distDir, "credential.js")],
      env: plugin(cached),
      untilRequest: false,
    },
  ];
}

const subjects: Subject[] = [
  {
    name: "bare node, one HTTPS request",
    args: ["-e", `require("node:https").get(${JSON.stringify(server.url)}).on("error", () => {})`],
    env: common,
    untilRequest: true,
  },
  { name: "bare node, nothing", args: ["-e", "0"], env: common, untilRequest: false },
  ...bundles(join(repoRoot, "dist"), "dist/"),
  ...(values.before === undefined ? [] : bundles(values.before, `before: ${values.before}/`)),
];

/** The CPU time (user + system) a process has used so far, from /proc, in ms (10 ms ticks). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
    .replace(/^.*\) /, "")
    .split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

interface Sample {
  wall: number;
  cpu: number;
}

/** From spawn to the first request (or to exit): wall time, and the CPU time the process used. */
async function once(subject: Subject): Promise<Sample> {
  const request = new Promise<number>((resolve) => (arrived = resolve));
  const started = performance.now();
  // under /usr/bin/time when measured to exit: its CPU time cannot be read after it ends
  const [command, args] = subject.untilRequest
    ? [process.execPath, subject.args]
    : ["/usr/bin/time", ["-f", "CPU %U %S", process.execPath, ...subject.args]];
  // stdout too when measured to the first request: the action writes its errors there
  const child = spawn(command, args, { cwd: dir, env: subject.env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  child.stdout.on("data", (chunk: Buffer) => subject.untilRequest && (stderr += chunk.toString("utf8")));
  const exited = new Promise<number>((resolve) => child.on("close", () => resolve(performance.now())));
  if (!subject.untilRequest) {
    const end = await exited;
    arrived = undefined;
    const [, user = "0", system = "0"] = /CPU ([\d.]+) ([\d.]+)/.exec(stderr) ?? [];
    return { wall: end - started, cpu: (Number(user) + Number(system)) * 1000 };
  }
  const at = await Promise.race([
    request,
    exited.then(() => Promise.reject(new Error(`${subject.name} exited first:\n${stderr}`))),
  ]);
  const cpu = cpuMs(child.pid ?? 0);
  child.kill("SIGKILL");
  await exited;
  return { wall: at - started, cpu };
}

const times = new Map(subjects.map((s) => [s.name, [] as Sample[]]));
for (const subject of subjects) await once(subject); // warm the file cache
for (let round = 0; round < rounds; round++) {
  // rotate the order so that no subject always follows another
  for (let i = 0; i < subjects.length; i++) {
    const subject = subjects[(i + round) % subjects.length] as Subject;
    times.get(subject.name)?.push(await once(subject));
  }
}
await server.close();

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};
const of = (name: string, what: keyof Sample) => (times.get(name) ?? []).map((sample) => sample[what]);
const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`${rounds} rounds; medians (25th–75th percentile); load average at the end ${load}\n`);
console.log("| process | measured to | wall | minus its bare node | CPU (user + system) | minus its bare node |");
console.log("| --- | --- | --- | --- | --- | --- |");
for (const subject of subjects) {
  const bare = subject.untilRequest ? "bare node, one HTTPS request" : "bare node, nothing";
  const cells = (["wall", "cpu"] as const).flatMap((what) => {
    const values = of(subject.name, what);
    const spread = `${quantile(values, 0.5).toFixed(0)} ms (${quantile(values, 0.25).toFixed(0)}–${quantile(values, 0.75).toFixed(0)})`;
    const difference = quantile(values, 0.5) - quantile(of(bare, what), 0.5);
    return [spread, subject.name === bare ? "—" : `${difference >= 0 ? "+" : ""}${difference.toFixed(0)} ms`];
  });
  console.log(`| ${subject.name} | ${subject.untilRequest ? "first request" : "exit"} | ${cells.join(" | ")} |`);
}
