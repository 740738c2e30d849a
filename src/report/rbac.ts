// Missing permissions in words: the aligned table of what is missing, and the RBAC manifest that grants
// it, printed so that `kubectl apply -f` takes it as it is.
import { stringify } from "yaml";
import type { MissingPermission, PermissionRow } from "../apply/permissions.ts";
import type { KubeObject } from "../kube/types.ts";

/** `deployments.apps`, `configmaps`: how kubectl names a resource. */
function resourceName(row: PermissionRow): string {
  const resource = row.subresource === undefined ? row.resource : `${row.resource}/${row.subresource}`;
  return row.group === "" ? resource : `${resource}.${row.group}`;
}

/** One aligned table of missing permissions, for the log and the error. */
export function permissionTable(rows: readonly MissingPermission[]): string {
  const header = ["VERB", "RESOURCE", "NAMESPACE", "NAME", "NEEDED FOR"];
  const body = rows.map((r) => {
    const neededFor = r.detail === undefined ? r.neededFor : `${r.neededFor}: ${r.detail}`;
    return [r.verb, resourceName(r), r.namespace ?? "(cluster)", r.name ?? "(all)", neededFor];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ");
  return [line(header), ...body.map(line)].join("\n");
}

/** The objects as one multi-document YAML manifest. */
export function rbacManifest(objects: readonly KubeObject[]): string {
  return objects.map((object) => stringify(object, { lineWidth: 0 })).join("---\n");
}
