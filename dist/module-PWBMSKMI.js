const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  readyKustomize,
  runKustomize
} from "./chunk-L62ALCS7.js";
import "./chunk-RCV5BOJ3.js";
export {
  readyKustomize,
  runKustomize
};
