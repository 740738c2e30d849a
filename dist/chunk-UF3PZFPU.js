const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  code,
  codeBlock,
  html,
  text
} from "./chunk-ZSQWN5RO.js";
import {
  describeRef
} from "./chunk-5BGRW4SM.js";
import {
  require_dist
} from "./chunk-SLGBTRB5.js";
import {
  __toESM
} from "./chunk-RCV5BOJ3.js";

// src/report/plan.ts
var import_yaml = __toESM(require_dist(), 1);
function show(value) {
  return typeof value === "string" ? value : JSON.stringify(value);
}
function diffLines(lines) {
  return lines.flatMap((line) => [
    ...line.op !== "add" ? [`- ${line.path}: ${show(line.before)}`] : [],
    ...line.op !== "remove" ? [`+ ${line.path}: ${show(line.after)}`] : []
  ]);
}
function objectChangeLines(o) {
  if (o.created !== void 0)
    return (0, import_yaml.stringify)(o.created).trimEnd().split("\n").map((l) => `+ ${l}`);
  return diffLines(o.diff ?? []);
}
function planCounts(result) {
  return {
    create: result.objects.filter((o) => o.action === "created").length,
    change: result.objects.filter((o) => o.action === "configured").length,
    unchanged: result.objects.filter((o) => o.action === "unchanged").length,
    prune: result.pruned.filter((p) => p.kept === void 0).length
  };
}
function planHeadline(result) {
  const c = planCounts(result);
  return `${c.create} to create, ${c.change} to change, ${c.prune} to prune, ${c.unchanged} unchanged`;
}
function planMarkdown(result) {
  const out = [];
  const pruned = result.pruned.filter((p) => p.kept === void 0);
  if (pruned.length > 0) {
    out.push(
      `**\u26A0\uFE0F Would prune ${pruned.length} object${pruned.length === 1 ? "" : "s"}:**`,
      "",
      ...pruned.map((p) => `- ${code(describeRef(p.ref))}`),
      ""
    );
  }
  for (const kept of result.pruned.filter((p) => p.kept !== void 0))
    out.push(`- ${code(describeRef(kept.ref))} no longer in the manifests, ${text(kept.kept ?? "")}`);
  for (const o of result.objects.filter((o2) => o2.action !== "unchanged")) {
    const notes = o.notes?.length ? ` \u2014 ${html(o.notes.join("; "))}` : "";
    const place = html(`${o.source.file}:${o.source.line}`);
    out.push(
      `<details><summary><code>${html(describeRef(o.ref))}</code> will be ${o.action} (<code>${place}</code>)${notes}</summary>`,
      "",
      ...codeBlock(objectChangeLines(o), "diff"),
      "</details>",
      ""
    );
  }
  return out.join("\n");
}

export {
  objectChangeLines,
  planHeadline,
  planMarkdown
};
