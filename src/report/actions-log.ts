// The Log of a run under the action: plain lines on stdout, warnings and errors as the runner's
// annotations, secrets registered with the runner. Loaded at start, unlike the rest of the report.
import * as core from "@actions/core";
import type { Log } from "../log.ts";
import type { Source } from "../manifests/load.ts";
import { placePrefix } from "./place.ts";
import { workflowLog } from "./workflow-log.ts";

/** Plain lines: what kubeship prints that may carry manifest, file, server or plugin text. */
export const plain = workflowLog((chunk) => process.stdout.write(chunk));

function annotationOf(source: Source | undefined): core.AnnotationProperties {
  return source === undefined || source.file === "" ? {} : { file: source.file, startLine: source.line };
}

export const actionsLog: Log = {
  info: (message) => plain.write(message),
  debug: (message) => core.debug(message),
  // The place leads the line as well: a reader of the raw log, or of a file outside the repository
  // (where GitHub shows no annotation), learns it only from the text.
  warning: (message, source) => core.warning(`${placePrefix(source)}${message}`, annotationOf(source)),
  error: (message, source) => core.error(`${placePrefix(source)}${message}`, annotationOf(source)),
  mask: (secret) => core.setSecret(secret),
};
