const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

// src/manifests/kustomization-file.ts
import { stat } from "node:fs";
import { join } from "node:path";
var statOf = (path) => new Promise((resolve) => stat(path, (error, info) => resolve(error === null ? info : void 0)));
async function kustomizationFile(dir) {
  for (const name of ["kustomization.yaml", "kustomization.yml", "Kustomization"]) {
    const info = await statOf(join(dir, name));
    if (info?.isFile() === true) return join(dir, name);
  }
  return void 0;
}

// src/kube/names.ts
var dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
var dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function isNamespaceName(value) {
  return value.length <= 63 && dns1123Label.test(value);
}

export {
  dns1123Subdomain,
  isNamespaceName,
  kustomizationFile
};
