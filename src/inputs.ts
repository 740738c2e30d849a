// Action inputs → one validated, immutable Settings object. Every default is applied here (the CLI
// and tests do not go through action.yml), and every input error is raised here, all at once, before
// anything is sent to a cluster. No other module reads the environment.
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { parse } from "yaml";

export interface Settings {
  /** files, directories and globs, relative to `workspace` unless absolute */
  readonly manifests: readonly string[];
  readonly workspace: string;
  /** namespace for namespaced objects that name none; undefined: the context's, else `default` */
  readonly namespace: string | undefined;
  /** kubeconfig content from the input, decoded if it was base64 */
  readonly kubeconfig: string | undefined;
  /** the raw input when it was base64: a secret of its own */
  readonly kubeconfigBase64: string | undefined;
  /** files named by KUBECONFIG */
  readonly kubeconfigPaths: readonly string[];
  /** ~/.kube/config */
  readonly defaultKubeconfigPath: string;
  readonly context: string | undefined;
  readonly fieldManager: string;
  readonly wait: boolean;
  /** fail as soon as a rollout cannot succeed (crash loops, image pulls, unschedulable pods) */
  readonly failFast: boolean;
  /** return failed Deployments, StatefulSets and DaemonSets to their previous revision */
  readonly rollbackOnFailure: boolean;
  readonly timeoutMs: number;
  readonly runnerTemp: string;
}

/**
 * Defaults of every input that has one, as action.yml states them (a unit test checks the two agree).
 * Absent or empty inputs take these.
 */
export const inputDefaults = {
  wait: "true",
  "fail-fast": "true",
  timeout: "5m",
  "rollback-on-failure": "false",
} as const;

export class InputError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.length === 1 ? (problems[0] ?? "") : `${problems.length} input problems:\n- ${problems.join("\n- ")}`);
    this.name = "InputError";
    this.problems = problems;
  }
}

type Env = Record<string, string | undefined>;

/** An input as the runner passes it: INPUT_<NAME>, upper-cased, spaces as underscores, hyphens kept. */
function input(env: Env, name: string): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function withDefault(env: Env, name: keyof typeof inputDefaults): string {
  return input(env, name) ?? inputDefaults[name];
}

/** YAML 1.2 core-schema booleans, as the runner's own boolean inputs accept them. */
function parseBoolean(name: string, value: string, problems: string[]): boolean {
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  problems.push(`${name}: "${value}" is not a boolean (use true or false)`);
  return false;
}

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** `90s`, `5m`, `1h30m`: Go-style durations, as kubectl's --timeout takes them. */
export function parseDuration(value: string): number | undefined {
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== value) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * (durationUnits[p[2] ?? ""] ?? 0), 0);
}

/** Items separated by newlines or commas, as the `manifests` input takes them. */
function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Kubeconfig content, given as YAML or as base64 of it. */
function decodeKubeconfig(value: string, problems: string[]): { text: string; base64: string | undefined } | undefined {
  const looksLikeYaml = (text: string) => {
    try {
      const parsed: unknown = parse(text);
      return typeof parsed === "object" && parsed !== null;
    } catch {
      return false;
    }
  };
  if (looksLikeYaml(value)) return { text: value, base64: undefined };
  const compact = value.replace(/\s+/g, "");
  if (/^[A-Za-z0-9+/]+=*$/.test(compact)) {
    const decoded = Buffer.from(compact, "base64").toString("utf8");
    if (looksLikeYaml(decoded)) return { text: decoded, base64: compact };
  }
  // Never echo the value: it is a secret.
  problems.push("kubeconfig: the value is neither kubeconfig YAML nor base64 of it");
  return undefined;
}

export function readSettings(env: Env): Settings {
  const problems: string[] = [];

  const manifests = list(input(env, "manifests"));
  if (manifests.length === 0) problems.push("manifests: required; name files, directories or globs (one per line)");

  const namespace = input(env, "namespace");
  if (namespace !== undefined && !dns1123Label.test(namespace)) {
    problems.push(`namespace: "${namespace}" is not a valid namespace name (lower-case letters, digits and '-', at most 63)`);
  }

  const kubeconfigInput = input(env, "kubeconfig");
  const kubeconfig = kubeconfigInput === undefined ? undefined : decodeKubeconfig(kubeconfigInput, problems);

  const wait = parseBoolean("wait", withDefault(env, "wait"), problems);
  const failFast = parseBoolean("fail-fast", withDefault(env, "fail-fast"), problems);
  const rollbackOnFailure = parseBoolean("rollback-on-failure", withDefault(env, "rollback-on-failure"), problems);

  const timeoutText = withDefault(env, "timeout");
  const timeoutMs = parseDuration(timeoutText);
  if (timeoutMs === undefined || timeoutMs <= 0) {
    problems.push(`timeout: "${timeoutText}" is not a duration (use for example 90s, 5m or 1h)`);
  }

  if (problems.length > 0) throw new InputError(problems);

  const home = env.HOME ?? homedir();
  return Object.freeze({
    manifests: Object.freeze(manifests),
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    namespace,
    kubeconfig: kubeconfig?.text,
    kubeconfigBase64: kubeconfig?.base64,
    kubeconfigPaths: Object.freeze((env.KUBECONFIG ?? "").split(delimiter).filter((path) => path !== "")),
    defaultKubeconfigPath: join(home, ".kube", "config"),
    context: input(env, "context"),
    fieldManager: "kubeship",
    wait,
    failFast,
    rollbackOnFailure,
    timeoutMs: timeoutMs ?? 0,
    runnerTemp: env.RUNNER_TEMP ?? join(home, ".cache", "kubeship", "tmp"),
  });
}
