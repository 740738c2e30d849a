const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

// src/manifests/kustomize/module.ts
import { closeSync, existsSync, fstatSync, openSync, readSync, unlinkSync, writeSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
var candidates = [
  join(import.meta.dirname, "kustomize.wasm"),
  join(import.meta.dirname, "../../../dist/kustomize.wasm")
];
var wasmApi = globalThis.WebAssembly;
var compiled;
function kustomizeModule() {
  compiled ??= (async () => {
    const path = candidates.find((candidate) => existsSync(candidate));
    if (path === void 0) throw new Error(`kustomize.wasm is missing (looked in ${candidates.join(", ")})`);
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
var wasiClass;
function loadWasi() {
  wasiClass ??= (async () => {
    const emit = process.emitWarning.bind(process);
    const filter = (warning, ...rest) => {
      const text = typeof warning === "string" ? warning : warning.message;
      const type = typeof rest[0] === "string" ? rest[0] : rest[0]?.type;
      const name = typeof warning === "string" ? type : warning.name;
      if (name === "ExperimentalWarning" && text.includes("WASI")) return;
      emit(warning, ...rest);
    };
    process.emitWarning = filter;
    try {
      const { WASI } = await import("node:wasi");
      new WASI({ version: "preview1", returnOnExit: true });
      return WASI;
    } finally {
      process.emitWarning = emit;
    }
  })();
  return wasiClass;
}
var noTierUpBudget = "--wasm-tiering-budget=2000000000";
var defaultTierUpBudget = "--wasm-tiering-budget=13000000";
var tierUpHolds = 0;
function holdTierUp() {
  if (tierUpHolds++ === 0) setFlagsFromString(noTierUpBudget);
}
function releaseTierUp() {
  if (--tierUpHolds === 0) setFlagsFromString(defaultTierUpBudget);
}
async function compileLazilyValidated(bytes) {
  setFlagsFromString("--wasm-lazy-validation");
  try {
    return await wasmApi.compile(bytes);
  } finally {
    setFlagsFromString("--no-wasm-lazy-validation");
  }
}
function requestJson(request) {
  const files = {};
  for (const [path, content] of request.files) files[path] = content.toString("base64");
  return JSON.stringify({ root: request.root, files, dirs: request.dirs, origins: request.origins });
}
function readAll(fd) {
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
async function instantiate() {
  const [module, WASI] = await Promise.all([kustomizeModule(), loadWasi()]);
  const dir = await mkdtemp(join(tmpdir(), "kubeship-kustomize-"));
  const fds = [];
  try {
    const open = (name) => {
      const path = join(dir, name);
      const fd = openSync(path, "wx+", 384);
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
      returnOnExit: true
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
var ready;
async function readyKustomize() {
  ready ??= instantiate();
  await ready.catch(() => void 0);
}
function writeAll(fd, text) {
  const bytes = Buffer.from(text, "utf8");
  for (let written = 0; written < bytes.length; ) {
    written += writeSync(fd, bytes, written, bytes.length - written, written);
  }
}
async function runKustomize(request) {
  holdTierUp();
  const taken = ready ?? instantiate();
  ready = void 0;
  let fds = [];
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

export {
  readyKustomize,
  runKustomize
};
