import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  assemble,
  failuresOf
} from "./chunk-DQGL7XWA.js";
import "./chunk-CWJ6DTZ7.js";
import "./chunk-HSZRV7M6.js";
import "./chunk-YTNE3OVG.js";
import "./chunk-ZJKNKV5H.js";
import "./chunk-ISHUDBLZ.js";
import "./chunk-MSKQSLED.js";
import "./chunk-P5KS3NRE.js";
import "./chunk-XITDUTR7.js";
export {
  assemble,
  failuresOf
};
