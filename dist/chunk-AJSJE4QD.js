const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);
import {
  debug,
  error,
  setSecret,
  warning
} from "./chunk-TIT2UEBJ.js";
import {
  placePrefix
} from "./chunk-J5R73K3K.js";

// src/report/workflow-log.ts
import { randomBytes } from "node:crypto";
function runnerLines(text) {
  return text.split(/\r\n|\r|\n/);
}
function mayBeCommand(line) {
  return line.includes("::") || line.includes("##[");
}
function workflowLog(out, newToken = () => randomBytes(16).toString("hex")) {
  return {
    write(text) {
      const lines = runnerLines(text);
      const body = `${lines.join("\n")}
`;
      if (!lines.some(mayBeCommand)) return out(body);
      const token = newToken();
      out(`::stop-commands::${token}
${body}::${token}::
`);
    }
  };
}

// src/report/actions-log.ts
var plain = workflowLog((chunk) => process.stdout.write(chunk));
function annotationOf(source) {
  return source === void 0 || source.file === "" ? {} : { file: source.file, startLine: source.line };
}
var actionsLog = {
  info: (message) => plain.write(message),
  debug: (message) => debug(message),
  // The place leads the line as well: a reader of the raw log, or of a file outside the repository
  // (where GitHub shows no annotation), learns it only from the text.
  warning: (message, source) => warning(`${placePrefix(source)}${message}`, annotationOf(source)),
  error: (message, source) => error(`${placePrefix(source)}${message}`, annotationOf(source)),
  mask: (secret) => setSecret(secret)
};

export {
  plain,
  actionsLog
};
