// Where the one real install manifest on this machine is: Gateway API v1.0.0-rc1's standard install,
// in the Go module cache the test cluster was built from.
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export /** Gateway API's standard install as k8s.io/apiextensions-apiserver keeps it for its ratcheting tests. */
function gatewayApiInstall(): string | undefined {
  const cache = process.env.GOMODCACHE ?? join(process.env.GOPATH ?? join(homedir(), "go"), "pkg", "mod");
  const k8s = join(cache, "k8s.io");
  if (!existsSync(k8s)) return undefined;
  const modules = readdirSync(k8s)
    .filter((d) => d.startsWith("apiextensions-apiserver@"))
    .sort();
  for (const module of modules.reverse()) {
    const file = join(k8s, module, "test", "integration", "ratcheting_test_cases", "crds", "standard-install.yaml");
    if (existsSync(file)) return file;
  }
  return undefined;
}
