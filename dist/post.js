const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  getState,
  info,
  warning
} from "./chunk-TIT2UEBJ.js";
import {
  cacheFile,
  cacheName,
  kubeconfigName
} from "./chunk-3SKQK3M3.js";
import "./chunk-RCV5BOJ3.js";

// src/post.ts
import { readdir, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
async function removeCache(dir, name) {
  const names = await readdir(dir).catch(() => []);
  let removed = 0;
  for (const found of names.filter((n) => cacheName.test(n) && (n === name || n.startsWith(`${name}.`)))) {
    await rm(join(dir, found), { force: true });
    removed++;
  }
  return removed;
}
async function cleanUp() {
  const kubeconfigPath = getState("kubeconfig-path");
  if (kubeconfigPath === "") {
    info("kubeship: nothing to clean up (the main step wrote no transient kubeconfig)");
    return;
  }
  const name = basename(kubeconfigPath);
  const id = kubeconfigName.exec(name)?.[1];
  if (id === void 0) {
    warning("kubeship: the saved kubeconfig path does not name a file kubeship writes; nothing was removed");
    return;
  }
  const dir = dirname(kubeconfigPath);
  const caches = await removeCache(dir, basename(cacheFile(dir, id)));
  const existed = await stat(kubeconfigPath).then(
    () => true,
    () => false
  );
  await rm(kubeconfigPath, { force: true });
  const note = existed ? "" : " (a later step had removed it already)";
  const andCache = caches === 0 ? "" : " and its credential cache";
  info(`kubeship: removed the transient kubeconfig ${name}${note}${andCache}`);
}
try {
  await cleanUp();
} catch (error) {
  const code = error.code ?? "error";
  warning(`kubeship: cleaning up failed (${code}); RUNNER_TEMP is emptied when the job ends`);
}
