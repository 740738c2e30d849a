// Test access to the local test cluster: its admin kubeconfig and its own kubectl, used to check
// what the action did independently of kubeship's client.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after } from "node:test";
import { promisify } from "node:util";
import { paths } from "../cluster/layout.ts";

const run = promisify(execFile);

export function adminKubeconfig(): string {
  if (!existsSync(paths.kubeconfig)) throw new Error("the test cluster is not up: run `npm run cluster -- up`");
  return readFileSync(paths.kubeconfig, "utf8");
}

function kubectlPath(): string {
  const binaries = JSON.parse(readFileSync(paths.binaries, "utf8")) as { k8s: string };
  return join(binaries.k8s, "kubectl");
}

export async function kubectl(args: string[], input?: string): Promise<string> {
  const child = run(kubectlPath(), args, {
    env: { ...process.env, KUBECONFIG: paths.kubeconfig },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (input !== undefined) {
    child.child.stdin?.end(input);
  }
  return (await child).stdout;
}

export async function getJson<T>(args: string[]): Promise<T> {
  return JSON.parse(await kubectl([...args, "-o", "json"])) as T;
}

/** A fresh namespace for one test, removed (in the background) at the end. */
export async function createNamespace(prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString("hex")}`;
  await kubectl(["create", "namespace", name]);
  return name;
}

export async function deleteNamespace(name: string): Promise<void> {
  await kubectl(["delete", "namespace", name, "--wait=false", "--ignore-not-found"]);
}

/** For one test file: a function that creates fresh namespaces, all deleted when the file's tests end. */
export function freshNamespaces(): (prefix: string) => Promise<string> {
  const created: string[] = [];
  after(async () => {
    for (const ns of created) await deleteNamespace(ns);
  });
  return async (prefix) => {
    const ns = await createNamespace(prefix);
    created.push(ns);
    return ns;
  };
}

/** Polls `check` until it returns a value, or fails with the last reason after `ms`. */
export async function eventually<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000}s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
