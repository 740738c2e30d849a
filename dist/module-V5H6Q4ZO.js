import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  compileKustomize,
  runKustomize
} from "./chunk-4LL2AKXJ.js";
import "./chunk-XITDUTR7.js";
export {
  compileKustomize,
  runKustomize
};
