// Generates test/fixtures/kustomize-examples/ from a snapshot of kustomize's repository: the
// kustomizations under its examples/ and the ones its markdown examples build, their files
// extracted mechanically from the shell blocks (heredocs, variables, and `curl` of the repository's
// own example files, read from the same snapshot). The test compares kubeship's renders of them
// with the test cluster's `kubectl kustomize`.
//
//   node test/kustomize/generate-examples.ts GIT_DIR COMMIT
//
// Examples that need what kubeship refuses (helm, plugins, remote bases) or shell steps this cannot
// replay (sed, `kustomize edit`) are listed in index.json as skipped, with the reason.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";

const [gitDir, commit] = process.argv.slice(2);
if (gitDir === undefined || commit === undefined) {
  console.error("usage: node test/kustomize/generate-examples.ts GIT_DIR COMMIT");
  process.exit(2);
}
const out = join(import.meta.dirname, "..", "fixtures", "kustomize-examples");
const git = (...args: string[]) =>
  execFileSync("git", ["--git-dir", gitDir, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const show = (path: string) => git("show", `${commit}:${path}`);
const paths = git("ls-tree", "-r", "--name-only", commit, "examples").split("\n").filter(Boolean);

type Files = Map<string, string>;
interface Target {
  name: string;
  /** the tree under trees/ */
  tree: string;
  /** the kustomization directory inside the tree */
  root: string;
}
const targets: Target[] = [];
const skipped: { name: string; reason: string }[] = [];

function writeTree(tree: string, files: Files): void {
  for (const [path, text] of files) {
    const file = join(out, "trees", tree, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

const kustomizationNames = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** Why kubeship (like kubectl without flags) cannot render this set of files, if it cannot. */
function refusal(files: Files): string | undefined {
  for (const [path, text] of files) {
    if (!kustomizationNames.test(path)) continue;
    if (/^\s*helm(Charts|Globals|ChartInflationGenerator)\s*:/m.test(text)) return `${path}: helm`;
    if (/^\s*(generators|transformers|validators)\s*:/m.test(text)) return `${path}: plugins`;
    if (/^\s*-\s*(https?:\/\/|git@|github\.com\/)/m.test(text)) return `${path}: a remote base`;
  }
  return undefined;
}

// 1. Directories under examples/ holding kustomizations: each example folder is one tree.
const folders = new Set(paths.filter((p) => kustomizationNames.test(p)).map((p) => p.split("/").slice(0, 2).join("/")));
for (const folder of [...folders].sort()) {
  const files: Files = new Map(
    paths
      .filter((p) => p.startsWith(`${folder}/`) && !p.endsWith(".md"))
      .map((p) => [p.slice(folder.length + 1), show(p)]),
  );
  const tree = `dir-${folder.split("/")[1]}`;
  const reason = refusal(files);
  if (reason !== undefined) {
    skipped.push({ name: folder, reason });
    continue;
  }
  writeTree(tree, files);
  for (const path of [...files.keys()].filter((p) => kustomizationNames.test(p)).sort()) {
    const root = posix.dirname(path);
    targets.push({ name: posix.join(folder, root), tree, root });
  }
}

// 2. Markdown examples (the English ones: examples/zh/ translates them), replayed block by block.
// The blocks kustomize's own documentation tests run (mdrip): a fence right after `<!-- @name ... -->`.
function shellBlocks(markdown: string): string[] {
  const lines: string[] = [];
  let inBlock = false;
  let marked = false;
  let last = "";
  for (const line of markdown.split("\n")) {
    if (/^```/.test(line)) {
      if (!inBlock) marked = /^<!--\s*@/.test(last);
      inBlock = !inBlock;
      last = line;
      continue;
    }
    if (inBlock && marked) lines.push(line);
    if (line.trim() !== "") last = line;
  }
  return lines;
}

function braceExpand(text: string): string[] {
  const m = /\{([^{}]*)\}/.exec(text);
  if (m === null) return [text];
  return m[1]!.split(",").map((alt) => text.slice(0, m.index) + alt + text.slice(m.index + m[0].length));
}

const rawPrefix = /^https:\/\/raw\.githubusercontent\.com\/kubernetes-sigs\/kustomize\/[^/]+\//;

for (const md of paths.filter((p) => p.endsWith(".md") && !p.startsWith("examples/zh/")).sort()) {
  const name = md.replace(/\.md$/, "");
  const vars = new Map<string, string>();
  const files: Files = new Map();
  const expandText = (text: string): string | undefined => {
    let unknown = false;
    const expanded = text.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, v: string) => {
      const value = vars.get(v);
      if (value === undefined) unknown = true;
      return value ?? "";
    });
    return unknown ? undefined : expanded.replace(/^["']|["']$/g, "");
  };
  // a path in the example's directory ($DEMO_HOME is its top)
  const expand = (text: string): string | undefined => {
    const expanded = expandText(text);
    return expanded === undefined ? undefined : posix.normalize(expanded.replace(/^\//, "")) || ".";
  };
  const lines = shellBlocks(show(md));
  let stop: string | undefined;
  let snapshot = "";
  let snapshots = 0;
  let built = 0;
  for (let i = 0; i < lines.length && stop === undefined; i++) {
    let line = lines[i]!.trim();
    while (line.endsWith("\\") && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.trimEnd();
    if (line === "" || line.startsWith("#")) continue;
    const heredoc = /^cat\s+(?:<<-?\s*(['"]?)(\w+)\1\s*(>>?)\s*(\S+)|(>>?)\s*(\S+)\s*<<-?\s*(['"]?)(\w+)\7)\s*$/.exec(
      line,
    );
    if (heredoc !== null) {
      const quoted = (heredoc[1] ?? heredoc[7]) !== "";
      const end = heredoc[2] ?? heredoc[8]!;
      const append = (heredoc[3] ?? heredoc[5]) === ">>";
      const target = expand(heredoc[4] ?? heredoc[6]!);
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== end) body.push(lines[i]!);
      let text = body.join("\n") + "\n";
      if (!quoted) {
        if (/\$[A-Za-z_{(]/.test(text.replace(/\\\$/g, ""))) {
          stop = `an unquoted heredoc for ${String(target)} expands shell text`;
          break;
        }
        text = text.replace(/\\([$`\\])/g, "$1");
      }
      if (target === undefined) stop = `a heredoc writes to an unknown variable: ${line}`;
      else files.set(target, (append ? (files.get(target) ?? "") : "") + text);
      continue;
    }
    if (line.includes("kustomize build")) {
      const args = /kustomize build\s+([^|)]*)/.exec(line)?.[1]?.trim().split(/\s+/) ?? [];
      const flags = args.filter((a) => a.startsWith("-"));
      const dir = args.find((a) => !a.startsWith("-"));
      const root = dir === undefined ? undefined : expand(dir);
      if (flags.length > 0)
        skipped.push({ name: `${name}: kustomize build ${args.join(" ")}`, reason: `flags ${flags.join(" ")}` });
      else if (root === undefined) stop = `a build of an unknown directory: ${line}`;
      else if (/^[a-z]+:\/|github\.com/.test(root))
        skipped.push({ name: `${name}: kustomize build ${args.join(" ")}`, reason: "a remote base" });
      else {
        const reason = refusal(files);
        if (reason !== undefined) {
          skipped.push({ name: `${name}: kustomize build ${args.join(" ")}`, reason });
          continue;
        }
        const state = JSON.stringify([...files].sort());
        if (state !== snapshot) {
          snapshot = state;
          snapshots++;
          writeTree(`md-${name.slice("examples/".length).replaceAll("/", "-")}-${snapshots}`, files);
        }
        const tree = `md-${name.slice("examples/".length).replaceAll("/", "-")}-${snapshots}`;
        if (!targets.some((t) => t.tree === tree && t.root === root))
          targets.push({ name: `${name}.md: ${root}`, tree, root });
        built++;
      }
      continue;
    }
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (assignment !== null) {
      const [, v, value] = assignment;
      if (value === "$(mktemp -d)") vars.set(v!, "");
      else if (!value!.startsWith("$(")) {
        const expanded = expand(value!);
        if (expanded !== undefined) vars.set(v!, expanded);
      }
      continue;
    }
    const curl = /^curl\s+(?:-\w+\s+)*-o\s+(\S+)\s+(\S+)$/.exec(line.replace(/\s+/g, " "));
    if (curl !== null) {
      const pattern = expand(curl[1]!);
      const url = expandText(curl[2]!) ?? "";
      if (pattern === undefined || !rawPrefix.test(url)) {
        stop = `a download from outside the repository: ${line}`;
        continue;
      }
      for (const source of braceExpand(url)) {
        const repoPath = source.replace(rawPrefix, "");
        const base = posix.basename(repoPath, posix.extname(repoPath));
        files.set(pattern.replace("#1", base), show(repoPath));
      }
      continue;
    }
    if (
      /^(mkdir|echo [^>]*$|test |diff |tree |ls |cat \$[^<>]*$|grep |kubectl |\(|\)|\}|if |fi$|then|else|done)/.test(
        line,
      )
    )
      continue;
    stop = `a step this generator does not replay: ${line.slice(0, 60)}`;
  }
  if (stop !== undefined) skipped.push({ name: `${name}.md (later steps)`, reason: stop });
  if (built === 0 && stop === undefined) skipped.push({ name: `${name}.md`, reason: "builds nothing" });
}

writeFileSync(
  join(out, "index.json"),
  JSON.stringify({ repository: "https://github.com/kubernetes-sigs/kustomize", commit, targets, skipped }, null, 2) +
    "\n",
);
writeFileSync(join(out, "LICENSE"), show("LICENSE"));
console.log(`${targets.length} kustomizations, ${skipped.length} skipped`);
