// Manifests for rollout tests and benchmarks: Deployments and Jobs whose pod template picks a
// simulated behaviour (README "Test cluster"), written to a fresh workspace as a user would have them.

export interface PodTemplate {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  nodeSelector?: Record<string, string>;
  image?: string;
}

/** A pod template (labelled `app: <app>`), indented to sit under a `template:` key. */
export function podTemplateYaml(
  app: string,
  t: PodTemplate,
  indent: string,
  restartPolicy: "Always" | "Never" = "Always",
): string {
  return [
    `${indent}metadata:`,
    `${indent}  labels: ${JSON.stringify({ app, ...t.labels })}`,
    `${indent}  annotations: ${JSON.stringify(t.annotations ?? {})}`,
    `${indent}spec:`,
    ...(t.nodeSelector === undefined ? [] : [`${indent}  nodeSelector: ${JSON.stringify(t.nodeSelector)}`]),
    `${indent}  restartPolicy: ${restartPolicy}`,
    `${indent}  containers: [{name: app, image: ${t.image ?? "registry.example/app:1"}}]`,
  ].join("\n");
}

export function deploymentYaml(name: string, t: PodTemplate = {}, replicas = 1): string {
  return [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    `  replicas: ${replicas}`,
    `  selector: {matchLabels: {app: ${name}}}`,
    "  template:",
    podTemplateYaml(name, t, "    "),
    "",
  ].join("\n");
}

export function jobYaml(name: string, t: PodTemplate = {}): string {
  return [
    "apiVersion: batch/v1",
    "kind: Job",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    "  backoffLimit: 1",
    "  template:",
    podTemplateYaml(name, t, "    ", "Never"),
    "",
  ].join("\n");
}

export { workspaceWith } from "./workspace.ts";

/** A namespaced CRD of `kind` in `group`, served as v1, with `spec.size` in its schema. */
export function crdYaml(group: string, kind: string): string {
  const plural = `${kind.toLowerCase()}s`;
  return [
    "apiVersion: apiextensions.k8s.io/v1",
    "kind: CustomResourceDefinition",
    `metadata: {name: ${plural}.${group}}`,
    "spec:",
    `  group: ${group}`,
    "  scope: Namespaced",
    `  names: {kind: ${kind}, plural: ${plural}, singular: ${kind.toLowerCase()}, listKind: ${kind}List}`,
    "  versions:",
    "  - name: v1",
    "    served: true",
    "    storage: true",
    "    schema:",
    "      openAPIV3Schema:",
    "        type: object",
    "        properties:",
    "          spec: {type: object, properties: {size: {type: integer}}}",
    "",
  ].join("\n");
}
