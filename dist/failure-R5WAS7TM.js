import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);
import {
  describeRollback,
  failureDetails,
  failureHeadline,
  failureMarkdown,
  failureText,
  logFailures
} from "./chunk-LHQET2UU.js";
import "./chunk-ISHUDBLZ.js";
import "./chunk-MSKQSLED.js";
import "./chunk-XITDUTR7.js";
export {
  describeRollback,
  failureDetails,
  failureHeadline,
  failureMarkdown,
  failureText,
  logFailures
};
