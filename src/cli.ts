#!/usr/bin/env node
// The command-line tool: the same pipeline and the same settings as the action, from a terminal or
// another CI system. Flags are turned into the action's inputs, so validation is the same.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { join, resolve } from "node:path";
import { InputError, readSettings } from "./inputs.ts";
import { kustomizationFile } from "./manifests/kustomization-file.ts";
import { deploy } from "./pipeline/index.ts";
import { logFailures } from "./report/failure.ts";
import { terminalLog, printResult } from "./report/terminal.ts";
import { cancelOnSignals, signalExitCode, type StopSignal } from "./signals.ts";

const usage = `kubeship — deploy to Kubernetes with server-side apply and wait for the rollout

Usage:
  kubeship apply -f PATH [-f PATH ...] [flags]   apply the manifests and wait for the rollout
  kubeship apply -k DIR [flags]                  the same for a kustomization (an overlay)
  kubeship plan  -f PATH [-f PATH ...] [flags]   server-side dry run: show what would change

Flags:
  -f, --filename PATH        manifest file, directory (recursive) or glob; repeatable
  -k, --kustomize DIR        kustomization directory, rendered as \`kubectl apply -k\` does; repeatable
  -n, --namespace NAME       namespace for objects that name none (default: the context's, else default)
      --kubeconfig PATH      kubeconfig file (default: KUBECONFIG, else ~/.kube/config)
      --context NAME         kubeconfig context (default: its current-context)
      --timeout DURATION     limit for apply and wait, e.g. 90s, 5m (default 5m)
      --no-wait              apply without waiting for the rollout
      --field-manager NAME   server-side apply field manager (default kubeship)
      --force-conflicts      take over fields other managers own
      --field-validation V   Strict, Warn or Ignore (default Strict)
      --image NAME=REF       override container images by repository; repeatable
      --applyset NAME        track what is applied in this ApplySet (a Secret in the namespace)
      --prune                delete ApplySet members no longer in the manifests
      --prune-destructive    allow pruning Namespaces and CRDs
  -h, --help                 show this help
      --version              print kubeship's version

Exit status: 0 when everything applied and rolled out (or was planned), 1 otherwise, 2 for usage errors;
Ctrl-C stops what is in flight and prints what was done (exit 130; press it again to exit at once).`;

/**
 * The version in package.json, read when asked rather than built in, so that a release that only bumps
 * the version leaves dist/ as it was. The file sits one folder up from src/cli.ts and from dist/cli.js
 * alike, and npm always packs it.
 */
function packageVersion(): string {
  const { version } = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8")) as {
    version: string;
  };
  return version;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        filename: { type: "string", short: "f", multiple: true },
        kustomize: { type: "string", short: "k", multiple: true },
        namespace: { type: "string", short: "n" },
        kubeconfig: { type: "string" },
        context: { type: "string" },
        timeout: { type: "string" },
        "no-wait": { type: "boolean" },
        "field-manager": { type: "string" },
        "force-conflicts": { type: "boolean" },
        "field-validation": { type: "string" },
        image: { type: "string", multiple: true },
        applyset: { type: "string" },
        prune: { type: "boolean" },
        "prune-destructive": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.version === true) {
    console.log(packageVersion());
    return 0;
  }
  if (values.help === true || command === undefined) {
    console.log(usage);
    return values.help === true ? 0 : 2;
  }
  if (command !== "apply" && command !== "plan") {
    console.error(`unknown command "${command}": use apply or plan\n\n${usage}`);
    return 2;
  }
  for (const dir of values.kustomize ?? []) {
    if ((await kustomizationFile(resolve(dir))) === undefined) {
      console.error(`-k/--kustomize: ${dir} holds no kustomization.yaml, kustomization.yml or Kustomization`);
      return 2;
    }
  }
  // The action's inputs, as the runner would pass them: one validation for both.
  const inputs: Record<string, string | undefined> = {
    mode: command,
    // a kustomization directory in manifests is rendered: -k only checks that DIR is one
    manifests: [...(values.filename ?? []), ...(values.kustomize ?? [])].join("\n"),
    namespace: values.namespace,
    context: values.context,
    timeout: values.timeout,
    wait: values["no-wait"] === true ? "false" : undefined,
    "field-manager": values["field-manager"],
    "force-conflicts": values["force-conflicts"] === true ? "true" : undefined,
    "field-validation": values["field-validation"],
    images: values.image?.join("\n"),
    applyset: values.applyset,
    prune: values.prune === true ? "true" : undefined,
    "prune-destructive": values["prune-destructive"] === true ? "true" : undefined,
    // no post step removes files after a terminal run, and the terminal has its own kubeconfig
    "export-kubeconfig": "false",
  };
  const env: Record<string, string | undefined> = { ...process.env, GITHUB_WORKSPACE: process.cwd() };
  for (const key of Object.keys(env)) if (key.startsWith("INPUT_")) delete env[key];
  for (const [name, value] of Object.entries(inputs))
    if (value !== undefined) env[`INPUT_${name.toUpperCase()}`] = value;
  if (values.kubeconfig !== undefined) env.KUBECONFIG = values.kubeconfig;

  let settings;
  try {
    settings = readSettings(env);
  } catch (error) {
    console.error(
      error instanceof InputError ? error.message.replaceAll("manifests:", "-f/--filename:") : String(error),
    );
    return 2;
  }
  const log = terminalLog(process.stderr);
  let stoppedBy: StopSignal | undefined;
  const cancel = cancelOnSignals({
    first: (name) => {
      stoppedBy = name;
      log.info(`Received ${name}: stopping everything in flight and reporting what was done (again: exit now)`);
    },
    again: (name) => process.exit(signalExitCode(name)),
  });
  const result = await deploy(settings, log, { cancel });
  logFailures(result, log);
  printResult(result, process.stdout);
  if (stoppedBy !== undefined) return signalExitCode(stoppedBy);
  return result.result === "success" ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
