// The committed bundles' import graph, read from dist/: which of dist/'s files an entry point loads.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./action.ts";

export const dist = join(repoRoot, "dist");
export const bundleText = (file: string) => readFileSync(join(dist, file), "utf8");

/**
 * The files `entry` loads at start, itself included; with `dynamic`, also those it may load later
 * (bundles it imports and other files it reads beside itself).
 */
export function closure(entry: string, dynamic = false): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = bundleText(file);
    for (const match of source.matchAll(/^(?:import|export)\s[^;]*?"\.\/([^"]+\.js)";?$/gm)) visit(match[1] ?? "");
    if (!dynamic) return;
    for (const match of source.matchAll(/import\("\.\/([^"]+\.js)"\)/g)) visit(match[1] ?? "");
    // files read beside the bundle when needed (undici's HTTP/1.1 parser, scripts/build.ts)
    for (const match of source.matchAll(/besideTheBundle\("\.\/([^"]+)"\)/g)) seen.add(match[1] ?? "");
  };
  visit(entry);
  return [...seen];
}
