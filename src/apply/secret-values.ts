// The values a Secret holds, in every form a log line could show them: its `data` (base64 and decoded),
// its `stringData` (plain and base64), line by line for multi-line values, and the same for the copy
// kubectl's client-side apply keeps in the last-applied-configuration annotation.
import { isSecret, type KubeObject } from "../kube/types.ts";

export const lastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

/** Shorter values would mask common words all over the log. */
const shortest = 3;

function valuesOf(object: Partial<KubeObject>): string[] {
  const forms: string[] = [];
  for (const [field, encoded] of [
    ["data", true],
    ["stringData", false],
  ] as const) {
    const values = object[field];
    if (typeof values !== "object" || values === null) continue;
    for (const value of Object.values(values as Record<string, unknown>)) {
      if (typeof value !== "string" || value.length < shortest) continue;
      const plain = encoded ? Buffer.from(value, "base64").toString("utf8") : value;
      const base64 = encoded ? value : Buffer.from(value).toString("base64");
      forms.push(plain, base64, ...plain.split("\n"));
    }
  }
  return forms;
}

/** Every form of every value of a Secret (nothing for other kinds), to register with the log's masking. */
export function secretValueForms(object: KubeObject): string[] {
  if (!isSecret(object)) return [];
  const forms = valuesOf(object);
  const lastApplied = object.metadata.annotations?.[lastAppliedAnnotation];
  if (lastApplied !== undefined) {
    forms.push(lastApplied);
    try {
      forms.push(...valuesOf(JSON.parse(lastApplied) as Partial<KubeObject>));
    } catch {
      // not JSON: masked whole above
    }
  }
  return [...new Set(forms.map((form) => form.trim()).filter((form) => form.length >= shortest))];
}
