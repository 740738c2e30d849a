// Real install manifests, read from the Go modules that publish them. This machine reaches no download
// site, only the Go module proxy; argo-cd, ingress-nginx and prometheus-operator are Go modules whose
// zips hold their install manifests, and k8s.io/apiextensions-apiserver keeps Gateway API's standard
// install as test data. longhorn's repository is not served by the proxy, so longhorn.yaml has a
// generated stand-in (bench/stand-ins.ts).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

interface Install {
  module: string;
  version: string;
  /** files in the module, applied in this order; a folder stands for its .yaml files in name order */
  paths: string[];
  describe: string;
}

export const installs = {
  "argo-cd": {
    module: "github.com/argoproj/argo-cd/v3",
    // v3.6 needs Go 1.27 to download; the manifests of v3.5 are the shape users deploy
    version: "v3.5.7",
    paths: ["manifests/install.yaml"],
    describe: "argo-cd v3.5.7 install.yaml",
  },
  "ingress-nginx": {
    module: "k8s.io/ingress-nginx",
    // the module has no release tags; this is controller v1.11.0's tree
    version: "v0.0.0-20240708192948-52c50467d67d",
    paths: ["deploy/static/provider/cloud/deploy.yaml"],
    describe: "ingress-nginx controller v1.11.0 deploy.yaml (cloud)",
  },
  "prometheus-operator": {
    module: "github.com/prometheus-operator/prometheus-operator",
    version: "v0.85.0",
    paths: ["example/prometheus-operator-crd-full"],
    describe: "prometheus-operator v0.85.0 full CRDs",
  },
} satisfies Record<string, Install>;

export type InstallName = keyof typeof installs;

export const installNames = Object.keys(installs) as InstallName[];

let cache: string | undefined;

/** Go's module cache: as `go env` tells it (GOMODCACHE may be set in Go's own env file), else Go's default. */
export function moduleCache(): string {
  try {
    cache ??= execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
  } catch {
    cache = process.env.GOMODCACHE ?? join(process.env.GOPATH ?? join(homedir(), "go"), "pkg", "mod");
  }
  return cache;
}

/** The module's folder in the module cache; with `download`, `go mod download` fetches it when it is not there. */
function moduleDir(install: Install, download: boolean): string | undefined {
  const dir = join(moduleCache(), `${install.module}@${install.version}`);
  if (existsSync(dir)) return dir;
  if (!download) return undefined;
  try {
    const out = execFileSync("go", ["mod", "download", "-json", `${install.module}@${install.version}`], {
      cwd: tmpdir(),
      env: { ...process.env, GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return (JSON.parse(out) as { Dir?: string }).Dir;
  } catch (error) {
    console.warn(`${install.module}@${install.version}: not downloaded (${String(error).split("\n")[0]})`);
    return undefined;
  }
}

/**
 * The install's YAML as one text, documents joined by `---`; undefined when its module is not in the module
 * cache and `download` is false, or when it cannot be downloaded.
 */
export function realInstall(name: InstallName, download: boolean): string | undefined {
  const install: Install = installs[name];
  const dir = moduleDir(install, download);
  if (dir === undefined) return undefined;
  const files = install.paths.flatMap((path) =>
    path.endsWith(".yaml")
      ? [join(dir, path)]
      : readdirSync(join(dir, path))
          .filter((f) => f.endsWith(".yaml"))
          .sort()
          .map((f) => join(dir, path, f)),
  );
  return files.map((file) => readFileSync(file, "utf8").replace(/^---\n/, "")).join("---\n");
}

/** Gateway API's standard install as k8s.io/apiextensions-apiserver keeps it for its ratcheting tests. */
export function gatewayApiInstall(): string | undefined {
  const k8s = join(moduleCache(), "k8s.io");
  if (!existsSync(k8s)) return undefined;
  const modules = readdirSync(k8s)
    .filter((d) => d.startsWith("apiextensions-apiserver@"))
    .sort();
  for (const module of modules.reverse()) {
    const file = join(k8s, module, "test", "integration", "ratcheting_test_cases", "crds", "standard-install.yaml");
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** Gateway API's standard install as one text, when the module cache holds it. */
export function gatewayApiText(): string | undefined {
  const file = gatewayApiInstall();
  return file === undefined ? undefined : readFileSync(file, "utf8");
}

// `node bench/real-installs.ts` downloads every install into the Go module cache (npm test does, so
// that the reader's test compares them with `yaml`); it fails when one cannot be had.
if (import.meta.main) {
  const missing = installNames.filter((name) => realInstall(name, true) === undefined);
  if (missing.length > 0) process.exit(1);
  console.log(`in the Go module cache: ${installNames.join(", ")}`);
}
