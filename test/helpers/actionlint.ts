// actionlint over the project's workflows and over the workflows its documentation tells users to
// copy: the ```yaml blocks of markdown files, extracted to a temporary project with a note of where
// each came from, so that a finding names the markdown file and line.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { parseAllDocuments } from "yaml";
import { repoRoot } from "./action.ts";

/** actionlint built from its pinned Go module (test/cluster/go/actionlint) by build.sh, cached by version. */
export function actionlintBinary(): string {
  const out = execFileSync("bash", [join(repoRoot, "test", "cluster", "build.sh"), "actionlint"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  const dir = /^actionlint=(.+)$/m.exec(out)?.[1];
  if (dir === undefined) throw new Error("build.sh did not report actionlint's folder");
  return join(dir, "actionlint");
}

/** A fenced ```yaml block: its text (indentation of the fence removed) and the line its first text line is on. */
export interface YamlBlock {
  file: string;
  line: number;
  text: string;
}

/**
 * The ```yaml (or ```yml) blocks of a markdown file. A line scanner rather than a markdown parser:
 * the fences in this project's documents are plain (a fence closes on a line of the same character at
 * least as long), and a fence indented inside a list item has that indentation stripped from its lines.
 */
export function yamlBlocks(file: string, markdown: string): YamlBlock[] {
  const blocks: YamlBlock[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*(\S*)/.exec(lines[i] ?? "");
    if (open === null) continue;
    const [, indent = "", fence = "", info = ""] = open;
    const close = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end] ?? "")) end++;
    if (/^ya?ml$/i.test(info)) {
      const body = lines.slice(i + 1, end).map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()));
      blocks.push({ file, line: i + 2, text: dedent(body).join("\n") + "\n" });
    }
    i = end;
  }
  return blocks;
}

/** Lines without the indentation they all share (a job's fragment is often shown at its depth in a workflow). */
function dedent(lines: string[]): string[] {
  const depths = lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)?.[0].length ?? 0);
  const common = depths.length === 0 ? 0 : Math.min(...depths);
  return lines.map((l) => l.slice(Math.min(common, /^ */.exec(l)?.[0].length ?? 0)));
}

/** What a yaml block in the documentation is, which decides how it is linted. */
export type BlockKind = "workflow" | "jobs" | "job" | "steps" | "kubernetes" | "unknown";

export function blockKind(text: string): BlockKind {
  const docs = parseAllDocuments(text);
  if (docs.some((d) => d.errors.length > 0)) return "workflow"; // let actionlint report the syntax error
  const values: unknown[] = docs.map((d) => d.toJS() as unknown);
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  const first = values[0];
  if (values.length > 0 && values.every((v) => isObject(v) && "apiVersion" in v && "kind" in v)) return "kubernetes";
  if (values.length !== 1) return "unknown";
  if (isObject(first) && "jobs" in first) return "on" in first ? "workflow" : "jobs";
  if (isObject(first) && "steps" in first) return "job";
  if (Array.isArray(first) && first.length > 0 && first.every((s) => isObject(s) && ("uses" in s || "run" in s)))
    return "steps";
  return "unknown";
}

/**
 * The lines put around a fragment so that it is a whole workflow, and how far its lines are indented.
 * Sound for what is checked inside the fragment (step and job syntax, expressions, the contexts every
 * job has, `with:` against action.yml); what the fragment leaves to its surroundings (a matrix, `needs`)
 * is reported as undefined, so a fragment must not lean on them.
 */
function wrapping(kind: BlockKind, text: string): { header: string[]; indent: number } {
  const trigger = "on: push";
  if (kind === "jobs") return { header: [trigger], indent: 0 };
  const runsOn = /^runs-on:/m.test(text) ? [] : ["    runs-on: ubuntu-latest"];
  if (kind === "job") return { header: [trigger, "jobs:", "  example:", ...runsOn], indent: 4 };
  if (kind === "steps") return { header: [trigger, "jobs:", "  example:", ...runsOn, "    steps:"], indent: 6 };
  return { header: [], indent: 0 };
}

/** Where a linted file's lines came from. */
interface Origin {
  file: string;
  firstLine: number;
  headerLines: number;
}

interface Finding {
  filepath: string;
  line: number;
  column: number;
  message: string;
  kind: string;
}

// A documented workflow names the published action; in the temporary project it is the local one
// (`./`, whose action.yml is copied there), so that actionlint checks its `with:` against the inputs.
const publishedAction = /(uses:\s*)kubeship\/kubeship@[\w.-]+/g;

/**
 * Lints `workflows` (paths relative to the repository) where they are, and `examples` (workflow files
 * that name the published action) and every workflow-like yaml block of `markdown` in a temporary
 * project. Returns one line per problem, `file:line: message [rule]`, in the source's terms, and
 * what was linted (`file:line` of each markdown block, the paths of the files).
 */
export function lintWorkflows(options: { workflows: string[]; examples: string[]; markdown: string[] }): {
  problems: string[];
  linted: string[];
} {
  const problems: string[] = [];
  const project = mkdtempSync(join(tmpdir(), "kubeship-actionlint-"));
  const workflowsDir = join(project, ".github", "workflows");
  mkdirSync(workflowsDir, { recursive: true });
  writeFileSync(join(project, ".git"), ""); // actionlint takes a folder with .git and .github/workflows as a project
  copyFileSync(join(repoRoot, "action.yml"), join(project, "action.yml"));
  symlinkSync(join(repoRoot, "dist"), join(project, "dist")); // actionlint checks that runs.main and runs.post exist
  const origins = new Map<string, Origin>();
  const add = (origin: Origin, text: string) => {
    const path = join(workflowsDir, `${origins.size}-${basename(origin.file)}-L${origin.firstLine}.yaml`);
    writeFileSync(path, text.replace(publishedAction, "$1./"));
    origins.set(path, origin);
  };
  for (const file of options.examples)
    add({ file, firstLine: 1, headerLines: 0 }, readFileSync(join(repoRoot, file), "utf8"));
  for (const file of options.markdown) {
    for (const block of yamlBlocks(file, readFileSync(join(repoRoot, file), "utf8"))) {
      const kind = blockKind(block.text);
      if (kind === "kubernetes") continue;
      if (kind === "unknown") {
        problems.push(
          `${file}:${block.line}: a yaml block that is neither a workflow, a fragment of one (jobs, a job, steps) nor Kubernetes objects: fence it as another language, or complete it`,
        );
        continue;
      }
      const { header, indent } = wrapping(kind, block.text);
      const body = block.text.replace(/^(?=.)/gm, " ".repeat(indent));
      add({ file, firstLine: block.line, headerLines: header.length }, [...header, body].join("\n"));
    }
  }
  const binary = actionlintBinary();
  const onPath = (tool: string) => spawnSync("sh", ["-c", `command -v ${tool}`]).status === 0;
  const args = [
    "-format",
    "{{json .}}",
    "-no-color",
    // shellcheck and pyflakes check `run:` scripts when they are installed (GitHub's runners have shellcheck)
    ...(onPath("shellcheck") ? [] : ["-shellcheck="]),
    ...(onPath("pyflakes") ? [] : ["-pyflakes="]),
    ...options.workflows,
    ...origins.keys(),
  ];
  const run = spawnSync(binary, args, { cwd: repoRoot, encoding: "utf8" });
  // exit 0: clean, 1: problems found; anything else is actionlint failing to run
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`actionlint failed (exit ${run.status ?? run.signal}): ${run.stderr}`);
  const findings = JSON.parse(run.stdout.trim() === "" ? "[]" : run.stdout) as Finding[];
  for (const f of findings) {
    const path = f.filepath.startsWith("/") ? f.filepath : join(repoRoot, f.filepath);
    const origin = origins.get(path);
    const where =
      origin === undefined
        ? `${relative(repoRoot, path)}:${f.line}:${f.column}`
        : `${origin.file}:${origin.firstLine + Math.max(0, f.line - 1 - origin.headerLines)}`;
    problems.push(`${where}: ${f.message} [${f.kind}]`);
  }
  const linted = [
    ...options.workflows,
    ...[...origins.values()].map((o) =>
      o.headerLines === 0 && o.firstLine === 1 ? o.file : `${o.file}:${o.firstLine}`,
    ),
  ];
  return { problems, linted };
}
