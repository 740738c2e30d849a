import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  isSecret
} from "./chunk-ISHUDBLZ.js";
import {
  require_dist
} from "./chunk-QT5G3K33.js";
import {
  __toESM
} from "./chunk-XITDUTR7.js";

// src/manifests/files.ts
import { glob, readdir, realpath, stat } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
var manifestExtensions = /\.(ya?ml|json)$/i;
var kustomization = "a kustomization: render it first, for example `kustomize build DIR > rendered.yaml`, and pass the output";
var unrendered = {
  "kustomization.yaml": kustomization,
  "kustomization.yml": kustomization,
  Kustomization: kustomization,
  "Chart.yaml": "a Helm chart: render it first, for example `helm template NAME DIR > rendered.yaml`, and pass the output"
};
async function kustomizationFile(dir) {
  for (const name of ["kustomization.yaml", "kustomization.yml", "Kustomization"]) {
    const info = await stat(join(dir, name)).catch(() => void 0);
    if (info?.isFile() === true) return join(dir, name);
  }
  return void 0;
}
function unrenderedReason(file) {
  return unrendered[basename(file)];
}
function wanted(name) {
  return manifestExtensions.test(name) || unrendered[name] !== void 0;
}
var unsafeCharacters = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
function escapeControl(text) {
  return text.replace(unsafeCharacters, (c) => {
    const named = { "\n": "\\n", "\r": "\\r", "	": "\\t" };
    return named[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
  });
}
function hasControl(text) {
  return text.search(unsafeCharacters) !== -1;
}
function displayPath(file, workspace) {
  const rel = relative(workspace, file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel;
}
function inside(path, boundary) {
  const rel = relative(boundary, path);
  return rel === "" || rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
function globBase(pattern) {
  const parts = pattern.split(/[\\/]/);
  const fixed = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?[\]{}!]/.test(part)) break;
    fixed.push(part);
  }
  if (fixed.length === 1 && fixed[0] === "") return "/";
  return fixed.join("/") || ".";
}
async function linkBoundary(dir, workspace, workspaceReal) {
  if (inside(resolve(dir), resolve(workspace))) return workspaceReal;
  return realpath(dir).catch(() => resolve(dir));
}
function boundaryName(boundary, workspaceReal) {
  return boundary === workspaceReal ? "the workspace" : `the directory ${escapeControl(boundary)}`;
}
var Expansion = class {
  files = [];
  problems = [];
  reals = /* @__PURE__ */ new Set();
  workspace;
  workspaceReal;
  constructor(workspace, workspaceReal) {
    this.workspace = workspace;
    this.workspaceReal = workspaceReal;
  }
  shown(path) {
    return escapeControl(displayPath(path, this.workspace));
  }
  boundaryFor(dir) {
    return linkBoundary(dir, this.workspace, this.workspaceReal);
  }
  boundaryName(boundary) {
    return boundaryName(boundary, this.workspaceReal);
  }
  /** Adds the files found for one entry, in path order, each once however many names lead to it. */
  add(found) {
    for (const file of found.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) {
      if (hasControl(displayPath(file.path, this.workspace))) {
        const name = this.shown(file.path);
        this.problems.push(`manifests: the file name ${name} contains control characters; rename the file`);
      } else if (!this.reals.has(file.real)) {
        this.reals.add(file.real);
        this.files.push(file);
      }
    }
  }
  /**
   * Resolves `path`, met while expanding a directory or glob, under the symlink rule; undefined (with
   * a problem recorded when the path is one kubeship would have used) when it cannot be followed.
   */
  async follow(path, boundary) {
    const real = await realpath(path).catch(() => void 0);
    if (real === void 0) {
      if (wanted(basename(path))) {
        this.problems.push(`manifests: ${this.shown(path)} is a symbolic link to a file that does not exist`);
      }
      return void 0;
    }
    const info = await stat(real).catch(() => void 0);
    if (info === void 0 || !info.isDirectory() && !info.isFile()) return void 0;
    if (!info.isDirectory() && !wanted(basename(path))) return void 0;
    if (!inside(real, boundary)) {
      const link = await this.linkOn(path, boundary) ?? path;
      const target = await realpath(link).catch(() => real);
      const where = `${escapeControl(target)}, outside ${this.boundaryName(boundary)}`;
      this.problems.push(
        `manifests: ${this.shown(link)} is a symbolic link to ${where}; links met in directories and globs are followed only inside it (name the target itself in \`manifests\` to use it)`
      );
      return void 0;
    }
    return { real, directory: info.isDirectory() };
  }
  /** The symbolic link on the way to `path` that leads out of the boundary: the step from inside to outside. */
  async linkOn(path, boundary) {
    const parts = path.split(sep);
    let current = parts[0] === "" ? sep : parts[0] ?? "";
    let wasInside = inside(current, boundary);
    for (const part of parts.slice(1)) {
      current = join(current, part);
      const real = await realpath(current).catch(() => void 0);
      if (real === void 0) return void 0;
      const isInside = inside(real, boundary);
      if (wasInside && !isInside) return current;
      wasInside = isInside;
    }
    return void 0;
  }
  /** The manifest files below `dir` (its real path `real`), skipping hidden files and folders (.git, .github). */
  async walk(dir, real, boundary, found, visited = /* @__PURE__ */ new Set()) {
    if (visited.has(real)) return;
    visited.add(real);
    const entries = await readdir(dir, { withFileTypes: true }).catch((error) => {
      this.problems.push(
        `manifests: ${this.shown(dir)} cannot be read (${error.code ?? "error"})`
      );
      return [];
    });
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await this.walk(path, join(real, entry.name), boundary, found, visited);
      else if (entry.isFile()) {
        if (wanted(entry.name)) found.push({ path, real: join(real, entry.name) });
      } else if (entry.isSymbolicLink()) {
        const target = await this.follow(path, boundary);
        if (target?.directory === true) await this.walk(path, target.real, boundary, found, visited);
        else if (target !== void 0) found.push({ path, real: target.real });
      }
    }
  }
};
async function findManifestFiles(entries, workspace) {
  const expansion = new Expansion(workspace, await realpath(workspace).catch(() => resolve(workspace)));
  for (const entry of entries) {
    const path = isAbsolute(entry) ? entry : resolve(workspace, entry);
    const info = await stat(path).catch(() => void 0);
    const before = expansion.problems.length;
    const found = [];
    const kustomizationDir = info?.isDirectory() === true && await kustomizationFile(path) !== void 0 ? path : info?.isFile() === true && unrenderedReason(path) === kustomization ? dirname(path) : void 0;
    if (kustomizationDir !== void 0) {
      const boundary = await expansion.boundaryFor(kustomizationDir);
      found.push({ path: kustomizationDir, real: await realpath(kustomizationDir), kustomization: { boundary } });
    } else if (info?.isDirectory() === true) {
      const boundary = await expansion.boundaryFor(path);
      const target = await expansion.follow(path, boundary);
      if (target !== void 0) await expansion.walk(path, target.real, boundary, found);
    } else if (info?.isFile() === true) {
      found.push({ path, real: await realpath(path) });
    } else {
      const boundary = await expansion.boundaryFor(resolve(workspace, globBase(entry)));
      for await (const match of glob(entry, { cwd: workspace })) {
        const matched = resolve(workspace, match);
        const target = await expansion.follow(matched, boundary);
        if (target?.directory === true) await expansion.walk(matched, target.real, boundary, found);
        else if (target !== void 0) found.push({ path: matched, real: target.real });
      }
    }
    if (found.length === 0 && expansion.problems.length === before) {
      const what = info?.isDirectory() === true ? " with a .yaml, .yml or .json name" : "";
      expansion.problems.push(`manifests: "${entry}" matches no file${what} (relative paths start at ${workspace})`);
    }
    expansion.add(found);
  }
  return { files: expansion.files, problems: expansion.problems };
}

// src/manifests/load.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
import { dirname as dirname2 } from "node:path";

// src/kube/names.ts
var dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function isNamespaceName(value) {
  return value.length <= 63 && dns1123Label.test(value);
}

// src/manifests/shape.ts
var kindPattern = /^[A-Za-z][A-Za-z0-9]*$/;
var versionPattern = /^[a-z0-9]+$/;
function isApiVersion(value) {
  const [groupOrVersion = "", version, ...rest] = value.split("/");
  if (version === void 0) return versionPattern.test(groupOrVersion);
  return rest.length === 0 && dns1123Subdomain.test(groupOrVersion) && versionPattern.test(version);
}
var longestName = 253;
function shown(value) {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}\u2026` : value);
}
function identityProblems(object) {
  const problems = [];
  if (!isApiVersion(object.apiVersion))
    problems.push(`apiVersion ${shown(object.apiVersion)} is not GROUP/VERSION or VERSION (for example apps/v1)`);
  if (!kindPattern.test(object.kind))
    problems.push(`kind ${shown(object.kind)} is not a kind name (letters and digits, for example ConfigMap)`);
  const { name, namespace } = object.metadata;
  if (typeof name === "string") {
    if (name === "." || name === ".." || /[/%]/.test(name))
      problems.push(`metadata.name ${shown(name)} may not be "." or "..", nor contain "/" or "%"`);
    else if (name.length > longestName || /[\s\p{Cc}]/u.test(name))
      problems.push(`metadata.name ${shown(name)} must be at most ${longestName} characters, without spaces`);
  }
  if (namespace !== void 0 && (typeof namespace !== "string" || !isNamespaceName(namespace)))
    problems.push(
      `metadata.namespace ${shown(typeof namespace === "string" ? namespace : JSON.stringify(namespace) ?? "")} is not a namespace name (at most 63 lower-case letters, digits and "-")`
    );
  return problems;
}
var base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
function secretProblems(object) {
  const problems = [];
  for (const field of ["data", "stringData"]) {
    const values = object[field];
    if (values === void 0 || values === null) continue;
    if (typeof values !== "object" || Array.isArray(values)) {
      problems.push(`${field} must be a mapping of keys to values`);
      continue;
    }
    for (const [key, value] of Object.entries(values)) {
      if (value !== null && typeof value !== "string") problems.push(`${field}.${shown(key)} must be a string`);
      else if (field === "data" && typeof value === "string" && !base64Pattern.test(value.replace(/\s/g, "")))
        problems.push(`data.${shown(key)} is not base64 (use stringData for plain text)`);
    }
  }
  return problems;
}

// src/manifests/yaml-errors.ts
var import_yaml = __toESM(require_dist(), 1);
var described = {
  ALIAS_PROPS: "an alias (*name) cannot carry an anchor or a tag",
  BAD_ALIAS: "an anchor or alias name is empty or ends in a colon",
  BAD_COLLECTION_TYPE: "a tag for one kind of collection is used on another",
  BAD_DIRECTIVE: "a % directive that is not valid",
  BAD_DQ_ESCAPE: "a backslash escape that is not valid in a double-quoted string",
  BAD_INDENT: "wrong indentation",
  BAD_PROP_ORDER: "an anchor or tag in the wrong place",
  BAD_SCALAR_START: "a plain value starting with a reserved character (@ or `): quote it",
  BLOCK_AS_IMPLICIT_KEY: "a block collection used as a mapping key",
  BLOCK_IN_FLOW: "a block collection inside a flow collection ({\u2026} or [\u2026])",
  DUPLICATE_KEY: "a mapping key that appears twice",
  IMPOSSIBLE: "malformed YAML",
  KEY_OVER_1024_CHARS: "a mapping key longer than 1024 characters",
  MISSING_CHAR: "something missing: a closing quote or bracket, or a `:`, `,` or space",
  MULTILINE_IMPLICIT_KEY: "a mapping key that spans several lines",
  MULTIPLE_ANCHORS: "a value with more than one anchor",
  MULTIPLE_DOCS: "several documents where one is expected",
  MULTIPLE_TAGS: "a value with more than one tag",
  NON_STRING_KEY: "a mapping key that is not a string",
  RESOURCE_EXHAUSTION: "too many aliases: expanding them would exhaust memory",
  TAB_AS_INDENT: "a tab used for indentation",
  TAG_RESOLVE_FAILED: "a value that does not fit its tag",
  UNEXPECTED_TOKEN: "an unexpected character"
};
function at(offset, lines, message) {
  const { line, col } = lines.linePos(offset);
  return { line, column: col, message };
}
function syntaxProblems(doc, lines) {
  return [
    ...doc.errors.map((error) => at(error.pos[0], lines, described[error.code] ?? "malformed YAML")),
    ...doc.warnings.filter((warning) => warning.code === "TAG_RESOLVE_FAILED").map((warning) => at(warning.pos[0], lines, "an unknown tag (!name): manifests use only YAML's core tags"))
  ];
}
function unresolvedAliases(doc, lines) {
  const anchors = /* @__PURE__ */ new Set();
  const problems = [];
  (0, import_yaml.visit)(doc, {
    Node: (_key, node) => {
      if ((0, import_yaml.isAlias)(node)) {
        if (!anchors.has(node.source)) {
          const message = "an alias (*name) with no anchor (&name) of that name before it";
          problems.push(at(node.range?.[0] ?? 0, lines, message));
        }
      } else if ((0, import_yaml.isNode)(node) && node.anchor !== void 0) anchors.add(node.anchor);
    }
  });
  return problems;
}
function firstMergeKey(doc) {
  let offset;
  (0, import_yaml.visit)(doc, {
    Pair: (_key, pair) => {
      if ((0, import_yaml.isScalar)(pair.key) && (pair.key.value === "<<" || pair.key.source === "<<")) {
        offset = pair.key.range?.[0];
        return import_yaml.visit.BREAK;
      }
      return void 0;
    }
  });
  return offset;
}
function conversionProblem(error, doc, lines) {
  const text = error instanceof Error ? error.message : "";
  const start = doc.contents?.range?.[0] ?? 0;
  if (text.startsWith("Excessive alias count")) return at(start, lines, described.RESOURCE_EXHAUSTION);
  if (text.startsWith("Merge sources must be maps")) {
    const message = "a merge key (<<) whose value is not a mapping or a list of mappings";
    return at(firstMergeKey(doc) ?? start, lines, message);
  }
  return at(start, lines, `the document cannot be read as data (${error instanceof Error ? error.name : "error"})`);
}

// src/manifests/load.ts
var ManifestError = class extends Error {
  problems;
  constructor(problems) {
    const lines = problems.map(
      (p) => p.source === void 0 ? p.message : `${p.source.file}:${p.source.line}: ${p.message}`
    );
    super(
      lines.length === 1 ? lines[0] ?? "" : `${lines.length} problems in the manifests:
- ${lines.join("\n- ")}`
    );
    this.name = "ManifestError";
    this.problems = problems;
  }
};
function checkObject(value, source, problems) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push({ source, message: "a manifest document must be a mapping (an object)" });
    return void 0;
  }
  const object = value;
  const missing = [
    typeof object.apiVersion === "string" && object.apiVersion !== "" ? void 0 : "apiVersion",
    typeof object.kind === "string" && object.kind !== "" ? void 0 : "kind",
    typeof object.metadata?.name === "string" && object.metadata.name !== "" ? void 0 : "metadata.name"
  ].filter((field) => field !== void 0);
  if (missing.length > 0) {
    const extra = object.metadata?.generateName !== void 0 ? " (generateName cannot be used with server-side apply: give the object a name)" : "";
    problems.push({ source, message: `${object.kind ?? "object"} is missing ${missing.join(", ")}${extra}` });
    return void 0;
  }
  const full = object;
  const invalid = [...identityProblems(full), ...isSecret(full) ? secretProblems(full) : []];
  if (invalid.length > 0) {
    problems.push({ source, message: invalid.join("; ") });
    return void 0;
  }
  return {
    object: full,
    ref: {
      apiVersion: full.apiVersion,
      kind: full.kind,
      name: full.metadata.name ?? "",
      ...typeof full.metadata.namespace === "string" ? { namespace: full.metadata.namespace } : {}
    },
    source
  };
}
function lineOf(node, lines, fallback) {
  const offset = node?.range?.[0];
  return offset === void 0 ? fallback : lines.linePos(offset).line;
}
function parseManifest(text, file) {
  const lines = new import_yaml2.LineCounter();
  const objects = [];
  const problems = [];
  const documents = new import_yaml2.Composer({ version: "1.1", prettyErrors: false }).compose(
    new import_yaml2.Parser(lines.addNewLine).parse(text)
  );
  const report = (found) => {
    for (const p of found) {
      const message = `YAML syntax error at column ${p.column}: ${p.message}`;
      problems.push({ source: { file, line: p.line }, message });
    }
  };
  for (const doc of documents) {
    const broken = syntaxProblems(doc, lines);
    if (broken.length > 0) {
      report(broken);
      continue;
    }
    if (doc.contents === null) continue;
    const line = lineOf(doc.contents, lines, 1);
    let value;
    try {
      value = doc.toJS();
    } catch (error) {
      const unresolved = unresolvedAliases(doc, lines);
      report(unresolved.length > 0 ? unresolved : [conversionProblem(error, doc, lines)]);
      continue;
    }
    if (value === null || value === void 0) continue;
    const kind = value.kind;
    if (typeof kind === "string" && kind.endsWith("List") && Array.isArray(value.items)) {
      const itemsNode = (0, import_yaml2.isMap)(doc.contents) ? doc.contents.get("items", true) : void 0;
      value.items.forEach((item, index) => {
        const itemNode = (0, import_yaml2.isSeq)(itemsNode) ? itemsNode.items[index] : void 0;
        const object2 = checkObject(item, { file, line: lineOf(itemNode, lines, line) }, problems);
        if (object2) objects.push(object2);
      });
      continue;
    }
    const object = checkObject(value, { file, line }, problems);
    if (object) objects.push(object);
  }
  return { objects, problems };
}
async function loadManifests(entries, workspace) {
  const { files, problems: findProblems } = await findManifestFiles(entries, workspace);
  const problems = findProblems.map((message) => ({ source: void 0, message }));
  const objects = [];
  const nested = [];
  for (const file of files) {
    const shown2 = displayPath(file.path, workspace);
    if (file.kustomization !== void 0) {
      const { renderKustomization } = await import("./render-OSKFHOLA.js");
      const rendered = await renderKustomization(file.path, file.kustomization.boundary, workspace);
      objects.push(...rendered.objects);
      problems.push(...rendered.problems);
      continue;
    }
    const reason = unrenderedReason(file.path);
    if (reason === kustomization) {
      nested.push(displayPath(dirname2(file.path), workspace));
      continue;
    }
    if (reason !== void 0) {
      const dir = displayPath(dirname2(file.path), workspace);
      problems.push({ source: void 0, message: `${dir} is ${reason} (found ${shown2})` });
      continue;
    }
    const text = await readFile(file.real, "utf8").catch((error) => {
      problems.push({
        source: void 0,
        message: `${shown2} cannot be read (${error.code ?? "error"})`
      });
      return void 0;
    });
    if (text === void 0) continue;
    const parsed = parseManifest(text, shown2);
    objects.push(...parsed.objects);
    problems.push(...parsed.problems);
  }
  if (nested.length > 0) {
    const example = nested.find((dir) => dir.includes("overlays")) ?? nested[0] ?? "";
    problems.push({
      source: void 0,
      message: `manifests: a directory holds the kustomizations ${nested.join(", ")}: name the one to deploy (for example \`manifests: ${example}\`), and kubeship renders it as \`kubectl apply -k\` would`
    });
  }
  if (problems.length > 0) throw new ManifestError(problems);
  return objects;
}

export {
  dns1123Subdomain,
  isNamespaceName,
  kustomizationFile,
  escapeControl,
  displayPath,
  inside,
  boundaryName,
  ManifestError,
  parseManifest,
  loadManifests
};
