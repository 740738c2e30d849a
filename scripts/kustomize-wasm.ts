// Builds dist/kustomize.wasm, kustomize's krusty library compiled to WebAssembly, from the pinned Go
// wrapper module in kustomize/wasm/ (go.mod and go.sum committed), and checks that the committed one
// is current. The module embeds kubernetes-schema.kzs, kyaml's Kubernetes schema in compact form,
// which schemagen (a native Go program in the same module) writes first. A Go build takes minutes, so the check compares a stamp written beside the module — a
// hash of the wrapper's sources, the Go version and the module's own hash — instead of rebuilding it.
// Built modules are cached outside the repository by that hash (Go's build cache holds the rest).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { chmod, copyFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const wrapper = join(import.meta.dirname, "..", "kustomize", "wasm");
const sources = ["go.mod", "go.sum", "main.go", "schema/schema.go", "schemagen/main.go"];
const schemaName = "kubernetes-schema.kzs"; // written by schemagen, not committed
export const wasmName = "kustomize.wasm";
export const stampName = "kustomize.wasm.stamp";

// Go's environment for a build that is the same on every machine: this toolchain only, no cgo, the
// module graph exactly as go.sum pins it. schemagen runs on this machine (it is no part of the
// module), so its environment has no GOOS/GOARCH.
const hostEnv: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: "local", CGO_ENABLED: "0" };
delete hostEnv.GOOS;
delete hostEnv.GOARCH;
const goEnv = { ...hostEnv, GOOS: "wasip1", GOARCH: "wasm" };
// -dumpdep prints the linker's reachability graph (the module's bytes are the same without it), for the
// check below.
const buildFlags = ["-mod=readonly", "-trimpath", "-ldflags=-s -w -buildid= -dumpdep"];

/**
 * The reachable functions that look methods up by reflection with a name the compiler cannot see. One
 * is enough for Go's linker to keep every exported method of every reachable type: with protobuf
 * v1.36.5 and Go 1.26 that was 5.9 MB of the module (bench/README.md, kustomize benchmark).
 */
function reflectiveMethodCalls(dumpdep: string): string[] {
  const found = new Set<string>();
  for (const match of dumpdep.matchAll(/(\S+) (?:<UsedInIface>)?<ReflectMethod>/g)) found.add(match[1] ?? "");
  return [...found];
}

async function goVersion(): Promise<string | undefined> {
  try {
    return (await run("go", ["env", "GOVERSION"], { env: goEnv })).stdout.trim();
  } catch {
    return undefined;
  }
}

async function sourceHash(): Promise<string> {
  const hash = createHash("sha256");
  for (const name of sources) hash.update(`${name}\0`).update(await readFile(join(wrapper, name)));
  hash.update(buildFlags.join(" "));
  return hash.digest("hex");
}

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

interface Stamp {
  sources: string;
  go: string;
  wasm: string;
}

function formatStamp(stamp: Stamp): string {
  return `sources ${stamp.sources}\ngo ${stamp.go}\nwasm ${stamp.wasm}\n`;
}

function parseStamp(text: string): Partial<Stamp> {
  return Object.fromEntries(text.split("\n").map((line) => line.split(" ", 2))) as Partial<Stamp>;
}

/** Writes dist/kustomize.wasm and its stamp, building the module unless the cache holds this version. */
export async function buildKustomizeWasm(dist: string): Promise<void> {
  const go = await goVersion();
  if (go === undefined)
    throw new Error("go is not on PATH: dist/kustomize.wasm is built from kustomize/wasm (Go 1.26)");
  const key = sha256(Buffer.from(`${await sourceHash()} ${go}`)).slice(0, 16);
  const cache = join(process.env.KUBESHIP_CACHE ?? join(homedir(), ".cache", "kubeship"), "wasm", key);
  const cached = join(cache, wasmName);
  const present = await readFile(cached).catch(() => undefined);
  if (present === undefined) {
    console.error(`building ${wasmName} with ${go} (the first build takes minutes; later ones reuse ${cache})`);
    await mkdir(cache, { recursive: true });
    await run("go", ["run", "-mod=readonly", "./schemagen", schemaName], { cwd: wrapper, env: hostEnv });
    const { stdout, stderr } = await run("go", ["build", ...buildFlags, "-o", `${cached}.tmp`, "."], {
      cwd: wrapper,
      env: goEnv,
      maxBuffer: 64 * 1024 * 1024,
    });
    const reflective = reflectiveMethodCalls(stdout + stderr);
    if (reflective.length > 0) {
      throw new Error(
        `${wasmName} links a method lookup by reflection (${reflective.slice(0, 5).join(", ")}), so Go's linker ` +
          "keeps every exported method of every reachable type (megabytes more to read and compile at each render). " +
          "Find what reaches it in the linker's -dumpdep output and pin a version of that dependency without it in " +
          "kustomize/wasm/go.mod, as kubectl 1.36.3's versions are.",
      );
    }
    await rename(`${cached}.tmp`, cached);
  }
  await copyFile(cached, join(dist, wasmName));
  await chmod(join(dist, wasmName), 0o644); // data read by Node, not a program
  const wasm = sha256(await readFile(cached));
  await writeFile(join(dist, stampName), formatStamp({ sources: key, go, wasm }));
}

/** What is stale about the committed module, if anything. */
export async function checkKustomizeWasm(dist: string): Promise<string[]> {
  const stampText = await readFile(join(dist, stampName), "utf8").catch(() => undefined);
  const wasm = await readFile(join(dist, wasmName)).catch(() => undefined);
  if (stampText === undefined || wasm === undefined) return [`dist/${wasmName} or dist/${stampName} is missing`];
  const stamp = parseStamp(stampText);
  const problems: string[] = [];
  if (stamp.wasm !== sha256(wasm)) problems.push(`dist/${wasmName} is not the module its stamp records`);
  const go = (await goVersion()) ?? stamp.go ?? "";
  const key = sha256(Buffer.from(`${await sourceHash()} ${go}`)).slice(0, 16);
  if (stamp.sources !== key) {
    problems.push(`dist/${wasmName} was built from other sources than kustomize/wasm/ or with a Go other than ${go}`);
  }
  return problems;
}
