const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  dns1123Subdomain,
  isNamespaceName,
  kustomizationFile
} from "./chunk-M5WADX4M.js";
import {
  isSecret
} from "./chunk-5BGRW4SM.js";
import {
  require_dist
} from "./chunk-SLGBTRB5.js";
import {
  __toESM
} from "./chunk-RCV5BOJ3.js";

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
var import_yaml3 = __toESM(require_dist(), 1);
import { readFile } from "node:fs/promises";
import { dirname as dirname2 } from "node:path";

// src/manifests/common-yaml.ts
var import_yaml = __toESM(require_dist(), 1);

// src/manifests/common-json.ts
var doubtful = /* @__PURE__ */ Symbol("doubtful");
function readJson(text, sameNumber2) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return void 0;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return doubtful;
  const walk = new Walk(text, sameNumber2);
  try {
    walk.value(0, false);
  } catch (error) {
    if (error === doubtfulError) return doubtful;
    throw error;
  }
  return { value, itemOffsets: walk.items };
}
var doubtfulError = new Error("doubtful JSON");
var Walk = class {
  items;
  i = 0;
  text;
  sameNumber;
  constructor(text, sameNumber2) {
    this.text = text;
    this.sameNumber = sameNumber2;
  }
  space() {
    const text = this.text;
    let i = this.i;
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i)) ;
    this.i = i;
  }
  /** The value at the next token; `collect`: record its entries' offsets (the root `items`). */
  value(depth, collect) {
    this.space();
    const c = this.text.charCodeAt(this.i);
    if (c === 123) this.object(depth);
    else if (c === 91) this.array(depth, collect);
    else if (c === 34) this.string();
    else if (c === 116 || c === 110)
      this.i += 4;
    else if (c === 102)
      this.i += 5;
    else this.number();
  }
  object(depth) {
    this.i++;
    this.space();
    if (this.text.charCodeAt(this.i) === 125) {
      this.i++;
      return;
    }
    const keys = /* @__PURE__ */ new Set();
    for (; ; ) {
      this.space();
      const start = this.i;
      const raw = this.string();
      const key = raw.includes("\\") ? JSON.parse(this.text.slice(start, this.i)) : raw;
      if (keys.has(key) || key === "__proto__" || key === "<<" || this.i - start > 1e3) throw doubtfulError;
      keys.add(key);
      this.space();
      this.i++;
      this.value(depth + 1, depth === 0 && key === "items");
      this.space();
      if (this.text.charCodeAt(this.i++) === 125) return;
    }
  }
  array(depth, collect) {
    const offsets = collect ? [] : void 0;
    this.i++;
    this.space();
    if (this.text.charCodeAt(this.i) === 93) this.i++;
    else {
      for (; ; ) {
        this.space();
        offsets?.push(this.i);
        this.value(depth + 1, false);
        this.space();
        if (this.text.charCodeAt(this.i++) === 93) break;
      }
    }
    if (offsets !== void 0) this.items = offsets;
  }
  /** A string's raw text between its quotes, escapes undecoded. */
  string() {
    const text = this.text;
    const start = this.i + 1;
    let end = text.indexOf('"', start);
    for (; ; ) {
      let backslashes = 0;
      while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) break;
      end = text.indexOf('"', end + 1);
    }
    this.i = end + 1;
    return text.slice(start, end);
  }
  number() {
    const text = this.text;
    const start = this.i;
    let i = start;
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57 || c === 45 || c === 43 || c === 46 || c === 69 || c === 101; ) {
      c = text.charCodeAt(++i);
    }
    this.i = i;
    const raw = text.slice(start, i);
    if (!this.sameNumber(raw, Number(raw))) throw doubtfulError;
  }
};

// src/manifests/common-yaml.ts
var NotCommon = class extends Error {
};
var notCommon = new NotCommon();
var unusualChar = /[^\P{Cc}\n]|[\u2028\u2029\ufeff]/u;
var plainTags = new import_yaml.Document(null, { version: "1.1" }).schema.tags.filter(
  (tag) => tag.default === true && tag.test instanceof RegExp
);
var resolveOptions = new import_yaml.Document(null, { version: "1.1" }).options;
var maybeNotString = new RegExp(plainTags.map((tag) => `(?:${tag.test.source})`).join("|"));
if (plainTags.some((tag) => tag.test.flags !== ""))
  throw new Error("yaml's tag patterns changed: review common-yaml.ts");
function resolvePlain(text) {
  if (!maybeNotString.test(text)) return text;
  const tag = plainTags.find((candidate) => candidate.test.test(text));
  if (tag === void 0) return text;
  let failed = false;
  const resolved = tag.resolve(text, () => failed = true, resolveOptions);
  if (failed) throw notCommon;
  return (0, import_yaml.isScalar)(resolved) ? resolved.value : resolved;
}
function sameNumber(raw, value) {
  try {
    return Object.is(resolvePlain(raw), value);
  } catch {
    return false;
  }
}
function linesOf(text, offsets, first) {
  if (offsets === void 0) return void 0;
  let line = first;
  let from = 0;
  return offsets.map((offset) => {
    for (let at2 = text.indexOf("\n", from); at2 >= 0 && at2 < offset; at2 = text.indexOf("\n", at2 + 1)) line++;
    from = offset;
    return line;
  });
}
function resolveKey(text) {
  if (text === "" || text === "__proto__" || text === "<<" || maybeNotString.test(text) && typeof resolvePlain(text) !== "string") {
    throw notCommon;
  }
  return text;
}
function trimSpaces(text) {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}
var spaces = (line, from) => {
  let i = from;
  while (line.charCodeAt(i) === 32) i++;
  return i;
};
function restIsBlank(line, from) {
  const i = spaces(line, from);
  return i === line.length || line.charCodeAt(i) === 35 && (i === 0 || line.charCodeAt(i - 1) === 32);
}
var doubleEscapes = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "	",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1B",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\x85",
  _: "\xA0",
  L: "\u2028",
  P: "\u2029"
};
var hexLengths = { x: 2, u: 4, U: 8 };
var Reader = class {
  lines;
  i = 0;
  itemLines;
  constructor(text) {
    this.lines = text.split("\n");
  }
  /** Index of the next line holding something other than spaces or a comment, from line `from`. */
  nextContent(from) {
    let i = from;
    while (i < this.lines.length && restIsBlank(this.lines[i] ?? "", 0)) i++;
    return i;
  }
  line(i) {
    return this.lines[i] ?? "";
  }
  documents() {
    const documents = [];
    for (; ; ) {
      this.i = this.nextContent(this.i);
      if (this.i >= this.lines.length) return documents;
      const line = this.line(this.i);
      if (isMarker(line, "---")) {
        if (!restIsBlank(line, 3)) throw notCommon;
        this.i++;
        continue;
      }
      if (line.startsWith("...") || line.startsWith("%") || line.charCodeAt(0) === 32) throw notCommon;
      if (line.charCodeAt(0) === 123) {
        documents.push(this.flowDocument());
        continue;
      }
      this.itemLines = void 0;
      const start = this.i;
      const value = this.blockMap(0, 0, true);
      if (this.i < this.lines.length && !isMarker(this.line(this.i), "---")) throw notCommon;
      documents.push({ value, line: start + 1, itemLines: this.itemLines });
    }
  }
  /** A document that is a flow mapping (JSON among them), its `{` at the start of the current line. */
  flowDocument() {
    const start = this.i;
    let end = start + 1;
    while (end < this.lines.length && !isMarker(this.line(end), "---") && !this.line(end).startsWith("...")) end++;
    const text = this.lines.slice(start, end).join("\n");
    const json = readJson(text, sameNumber);
    if (json === doubtful) throw notCommon;
    if (json !== void 0) {
      this.i = end;
      return { value: json.value, line: start + 1, itemLines: linesOf(text, json.itemOffsets, start + 1) };
    }
    const flow = new Flow(this.lines, start, 0, 0, -1);
    const value = flow.collection(0);
    flow.end();
    if (Array.isArray(value) || Object.hasOwn(value, "items")) throw notCommon;
    this.i = this.nextContent(flow.index + 1);
    if (this.i < this.lines.length && !isMarker(this.line(this.i), "---")) throw notCommon;
    return { value, line: start + 1, itemLines: void 0 };
  }
  /**
   * A block mapping whose keys stand at column `indent`, the first on the current line at column
   * `column` (after `- ` in a sequence). Leaves `i` on the first line after it.
   */
  blockMap(indent, column, root) {
    const map = {};
    let at2 = column;
    for (; ; ) {
      const line = this.line(this.i);
      const first = line.charCodeAt(at2);
      let key;
      let after;
      if (first === 34 || first === 39) {
        const close = first === 39 ? singleQuotedEnd(line, at2) : doubleQuotedEnd(line, at2);
        if (close < 0 || line.charCodeAt(close + 1) !== 58) throw notCommon;
        key = first === 39 ? unquoteSingleLine(line.slice(at2 + 1, close)) : unescapeDouble(line.slice(at2 + 1, close));
        if (key === "__proto__" || key === "" || key === "<<") throw notCommon;
        after = close + 2;
      } else {
        if (!plainCanStart(line, at2) || first === 45 && line.charCodeAt(at2 + 1) === 32) throw notCommon;
        const colon = keyColon(line, at2);
        if (colon < 0) throw notCommon;
        const text = trimSpaces(line.slice(at2, colon));
        if (text.includes(" #")) throw notCommon;
        key = resolveKey(text);
        after = colon + 1;
      }
      if (after - at2 > 1024 || Object.hasOwn(map, key)) throw notCommon;
      if (after < line.length && line.charCodeAt(after) !== 32) throw notCommon;
      const collectItems = root && key === "items";
      map[key] = this.value(indent, after, true, collectItems);
      this.i = this.nextContent(this.i);
      if (this.i >= this.lines.length) return map;
      const next = this.line(this.i);
      const nextIndent = spaces(next, 0);
      if (nextIndent < indent) return map;
      if (nextIndent > indent) throw notCommon;
      if (indent === 0 && (isMarker(next, "---") || next.startsWith("..."))) return map;
      at2 = indent;
    }
  }
  /**
   * The value of a mapping entry (`inMap`) or a sequence entry whose indicator stands at column
   * `indent`, starting on the current line at column `from`. Leaves `i` on the line after it.
   */
  value(indent, from, inMap, collectItems) {
    const line = this.line(this.i);
    const at2 = spaces(line, from);
    if (restIsBlank(line, at2)) {
      const next = this.nextContent(this.i + 1);
      if (next >= this.lines.length) {
        this.i = next;
        return null;
      }
      const nextLine = this.line(next);
      const nextIndent = spaces(nextLine, 0);
      const isEntry = nextLine.charCodeAt(nextIndent) === 45 && isSpaceOrEnd(nextLine, nextIndent + 1);
      if (nextIndent > indent || inMap && nextIndent === indent && isEntry) {
        this.i = next;
        return this.block(nextIndent, nextIndent, collectItems);
      }
      this.i++;
      return null;
    }
    if (collectItems) throw notCommon;
    const first = line.charCodeAt(at2);
    const parent = inMap ? indent : indent + 1;
    if (first === 124 || first === 62) return this.blockScalar(parent, at2);
    if (first === 91 || first === 123) return this.flow(at2, indent, parent);
    if (!inMap && first === 45 && isSpaceOrEnd(line, at2 + 1)) throw notCommon;
    if (!inMap && keyColon(line, at2) >= 0) return this.blockMap(at2, at2, false);
    if (first === 34 || first === 39) return this.quoted(parent, at2);
    return this.plain(parent, at2);
  }
  /** A block mapping or sequence whose first line is the current one, at column `indent`. */
  block(indent, column, collectItems) {
    const line = this.line(this.i);
    if (line.charCodeAt(column) === 45 && isSpaceOrEnd(line, column + 1)) return this.blockSeq(indent, collectItems);
    if (collectItems) throw notCommon;
    return this.blockMap(indent, column, false);
  }
  blockSeq(indent, collectItems) {
    const items = [];
    const lines = collectItems ? [] : void 0;
    for (; ; ) {
      if (lines !== void 0) {
        const here = this.line(this.i);
        const start = restIsBlank(here, indent + 1) ? this.nextContent(this.i + 1) : this.i;
        lines.push(start + 1);
      }
      const entry = this.value(indent, indent + 1, false, false);
      if (lines !== void 0 && entry === null) throw notCommon;
      items.push(entry);
      this.i = this.nextContent(this.i);
      if (this.i >= this.lines.length) break;
      const next = this.line(this.i);
      const nextIndent = spaces(next, 0);
      if (nextIndent < indent) break;
      if (nextIndent > indent) throw notCommon;
      if (next.charCodeAt(indent) !== 45 || !isSpaceOrEnd(next, indent + 1)) break;
    }
    if (lines !== void 0) this.itemLines = lines;
    return items;
  }
  /** A plain scalar from column `at`, continued on lines indented past `indent`. */
  plain(indent, at2) {
    const line = this.line(this.i);
    if (!plainCanStart(line, at2)) throw notCommon;
    let end = line.indexOf(" #", at2);
    const commented = end >= 0;
    if (!commented) end = line.length;
    const text = trimSpaces(line.slice(at2, end));
    if (text.includes(": ") || text.endsWith(":")) throw notCommon;
    this.i++;
    if (commented) return resolvePlain(text);
    let folded = text;
    let breaks = 0;
    let j = this.i;
    for (; j < this.lines.length; j++) {
      const next = this.line(j);
      const start = spaces(next, 0);
      if (start === next.length) {
        breaks++;
        continue;
      }
      if (start <= indent) break;
      const part = trimSpaces(next.slice(start));
      const c = part.charCodeAt(0);
      const indicator = (c === 45 || c === 63 || c === 58) && isSpaceOrEnd(part, 1);
      if (c === 35 || indicator || part.includes(": ") || part.endsWith(":") || part.includes(" #")) throw notCommon;
      folded += breaks === 0 ? " " + part : "\n".repeat(breaks) + part;
      breaks = 0;
      this.i = j + 1;
    }
    return resolvePlain(folded);
  }
  /** A single- or double-quoted scalar from column `at`, which may run over several lines. */
  quoted(indent, at2) {
    const line = this.line(this.i);
    const single = line.charCodeAt(at2) === 39;
    const close = single ? singleQuotedEnd(line, at2) : doubleQuotedEnd(line, at2);
    if (close >= 0) {
      if (!restIsBlank(line, close + 1)) throw notCommon;
      this.i++;
      const inner = line.slice(at2 + 1, close);
      return single ? unquoteSingleLine(inner) : unescapeDouble(inner);
    }
    const raw = [line.slice(at2 + 1)];
    for (let j = this.i + 1; j < this.lines.length; j++) {
      const next = this.line(j);
      const start = spaces(next, 0);
      if (start < next.length && start <= indent) throw notCommon;
      const end = single ? singleQuotedEnd(next, start - 1) : doubleQuotedEnd(next, start - 1);
      if (end < 0) {
        raw.push(next);
        continue;
      }
      if (!restIsBlank(next, end + 1)) throw notCommon;
      raw.push(next.slice(0, end));
      this.i = j + 1;
      return single ? foldSingle(raw) : foldDouble(raw);
    }
    throw notCommon;
  }
  /**
   * A flow collection opened at column `at` of the current line, as the value of a mapping entry at
   * `indent` or of a sequence entry whose `-` is there (`parent`: the column its lines must pass).
   * Leaves `i` on the line after its closing bracket.
   */
  flow(at2, indent, parent) {
    const flow = new Flow(this.lines, this.i, at2, indent, parent);
    const value = flow.collection(0);
    flow.end();
    this.i = flow.index + 1;
    return value;
  }
  /** A literal (`|`) or folded (`>`) block scalar whose header is at column `at`. */
  blockScalar(indent, at2) {
    const line = this.line(this.i);
    const folded = line.charCodeAt(at2) === 62;
    let chomp = "";
    let i = at2 + 1;
    if (line[i] === "-" || line[i] === "+") chomp = line[i++] ?? "";
    if (i < line.length && line.charCodeAt(i) !== 32) throw notCommon;
    if (!restIsBlank(line, i)) throw notCommon;
    let j = this.i + 1;
    let contentIndent = -1;
    let leading = 0;
    for (; j < this.lines.length; j++) {
      const next = this.line(j);
      const start = spaces(next, 0);
      if (start < next.length) {
        contentIndent = start;
        break;
      }
      leading = Math.max(leading, next.length);
    }
    if (contentIndent <= indent || leading > contentIndent) throw notCommon;
    const content = [];
    let trailing = 0;
    for (j = this.i + 1; j < this.lines.length; j++) {
      const next = this.line(j);
      const start = spaces(next, 0);
      if (start === next.length) {
        if (next.length > contentIndent) throw notCommon;
        trailing++;
        continue;
      }
      if (start < contentIndent) break;
      for (; trailing > 0; trailing--) content.push("");
      content.push(next.slice(contentIndent));
    }
    if (j === this.lines.length && trailing === 0) throw notCommon;
    this.i = j;
    let body;
    if (folded) {
      body = "";
      let previous = "none";
      let empties = 0;
      for (const part of content) {
        if (part === "") {
          empties++;
          continue;
        }
        if (part.charCodeAt(0) === 32) throw notCommon;
        if (previous === "none") body += "\n".repeat(empties) + part;
        else body += empties === 0 ? " " + part : "\n".repeat(empties) + part;
        previous = "text";
        empties = 0;
      }
    } else body = content.join("\n");
    if (chomp === "-") return body;
    if (chomp === "+") {
      if (this.i >= this.lines.length) throw notCommon;
      return body + "\n".repeat(1 + trailing);
    }
    return body + "\n";
  }
};
var maxFlowDepth = 100;
var Flow = class {
  index;
  line;
  pos;
  /** the last line whose indentation only a closing bracket may have (-1: none) */
  low = -1;
  lines;
  /** a closing bracket may stand at this column or further */
  indent;
  /** the other lines must be indented past this column */
  parent;
  constructor(lines, index, at2, indent, parent) {
    this.lines = lines;
    this.index = index;
    this.line = lines[index] ?? "";
    this.pos = at2;
    this.indent = indent;
    this.parent = parent;
  }
  /** After the outermost collection: nothing but a comment may follow it on its line. */
  end() {
    if (this.low >= 0 && this.low !== this.index) throw notCommon;
    if (!restIsBlank(this.line, this.pos)) throw notCommon;
  }
  code() {
    return this.line.charCodeAt(this.pos);
  }
  /** To the next token, over spaces and onto the next lines; a comment is left to `yaml`. */
  toNextToken() {
    for (; ; ) {
      this.pos = spaces(this.line, this.pos);
      if (this.pos < this.line.length) {
        if (this.code() === 35) throw notCommon;
        return;
      }
      this.index++;
      if (this.index >= this.lines.length) throw notCommon;
      this.line = this.lines[this.index] ?? "";
      const at2 = spaces(this.line, 0);
      this.pos = at2;
      if (at2 === this.line.length || at2 > this.parent) continue;
      const c = this.line.charCodeAt(at2);
      if (c !== 93 && c !== 125 || at2 < this.indent) throw notCommon;
      this.low = this.index;
    }
  }
  /** The collection whose opening bracket is at the current position. */
  collection(depth) {
    if (depth > maxFlowDepth) throw notCommon;
    const isMap2 = this.code() === 123;
    const close = isMap2 ? 125 : 93;
    const items = [];
    const map = {};
    this.pos++;
    for (; ; ) {
      this.toNextToken();
      if (this.code() === close) break;
      if (isMap2) {
        const key = this.key();
        if (Object.hasOwn(map, key)) throw notCommon;
        this.pos = spaces(this.line, this.pos);
        let c2 = this.code();
        if (c2 === 58) {
          this.pos = spaces(this.line, this.pos + 1);
          if (this.pos >= this.line.length) throw notCommon;
          c2 = this.code();
          map[key] = c2 === 44 || c2 === close ? null : this.node(depth);
        } else if (c2 === 44 || c2 === close) map[key] = null;
        else throw notCommon;
      } else items.push(this.node(depth));
      this.toNextToken();
      const c = this.code();
      if (c === close) break;
      if (c !== 44) throw notCommon;
      this.pos++;
    }
    this.pos++;
    return isMap2 ? map : items;
  }
  node(depth) {
    const c = this.code();
    if (c === 91 || c === 123) return this.collection(depth + 1);
    if (c === 34 || c === 39) return this.quoted();
    return resolvePlain(this.plain());
  }
  key() {
    const at2 = this.pos;
    const c = this.code();
    let key;
    if (c === 34 || c === 39) {
      key = this.quoted();
      if (key === "" || key === "__proto__" || key === "<<") throw notCommon;
    } else key = resolveKey(this.plain());
    if (this.pos - at2 > 1024) throw notCommon;
    return key;
  }
  /** A quoted scalar that closes on its line. */
  quoted() {
    const line = this.line;
    const at2 = this.pos;
    const single = line.charCodeAt(at2) === 39;
    const close = single ? singleQuotedEnd(line, at2) : doubleQuotedEnd(line, at2);
    if (close < 0) throw notCommon;
    this.pos = close + 1;
    const inner = line.slice(at2 + 1, close);
    return single ? unquoteSingleLine(inner) : unescapeDouble(inner);
  }
  /**
   * A plain scalar's text: up to a flow indicator, a `:` before a space, a flow indicator or the line's
   * end, or the line's end (a scalar going on on the next line is `yaml`'s).
   */
  plain() {
    const line = this.line;
    const at2 = this.pos;
    const first = line.charCodeAt(at2);
    if (first === 45 ? !plainSafeInFlow(line.charCodeAt(at2 + 1)) : !plainCanStart(line, at2)) throw notCommon;
    let end = at2;
    for (; end < line.length; end++) {
      const c = line.charCodeAt(end);
      if (c === 44 || c === 91 || c === 93 || c === 123 || c === 125) break;
      if (c === 58 && !plainSafeInFlow(line.charCodeAt(end + 1))) break;
      if (c === 35 && line.charCodeAt(end - 1) === 32) throw notCommon;
    }
    const text = trimSpaces(line.slice(at2, end));
    this.pos = end;
    if (end === line.length && !this.closesLater()) throw notCommon;
    return text;
  }
  /** Whether the next line with content goes on with a flow indicator rather than the scalar. */
  closesLater() {
    for (let j = this.index + 1; j < this.lines.length; j++) {
      const next = this.lines[j] ?? "";
      const at2 = spaces(next, 0);
      if (at2 === next.length) return false;
      const c = next.charCodeAt(at2);
      return c === 44 || c === 93 || c === 125;
    }
    return false;
  }
};
function plainSafeInFlow(c) {
  return !(Number.isNaN(c) || c === 32 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125);
}
function isMarker(line, marker) {
  return line.startsWith(marker) && isSpaceOrEnd(line, 3);
}
function isSpaceOrEnd(line, i) {
  return i >= line.length || line.charCodeAt(i) === 32;
}
function isIndicator(c) {
  return c === 45 || c === 63 || c === 58 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125 || c === 35 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 39 || c === 34 || c === 37 || c === 64 || c === 96;
}
function plainCanStart(line, at2) {
  const c = line.charCodeAt(at2);
  if (Number.isNaN(c)) return false;
  if (c === 45) return !isSpaceOrEnd(line, at2 + 1);
  return !isIndicator(c);
}
function keyColon(line, at2) {
  const c = line.charCodeAt(at2);
  if (c === 34 || c === 39) {
    const close = c === 39 ? singleQuotedEnd(line, at2) : doubleQuotedEnd(line, at2);
    return close >= 0 && line.charCodeAt(close + 1) === 58 && isSpaceOrEnd(line, close + 2) ? close + 1 : -1;
  }
  let colon = line.indexOf(":", at2);
  while (colon >= 0) {
    if (isSpaceOrEnd(line, colon + 1)) {
      const comment = line.indexOf(" #", at2);
      return comment >= 0 && comment < colon ? -1 : colon;
    }
    colon = line.indexOf(":", colon + 1);
  }
  return -1;
}
function singleQuotedEnd(line, at2) {
  let i = at2 + 1;
  for (; ; ) {
    const q = line.indexOf("'", i);
    if (q < 0) return -1;
    if (line.charCodeAt(q + 1) !== 39) return q;
    i = q + 2;
  }
}
function doubleQuotedEnd(line, at2) {
  for (let i = at2 + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}
function unquoteSingleLine(inner) {
  return inner.includes("''") ? inner.replaceAll("''", "'") : inner;
}
function unescapeDouble(inner) {
  if (!inner.includes("\\")) return inner;
  let out = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] ?? "";
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = inner[++i] ?? "";
    const simple = doubleEscapes[e];
    if (simple !== void 0) {
      out += simple;
      continue;
    }
    const length = hexLengths[e];
    const hex = inner.slice(i + 1, i + 1 + (length ?? 0));
    if (length === void 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) throw notCommon;
    const code = parseInt(hex, 16);
    if (code > 1114111) throw notCommon;
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}
function foldLines(raw, map) {
  let out = "";
  let empties = 0;
  raw.forEach((part, index) => {
    const first = index === 0;
    const last = index === raw.length - 1;
    let text = first ? part : part.slice(spaces(part, 0));
    if (!last) text = trimSpaces(text);
    if (!first && !last && text === "") {
      empties++;
      return;
    }
    if (!first) out += empties === 0 ? " " : "\n".repeat(empties);
    empties = 0;
    out += map(text);
  });
  return out;
}
function foldSingle(raw) {
  return foldLines(raw, unquoteSingleLine);
}
function foldDouble(raw) {
  for (const part of raw.slice(0, -1)) {
    const trimmed = trimSpaces(part);
    const backslashes = trimmed.length - trimmed.replace(/\\+$/, "").length;
    if (backslashes % 2 === 1) throw notCommon;
  }
  return foldLines(raw, unescapeDouble);
}
function readCommonYaml(text) {
  const lf = text.includes("\r\n") ? text.replaceAll("\r\n", "\n") : text;
  if (unusualChar.test(lf)) return void 0;
  try {
    if (lf.charCodeAt(0) === 123) {
      const json = readJson(lf, sameNumber);
      if (json === doubtful) return void 0;
      if (json !== void 0) return [{ value: json.value, line: 1, itemLines: linesOf(lf, json.itemOffsets, 1) }];
    }
    return new Reader(lf).documents();
  } catch {
    return void 0;
  }
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
var import_yaml2 = __toESM(require_dist(), 1);
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
  (0, import_yaml2.visit)(doc, {
    Node: (_key, node) => {
      if ((0, import_yaml2.isAlias)(node)) {
        if (!anchors.has(node.source)) {
          const message = "an alias (*name) with no anchor (&name) of that name before it";
          problems.push(at(node.range?.[0] ?? 0, lines, message));
        }
      } else if ((0, import_yaml2.isNode)(node) && node.anchor !== void 0) anchors.add(node.anchor);
    }
  });
  return problems;
}
function firstMergeKey(doc) {
  let offset;
  (0, import_yaml2.visit)(doc, {
    Pair: (_key, pair) => {
      if ((0, import_yaml2.isScalar)(pair.key) && (pair.key.value === "<<" || pair.key.source === "<<")) {
        offset = pair.key.range?.[0];
        return import_yaml2.visit.BREAK;
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
function addDocument(value, source, itemLine, objects, problems) {
  if (value === null || value === void 0) return;
  const kind = value.kind;
  if (typeof kind === "string" && kind.endsWith("List") && Array.isArray(value.items)) {
    value.items.forEach((item, index) => {
      const object2 = checkObject(item, { file: source.file, line: itemLine(index) }, problems);
      if (object2) objects.push(object2);
    });
    return;
  }
  const object = checkObject(value, source, problems);
  if (object) objects.push(object);
}
function parseManifest(text, file) {
  const common = readCommonYaml(text);
  if (common === void 0) return parseWithYaml(text, file);
  const objects = [];
  const problems = [];
  for (const doc of common) {
    const itemLine = (index) => doc.itemLines?.[index] ?? doc.line;
    addDocument(doc.value, { file, line: doc.line }, itemLine, objects, problems);
  }
  return { objects, problems };
}
function parseWithYaml(text, file) {
  const objects = [];
  const problems = [];
  const lines = new import_yaml3.LineCounter();
  const documents = new import_yaml3.Composer({ version: "1.1", prettyErrors: false, logLevel: "error" }).compose(
    new import_yaml3.Parser(lines.addNewLine).parse(text)
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
    const itemsNode = (0, import_yaml3.isMap)(doc.contents) ? doc.contents.get("items", true) : void 0;
    const itemLine = (index) => lineOf((0, import_yaml3.isSeq)(itemsNode) ? itemsNode.items[index] : void 0, lines, line);
    addDocument(value, { file, line }, itemLine, objects, problems);
  }
  return { objects, problems };
}
var pieceLength = 64 * 1024;
var documentStart = /^---(?=[ \t\r\n]|$)/gm;
function documentPieces(text) {
  if (text.length <= pieceLength || /^%/m.test(text)) return [{ text, firstLine: 1 }];
  const pieces = [];
  let start = 0;
  let firstLine = 1;
  for (const match of text.matchAll(documentStart)) {
    if (match.index - start < pieceLength) continue;
    const piece = text.slice(start, match.index);
    pieces.push({ text: piece, firstLine });
    for (let at2 = piece.indexOf("\n"); at2 !== -1; at2 = piece.indexOf("\n", at2 + 1)) firstLine++;
    start = match.index;
  }
  pieces.push({ text: text.slice(start), firstLine });
  return pieces;
}
async function parseInPieces(text, file) {
  const objects = [];
  const problems = [];
  const moved = (source, by) => ({ ...source, line: source.line + by });
  for (const piece of documentPieces(text)) {
    if (piece.firstLine > 1) await new Promise((resolve2) => setImmediate(resolve2));
    const parsed = parseManifest(piece.text, file);
    const by = piece.firstLine - 1;
    objects.push(...parsed.objects.map((o) => by === 0 ? o : { ...o, source: moved(o.source, by) }));
    problems.push(...parsed.problems.map((p) => by === 0 || !p.source ? p : { ...p, source: moved(p.source, by) }));
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
      const { renderKustomization } = await import("./render-X4Q44WOS.js");
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
    const parsed = await parseInPieces(text, shown2);
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
  escapeControl,
  displayPath,
  inside,
  boundaryName,
  ManifestError,
  parseManifest,
  loadManifests
};
