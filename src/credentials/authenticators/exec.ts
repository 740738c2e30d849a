// Exec credential plugins (client.authentication.k8s.io v1 and v1beta1), as kubectl runs them: the
// command gets KUBERNETES_EXEC_INFO and prints an ExecCredential; its token or client certificate
// is used until its expirationTimestamp, and the plugin runs again after a 401.
import { spawn } from "node:child_process";
import { isAbsolute, sep } from "node:path";
import { Interrupted } from "../../deadline.ts";
import type { Authenticator, Credential, KubeconfigUser } from "../../kube/connection.ts";
import type { Log } from "../../log.ts";
import { CredentialsError } from "../errors.ts";
import { type KubeconfigOrigin, referencedPath } from "../references.ts";
import { secretForms } from "../secrets.ts";

const execApiVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"] as const;

export interface ExecConfig {
  apiVersion: string;
  command: string;
  args?: string[];
  env?: { name: string; value: string }[];
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

/** `spec.cluster` of KUBERNETES_EXEC_INFO, sent only with `provideClusterInfo: true`. */
export interface ExecClusterInfo {
  server: string;
  "tls-server-name"?: string;
  "insecure-skip-tls-verify"?: boolean;
  "certificate-authority-data"?: string;
  "proxy-url"?: string;
  "disable-compression"?: boolean;
  config?: unknown;
}

export interface ExecOptions {
  config: ExecConfig;
  /** how messages name the plugin: `exec plugin of user "ci" in the kubeconfig input` */
  what: string;
  /** the kubeconfig the plugin is named in: a command with a path separator is relative to its folder */
  origin: KubeconfigOrigin;
  cluster: ExecClusterInfo;
  /** the environment the plugin inherits */
  environment: Readonly<Record<string, string>>;
  log: Pick<Log, "mask" | "info">;
  /** the run's timeout and cancellation: a plugin still running when it fires is killed */
  signal?: AbortSignal;
  now?: () => number;
}

interface ExecCredentialStatus {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  expirationTimestamp?: string;
}

/** Checks the stanza as kubectl does, before anything runs. There is never a terminal in CI. */
function checkExecConfig(config: ExecConfig, what: string): void {
  if (!execApiVersions.some((v) => v === config.apiVersion)) {
    const old =
      config.apiVersion === "client.authentication.k8s.io/v1alpha1" ? " (v1alpha1 is no longer supported)" : "";
    throw new CredentialsError(
      `${what}: exec.apiVersion "${config.apiVersion}" is not supported${old}; use ${execApiVersions.join(" or ")}`,
    );
  }
  const mode = config.interactiveMode;
  if (mode === undefined && config.apiVersion === "client.authentication.k8s.io/v1") {
    throw new CredentialsError(
      `${what}: exec.interactiveMode is required with client.authentication.k8s.io/v1; set it to Never (CI has no terminal)`,
    );
  }
  if (mode !== undefined && !["Never", "IfAvailable", "Always"].includes(mode)) {
    throw new CredentialsError(`${what}: exec.interactiveMode "${mode}" is not Never, IfAvailable or Always`);
  }
  if (mode === "Always") {
    throw new CredentialsError(
      `${what}: the plugin "${config.command}" needs a terminal (interactiveMode: Always) and a CI job has none; use a plugin mode that logs in without prompting (interactiveMode: Never), or another credential`,
    );
  }
}

/** The command as kubectl runs it: a path with a separator relative to the kubeconfig's folder, a bare name from PATH. */
function resolveCommand(command: string, what: string, origin: KubeconfigOrigin): string {
  return command.includes(sep) ? referencedPath(command, `the command of ${what}`, origin) : command;
}

function sameCredential(a: Credential, b: Credential): boolean {
  return a.authorization === b.authorization && a.clientCertificate?.cert === b.clientCertificate?.cert;
}

export class ExecAuthenticator implements Authenticator {
  readonly description: string;
  private readonly options: ExecOptions;
  private readonly command: string;
  private cached: Credential | undefined;
  private running: Promise<Credential> | undefined;

  constructor(options: ExecOptions) {
    checkExecConfig(options.config, options.what);
    this.options = options;
    this.command = resolveCommand(options.config.command, options.what, options.origin);
    this.description = `the exec credential plugin ${options.config.command} (${options.config.apiVersion.replace("client.authentication.k8s.io/", "")})`;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  async current(): Promise<Credential> {
    const cached = this.cached;
    if (cached !== undefined && (cached.expiresAt === undefined || this.now() < cached.expiresAt.getTime()))
      return cached;
    return this.refresh();
  }

  async renew(rejected: Credential): Promise<boolean> {
    // Only the credential that failed is thrown away: a parallel request may have renewed it already.
    if (this.cached !== undefined && !sameCredential(this.cached, rejected)) return true;
    this.cached = undefined;
    await this.refresh();
    return true;
  }

  /** One plugin run at a time, shared by every request waiting for it. */
  private refresh(): Promise<Credential> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  kubeconfigUser(): Promise<KubeconfigUser> {
    // Later steps run the plugin themselves and get their own fresh credentials.
    const { config } = this.options;
    return Promise.resolve({ exec: { ...config, command: isAbsolute(this.command) ? this.command : config.command } });
  }

  private execInfo(): string {
    const { config, cluster } = this.options;
    return JSON.stringify({
      apiVersion: config.apiVersion,
      kind: "ExecCredential",
      spec: { interactive: false, ...(config.provideClusterInfo === true ? { cluster } : {}) },
    });
  }

  private async run(): Promise<Credential> {
    const { config, what, log } = this.options;
    const env: Record<string, string> = { ...this.options.environment };
    for (const variable of config.env ?? []) env[variable.name] = variable.value;
    env.KUBERNETES_EXEC_INFO = this.execInfo();

    const { signal } = this.options;
    const { stdout, stderr, code, error, tooLong } = await runPlugin(this.command, config.args ?? [], env, signal);
    if (signal?.aborted === true) {
      throw new Interrupted(
        `running the exec credential plugin \`${config.command}\` (${what}; killed)`,
        `check that "${config.command}" finishes on its own without a terminal (run it by hand with KUBERNETES_EXEC_INFO set)`,
        signal.reason,
      );
    }
    if (tooLong)
      throw new CredentialsError(
        `${what}: "${this.command}" printed more than ${maxStdoutBytes / 1024} KiB on stdout, far more than an ExecCredential; it was stopped`,
      );
    // kubectl passes the plugin's stderr through: it is how plugins explain themselves. It is shown
    // only after the credential on stdout was read and masked, in case a plugin echoes it.
    const passThrough = () => {
      for (const line of stderr.split("\n")) if (line.trim() !== "") log.info(`  ${config.command}: ${line}`);
    };
    if (error?.code === "ENOENT") {
      // the hint is for a terminal: its colour codes are dropped
      // eslint-disable-next-line no-control-regex
      const plainHint = config.installHint?.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").trim();
      const hint = plainHint === undefined ? "" : ` ${plainHint}`;
      throw new CredentialsError(
        `${what}: the command "${this.command}" was not found (is it installed and on PATH?)${hint}`,
      );
    }
    if (error !== undefined)
      throw new CredentialsError(`${what}: "${this.command}" could not be started (${error.code ?? error.message})`);
    if (code !== 0) {
      passThrough();
      throw new CredentialsError(
        `${what}: "${this.command}" failed with exit code ${code ?? "?"} (its messages are above)`,
      );
    }
    try {
      return this.accept(stdout);
    } finally {
      passThrough();
    }
  }

  /** Reads the plugin's ExecCredential. Its output is never quoted: it holds the secret. */
  private accept(stdout: string): Credential {
    const { config, what, log } = this.options;
    let parsed: { apiVersion?: unknown; kind?: unknown; status?: ExecCredentialStatus };
    try {
      parsed = JSON.parse(stdout) as typeof parsed;
    } catch {
      throw new CredentialsError(`${what}: "${config.command}" did not print an ExecCredential as JSON on stdout`);
    }
    const status = parsed.status ?? {};
    for (const secret of [status.token, status.clientKeyData])
      if (typeof secret === "string") secretForms(secret).forEach((s) => log.mask(s));
    if (parsed.kind !== "ExecCredential")
      throw new CredentialsError(
        `${what}: "${config.command}" printed a ${String(parsed.kind)}, not an ExecCredential`,
      );
    if (parsed.apiVersion !== config.apiVersion) {
      throw new CredentialsError(
        `${what}: "${config.command}" answered with apiVersion ${String(parsed.apiVersion)} but was asked for ${config.apiVersion}`,
      );
    }
    const hasCert = typeof status.clientCertificateData === "string" && status.clientCertificateData !== "";
    const hasKey = typeof status.clientKeyData === "string" && status.clientKeyData !== "";
    if (hasCert !== hasKey)
      throw new CredentialsError(
        `${what}: "${config.command}" returned a client certificate without its key, or a key without its certificate`,
      );
    const hasToken = typeof status.token === "string" && status.token !== "";
    if (!hasToken && !hasCert)
      throw new CredentialsError(`${what}: "${config.command}" returned neither a token nor a client certificate`);
    let expiresAt: Date | undefined;
    if (status.expirationTimestamp !== undefined) {
      expiresAt = new Date(status.expirationTimestamp);
      if (Number.isNaN(expiresAt.getTime()))
        throw new CredentialsError(`${what}: "${config.command}" returned an expirationTimestamp that is not RFC 3339`);
    }
    const credential: Credential = {
      ...(hasToken ? { authorization: `Bearer ${status.token ?? ""}` } : {}),
      ...(hasCert
        ? { clientCertificate: { cert: status.clientCertificateData ?? "", key: status.clientKeyData ?? "" } }
        : {}),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    };
    this.cached = credential;
    return credential;
  }
}

/** An ExecCredential is a few KiB (a token, or a certificate and its key): more is a plugin gone wrong. */
const maxStdoutBytes = 1024 * 1024;
/** What is kept of the plugin's messages for the log. */
const maxStderrBytes = 64 * 1024;
/** How long a plugin has to exit after SIGTERM before it gets SIGKILL. */
const killGraceMs = 2000;

interface PluginRun {
  stdout: string;
  stderr: string;
  code: number | null;
  error?: NodeJS.ErrnoException;
  /** stdout passed maxStdoutBytes and the plugin was stopped */
  tooLong: boolean;
}

/** Plugins' process groups not yet known to be gone: killed if kubeship exits first, so none outlives the step. */
const running = new Set<number>();
let exitHooked = false;

function signalGroup(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    // gone already
  }
}

function killRunningOnExit(): void {
  for (const pid of running) signalGroup(pid, "SIGKILL");
}

/** SIGTERM to the plugin's process group (it and whatever it started), SIGKILL after a grace or at exit. */
function stop(pid: number): void {
  signalGroup(pid, "SIGTERM");
  setTimeout(() => {
    signalGroup(pid, "SIGKILL");
    running.delete(pid);
  }, killGraceMs).unref();
}

/**
 * Runs the plugin in a process group of its own, so that stopping it reaches what it started too;
 * `signal` stops it (SIGTERM, then SIGKILL), as does a flood on stdout.
 */
function runPlugin(
  command: string,
  args: string[],
  env: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<PluginRun> {
  return new Promise((done) => {
    if (signal?.aborted === true) return done({ stdout: "", stderr: "", code: null, tooLong: false });
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const pid = child.pid;
    if (pid !== undefined) {
      if (!exitHooked) process.on("exit", killRunningOnExit);
      exitHooked = true;
      running.add(pid);
    }
    const out: Buffer[] = [];
    let outBytes = 0;
    let errors = "";
    let tooLong = false;
    let stopped = false;
    let finished = false;
    const halt = () => {
      if (stopped || pid === undefined) return;
      stopped = true;
      stop(pid);
      // The run goes on (to its report) at once: the SIGKILL follows after the grace, or when kubeship
      // exits, whichever is first. What the plugin printed so far is not used.
      child.stdout.destroy();
      child.stderr.destroy();
      finish(null);
    };
    child.stdout.on("data", (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes <= maxStdoutBytes) out.push(chunk);
      else {
        tooLong = true;
        halt();
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (errors.length < maxStderrBytes) errors += chunk.toString("utf8").slice(0, maxStderrBytes - errors.length);
    });
    signal?.addEventListener("abort", halt, { once: true });
    const finish = (code: number | null, error?: NodeJS.ErrnoException) => {
      if (finished) return;
      finished = true;
      signal?.removeEventListener("abort", halt);
      if (pid !== undefined && !stopped) running.delete(pid);
      const stdout = Buffer.concat(out).toString("utf8");
      done({ stdout, stderr: errors, code, tooLong, ...(error === undefined ? {} : { error }) });
    };
    child.on("error", (e: NodeJS.ErrnoException) => finish(null, e));
    child.on("close", (exit) => finish(exit));
  });
}
