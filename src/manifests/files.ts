// The `manifests` entries → the files to read. Entries come from the workflow (trusted): an explicit
// file or directory may be anywhere. What a directory or glob turns up comes from the repository (a
// pull request writes it), so one rule covers every symbolic link met while expanding them: followed
// while its target stays inside the boundary (the workspace, or the named directory or glob base when
// that lies outside the workspace), otherwise an error naming the link. File names that could break a
// log line or a command (control characters) are refused, named with those characters escaped.
import { glob, readdir, realpath, stat } from "node:fs/promises";
import { kustomizationFile } from "./kustomization-file.ts";
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from "node:path";

export interface ManifestFile {
  /** where it was found, absolute: a link keeps its own name, so messages name what the user sees */
  path: string;
  /** the file that is read, every link resolved */
  real: string;
  /** set when `path` is a kustomization directory to render: where links met in its tree may lead */
  kustomization?: { boundary: string };
}

const manifestExtensions = /\.(ya?ml|json)$/i;

export const kustomization =
  "a kustomization: render it first, for example `kustomize build DIR > rendered.yaml`, and pass the output";
/** Files that need rendering by another tool first; applying them as manifests would fail confusingly. */
const unrendered: Record<string, string> = {
  "kustomization.yaml": kustomization,
  "kustomization.yml": kustomization,
  Kustomization: kustomization,
  "Chart.yaml":
    "a Helm chart: render it first, for example `helm template NAME DIR > rendered.yaml`, and pass the output",
};

/** Why a file must be rendered before kubeship can apply it, when it must. */
export function unrenderedReason(file: string): string | undefined {
  return unrendered[basename(file)];
}

function wanted(name: string): boolean {
  return manifestExtensions.test(name) || unrendered[name] !== undefined;
}

// C0 and C1 controls (a CR or LF would end the runner's log line), the Unicode line and paragraph
// separators, and the bidirectional overrides that make a name read differently from what it is.
const unsafeCharacters = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** `text` with every control character written as an escape (`\n`, `\u001b`), safe on one log line. */
export function escapeControl(text: string): string {
  return text.replace(unsafeCharacters, (c) => {
    const named: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };
    return named[c] ?? `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`;
  });
}

function hasControl(text: string): boolean {
  return text.search(unsafeCharacters) !== -1;
}

/** Path relative to the workspace, or absolute when outside it. */
export function displayPath(file: string, workspace: string): string {
  const rel = relative(workspace, file);
  return rel.startsWith("..") || isAbsolute(rel) ? file : rel;
}

export function inside(path: string, boundary: string): boolean {
  const rel = relative(boundary, path);
  return rel === "" || (rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** The leading part of a glob without any pattern characters: the directory it expands below. */
function globBase(pattern: string): string {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (/[*?[\]{}!]/.test(part)) break;
    fixed.push(part);
  }
  if (fixed.length === 1 && fixed[0] === "") return "/"; // an absolute pattern such as /*.yaml
  return fixed.join("/") || ".";
}

/**
 * Where links met below `dir` may lead: the workspace when `dir` lies in it as written (a link in
 * the repository cannot widen that), else `dir` itself, named by the workflow outside the workspace.
 */
export async function linkBoundary(dir: string, workspace: string, workspaceReal: string): Promise<string> {
  if (inside(resolve(dir), resolve(workspace))) return workspaceReal;
  return realpath(dir).catch(() => resolve(dir));
}

export function boundaryName(boundary: string, workspaceReal: string): string {
  return boundary === workspaceReal ? "the workspace" : `the directory ${escapeControl(boundary)}`;
}

class Expansion {
  readonly files: ManifestFile[] = [];
  readonly problems: string[] = [];
  private readonly reals = new Set<string>();
  private readonly workspace: string;
  private readonly workspaceReal: string;

  constructor(workspace: string, workspaceReal: string) {
    this.workspace = workspace;
    this.workspaceReal = workspaceReal;
  }

  shown(path: string): string {
    return escapeControl(displayPath(path, this.workspace));
  }

  boundaryFor(dir: string): Promise<string> {
    return linkBoundary(dir, this.workspace, this.workspaceReal);
  }

  private boundaryName(boundary: string): string {
    return boundaryName(boundary, this.workspaceReal);
  }

  /** Adds the files found for one entry, in path order, each once however many names lead to it. */
  add(found: ManifestFile[]): void {
    for (const file of found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
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
  async follow(path: string, boundary: string): Promise<{ real: string; directory: boolean } | undefined> {
    const real = await realpath(path).catch(() => undefined);
    if (real === undefined) {
      if (wanted(basename(path))) {
        this.problems.push(`manifests: ${this.shown(path)} is a symbolic link to a file that does not exist`);
      }
      return undefined;
    }
    const info = await stat(real).catch(() => undefined);
    if (info === undefined || (!info.isDirectory() && !info.isFile())) return undefined;
    if (!info.isDirectory() && !wanted(basename(path))) return undefined;
    if (!inside(real, boundary)) {
      const link = (await this.linkOn(path, boundary)) ?? path;
      const target = await realpath(link).catch(() => real);
      const where = `${escapeControl(target)}, outside ${this.boundaryName(boundary)}`;
      this.problems.push(
        `manifests: ${this.shown(link)} is a symbolic link to ${where}; links met in directories and globs ` +
          "are followed only inside it (name the target itself in `manifests` to use it)",
      );
      return undefined;
    }
    return { real, directory: info.isDirectory() };
  }

  /** The symbolic link on the way to `path` that leads out of the boundary: the step from inside to outside. */
  private async linkOn(path: string, boundary: string): Promise<string | undefined> {
    const parts = path.split(sep);
    let current = parts[0] === "" ? sep : (parts[0] ?? "");
    let wasInside = inside(current, boundary);
    for (const part of parts.slice(1)) {
      current = join(current, part);
      const real = await realpath(current).catch(() => undefined);
      if (real === undefined) return undefined;
      const isInside = inside(real, boundary);
      if (wasInside && !isInside) return current;
      wasInside = isInside;
    }
    return undefined;
  }

  /** The manifest files below `dir` (its real path `real`), skipping hidden files and folders (.git, .github). */
  async walk(dir: string, real: string, boundary: string, found: ManifestFile[], visited = new Set<string>()) {
    if (visited.has(real)) return; // a link back to a directory already being listed
    visited.add(real);
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
      this.problems.push(
        `manifests: ${this.shown(dir)} cannot be read (${(error as { code?: string }).code ?? "error"})`,
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
        else if (target !== undefined) found.push({ path, real: target.real });
      }
    }
  }
}

/** Expands each entry (file, directory or glob) to files, in the order given; each file once. */
export async function findManifestFiles(
  entries: readonly string[],
  workspace: string,
): Promise<{ files: ManifestFile[]; problems: string[] }> {
  const expansion = new Expansion(workspace, await realpath(workspace).catch(() => resolve(workspace)));
  for (const entry of entries) {
    const path = isAbsolute(entry) ? entry : resolve(workspace, entry);
    const info = await stat(path).catch(() => undefined);
    const before = expansion.problems.length;
    const found: ManifestFile[] = [];
    // a kustomization directory (or its kustomization file, named) is rendered, as `kubectl apply -k`
    const kustomizationDir =
      info?.isDirectory() === true && (await kustomizationFile(path)) !== undefined
        ? path
        : info?.isFile() === true && unrenderedReason(path) === kustomization
          ? dirname(path)
          : undefined;
    if (kustomizationDir !== undefined) {
      const boundary = await expansion.boundaryFor(kustomizationDir);
      found.push({ path: kustomizationDir, real: await realpath(kustomizationDir), kustomization: { boundary } });
    } else if (info?.isDirectory() === true) {
      const boundary = await expansion.boundaryFor(path);
      const target = await expansion.follow(path, boundary); // the directory itself may be a link out
      if (target !== undefined) await expansion.walk(path, target.real, boundary, found);
    } else if (info?.isFile() === true) {
      // named explicitly: the workflow may point anywhere, through links too
      found.push({ path, real: await realpath(path) });
    } else {
      // Node's glob, like a shell's `**`, does not descend into linked directories: the links a glob
      // meets are its matches, and those its fixed directories pass through.
      const boundary = await expansion.boundaryFor(resolve(workspace, globBase(entry)));
      for await (const match of glob(entry, { cwd: workspace })) {
        const matched = resolve(workspace, match);
        const target = await expansion.follow(matched, boundary);
        if (target?.directory === true) await expansion.walk(matched, target.real, boundary, found);
        else if (target !== undefined) found.push({ path: matched, real: target.real });
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
