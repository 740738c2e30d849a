// Bundles each entry point into one file under dist/, the files the runner executes.
// `--check` builds in memory and fails when the committed dist/ differs from a fresh build.
import { build, type BuildOptions, type Plugin } from "esbuild";
import { chmod, readFile, readdir, rm } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
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
  plugins: [unusedHttpClient],
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  legalComments: "eof",
  logLevel: "warning",
};

async function check(): Promise<number> {
  const result = await build({ ...options, write: false });
  const fresh = new Map(result.outputFiles.map((f) => [relative(dist, f.path), f.text]));
  const committed = await readdir(dist).catch(() => [] as string[]);
  const problems: string[] = [];
  for (const [name, text] of fresh) {
    const current = await readFile(join(dist, name), "utf8").catch(() => undefined);
    if (current === undefined) problems.push(`dist/${name} is missing`);
    else if (current !== text) problems.push(`dist/${name} differs from a fresh build of src/`);
  }
  problems.push(...(await checkKustomizeWasm(dist)));
  const built = new Set([...fresh.keys(), wasmName, stampName]);
  for (const name of committed) if (!built.has(name)) problems.push(`dist/${name} is not produced by the build`);
  if (problems.length > 0) {
    console.error(problems.join("\n") + "\ndist/ is stale: run `npm run build` and commit dist/.");
    return 1;
  }
  console.log(`dist/ is up to date (${fresh.size} bundles and ${wasmName})`);
  return 0;
}

if (process.argv.includes("--check")) {
  process.exitCode = await check();
} else {
  await rm(dist, { recursive: true, force: true });
  await build(options);
  await chmod(join(dist, "cli.js"), 0o755); // run directly, and through package.json "bin"
  await buildKustomizeWasm(dist);
}
