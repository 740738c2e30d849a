// What the API server would refuse, checked before anything is sent, so that one bad object stops the
// deploy before any other is written: every object's identity (the name and namespace become segments
// of the request's path, so a name of "..", or one holding "/" or "%", would address another resource
// than the object's own), and the shape of a Secret's values. Kind-specific name rules (DNS subdomains
// for most kinds) stay the server's to judge.

import { dns1123Subdomain, isNamespaceName } from "../kube/names.ts";

const kindPattern = /^[A-Za-z][A-Za-z0-9]*$/;
const versionPattern = /^[a-z0-9]+$/;

/** `v1`, `apps/v1`, `example.com/v1beta1`: an optional DNS-1123 subdomain as the group, then the version. */
function isApiVersion(value: string): boolean {
  const [groupOrVersion = "", version, ...rest] = value.split("/");
  if (version === undefined) return versionPattern.test(groupOrVersion);
  return rest.length === 0 && dns1123Subdomain.test(groupOrVersion) && versionPattern.test(version);
}
const longestName = 253;

/** JSON-quoted, so that whatever a name holds is shown as characters, never as a line break. */
function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/** The problems with an object's apiVersion, kind, name and namespace (none when they can be sent). */
export function identityProblems(object: {
  apiVersion: string;
  kind: string;
  metadata: { name?: unknown; namespace?: unknown };
}): string[] {
  const problems: string[] = [];
  if (!isApiVersion(object.apiVersion))
    problems.push(`apiVersion ${shown(object.apiVersion)} is not GROUP/VERSION or VERSION (for example apps/v1)`);
  if (!kindPattern.test(object.kind))
    problems.push(`kind ${shown(object.kind)} is not a kind name (letters and digits, for example ConfigMap)`);
  const { name, namespace } = object.metadata;
  if (typeof name === "string") {
    if (name === "." || name === ".." || /[/%]/.test(name))
      problems.push(`metadata.name ${shown(name)} may not be "." or "..", nor contain "/" or "%"`);
    else if (name.length > longestName || /[\s\p{Cc}]/u.test(name))
      problems.push(`metadata.name ${shown(name)} must be at most ${longestName} characters, without spaces`);
  }
  if (namespace !== undefined && (typeof namespace !== "string" || !isNamespaceName(namespace)))
    problems.push(
      `metadata.namespace ${shown(typeof namespace === "string" ? namespace : (JSON.stringify(namespace) ?? ""))} is not a namespace name (at most 63 lower-case letters, digits and "-")`,
    );
  return problems;
}

const base64Pattern = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The problems with a v1 Secret's `data` and `stringData`, naming keys only: the values are secrets. */
export function secretProblems(object: object & { data?: unknown; stringData?: unknown }): string[] {
  const problems: string[] = [];
  for (const field of ["data", "stringData"] as const) {
    const values = object[field];
    if (values === undefined || values === null) continue;
    if (typeof values !== "object" || Array.isArray(values)) {
      problems.push(`${field} must be a mapping of keys to values`);
      continue;
    }
    for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
      if (value !== null && typeof value !== "string") problems.push(`${field}.${shown(key)} must be a string`);
      else if (field === "data" && typeof value === "string" && !base64Pattern.test(value.replace(/\s/g, "")))
        problems.push(`data.${shown(key)} is not base64 (use stringData for plain text)`);
    }
  }
  return problems;
}
