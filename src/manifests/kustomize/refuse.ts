// What a kustomization asks for that kubeship will not do, found by reading its kustomization file
// before anything runs: remote bases (kubeship never downloads), KRM functions and external plugins
// (exec and container functions run programs; kubectl refuses them too unless plugins are enabled),
// and Helm charts (they need a helm binary). Also its local references: the bases and components
// whose trees must be read for kustomize.
import { parse } from "yaml";

export interface KustomizationRefs {
  /** what cannot be rendered, each with what to do instead */
  refusals: string[];
  /** `resources`, `bases` and `components` entries that are local paths, as written */
  local: string[];
  /** `generators`, `transformers` and `validators` entries: a path or inline YAML */
  plugins: string[];
}

// Where kustomize would fetch from: URLs, git remotes, and the host/org/repo forms it accepts.
const remote =
  /^(?:[a-z][a-z0-9+.-]*:\/\/|git::|git@|(?:github\.com|gitlab\.com|bitbucket\.org)[/:])|\?(?:ref|version|submodules|timeout)=/i;

export function isRemote(entry: string): boolean {
  return remote.test(entry.trim());
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Reads one kustomization file's text; `name` is how messages name it. */
export function inspectKustomization(text: string, name: string): KustomizationRefs {
  const refusals: string[] = [];
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return { refusals, local: [], plugins: [] }; // kustomize reports the syntax error itself
  }
  if (typeof doc !== "object" || doc === null) return { refusals, local: [], plugins: [] };
  const k = doc as Record<string, unknown>;
  const local: string[] = [];
  for (const field of ["resources", "bases", "components"]) {
    for (const entry of strings(k[field])) {
      if (isRemote(entry)) {
        refusals.push(
          `${name}: ${field} entry "${entry}" is a remote base, and kubeship never downloads at deploy time: ` +
            "vendor it into the repository (a git subtree or a copied directory) and refer to it by a relative path",
        );
      } else local.push(entry);
    }
  }
  for (const field of ["helmCharts", "helmChartInflationGenerator", "helmGlobals"]) {
    if (k[field] !== undefined) {
      refusals.push(
        `${name}: ${field} needs a helm binary, which kubeship does not run: render the chart in an earlier step ` +
          "(`helm template NAME CHART > chart.yaml`) and list the output under resources",
      );
    }
  }
  const plugins = ["generators", "transformers", "validators"].flatMap((field) => strings(k[field]));
  return { refusals, local, plugins };
}

const functionAnnotations = ["config.kubernetes.io/function", "config.k8s.io/function"];

/** Why a plugin configuration (one YAML stream) cannot be run, when it cannot; `name` names its origin. */
export function pluginRefusals(text: string, name: string): string[] {
  let docs: unknown[];
  try {
    docs = text
      .split(/^---\s*$/m)
      .map((part) => parse(part) as unknown)
      .filter((doc) => doc !== null && doc !== undefined);
  } catch {
    return []; // kustomize reports the syntax error itself
  }
  const refusals: string[] = [];
  for (const doc of docs) {
    if (typeof doc !== "object" || doc === null) continue;
    const config = doc as {
      apiVersion?: unknown;
      kind?: unknown;
      metadata?: { annotations?: Record<string, unknown> };
    };
    const what = `${String(config.kind)} (apiVersion ${String(config.apiVersion)})`;
    const annotations = config.metadata?.annotations ?? {};
    if (functionAnnotations.some((a) => annotations[a] !== undefined)) {
      refusals.push(
        `${name}: ${what} is a KRM function (exec or container), which kubeship does not run: run it in an ` +
          "earlier step (`kustomize build --enable-alpha-plugins --enable-exec`) and deploy its output",
      );
    } else if (config.apiVersion !== "builtin") {
      refusals.push(
        `${name}: ${what} is an external kustomize plugin; like kubectl, kubeship runs only kustomize's builtin ` +
          "generators and transformers (apiVersion: builtin): render with the plugin in an earlier step and deploy its output",
      );
    }
  }
  return refusals;
}
