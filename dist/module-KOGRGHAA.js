const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  compileKustomize,
  runKustomize
} from "./chunk-ZHY67O7I.js";
import "./chunk-RCV5BOJ3.js";
export {
  compileKustomize,
  runKustomize
};
