const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  boundaryName,
  displayPath,
  escapeControl,
  inside,
  parseManifest
} from "./chunk-7J76F2LG.js";
import {
  kustomizationFile
} from "./chunk-M5WADX4M.js";
import "./chunk-5BGRW4SM.js";
import {
  runKustomize
} from "./chunk-L62ALCS7.js";
import {
  require_dist
} from "./chunk-SLGBTRB5.js";
import {
  __toESM
} from "./chunk-RCV5BOJ3.js";

// src/manifests/kustomize/render.ts
import { sep } from "node:path";

// src/manifests/kustomize/origin.ts
var import_yaml = __toESM(require_dist(), 1);
import { resolve } from "node:path";
var originAnnotation = "config.kubernetes.io/origin";
function parseOrigin(text) {
  try {
    const value = (0, import_yaml.parseDocument)(text).toJS();
    return typeof value === "object" && value !== null ? value : {};
  } catch {
    return {};
  }
}
function takeOrigin(object) {
  const annotations = object.metadata.annotations;
  const text = annotations?.[originAnnotation];
  if (annotations === void 0 || text === void 0) return void 0;
  delete annotations[originAnnotation];
  if (Object.keys(annotations).length === 0) delete object.metadata.annotations;
  return parseOrigin(text);
}
function handedFiles(read) {
  const parsed = /* @__PURE__ */ new Map();
  return {
    text: read,
    objects(path, file) {
      let objects = parsed.get(path);
      if (objects === void 0) {
        objects = parseManifest(read(path) ?? "", file).objects;
        parsed.set(path, objects);
      }
      return objects;
    }
  };
}
function resourceLine(defined, object) {
  const candidates = defined.filter((o) => o.ref.kind === object.kind);
  const rendered = object.metadata.name ?? "";
  const named = candidates.filter((o) => rendered.includes(o.ref.name)).sort((a, b) => b.ref.name.length - a.ref.name.length);
  return (named[0] ?? (candidates.length === 1 ? candidates[0] : void 0))?.source.line ?? 1;
}
function generatorLine(text, object, kind) {
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines });
  const field = kind === "SecretGenerator" ? "secretGenerator" : "configMapGenerator";
  const list = (0, import_yaml.isMap)(doc.contents) ? doc.contents.get(field, true) : void 0;
  if (!(0, import_yaml.isSeq)(list)) return 1;
  const rendered = object.metadata.name ?? "";
  let best;
  for (const item of list.items) {
    const name = (0, import_yaml.isMap)(item) ? item.get("name") : void 0;
    if (typeof name !== "string" || !rendered.includes(name)) continue;
    if (best === void 0 || name.length > best.length) {
      best = { line: lines.linePos(item.range?.[0] ?? 0).line, length: name.length };
    }
  }
  return best?.line ?? 1;
}
function sourceOf(origin, object, root, workspace, files, fallback) {
  const relativePath = origin?.path ?? origin?.configuredIn;
  if (origin === void 0 || relativePath === void 0) return fallback;
  const path = resolve(root, relativePath);
  const file = displayPath(path, workspace);
  const text = files.text(path);
  if (text === void 0) return { file, line: 1 };
  const line = origin.path !== void 0 ? resourceLine(files.objects(path, file), object) : generatorLine(text, object, origin.configuredBy?.kind);
  return { file, line };
}

// src/manifests/kustomize/tree.ts
import { readFile, readdir, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve as resolve2 } from "node:path";

// src/manifests/kustomize/refuse.ts
var import_yaml2 = __toESM(require_dist(), 1);
var remote = /^(?:[a-z][a-z0-9+.-]*:\/\/|git::|git@|(?:github\.com|gitlab\.com|bitbucket\.org)[/:])|\?(?:ref|version|submodules|timeout)=/i;
function isRemote(entry) {
  return remote.test(entry.trim());
}
function strings(value) {
  return Array.isArray(value) ? value.filter((v) => typeof v === "string") : [];
}
function inspectKustomization(text, name) {
  const refusals = [];
  let doc;
  try {
    doc = (0, import_yaml2.parse)(text);
  } catch {
    return { refusals, local: [], plugins: [] };
  }
  if (typeof doc !== "object" || doc === null) return { refusals, local: [], plugins: [] };
  const k = doc;
  const local = [];
  for (const field of ["resources", "bases", "components"]) {
    for (const entry of strings(k[field])) {
      if (isRemote(entry)) {
        refusals.push(
          `${name}: ${field} entry "${entry}" is a remote base, and kubeship never downloads at deploy time: vendor it into the repository (a git subtree or a copied directory) and refer to it by a relative path`
        );
      } else local.push(entry);
    }
  }
  for (const field of ["helmCharts", "helmChartInflationGenerator", "helmGlobals"]) {
    if (k[field] !== void 0) {
      refusals.push(
        `${name}: ${field} needs a helm binary, which kubeship does not run: render the chart in an earlier step (\`helm template NAME CHART > chart.yaml\`) and list the output under resources`
      );
    }
  }
  const plugins = ["generators", "transformers", "validators"].flatMap((field) => strings(k[field]));
  return { refusals, local, plugins };
}
var functionAnnotations = ["config.kubernetes.io/function", "config.k8s.io/function"];
function pluginRefusals(text, name) {
  let docs;
  try {
    docs = text.split(/^---\s*$/m).map((part) => (0, import_yaml2.parse)(part)).filter((doc) => doc !== null && doc !== void 0);
  } catch {
    return [];
  }
  const refusals = [];
  for (const doc of docs) {
    if (typeof doc !== "object" || doc === null) continue;
    const config = doc;
    const what = `${String(config.kind)} (apiVersion ${String(config.apiVersion)})`;
    const annotations = config.metadata?.annotations ?? {};
    if (functionAnnotations.some((a) => annotations[a] !== void 0)) {
      refusals.push(
        `${name}: ${what} is a KRM function (exec or container), which kubeship does not run: run it in an earlier step (\`kustomize build --enable-alpha-plugins --enable-exec\`) and deploy its output`
      );
    } else if (config.apiVersion !== "builtin") {
      refusals.push(
        `${name}: ${what} is an external kustomize plugin; like kubectl, kubeship runs only kustomize's builtin generators and transformers (apiVersion: builtin): render with the plugin in an earlier step and deploy its output`
      );
    }
  }
  return refusals;
}

// src/manifests/kustomize/tree.ts
var maxFiles = 2e4;
var maxBytes = 256 * 1024 * 1024;
var TreeReader = class {
  tree = { files: /* @__PURE__ */ new Map(), dirs: [], problems: [] };
  roots = [];
  bytes = 0;
  workspace;
  workspaceReal;
  boundary;
  constructor(workspace, workspaceReal, boundary) {
    this.workspace = workspace;
    this.workspaceReal = workspaceReal;
    this.boundary = boundary;
  }
  shown(path) {
    return escapeControl(displayPath(path, this.workspace));
  }
  problem(message) {
    if (!this.tree.problems.includes(message)) this.tree.problems.push(message);
  }
  covered(path) {
    return this.roots.some((root) => inside(path, root));
  }
  /** The target of `path` when it may be read: inside the boundary, every link resolved. */
  async allowed(path, what) {
    const real = await realpath(path).catch(() => void 0);
    if (real === void 0) return void 0;
    if (!inside(real, this.boundary)) {
      this.problem(
        `${what} ${this.shown(path)} leads to ${escapeControl(real)}, outside ${boundaryName(this.boundary, this.workspaceReal)}: kubeship reads a kustomization's files only there`
      );
      return void 0;
    }
    return real;
  }
  async readInto(path, real) {
    if (this.tree.files.has(path)) return;
    if (this.tree.files.size >= maxFiles || this.bytes > maxBytes) {
      this.problem(
        `${this.shown(this.roots[0] ?? path)}: the kustomization's directory holds more than ${maxFiles} files or ${maxBytes / 1024 / 1024} MiB; kubeship hands kustomize its whole tree: keep the kustomization in a directory of its own`
      );
      return;
    }
    const content = await readFile(real).catch((error) => {
      this.problem(`${this.shown(path)} cannot be read (${error.code ?? "error"})`);
      return void 0;
    });
    if (content === void 0) return;
    this.bytes += content.length;
    this.tree.files.set(path, content);
  }
  /** Reads the directory `dir` (as seen; `real` resolved) and everything below it. */
  async walk(dir, real, visited) {
    if (visited.has(real)) return;
    visited.add(real);
    this.tree.dirs.push(dir);
    const entries = await readdir(real, { withFileTypes: true }).catch((error) => {
      this.problem(`${this.shown(dir)} cannot be read (${error.code ?? "error"})`);
      return [];
    });
    for (const entry of entries.sort((a, b) => a.name < b.name ? -1 : 1)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".")) await this.walk(path, join(real, entry.name), visited);
      } else if (entry.isFile()) {
        await this.readInto(path, join(real, entry.name));
      } else if (entry.isSymbolicLink()) {
        const target = await this.allowed(path, "the symbolic link");
        if (target === void 0) continue;
        const info = await stat(target);
        if (info.isDirectory()) {
          if (!entry.name.startsWith(".")) await this.walk(path, target, visited);
        } else if (info.isFile()) await this.readInto(path, target);
      }
    }
  }
  /** Reads the tree of `dir` unless an earlier one holds it. */
  async addRoot(dir) {
    if (this.covered(dir)) return;
    const real = await this.allowed(dir, "the directory");
    if (real === void 0) return;
    this.roots.push(dir);
    await this.walk(dir, real, /* @__PURE__ */ new Set());
  }
  /** Follows one kustomization directory's references, each kustomization once. */
  async follow(dir, seen) {
    if (seen.has(dir)) return;
    seen.add(dir);
    await this.addRoot(dir);
    const file = await kustomizationFile(dir);
    const text = file === void 0 ? void 0 : this.tree.files.get(file);
    if (file === void 0 || text === void 0) return;
    const refs = inspectKustomization(text.toString("utf8"), this.shown(file));
    for (const refusal of refs.refusals) this.problem(refusal);
    for (const entry of refs.plugins) {
      if (entry.includes("\n") || /^\s*apiVersion\s*:/.test(entry)) {
        for (const refusal of pluginRefusals(entry, this.shown(file))) this.problem(refusal);
        continue;
      }
      const path = resolve2(dir, entry);
      const configs = [...this.tree.files].filter(([name]) => name === path || inside(name, path));
      for (const [name, content] of configs) {
        if (await kustomizationFile(dirname(name)) === name) continue;
        for (const refusal of pluginRefusals(content.toString("utf8"), this.shown(name))) this.problem(refusal);
      }
    }
    for (const entry of refs.local) {
      const path = isAbsolute(entry) ? entry : resolve2(dir, entry);
      const info = await stat(path).catch(() => void 0);
      if (info?.isDirectory() === true) await this.follow(path, seen);
      else if (info?.isFile() === true && !this.covered(path)) {
        const real = await this.allowed(path, "the resource");
        if (real !== void 0) await this.readInto(path, real);
      }
    }
  }
};
async function readKustomizationTree(root, boundary, workspace) {
  const workspaceReal = await realpath(workspace).catch(() => resolve2(workspace));
  const reader = new TreeReader(workspace, workspaceReal, boundary);
  await reader.follow(root, /* @__PURE__ */ new Set());
  return reader.tree;
}

// src/manifests/kustomize/render.ts
function modulePath(path) {
  const slashed = path.split(sep).join("/");
  return slashed.startsWith("/") ? slashed : `/${slashed}`;
}
function shownError(error, workspace) {
  const prefix = `${modulePath(workspace)}/`;
  return escapeControl(error.split(prefix).join("").trim());
}
async function renderKustomization(dir, boundary, workspace) {
  const shown = displayPath(dir, workspace);
  const kustomization = displayPath(await kustomizationFile(dir) ?? dir, workspace);
  const tree = await readKustomizationTree(dir, boundary, workspace);
  if (tree.problems.length > 0) {
    return {
      objects: [],
      problems: tree.problems.map((message) => ({ source: { file: kustomization, line: 1 }, message }))
    };
  }
  const files = new Map([...tree.files].map(([path, content]) => [modulePath(path), content]));
  const outcome = await runKustomize({
    root: modulePath(dir),
    files,
    dirs: tree.dirs.map(modulePath),
    origins: true
  });
  if (!outcome.ok) {
    const message = `kustomize cannot render ${escapeControl(shown)}: ${shownError(outcome.error, workspace)}`;
    return { objects: [], problems: [{ source: { file: kustomization, line: 1 }, message }] };
  }
  const parsed = parseManifest(outcome.yaml, `${shown} (rendered)`);
  const handed = handedFiles((path) => files.get(modulePath(path))?.toString("utf8"));
  const objects = parsed.objects.map((o) => {
    const origin = takeOrigin(o.object);
    return { ...o, source: sourceOf(origin, o.object, dir, workspace, handed, { file: kustomization, line: 1 }) };
  });
  const problems = parsed.problems.map((p) => ({
    source: { file: kustomization, line: 1 },
    message: `the object kustomize rendered at line ${p.source?.line ?? 1} of its output: ${p.message}`
  }));
  return { objects, problems };
}
export {
  modulePath,
  renderKustomization
};
