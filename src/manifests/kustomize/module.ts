// Runs dist/kustomize.wasm (kustomize's krusty compiled to WebAssembly) with Node's WASI. node:wasi is
// not a sandbox, so the module gets nothing to escape with: no preopened directory, no environment
// but Go's GOGC, no network (WASI preview 1 has none); its only files are its standard streams.
// Those are temporary files unlinked as soon as they are open, so the request (the kustomization's
// files) and the rendered objects (generated Secrets) exist only behind file descriptors for the
// module's run.
import { closeSync, existsSync, fstatSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import type { WASI as WasiType } from "node:wasi";

/** What the module reads on stdin (kustomize/wasm/main.go's request). */
export interface RenderRequest {
  /** the kustomization directory, an absolute slash-separated path among `files` */
  root: string;
  /** absolute slash-separated path → content */
  files: Map<string, Buffer>;
  /** directories to create even when they hold no file */
  dirs: string[];
  /** add buildMetadata [originAnnotations] to the root kustomization, in memory */
  origins: boolean;
}

export type RenderOutcome = { ok: true; yaml: string } | { ok: false; error: string };

// The bundle (dist/index.js) sits beside the module; the sources run from src/manifests/kustomize/.
const candidates = [
  join(import.meta.dirname, "kustomize.wasm"),
  join(import.meta.dirname, "../../../dist/kustomize.wasm"),
];

// The slice of the WebAssembly API used here (the project's lib has no DOM types, where it is declared).
interface CompiledModule {
  readonly compiled: unique symbol;
}
interface WebAssemblyApi {
  compile(bytes: Uint8Array): Promise<CompiledModule>;
  instantiate(module: CompiledModule, imports: object): Promise<object>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

let compiled: Promise<CompiledModule> | undefined;

/**
 * The compiled module, read and compiled once per process, on first use: plain YAML never pays for
 * it. A run that knows early that it will render starts it with readyKustomize (prepare.ts).
 */
function kustomizeModule(): Promise<CompiledModule> {
  compiled ??= (async () => {
    const path = candidates.find((candidate) => existsSync(candidate));
    if (path === undefined) throw new Error(`kustomize.wasm is missing (looked in ${candidates.join(", ")})`);
    const bytes = await readFile(path);
    holdTierUp();
    try {
      return await compileLazilyValidated(bytes);
    } finally {
      releaseTierUp();
    }
  })();
  return compiled;
}

let wasiClass: Promise<typeof WasiType> | undefined;

/**
 * node:wasi's class. Node announces WASI with an ExperimentalWarning, which would reach the log as a
 * warning about kubeship itself: that one warning is dropped, every other warning is emitted as usual.
 */
function loadWasi(): Promise<typeof WasiType> {
  wasiClass ??= (async () => {
    const emit = process.emitWarning.bind(process);
    const filter = (warning: string | Error, ...rest: unknown[]): void => {
      const text = typeof warning === "string" ? warning : warning.message;
      const type = typeof rest[0] === "string" ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
      const name = typeof warning === "string" ? type : warning.name;
      if (name === "ExperimentalWarning" && text.includes("WASI")) return;
      (emit as (...args: unknown[]) => void)(warning, ...rest);
    };
    process.emitWarning = filter;
    try {
      const { WASI } = await import("node:wasi");
      // the warning comes with the first instance in some Node versions: make it here, under the filter
      new WASI({ version: "preview1", returnOnExit: true });
      return WASI;
    } finally {
      process.emitWarning = emit;
    }
  })();
  return wasiClass;
}

// V8 runs WebAssembly with its baseline compiler (Liftoff) first and recompiles the functions that
// run long with its optimising one (TurboFan) on background threads. kustomize's Go functions are
// large and a render runs each of them briefly, once per step: that recompiling cost more CPU than
// it saved (a resources-only render's run 0.55 s CPU → 0.2 s; an overlay's 2.2 s → 1.1 s, before the
// compact schema; bench/README.md). A tiering budget this large keeps the module on Liftoff. V8 takes
// it when it compiles the module and reads it again while the code runs, so it is raised from the
// compilation to the end of the run and put back to V8's default after, for any other WebAssembly in
// the process (undici's HTTP parser).
const noTierUpBudget = "--wasm-tiering-budget=2000000000";
const defaultTierUpBudget = "--wasm-tiering-budget=13000000";
// The compilation may start early (readyKustomize) and end while a render already waits for it, or
// a render may start while it runs: the budget stays raised while either holds it.
let tierUpHolds = 0;

function holdTierUp(): void {
  if (tierUpHolds++ === 0) setFlagsFromString(noTierUpBudget);
}

function releaseTierUp(): void {
  if (--tierUpHolds === 0) setFlagsFromString(defaultTierUpBudget);
}

// V8 validates every function of a module when it compiles it, though a render calls few of them;
// validating each on its first call instead takes compiling from 0.32 s to 0.24 s of CPU (27 MB).
// The module is Go's own output, checked by the test suite, so an invalid function is no risk of
// ours; the flag is V8's and is set only while this module compiles.
async function compileLazilyValidated(bytes: Uint8Array): Promise<CompiledModule> {
  setFlagsFromString("--wasm-lazy-validation");
  try {
    return await wasmApi.compile(bytes); // V8 reads the flag on its compiling threads, until done
  } finally {
    setFlagsFromString("--no-wasm-lazy-validation");
  }
}

function requestJson(request: RenderRequest): string {
  const files: Record<string, string> = {};
  for (const [path, content] of request.files) files[path] = content.toString("base64");
  return JSON.stringify({ root: request.root, files, dirs: request.dirs, origins: request.origins });
}

function readAll(fd: number): string {
  const size = fstatSync(fd).size;
  const buffer = Buffer.alloc(size);
  let read = 0;
  while (read < size) {
    const n = readSync(fd, buffer, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read).toString("utf8");
}

/** An instance with its WASI and standard streams, waiting for the request on its stdin. */
interface Instance {
  instance: object;
  wasi: WasiType;
  stdin: number;
  stdout: number;
  stderr: number;
}

async function instantiate(): Promise<Instance> {
  const [module, WASI] = await Promise.all([kustomizeModule(), loadWasi()]);
  const dir = await mkdtemp(join(tmpdir(), "kubeship-kustomize-"));
  const fds: number[] = [];
  try {
    const open = (name: string): number => {
      const path = join(dir, name);
      const fd = openSync(path, "wx+", 0o600);
      fds.push(fd);
      unlinkSync(path);
      return fd;
    };
    const [stdin, stdout, stderr] = [open("stdin"), open("stdout"), open("stderr")];
    const wasi = new WASI({
      version: "preview1",
      args: ["kustomize"],
      // Go's collector runs at a fifth of its default rate: a render's heap is small and short-lived,
      // and collecting it cost an overlay's run about 60 ms of its 0.5 s CPU (bench/README.md)
      env: { GOGC: "400" },
      stdin,
      stdout,
      stderr,
      returnOnExit: true,
    });
    const instance = await wasmApi.instantiate(module, wasi.getImportObject());
    return { instance, wasi, stdin, stdout, stderr };
  } catch (error) {
    for (const fd of fds) closeSync(fd);
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// Instantiating copies Go's 7.8 MiB of data segments into a fresh linear memory, which nothing in a
// kustomization decides: the instance is made ahead, beside the compilation, and the render that
// comes takes it. Go runs once per instance, so a later render makes its own.
let ready: Promise<Instance> | undefined;

/**
 * Reads, compiles and instantiates the module ahead of a render, while the run connects; never
 * fails: the render reports what went wrong.
 */
export async function readyKustomize(): Promise<void> {
  ready ??= instantiate();
  await ready.catch(() => undefined);
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  // positional writes leave the descriptor's offset at 0, where the module starts reading
  for (let written = 0; written < bytes.length;) {
    written += writeSync(fd, bytes, written, bytes.length - written, written);
  }
}

/** Renders one kustomization; the module's error text when kustomize refuses it. */
export async function runKustomize(request: RenderRequest): Promise<RenderOutcome> {
  holdTierUp();
  const taken = ready ?? instantiate();
  ready = undefined;
  let fds: number[] = [];
  try {
    const { instance, wasi, stdin, stdout, stderr } = await taken;
    fds = [stdin, stdout, stderr];
    writeAll(stdin, requestJson(request));
    const status = wasi.start(instance);
    if (status === 0) return { ok: true, yaml: readAll(stdout) };
    const error = readAll(stderr).trim();
    return { ok: false, error: error === "" ? `the kustomize module ended with status ${status}` : error };
  } finally {
    releaseTierUp();
    for (const fd of fds) closeSync(fd);
  }
}
