// The one way kubeship writes plain lines to the runner's log. The runner reads every line of a
// step's output as a possible workflow command: `::name::` at the start of a line (after leading
// white space) and the legacy `##[name]` anywhere in it; and it splits lines as .NET's
// StreamReader.ReadLine does, at CR as well as at LF. Much of what kubeship prints came from
// manifests, file names, the server or a credential plugin, which a pull request or a server can
// write. Such text is printed inside a `::stop-commands::TOKEN` … `::TOKEN::` block, the runner's
// documented way to print untrusted text; the token is fresh and random for each block, so text
// written before the run cannot end the block early.
import { randomBytes } from "node:crypto";

/** Lines as the runner splits them: at CRLF, LF or a bare CR. */
export function runnerLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Whether the runner could take the line as a command. Any `::` counts, not only a leading one:
 * .NET trims more characters as white space than JavaScript does (U+0085, for one), and printing
 * a harmless line inside a block costs nothing.
 */
function mayBeCommand(line: string): boolean {
  return line.includes("::") || line.includes("##[");
}

export interface WorkflowLog {
  /** writes text as the runner shows it, never as commands */
  write(text: string): void;
}

/** A writer of untrusted text to `out` (the step's stdout). */
export function workflowLog(
  out: (chunk: string) => void,
  newToken = () => randomBytes(16).toString("hex"),
): WorkflowLog {
  return {
    write(text) {
      const lines = runnerLines(text);
      const body = `${lines.join("\n")}\n`;
      if (!lines.some(mayBeCommand)) return out(body);
      const token = newToken();
      out(`::stop-commands::${token}\n${body}::${token}::\n`);
    },
  };
}
