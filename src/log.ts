// The log the pipeline writes to. The action edge implements it with the runner's commands
// (annotations, masking); the CLI and tests with plain text.
import type { Source } from "./manifests/load.ts";

export interface Log {
  info(message: string): void;
  /** detail for troubleshooting (stage timings, request counts): shown when the runner's debug logging is on */
  debug(message: string): void;
  /** a warning; with a source, the runner shows it on that manifest line */
  warning(message: string, source?: Source): void;
  error(message: string, source?: Source): void;
  /** registers a secret so that the runner never shows it */
  mask(secret: string): void;
}
