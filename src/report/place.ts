// Where a message comes from, as compilers print it: `k8s/app.yaml:12: ` before the message.
import type { Source } from "../manifests/load.ts";

export function placePrefix(source: Source | undefined): string {
  return source === undefined || source.file === "" ? "" : `${source.file}:${source.line}: `;
}
