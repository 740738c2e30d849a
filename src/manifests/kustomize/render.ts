// A kustomization directory named in `manifests` → ManifestObjects, as `kubectl kustomize` of kubectl
// 1.36.3 renders it (kustomize v5.8.1, compiled into dist/kustomize.wasm). kubeship reads the tree,
// refuses what it will not run, renders, and gives each object the source kustomize recorded.
import { sep } from "node:path";
import { displayPath, escapeControl } from "../files.ts";
import { kustomizationFile } from "../kustomization-file.ts";
import { parseManifest, type ManifestError, type ManifestObject } from "../load.ts";
import { runKustomize } from "./module.ts";
import { handedFiles, sourceOf, takeOrigin } from "./origin.ts";
import { readKustomizationTree } from "./tree.ts";

/** An absolute path in the module's filesystem, which is slash-separated and starts at "/". */
export function modulePath(path: string): string {
  const slashed = path.split(sep).join("/");
  return slashed.startsWith("/") ? slashed : `/${slashed}`;
}

/** kustomize's message with the module's absolute paths shown as the workspace-relative names users know. */
function shownError(error: string, workspace: string): string {
  const prefix = `${modulePath(workspace)}/`;
  return escapeControl(error.split(prefix).join("").trim());
}

export async function renderKustomization(
  dir: string,
  boundary: string,
  workspace: string,
): Promise<{ objects: ManifestObject[]; problems: ManifestError["problems"] }> {
  const shown = displayPath(dir, workspace);
  const kustomization = displayPath((await kustomizationFile(dir)) ?? dir, workspace);
  const tree = await readKustomizationTree(dir, boundary, workspace);
  if (tree.problems.length > 0) {
    return {
      objects: [],
      problems: tree.problems.map((message) => ({ source: { file: kustomization, line: 1 }, message })),
    };
  }
  const files = new Map([...tree.files].map(([path, content]) => [modulePath(path), content]));
  const outcome = await runKustomize({
    root: modulePath(dir),
    files,
    dirs: tree.dirs.map(modulePath),
    origins: true,
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
  // kustomize's output is no file a user can open: its problems (an object without apiVersion or
  // name) are shown at the kustomization, with the line in the rendered stream in the message
  const problems = parsed.problems.map((p) => ({
    source: { file: kustomization, line: 1 },
    message: `the object kustomize rendered at line ${p.source?.line ?? 1} of its output: ${p.message}`,
  }));
  return { objects, problems };
}
