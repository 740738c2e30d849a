const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  describeRollback,
  failureDetails,
  failureHeadline,
  failureMarkdown,
  failureText,
  logFailures
} from "./chunk-ZSQWN5RO.js";
import "./chunk-5BGRW4SM.js";
import "./chunk-SLGBTRB5.js";
import "./chunk-RCV5BOJ3.js";
export {
  describeRollback,
  failureDetails,
  failureHeadline,
  failureMarkdown,
  failureText,
  logFailures
};
