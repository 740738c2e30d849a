// The files a kustomization can reach, read by kubeship itself for kustomize's in-memory filesystem:
// the kustomization directory's whole tree (a patch, an env file or a generator's file may be any
// file in it), and the trees of the bases and components it names by a relative path outside it,
// followed through their kustomizations. Hidden directories (.git) are skipped, hidden files are not
// (`envs: [.env]`). Symbolic links follow the manifests rule: followed while their target stays
// inside the boundary (the workspace, or the named directory when that lies outside it).
import { readFile, readdir, realpath, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { boundaryName, displayPath, escapeControl, inside } from "../files.ts";
import { kustomizationFile } from "../kustomization-file.ts";
import { inspectKustomization, pluginRefusals } from "./refuse.ts";

export interface KustomizationTree {
  /** as-seen absolute path → content */
  files: Map<string, Buffer>;
  /** every directory read, so that empty ones exist for kustomize too */
  dirs: string[];
  /** what stops the render: refusals, links out, unreadable or oversized trees */
  problems: string[];
}

// A kustomization at the top of a large repository would hand kustomize all of it: stop early.
const maxFiles = 20000;
const maxBytes = 256 * 1024 * 1024;

class TreeReader {
  readonly tree: KustomizationTree = { files: new Map(), dirs: [], problems: [] };
  private readonly roots: string[] = [];
  private bytes = 0;
  private readonly workspace: string;
  private readonly workspaceReal: string;
  private readonly boundary: string;

  constructor(workspace: string, workspaceReal: string, boundary: string) {
    this.workspace = workspace;
    this.workspaceReal = workspaceReal;
    this.boundary = boundary;
  }

  shown(path: string): string {
    return escapeControl(displayPath(path, this.workspace));
  }

  private problem(message: string): void {
    if (!this.tree.problems.includes(message)) this.tree.problems.push(message);
  }

  private covered(path: string): boolean {
    return this.roots.some((root) => inside(path, root));
  }

  /** The target of `path` when it may be read: inside the boundary, every link resolved. */
  private async allowed(path: string, what: string): Promise<string | undefined> {
    const real = await realpath(path).catch(() => undefined);
    if (real === undefined) return undefined; // kustomize names what is missing, as kubectl's would
    if (!inside(real, this.boundary)) {
      this.problem(
        `${what} ${this.shown(path)} leads to ${escapeControl(real)}, outside ` +
          `${boundaryName(this.boundary, this.workspaceReal)}: kubeship reads a kustomization's files only there`,
      );
      return undefined;
    }
    return real;
  }

  private async readInto(path: string, real: string): Promise<void> {
    if (this.tree.files.has(path)) return;
    if (this.tree.files.size >= maxFiles || this.bytes > maxBytes) {
      this.problem(
        `${this.shown(this.roots[0] ?? path)}: the kustomization's directory holds more than ${maxFiles} files or ` +
          `${maxBytes / 1024 / 1024} MiB; kubeship hands kustomize its whole tree: keep the kustomization in a directory of its own`,
      );
      return;
    }
    const content = await readFile(real).catch((error: unknown) => {
      this.problem(`${this.shown(path)} cannot be read (${(error as { code?: string }).code ?? "error"})`);
      return undefined;
    });
    if (content === undefined) return;
    this.bytes += content.length;
    this.tree.files.set(path, content);
  }

  /** Reads the directory `dir` (as seen; `real` resolved) and everything below it. */
  private async walk(dir: string, real: string, visited: Set<string>): Promise<void> {
    if (visited.has(real)) return;
    visited.add(real);
    this.tree.dirs.push(dir);
    const entries = await readdir(real, { withFileTypes: true }).catch((error: unknown) => {
      this.problem(`${this.shown(dir)} cannot be read (${(error as { code?: string }).code ?? "error"})`);
      return [];
    });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith(".")) await this.walk(path, join(real, entry.name), visited);
      } else if (entry.isFile()) {
        await this.readInto(path, join(real, entry.name));
      } else if (entry.isSymbolicLink()) {
        const target = await this.allowed(path, "the symbolic link");
        if (target === undefined) continue;
        const info = await stat(target);
        if (info.isDirectory()) {
          if (!entry.name.startsWith(".")) await this.walk(path, target, visited);
        } else if (info.isFile()) await this.readInto(path, target);
      }
    }
  }

  /** Reads the tree of `dir` unless an earlier one holds it. */
  async addRoot(dir: string): Promise<void> {
    if (this.covered(dir)) return;
    const real = await this.allowed(dir, "the directory");
    if (real === undefined) return;
    this.roots.push(dir);
    await this.walk(dir, real, new Set());
  }

  /** Follows one kustomization directory's references, each kustomization once. */
  async follow(dir: string, seen: Set<string>): Promise<void> {
    if (seen.has(dir)) return;
    seen.add(dir);
    await this.addRoot(dir);
    const file = await kustomizationFile(dir);
    const text = file === undefined ? undefined : this.tree.files.get(file);
    if (file === undefined || text === undefined) return;
    const refs = inspectKustomization(text.toString("utf8"), this.shown(file));
    for (const refusal of refs.refusals) this.problem(refusal);
    for (const entry of refs.plugins) {
      if (entry.includes("\n") || /^\s*apiVersion\s*:/.test(entry)) {
        for (const refusal of pluginRefusals(entry, this.shown(file))) this.problem(refusal);
        continue;
      }
      const path = resolve(dir, entry);
      const configs = [...this.tree.files].filter(([name]) => name === path || inside(name, path));
      for (const [name, content] of configs) {
        if ((await kustomizationFile(dirname(name))) === name) continue;
        for (const refusal of pluginRefusals(content.toString("utf8"), this.shown(name))) this.problem(refusal);
      }
    }
    for (const entry of refs.local) {
      const path = isAbsolute(entry) ? entry : resolve(dir, entry);
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory() === true) await this.follow(path, seen);
      else if (info?.isFile() === true && !this.covered(path)) {
        // a file outside the kustomization root: kustomize's load restrictor refuses it, as kubectl's does
        const real = await this.allowed(path, "the resource");
        if (real !== undefined) await this.readInto(path, real);
      }
    }
  }
}

/** Reads what the kustomization in `root` can reach; `boundary` is where links may lead. */
export async function readKustomizationTree(
  root: string,
  boundary: string,
  workspace: string,
): Promise<KustomizationTree> {
  const workspaceReal = await realpath(workspace).catch(() => resolve(workspace));
  const reader = new TreeReader(workspace, workspaceReal, boundary);
  await reader.follow(root, new Set());
  return reader.tree;
}
