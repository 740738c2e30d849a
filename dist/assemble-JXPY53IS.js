const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  assemble,
  failuresOf
} from "./chunk-RSPHOEH2.js";
import "./chunk-7J76F2LG.js";
import "./chunk-74A2JGPW.js";
import "./chunk-M5WADX4M.js";
import "./chunk-FY6K4G6S.js";
import "./chunk-5BGRW4SM.js";
import "./chunk-SLGBTRB5.js";
import "./chunk-LR26H2VH.js";
import "./chunk-RCV5BOJ3.js";
export {
  assemble,
  failuresOf
};
