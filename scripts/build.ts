// Bundles each entry point into one file under dist/, the files the runner executes.
// `--check` builds in memory and fails when the committed dist/ differs from a fresh build.
import { build, type BuildOptions, type Plugin } from "esbuild";
import { chmod, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { buildKustomizeWasm, checkKustomizeWasm, stampName, wasmName } from "./kustomize-wasm.ts";

const root = join(import.meta.dirname, "..");
// `--dist DIR` checks another copy (the staleness check's own test uses it)
const distFlag = process.argv.indexOf("--dist");
const dist = distFlag === -1 ? join(root, "dist") : resolve(process.argv[distFlag + 1] ?? "dist");

/** dist file name → source entry point */
const entryPoints = {
  index: "src/main.ts",
  post: "src/post.ts",
  cli: "src/cli.ts",
  credential: "src/credential.ts",
};

// @actions/core imports its HTTP client, and through it all of undici, only for getIDToken, which
// kubeship never calls: marked free of side effects, the client is left out where nothing uses it.
const unusedHttpClient: Plugin = {
  name: "unused-http-client",
  setup(esbuild) {
    esbuild.onResolve({ filter: /^@actions\/http-client$/ }, async (args) => {
      if (args.pluginData === "resolving") return undefined;
      const { kind, importer, resolveDir } = args;
      const { path, errors } = await esbuild.resolve(args.path, {
        kind,
        importer,
        resolveDir,
        pluginData: "resolving",
      });
      return errors.length > 0 ? { errors } : { path, sideEffects: false };
    });
  },
};

/** WebAssembly the build writes beside the bundles: file name → bytes (see wasmBesideTheBundle). */
const wasmFiles = new Map<string, Buffer>();

// undici's HTTP/1.1 parsers (llhttp, and milo behind UNDICI_USE_MILO) are WebAssembly kept in their
// source as base64 text: 260 KB of the chunk every run reads and compiles at start, about 10 ms of
// CPU, for a parser that only HTTP/1.1 needs (a proxy's CONNECT, impersonating several groups). The
// build writes each module beside the bundles, and the source reads it when undici first loads it.
const wasmBesideTheBundle: Plugin = {
  name: "wasm-beside-the-bundle",
  setup(esbuild) {
    esbuild.onLoad({ filter: /[\\/]undici[\\/]lib[\\/](llhttp|milo)[\\/][^\\/]+\.js$/ }, async ({ path }) => {
      const source = await readFile(path, "utf8");
      const name = `undici-${basename(dirname(path))}-${basename(path, ".js")}.wasm`;
      const literals = [...source.matchAll(/'(AGFzbQ[A-Za-z0-9+/=]+)'/g)];
      if (literals.length === 0) return undefined;
      if (literals.length > 1) return { errors: [{ text: `${path} holds more than one WebAssembly module` }] };
      wasmFiles.set(name, Buffer.from(literals[0]?.[1] ?? "", "base64"));
      // the same base64 text as before, read from the file when the module is first required;
      // besideTheBundle is the banner's (import.meta would make esbuild take this CommonJS file for ESM)
      const read = `require("node:fs").readFileSync(besideTheBundle(${JSON.stringify(`./${name}`)})).toString("base64")`;
      return { contents: source.replace(/'AGFzbQ[A-Za-z0-9+/=]+'/, read), loader: "js" };
    });
  },
};

const options: BuildOptions = {
  absWorkingDir: root,
  entryPoints,
  outdir: dist,
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  // Code that only some runs need (GitHub reporting, the credential plugin's token services) goes
  // into chunks that are loaded when needed, not at every start.
  splitting: true,
  chunkNames: "[name]-[hash]",
  plugins: [unusedHttpClient, wasmBesideTheBundle],
  // Some dependencies are CommonJS and require() Node's built-in modules (everything else is bundled):
  // give the ESM bundle a require for those. process.getBuiltinModule needs no node:module, whose
  // loading (with its source-map support) cost every start a few milliseconds. besideTheBundle
  // names a file in dist/ (wasmBesideTheBundle).
  banner: {
    js: [
      "const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })();",
      "const besideTheBundle = (name) => new URL(name, import.meta.url);",
    ].join(" "),
  },
  legalComments: "eof",
  logLevel: "warning",
};

async function check(): Promise<number> {
  const result = await build({ ...options, write: false });
  const fresh = new Map<string, Uint8Array>(result.outputFiles.map((f) => [relative(dist, f.path), f.contents]));
  for (const [name, bytes] of wasmFiles) fresh.set(name, bytes);
  const committed = await readdir(dist).catch(() => [] as string[]);
  const problems: string[] = [];
  for (const [name, bytes] of fresh) {
    const current = await readFile(join(dist, name)).catch(() => undefined);
    if (current === undefined) problems.push(`dist/${name} is missing`);
    else if (!current.equals(bytes)) problems.push(`dist/${name} differs from a fresh build of src/`);
  }
  problems.push(...(await checkKustomizeWasm(dist)));
  const built = new Set([...fresh.keys(), wasmName, stampName]);
  for (const name of committed) if (!built.has(name)) problems.push(`dist/${name} is not produced by the build`);
  if (problems.length > 0) {
    console.error(problems.join("\n") + "\ndist/ is stale: run `npm run build` and commit dist/.");
    return 1;
  }
  console.log(
    `dist/ is up to date (${fresh.size - wasmFiles.size} bundles, undici's ${wasmFiles.size} parsers and ${wasmName})`,
  );
  return 0;
}

if (process.argv.includes("--check")) {
  process.exitCode = await check();
} else {
  await rm(dist, { recursive: true, force: true });
  await build(options);
  for (const [name, bytes] of wasmFiles) await writeFile(join(dist, name), bytes);
  await chmod(join(dist, "cli.js"), 0o755); // run directly, and through package.json "bin"
  await buildKustomizeWasm(dist);
}
