// Plan mode, for humans: per-object diffs in a ```diff block, objects to create shown whole, and
// what pruning would delete, first and prominently. Secret values arrive here already redacted.
import { stringify } from "yaml";
import type { DiffLine } from "../apply/diff.ts";
import { describeRef } from "../kube/types.ts";
import type { ObjectResult, RunResult } from "../result.ts";
import { code, codeBlock, html, text } from "./markdown.ts";

function show(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** `- path: old` / `+ path: new` lines. */
export function diffLines(lines: readonly DiffLine[]): string[] {
  return lines.flatMap((line) => [
    ...(line.op !== "add" ? [`- ${line.path}: ${show(line.before)}`] : []),
    ...(line.op !== "remove" ? [`+ ${line.path}: ${show(line.after)}`] : []),
  ]);
}

/** The lines that show one object's planned change. */
export function objectChangeLines(o: ObjectResult): string[] {
  if (o.created !== undefined)
    return stringify(o.created)
      .trimEnd()
      .split("\n")
      .map((l) => `+ ${l}`);
  return diffLines(o.diff ?? []);
}

export function planCounts(result: RunResult): { create: number; change: number; unchanged: number; prune: number } {
  return {
    create: result.objects.filter((o) => o.action === "created").length,
    change: result.objects.filter((o) => o.action === "configured").length,
    unchanged: result.objects.filter((o) => o.action === "unchanged").length,
    prune: result.pruned.filter((p) => p.kept === undefined).length,
  };
}

export function planHeadline(result: RunResult): string {
  const c = planCounts(result);
  return `${c.create} to create, ${c.change} to change, ${c.prune} to prune, ${c.unchanged} unchanged`;
}

/** The plan as markdown: the `diff` output and the body of the summary and PR comment. */
export function planMarkdown(result: RunResult): string {
  const out: string[] = [];
  const pruned = result.pruned.filter((p) => p.kept === undefined);
  if (pruned.length > 0) {
    out.push(
      `**⚠️ Would prune ${pruned.length} object${pruned.length === 1 ? "" : "s"}:**`,
      "",
      ...pruned.map((p) => `- ${code(describeRef(p.ref))}`),
      "",
    );
  }
  for (const kept of result.pruned.filter((p) => p.kept !== undefined))
    out.push(`- ${code(describeRef(kept.ref))} no longer in the manifests, ${text(kept.kept ?? "")}`);
  for (const o of result.objects.filter((o) => o.action !== "unchanged")) {
    // raw HTML: markdown is not read inside it, so its texts are HTML-escaped instead
    const notes = o.notes?.length ? ` — ${html(o.notes.join("; "))}` : "";
    const place = html(`${o.source.file}:${o.source.line}`);
    out.push(
      `<details><summary><code>${html(describeRef(o.ref))}</code> will be ${o.action} (<code>${place}</code>)${notes}</summary>`,
      "",
      ...codeBlock(objectChangeLines(o), "diff"),
      "</details>",
      "",
    );
  }
  return out.join("\n");
}
