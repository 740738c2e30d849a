// Manifest files → ManifestObjects, each remembering the file and line it came from. Every problem
// in every file is collected, so the user sees them all at once and nothing is applied.
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { Composer, isMap, isSeq, LineCounter, Parser, type Node as YamlNode } from "yaml";
import { isSecret, type KubeObject, type ObjectRef } from "../kube/types.ts";
import { displayPath, findManifestFiles, kustomization as kustomizationReason, unrenderedReason } from "./files.ts";
import { readCommonYaml } from "./common-yaml.ts";
import { identityProblems, secretProblems } from "./shape.ts";
import { conversionProblem, syntaxProblems, unresolvedAliases, type YamlProblem } from "./yaml-errors.ts";

export interface Source {
  /** path relative to the workspace (absolute when outside it) */
  file: string;
  line: number;
}

export interface ManifestObject {
  object: KubeObject;
  ref: ObjectRef;
  source: Source;
}

export class ManifestError extends Error {
  readonly problems: { source: Source | undefined; message: string }[];
  constructor(problems: { source: Source | undefined; message: string }[]) {
    const lines = problems.map((p) =>
      p.source === undefined ? p.message : `${p.source.file}:${p.source.line}: ${p.message}`,
    );
    super(
      lines.length === 1 ? (lines[0] ?? "") : `${lines.length} problems in the manifests:\n- ${lines.join("\n- ")}`,
    );
    this.name = "ManifestError";
    this.problems = problems;
  }
}

function checkObject(value: unknown, source: Source, problems: ManifestError["problems"]): ManifestObject | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push({ source, message: "a manifest document must be a mapping (an object)" });
    return undefined;
  }
  const object = value as Partial<KubeObject>;
  const missing = [
    typeof object.apiVersion === "string" && object.apiVersion !== "" ? undefined : "apiVersion",
    typeof object.kind === "string" && object.kind !== "" ? undefined : "kind",
    typeof object.metadata?.name === "string" && object.metadata.name !== "" ? undefined : "metadata.name",
  ].filter((field) => field !== undefined);
  if (missing.length > 0) {
    const extra =
      object.metadata?.generateName !== undefined
        ? " (generateName cannot be used with server-side apply: give the object a name)"
        : "";
    problems.push({ source, message: `${object.kind ?? "object"} is missing ${missing.join(", ")}${extra}` });
    return undefined;
  }
  const full = object as KubeObject;
  const invalid = [...identityProblems(full), ...(isSecret(full) ? secretProblems(full) : [])];
  if (invalid.length > 0) {
    problems.push({ source, message: invalid.join("; ") });
    return undefined;
  }
  return {
    object: full,
    ref: {
      apiVersion: full.apiVersion,
      kind: full.kind,
      name: full.metadata.name ?? "",
      ...(typeof full.metadata.namespace === "string" ? { namespace: full.metadata.namespace } : {}),
    },
    source,
  };
}

/** The 1-based line where a YAML node starts. */
function lineOf(node: YamlNode | null | undefined, lines: LineCounter, fallback: number): number {
  const offset = node?.range?.[0];
  return offset === undefined ? fallback : lines.linePos(offset).line;
}

/**
 * One document's value: a `kind: …List` spreads into its items, each at its own line (`itemLine`),
 * anything else is one object at the document's line.
 */
function addDocument(
  value: unknown,
  source: Source,
  itemLine: (index: number) => number,
  objects: ManifestObject[],
  problems: ManifestError["problems"],
): void {
  if (value === null || value === undefined) return;
  const kind = (value as { kind?: unknown }).kind;
  if (typeof kind === "string" && kind.endsWith("List") && Array.isArray((value as { items?: unknown }).items)) {
    (value as { items: unknown[] }).items.forEach((item, index) => {
      const object = checkObject(item, { file: source.file, line: itemLine(index) }, problems);
      if (object) objects.push(object);
    });
    return;
  }
  const object = checkObject(value, source, problems);
  if (object) objects.push(object);
}

export interface ParsedManifest {
  objects: ManifestObject[];
  problems: ManifestError["problems"];
}

export function parseManifest(text: string, file: string): ParsedManifest {
  // Most manifests are plain block YAML, which the common-subset reader takes ~10× faster than
  // `yaml`; anything else in the file (or any error) and the whole file goes to `yaml` below.
  const common = readCommonYaml(text);
  if (common === undefined) return parseWithYaml(text, file);
  const objects: ManifestObject[] = [];
  const problems: ManifestError["problems"] = [];
  for (const doc of common) {
    const itemLine = (index: number) => doc.itemLines?.[index] ?? doc.line;
    addDocument(doc.value, { file, line: doc.line }, itemLine, objects, problems);
  }
  return { objects, problems };
}

/** parseManifest by the `yaml` package alone: for what the common reader does not take, and its tests. */
export function parseWithYaml(text: string, file: string): ParsedManifest {
  const objects: ManifestObject[] = [];
  const problems: ManifestError["problems"] = [];
  const lines = new LineCounter();
  // Documents are composed one at a time and dropped once converted, instead of all held at once
  // (parseAllDocuments): the syntax trees of a large file are most of the parse's memory.
  // YAML 1.1, as kubectl reads manifests: `defaultMode: 0400` is octal (256), `yes` is true. No
  // console warnings: `yaml` would print a mapping used as a key, secrets and all, on stderr.
  const documents = new Composer({ version: "1.1", prettyErrors: false, logLevel: "error" }).compose(
    new Parser(lines.addNewLine).parse(text),
  );
  const report = (found: YamlProblem[]) => {
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
    if (doc.contents === null) continue; // empty document or comments only
    const line = lineOf(doc.contents, lines, 1);
    let value: unknown;
    try {
      value = doc.toJS();
    } catch (error) {
      // An alias with no anchor before it fails the conversion. Looked for only then: walking every
      // document for aliases cost a tenth of the parse of a large file.
      const unresolved = unresolvedAliases(doc, lines);
      report(unresolved.length > 0 ? unresolved : [conversionProblem(error, doc, lines)]);
      continue;
    }
    const itemsNode = isMap(doc.contents) ? doc.contents.get("items", true) : undefined;
    const itemLine = (index: number) =>
      lineOf(isSeq(itemsNode) ? (itemsNode.items[index] as YamlNode | undefined) : undefined, lines, line);
    addDocument(value, { file, line }, itemLine, objects, problems);
  }
  return { objects, problems };
}

// A large file is parsed a piece of whole documents at a time, and the event loop runs between the
// pieces: the run's first requests (identity, discovery, the ApplySet) are sent before the manifests
// are read, and their TLS handshake and answers progress during the parse instead of after it.
const pieceLength = 64 * 1024;
// A line that starts a document: `---` alone or followed by white space. Nothing else can start a line
// with it (YAML forbids it in scalars), so each piece is whole documents, read as they would be in
// the whole file. Directives (`%YAML`) belong to the document after them: such files are not split.
const documentStart = /^---(?=[ \t\r\n]|$)/gm;

/** `text` cut before document starts into pieces of about `pieceLength`, each with the line it starts on. */
export function documentPieces(text: string): { text: string; firstLine: number }[] {
  if (text.length <= pieceLength || /^%/m.test(text)) return [{ text, firstLine: 1 }];
  const pieces: { text: string; firstLine: number }[] = [];
  let start = 0;
  let firstLine = 1;
  for (const match of text.matchAll(documentStart)) {
    if (match.index - start < pieceLength) continue;
    const piece = text.slice(start, match.index);
    pieces.push({ text: piece, firstLine });
    for (let at = piece.indexOf("\n"); at !== -1; at = piece.indexOf("\n", at + 1)) firstLine++;
    start = match.index;
  }
  pieces.push({ text: text.slice(start), firstLine });
  return pieces;
}

/** parseManifest a piece at a time (see `pieceLength`), yielding to the event loop between pieces. */
async function parseInPieces(text: string, file: string): Promise<ParsedManifest> {
  const objects: ManifestObject[] = [];
  const problems: ManifestError["problems"] = [];
  const moved = (source: Source, by: number): Source => ({ ...source, line: source.line + by });
  for (const piece of documentPieces(text)) {
    if (piece.firstLine > 1) await new Promise((resolve) => setImmediate(resolve));
    const parsed = parseManifest(piece.text, file);
    const by = piece.firstLine - 1;
    objects.push(...parsed.objects.map((o) => (by === 0 ? o : { ...o, source: moved(o.source, by) })));
    problems.push(...parsed.problems.map((p) => (by === 0 || !p.source ? p : { ...p, source: moved(p.source, by) })));
  }
  return { objects, problems };
}

/** Loads every manifest; throws ManifestError listing every problem found. */
export async function loadManifests(entries: readonly string[], workspace: string): Promise<ManifestObject[]> {
  const { files, problems: findProblems } = await findManifestFiles(entries, workspace);
  const problems: ManifestError["problems"] = findProblems.map((message) => ({ source: undefined, message }));
  const objects: ManifestObject[] = [];
  const nested: string[] = [];
  for (const file of files) {
    const shown = displayPath(file.path, workspace);
    if (file.kustomization !== undefined) {
      // loaded only when a kustomization is present: plain manifests never read the WebAssembly module
      const { renderKustomization } = await import("./kustomize/render.ts");
      const rendered = await renderKustomization(file.path, file.kustomization.boundary, workspace);
      objects.push(...rendered.objects);
      problems.push(...rendered.problems);
      continue;
    }
    const reason = unrenderedReason(file.path);
    if (reason === kustomizationReason) {
      nested.push(displayPath(dirname(file.path), workspace));
      continue;
    }
    if (reason !== undefined) {
      const dir = displayPath(dirname(file.path), workspace);
      problems.push({ source: undefined, message: `${dir} is ${reason} (found ${shown})` });
      continue;
    }
    const text = await readFile(file.real, "utf8").catch((error: unknown) => {
      problems.push({
        source: undefined,
        message: `${shown} cannot be read (${(error as { code?: string }).code ?? "error"})`,
      });
      return undefined;
    });
    if (text === undefined) continue;
    const parsed = await parseInPieces(text, shown);
    objects.push(...parsed.objects);
    problems.push(...parsed.problems);
  }
  if (nested.length > 0) {
    // never their YAML applied as plain manifests: a base and its overlays would collide
    const example = nested.find((dir) => dir.includes("overlays")) ?? nested[0] ?? "";
    problems.push({
      source: undefined,
      message:
        `manifests: a directory holds the kustomizations ${nested.join(", ")}: name the one to deploy ` +
        `(for example \`manifests: ${example}\`), and kubeship renders it as \`kubectl apply -k\` would`,
    });
  }
  if (problems.length > 0) throw new ManifestError(problems);
  return objects;
}
