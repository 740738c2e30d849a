// Where the credentials come from, first match wins: the kubeconfig input, then (auth: auto)
// KUBECONFIG, then ~/.kube/config. The chosen source is part of the Connection, for the log.
import { existsSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Connection } from "../kube/connection.ts";
import type { Settings } from "../inputs.ts";
import { connectionFromKubeconfig, CredentialsError, parseKubeconfig } from "./kubeconfig.ts";

export { CredentialsError } from "./kubeconfig.ts";

export function resolveConnection(settings: Settings): Connection {
  if (settings.kubeconfig !== undefined) {
    const origin = { source: "the kubeconfig input", baseDir: settings.workspace };
    return connectionFromKubeconfig(parseKubeconfig(settings.kubeconfig, origin), origin, settings.context);
  }
  const path = settings.kubeconfigPaths.find((p) => existsSync(p)) ?? (existsSync(settings.defaultKubeconfigPath) ? settings.defaultKubeconfigPath : undefined);
  if (path !== undefined) {
    const origin = { source: path, baseDir: dirname(path) };
    return connectionFromKubeconfig(parseKubeconfig(readFileSync(path, "utf8"), origin), origin, settings.context);
  }
  throw new CredentialsError(
    "no cluster credentials: set the kubeconfig input (for example `kubeconfig: ${{ secrets.KUBECONFIG }}`), or KUBECONFIG for the step",
  );
}
