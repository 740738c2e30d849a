// The manifests bench/apply.ts applies (and bench/parse.ts parses): Namespaces and, in each, ConfigMaps,
// Services and Deployments written with flow collections, as generators often write them.

/**
 * What each namespace holds: `mixed` (the default) has Deployments, whose creation costs the server most;
 * `configmaps` is the cheapest object to create, where the distance and the client decide the time.
 */
export const mixes = {
  mixed: { ConfigMap: 34, Service: 33, Deployment: 33 },
  configmaps: { ConfigMap: 100, Service: 0, Deployment: 0 },
};
export type Mix = keyof typeof mixes;
export type PerNamespace = (typeof mixes)[Mix];

/** `objects` objects in `objects / 100` namespaces (at least one), besides the Namespaces themselves. */
export function applyDocuments(
  prefix: string,
  objects: number,
  perNamespace: PerNamespace,
): { nsDocs: string[]; docs: string[]; namespaces: string[] } {
  const docs: string[] = [];
  const nsDocs: string[] = [];
  const namespaces = Array.from({ length: Math.max(1, Math.round(objects / 100)) }, (_, n) => `${prefix}-${n}`);
  for (const ns of namespaces) {
    nsDocs.push(`apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}\n`);
    for (let i = 0; i < perNamespace.ConfigMap; i++) {
      docs.push(
        "apiVersion: v1\nkind: ConfigMap\n" +
          `metadata: {name: config-${i}, namespace: ${ns}, labels: {app: bench}}\n` +
          `data: {index: "${i}", text: "${"x".repeat(200)}"}\n`,
      );
    }
    for (let i = 0; i < perNamespace.Service; i++) {
      docs.push(
        `apiVersion: v1\nkind: Service\nmetadata: {name: svc-${i}, namespace: ${ns}}\n` +
          `spec:\n  selector: {app: web-${i}}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n`,
      );
    }
    for (let i = 0; i < perNamespace.Deployment; i++) {
      // replicas: 0 keeps the controllers from creating pods that would load the 2-core machine between runs
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web-${i}, namespace: ${ns}}\n` +
          `spec:\n  replicas: 0\n  selector: {matchLabels: {app: web-${i}}}\n  template:\n` +
          `    metadata: {labels: {app: web-${i}}}\n    spec:\n      containers:\n      - name: web\n` +
          `        image: registry.example/web:1.0.${i}\n        ports: [{containerPort: 8080}]\n` +
          "        resources: {requests: {cpu: 10m, memory: 16Mi}}\n",
      );
    }
  }
  return { nsDocs, docs, namespaces };
}
