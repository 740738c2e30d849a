const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  describeRef
} from "./chunk-5BGRW4SM.js";
import {
  require_dist
} from "./chunk-SLGBTRB5.js";
import {
  __toESM
} from "./chunk-RCV5BOJ3.js";

// src/report/cause.ts
function termination(t) {
  const parts = [
    t.reason ?? "terminated",
    t.exitCode === void 0 ? void 0 : `exit code ${t.exitCode}`,
    t.signal === void 0 ? void 0 : `signal ${t.signal}`
  ];
  const text2 = parts.filter((p) => p !== void 0).join(", ");
  return t.message ? `${text2}: ${t.message.trim().split("\n").slice(-3).join(" / ")}` : text2;
}
function causeHeadline(cause) {
  const where = [
    cause.pod === void 0 ? void 0 : `pod ${cause.pod}`,
    cause.container === void 0 ? void 0 : `container ${cause.container}`
  ].filter((p) => p !== void 0);
  return `${cause.reason}${where.length === 0 ? "" : ` (${where.join(", ")})`}${cause.message === "" ? "" : `: ${cause.message}`}`;
}
function causeDetails(cause) {
  const lines = [];
  if (cause.lastTermination !== void 0) lines.push(`last termination: ${termination(cause.lastTermination)}`);
  for (const e of cause.events ?? [])
    lines.push(`event ${e.object} ${e.reason}${e.count > 1 ? ` (\xD7${e.count})` : ""}: ${e.message}`);
  if (cause.fix !== void 0) lines.push(`fix: ${cause.fix}`);
  return lines;
}

// src/report/markdown.ts
var inlineMarkup = /[\\`*_[\]<>&|~]/g;
var autolinks = /(:)(?=\/\/)|(?<=\bwww)(\.)|(@)/gi;
var blockStart = /^(\s*)([#>+\-=]|\d+(?=[.)]))/;
function oneLine(text2) {
  return text2.replace(/[\r\n\u2028\u2029]+/g, " ");
}
function text(value) {
  return oneLine(value).replace(inlineMarkup, "\\$&").replace(autolinks, "\\$&").replace(
    blockStart,
    (_match, space, start) => `${space}${/\d/.test(start) ? `${start}\\` : `\\${start}`}`
  );
}
function longestRun(value, char) {
  let longest = 0;
  let run = 0;
  for (const c of value) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
function code(value, where = "prose") {
  const content = oneLine(value);
  const fence = "`".repeat(longestRun(content, "`") + 1);
  const padded = /^[` ]|[` ]$/.test(content) ? ` ${content} ` : content;
  return `${fence}${where === "table" ? padded.replace(/\|/g, "\\|") : padded}${fence}`;
}
function codeBlock(lines, language = "") {
  const fence = "`".repeat(Math.max(3, ...lines.map((line) => longestRun(line, "`") + 1)));
  return [`${fence}${language}`, ...lines.map((line) => line.replace(/\r/g, "\u240D")), fence];
}
var htmlEntities = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
function html(value) {
  return oneLine(value).replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c);
}

// src/report/rbac.ts
var import_yaml = __toESM(require_dist(), 1);
function resourceName(row) {
  const resource = row.subresource === void 0 ? row.resource : `${row.resource}/${row.subresource}`;
  return row.group === "" ? resource : `${resource}.${row.group}`;
}
function permissionTable(rows) {
  const header = ["VERB", "RESOURCE", "NAMESPACE", "NAME", "NEEDED FOR"];
  const body = rows.map((r) => {
    const neededFor = r.detail === void 0 ? r.neededFor : `${r.neededFor}: ${r.detail}`;
    return [r.verb, resourceName(r), r.namespace ?? "(cluster)", r.name ?? "(all)", neededFor];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? "").length)));
  const line = (cells) => cells.map((c, i) => i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)).join("  ");
  return [line(header), ...body.map(line)].join("\n");
}
function rbacManifest(objects) {
  return objects.map((object) => (0, import_yaml.stringify)(object, { lineWidth: 0 })).join("---\n");
}

// src/report/failure.ts
function describeRollback(r) {
  if (r.revision === void 0) return `not rolled back: ${r.message}`;
  const how = r.outcome === "ready" ? "rolled out" : `${r.outcome ?? "timeout"}${r.message === "" ? "" : `: ${r.message}`}`;
  return `rolled back to revision ${r.revision} (${how})`;
}
function causeInHeadline(f) {
  return f.kind === "rollout" && f.outcome === "failed" && f.cause !== void 0;
}
function failureHeadline(f) {
  const what = f.ref === void 0 ? f.summary : `${describeRef(f.ref)} ${f.summary}`;
  if (f.kind === "rollout") {
    const state = causeInHeadline(f) && f.cause !== void 0 ? causeHeadline(f.cause) : f.status;
    return state === void 0 || state === "" ? what : `${what}: ${state}`;
  }
  if ((f.kind === "apply" || f.kind === "dependency") && f.cause?.fix !== void 0)
    return `${what}. Fix: ${f.cause.fix}`;
  return what;
}
function detailLines(f) {
  const lines = [];
  if (f.kind === "rollout" && f.cause !== void 0) {
    if (!causeInHeadline(f)) lines.push(`why: ${causeHeadline(f.cause)}`);
    lines.push(...causeDetails(f.cause));
  }
  if (f.rollback !== void 0) lines.push(describeRollback(f.rollback));
  return lines;
}
function permissionBlocks(f) {
  if (f.missingPermissions === void 0 || f.missingPermissions.length === 0) return void 0;
  const objects = f.grant?.objects ?? [];
  const intro = f.grant?.to === void 0 ? "To grant them, bind these roles to the deploying identity and apply them (kubectl apply -f):" : `To grant them to ${f.grant.to}, apply this (kubectl apply -f):`;
  const grant = objects.length === 0 ? [] : rbacManifest(objects).trimEnd().split("\n");
  return { table: permissionTable(f.missingPermissions).split("\n"), intro, grant };
}
function failureDetails(f) {
  const permissions = permissionBlocks(f);
  if (permissions === void 0) return detailLines(f);
  const grant = permissions.grant.length === 0 ? [] : [permissions.intro, ...permissions.grant];
  return [...detailLines(f), ...permissions.table, ...grant];
}
function failureText(f) {
  return [failureHeadline(f), ...failureDetails(f)].join("\n");
}
function failureMarkdown(f) {
  const where = f.source === void 0 ? "" : ` (${code(`${f.source.file}:${f.source.line}`)})`;
  const headline = text(failureHeadline(f));
  const first = f.ref === void 0 ? `${headline}${where}` : `**${text(describeRef(f.ref))}**${where}: ${headline}`;
  const nested = (lines) => lines.map((line) => `  ${line}`);
  const permissions = permissionBlocks(f);
  const blocks = permissions === void 0 ? [] : [
    "",
    ...nested(codeBlock(permissions.table)),
    ...permissions.grant.length === 0 ? [] : ["", `  ${text(permissions.intro)}`, "", ...nested(codeBlock(permissions.grant, "yaml"))]
  ];
  return [`- ${first}`, ...detailLines(f).map((d) => `  - ${text(d)}`), ...blocks];
}
function logFailures(result, log) {
  for (const f of result.failures) log.error(failureText(f), f.source);
}

export {
  text,
  code,
  codeBlock,
  html,
  describeRollback,
  failureHeadline,
  failureDetails,
  failureText,
  failureMarkdown,
  logFailures
};
