const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

// src/credentials/export/names.ts
import { randomBytes } from "node:crypto";
import { basename, join } from "node:path";
var kubeconfigName = /^kubeship-kubeconfig-([0-9a-f]+)\.yaml$/;
var cacheName = /^kubeship-credential-([0-9a-f]+)\.json(\.[0-9a-f]+)?$/;
function newFileId() {
  return randomBytes(6).toString("hex");
}
function kubeconfigFile(dir, id) {
  return join(dir, `kubeship-kubeconfig-${id}.yaml`);
}
function cacheFile(dir, id) {
  return join(dir, `kubeship-credential-${id}.json`);
}
function transientKubeconfigPath(dir) {
  return kubeconfigFile(dir, newFileId());
}
function fileIdOf(kubeconfigPath) {
  return kubeconfigName.exec(basename(kubeconfigPath))?.[1];
}

export {
  kubeconfigName,
  cacheName,
  newFileId,
  cacheFile,
  transientKubeconfigPath,
  fileIdOf
};
