import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  require_dist
} from "./chunk-MSKQSLED.js";
import "./chunk-XITDUTR7.js";
export default require_dist();
