// Throw-away workspaces with manifest files, for running the action on them.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ObjectOutput } from "../../src/report/outputs.ts";
import { type ActionRun, repoRoot } from "./action.ts";

export function workspaceWith(files: Record<string, string>): string {
  const ws = mkdtempSync(join(tmpdir(), "kubeship-ws-"));
  writeFiles(ws, files);
  return ws;
}

export function writeFiles(ws: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(ws, name)), { recursive: true });
    writeFileSync(join(ws, name), text);
  }
}

export function objectsOf(run: ActionRun): ObjectOutput[] {
  return JSON.parse(run.outputs.objects ?? "[]") as ObjectOutput[];
}

/** `Kind/name action` for each object of a run, for compact assertions. */
export function actionsOf(run: ActionRun): string[] {
  return objectsOf(run).map((o) => `${o.kind}/${o.name} ${o.action}`);
}

/** A copy of examples/ in a fresh workspace, using namespace `ns` instead of kubeship-example. */
export function exampleWorkspace(ns: string): string {
  const ws = mkdtempSync(join(tmpdir(), "kubeship-ws-"));
  cpSync(join(repoRoot, "examples"), join(ws, "examples"), { recursive: true });
  for (const file of readdirSync(join(ws, "examples", "app"))) {
    const path = join(ws, "examples", "app", file);
    writeFileSync(path, readFileSync(path, "utf8").replaceAll("kubeship-example", ns));
  }
  return ws;
}
