#!/usr/bin/env node
const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  changedCount,
  objectCount
} from "./chunk-HZRVKH2Z.js";
import {
  objectChangeLines,
  planHeadline
} from "./chunk-UF3PZFPU.js";
import {
  logFailures
} from "./chunk-ZSQWN5RO.js";
import {
  InputError,
  cancelOnSignals,
  deploy,
  readSettings,
  signalExitCode
} from "./chunk-QKQV3XCB.js";
import {
  placePrefix
} from "./chunk-J5R73K3K.js";
import "./chunk-VYUHXVZO.js";
import "./chunk-LZ2HELCA.js";
import "./chunk-74A2JGPW.js";
import {
  kustomizationFile
} from "./chunk-M5WADX4M.js";
import "./chunk-FY6K4G6S.js";
import {
  describeRef
} from "./chunk-5BGRW4SM.js";
import "./chunk-3SKQK3M3.js";
import "./chunk-BG6EPD6Q.js";
import "./chunk-SLGBTRB5.js";
import "./chunk-B23VD3PK.js";
import "./chunk-ZA77GC67.js";
import "./chunk-OJTZGOVT.js";
import "./chunk-TAMLSLKN.js";
import "./chunk-LR26H2VH.js";
import "./chunk-RCV5BOJ3.js";

// src/cli.ts
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { join, resolve } from "node:path";

// src/report/terminal.ts
var codes = { red: "31", yellow: "33", green: "32", dim: "2" };
function painter(stream) {
  const tty = stream.isTTY === true && process.env.NO_COLOR === void 0;
  return (colour, text) => tty ? `\x1B[${codes[colour]}m${text}\x1B[0m` : text;
}
function terminalLog(stream, verbose = false) {
  const paint = painter(stream);
  return {
    info: (message) => stream.write(`${message}
`),
    debug: (message) => {
      if (verbose) stream.write(`${paint("dim", message)}
`);
    },
    warning: (message, source) => stream.write(`${paint("yellow", "warning:")} ${placePrefix(source)}${message}
`),
    error: (message, source) => stream.write(`${paint("red", "error:")} ${placePrefix(source)}${message}
`),
    // nothing to register outside a runner; secrets are never printed in the first place
    mask: () => void 0
  };
}
function printResult(result, stream) {
  const paint = painter(stream);
  const took = `in ${(result.durationMs / 1e3).toFixed(1)}s`;
  if (result.mode === "plan" && result.result === "success") {
    for (const p of result.pruned)
      stream.write(`${paint(p.kept ? "yellow" : "red", `${describeRef(p.ref)}: ${p.kept ?? "would be pruned"}`)}
`);
    for (const o of result.objects.filter((o2) => o2.action !== "unchanged")) {
      stream.write(
        `
${describeRef(o.ref)} would be ${o.action} (${o.source.file}:${o.source.line})${o.notes?.length ? ` \u2014 ${o.notes.join("; ")}` : ""}
`
      );
      for (const line of objectChangeLines(o))
        stream.write(
          `  ${line.startsWith("+") ? paint("green", line) : line.startsWith("-") ? paint("red", line) : line}
`
        );
    }
    stream.write(`
Plan: ${planHeadline(result)} (${took})
`);
    return;
  }
  if (result.result === "success") {
    stream.write(
      `${paint("green", "Deployed")}: ${changedCount(result)} changed, ${objectCount(result)} objects ${took}
`
    );
  } else {
    const headline = result.cancelled === true ? "Cancelled" : "Failed";
    stream.write(
      `${paint("red", headline)}: ${result.failures.length} problem${result.failures.length === 1 ? "" : "s"} ${took}
`
    );
  }
}

// src/cli.ts
var usage = `kubeship \u2014 deploy to Kubernetes with server-side apply and wait for the rollout

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
function packageVersion() {
  const { version } = JSON.parse(readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8"));
  return version;
}
async function main(argv) {
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
        version: { type: "boolean" }
      }
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}

${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0];
  if (values.version === true) {
    console.log(packageVersion());
    return 0;
  }
  if (values.help === true || command === void 0) {
    console.log(usage);
    return values.help === true ? 0 : 2;
  }
  if (command !== "apply" && command !== "plan") {
    console.error(`unknown command "${command}": use apply or plan

${usage}`);
    return 2;
  }
  for (const dir of values.kustomize ?? []) {
    if (await kustomizationFile(resolve(dir)) === void 0) {
      console.error(`-k/--kustomize: ${dir} holds no kustomization.yaml, kustomization.yml or Kustomization`);
      return 2;
    }
  }
  const inputs = {
    mode: command,
    // a kustomization directory in manifests is rendered: -k only checks that DIR is one
    manifests: [...values.filename ?? [], ...values.kustomize ?? []].join("\n"),
    namespace: values.namespace,
    context: values.context,
    timeout: values.timeout,
    wait: values["no-wait"] === true ? "false" : void 0,
    "field-manager": values["field-manager"],
    "force-conflicts": values["force-conflicts"] === true ? "true" : void 0,
    "field-validation": values["field-validation"],
    images: values.image?.join("\n"),
    applyset: values.applyset,
    prune: values.prune === true ? "true" : void 0,
    "prune-destructive": values["prune-destructive"] === true ? "true" : void 0,
    // no post step removes files after a terminal run, and the terminal has its own kubeconfig
    "export-kubeconfig": "false"
  };
  const env = { ...process.env, GITHUB_WORKSPACE: process.cwd() };
  for (const key of Object.keys(env)) if (key.startsWith("INPUT_")) delete env[key];
  for (const [name, value] of Object.entries(inputs))
    if (value !== void 0) env[`INPUT_${name.toUpperCase()}`] = value;
  if (values.kubeconfig !== void 0) env.KUBECONFIG = values.kubeconfig;
  let settings;
  try {
    settings = readSettings(env);
  } catch (error) {
    console.error(
      error instanceof InputError ? error.message.replaceAll("manifests:", "-f/--filename:") : String(error)
    );
    return 2;
  }
  const log = terminalLog(process.stderr);
  let stoppedBy;
  const cancel = cancelOnSignals({
    first: (name) => {
      stoppedBy = name;
      log.info(`Received ${name}: stopping everything in flight and reporting what was done (again: exit now)`);
    },
    again: (name) => process.exit(signalExitCode(name))
  });
  const result = await deploy(settings, log, { cancel });
  logFailures(result, log);
  printResult(result, process.stdout);
  if (stoppedBy !== void 0) return signalExitCode(stoppedBy);
  return result.result === "success" ? 0 : 1;
}
process.exitCode = await main(process.argv.slice(2));
