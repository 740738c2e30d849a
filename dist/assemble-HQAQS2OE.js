const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  assemble,
  failuresOf
} from "./chunk-ZM2QO53G.js";
import "./chunk-TXK4WG2K.js";
import "./chunk-556F4GKA.js";
import "./chunk-M5WADX4M.js";
import "./chunk-FY6K4G6S.js";
import "./chunk-QDKITORN.js";
import "./chunk-SLGBTRB5.js";
import "./chunk-LR26H2VH.js";
import "./chunk-RCV5BOJ3.js";
export {
  assemble,
  failuresOf
};
