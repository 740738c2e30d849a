// Runs the bundled action exactly as the GitHub runner does: inputs in INPUT_<NAME> variables, the
// runner's files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_STATE, GITHUB_ENV) and RUNNER_TEMP, then
// `node dist/index.js`. Returns what a workflow would see.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { readRunnerLog } from "./runner-log.ts";

export const repoRoot = join(import.meta.dirname, "..", "..");

export interface ActionRun {
  exitCode: number;
  /** everything the step printed, stdout and stderr interleaved as the runner would record them */
  log: string;
  outputs: Record<string, string>;
  summary: string;
  state: Record<string, string>;
  runnerTemp: string;
}

/** Reads the runner's `name<<DELIMITER ... DELIMITER` file format (GITHUB_OUTPUT, GITHUB_STATE). */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? "");
    if (match === null) continue;
    const [, name = "", delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? "");
    values[name] = value.join("\n");
  }
  return values;
}

export interface RunOptions {
  /** the step's `with:` — names as in action.yml */
  inputs: Record<string, string>;
  /** the workspace (GITHUB_WORKSPACE); defaults to the repository */
  workspace?: string;
  /** extra environment, e.g. KUBECONFIG */
  env?: Record<string, string>;
  /** which bundle: dist/index.js (main) or dist/post.js */
  entry?: "index" | "post";
  /** the post step's STATE_ variables */
  state?: Record<string, string>;
  /** called with the step's process once started, e.g. to signal it as a cancelled workflow does */
  onStart?: (child: ChildProcess) => void;
}

/** action.yml's inputs, by name. */
export function declaredInputs(): Record<string, { default?: string | number | boolean }> {
  return (
    parse(readFileSync(join(repoRoot, "action.yml"), "utf8")) as {
      inputs: Record<string, { default?: string | number | boolean }>;
    }
  ).inputs;
}

/** action.yml's literal input defaults (`${{ … }}` expressions are the runner's to evaluate; they are left out). */
export function literalDefaults(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(declaredInputs()).flatMap(([name, spec]) =>
      spec.default === undefined || String(spec.default).startsWith("${{") ? [] : [[name, String(spec.default)]],
    ),
  );
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), "kubeship-runner-"));
  const files = {
    GITHUB_OUTPUT: join(dir, "output"),
    GITHUB_STEP_SUMMARY: join(dir, "summary"),
    GITHUB_STATE: join(dir, "state"),
    GITHUB_ENV: join(dir, "env"),
  };
  for (const file of Object.values(files)) writeFileSync(file, "");
  const runnerTemp = join(dir, "temp");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: join(dir, "home"),
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: options.workspace ?? repoRoot,
    RUNNER_TEMP: runnerTemp,
    ...files,
    ...options.env,
  };
  // As the runner: action.yml's default for every input the step leaves out (expressions such as
  // `${{ github.token }}` have no value here), then the step's own, an empty one included.
  for (const [name, value] of Object.entries({ ...literalDefaults(), ...options.inputs }))
    env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  for (const [name, value] of Object.entries(options.state ?? {})) env[`STATE_${name}`] = value;

  const child = spawn(process.execPath, [join(repoRoot, "dist", `${options.entry ?? "index"}.js`)], {
    cwd: options.workspace ?? repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  options.onStart?.(child);
  let log = "";
  child.stdout.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (log += chunk.toString("utf8")));
  const exitCode = await new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  return {
    exitCode,
    log,
    outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, "utf8")),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"),
    state: parseCommandFile(readFileSync(files.GITHUB_STATE, "utf8")),
    runnerTemp,
  };
}

/** The log as a reader sees it: the runner carries out command lines (`::add-mask::` …) instead of showing them. */
export function visibleLog(log: string): string {
  return readRunnerLog(log).shown.join("\n");
}

export function maskedValues(log: string): string[] {
  return log
    .split("\n")
    .filter((line) => line.startsWith("::add-mask::"))
    .map((line) => line.slice("::add-mask::".length));
}
