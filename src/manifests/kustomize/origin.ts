// Sources for rendered objects. With buildMetadata [originAnnotations] kustomize (api v0.21.1) records
// in config.kubernetes.io/origin where each object came from: `path` (the resource file, relative to
// the kustomization rendered) or, for generated objects, `configuredIn` (the kustomization holding
// the generator) with `configuredBy`. kustomize records no line: kubeship finds the object's document
// in that file, and a generator's entry in the kustomization. The annotation is removed before the
// object goes further, so what is applied is what `kubectl kustomize` renders.
import { isMap, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { resolve } from "node:path";
import type { KubeObject } from "../../kube/types.ts";
import { displayPath } from "../files.ts";
import { parseManifest, type ManifestObject, type Source } from "../load.ts";

export const originAnnotation = "config.kubernetes.io/origin";

interface Origin {
  path?: string;
  configuredIn?: string;
  configuredBy?: { kind?: string };
}

function parseOrigin(text: string): Origin {
  try {
    const value = parseDocument(text).toJS() as unknown;
    return typeof value === "object" && value !== null ? value : {};
  } catch {
    return {};
  }
}

/** Takes the origin annotation off `object` (and an annotations map it leaves empty); returns its value. */
export function takeOrigin(object: KubeObject): Origin | undefined {
  const annotations = object.metadata.annotations;
  const text = annotations?.[originAnnotation];
  if (annotations === undefined || text === undefined) return undefined;
  delete annotations[originAnnotation];
  if (Object.keys(annotations).length === 0) delete object.metadata.annotations;
  return parseOrigin(text);
}

/** The files handed to kustomize, for the sources of one render's objects. */
export interface HandedFiles {
  /** a file's text as handed to kustomize */
  text(path: string): string | undefined;
  /** the objects a handed file defines: parsed once, however many rendered objects came from it */
  objects(path: string, file: string): ManifestObject[];
}

export function handedFiles(read: (path: string) => string | undefined): HandedFiles {
  const parsed = new Map<string, ManifestObject[]>();
  return {
    text: read,
    objects(path, file) {
      let objects = parsed.get(path);
      if (objects === undefined) {
        objects = parseManifest(read(path) ?? "", file).objects;
        parsed.set(path, objects);
      }
      return objects;
    },
  };
}

/** The line of the document among `defined` that defined `object`: same kind, and the name kustomize started from. */
function resourceLine(defined: ManifestObject[], object: KubeObject): number {
  const candidates = defined.filter((o) => o.ref.kind === object.kind);
  const rendered = object.metadata.name ?? "";
  // prefixes, suffixes and hashes only add to a name: the longest original name inside the rendered one
  const named = candidates
    .filter((o) => rendered.includes(o.ref.name))
    .sort((a, b) => b.ref.name.length - a.ref.name.length);
  return (named[0] ?? (candidates.length === 1 ? candidates[0] : undefined))?.source.line ?? 1;
}

/** The line of the generator entry in a kustomization that made `object`. */
function generatorLine(text: string, object: KubeObject, kind: string | undefined): number {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const field = kind === "SecretGenerator" ? "secretGenerator" : "configMapGenerator";
  const list = isMap(doc.contents) ? doc.contents.get(field, true) : undefined;
  if (!isSeq(list)) return 1;
  const rendered = object.metadata.name ?? "";
  let best: { line: number; length: number } | undefined;
  for (const item of list.items as YamlNode[]) {
    const name = isMap(item) ? item.get("name") : undefined;
    if (typeof name !== "string" || !rendered.includes(name)) continue;
    if (best === undefined || name.length > best.length) {
      best = { line: lines.linePos(item.range?.[0] ?? 0).line, length: name.length };
    }
  }
  return best?.line ?? 1;
}

/**
 * The source of an object rendered from the kustomization in `root`: its file and line, from the
 * origin kustomize recorded; `fallback` when it recorded none.
 */
export function sourceOf(
  origin: Origin | undefined,
  object: KubeObject,
  root: string,
  workspace: string,
  files: HandedFiles,
  fallback: Source,
): Source {
  const relativePath = origin?.path ?? origin?.configuredIn;
  if (origin === undefined || relativePath === undefined) return fallback;
  const path = resolve(root, relativePath);
  const file = displayPath(path, workspace);
  const text = files.text(path);
  if (text === undefined) return { file, line: 1 };
  const line =
    origin.path !== undefined
      ? resourceLine(files.objects(path, file), object)
      : generatorLine(text, object, origin.configuredBy?.kind);
  return { file, line };
}
