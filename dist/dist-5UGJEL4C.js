const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  require_dist
} from "./chunk-EETGZPBM.js";
import "./chunk-RCV5BOJ3.js";
export default require_dist();
