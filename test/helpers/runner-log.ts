// Reads a step's output as the GitHub runner does (actions/runner, ActionCommandManager and
// ActionCommand): lines split by .NET's StreamReader.ReadLine (CRLF, LF or a bare CR); a command is
// `::name props::data` at the start of a line after white space (.NET's white space, U+0085
// included), or the legacy `##[name props]data` anywhere in a line; only registered command names
// count; `::stop-commands::TOKEN` stops all processing until a `::TOKEN::` line.

export interface RunnerCommand {
  command: string;
  properties: Record<string, string>;
  data: string;
}

export interface RunnerLog {
  /** the commands the runner would carry out, in order (stop-commands and its end included) */
  commands: RunnerCommand[];
  /** the lines a reader of the log sees */
  shown: string[];
}

const registered = new Set([
  "add-mask",
  "add-matcher",
  "add-path",
  "debug",
  "echo",
  "endgroup",
  "error",
  "group",
  "notice",
  "remove-matcher",
  "save-state",
  "set-env",
  "set-output",
  "stop-commands",
  "warning",
]);

function unescapeData(value: string): string {
  return value.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/g, "%");
}

function unescapeProperty(value: string): string {
  return unescapeData(value).replace(/%3A/gi, ":").replace(/%2C/gi, ",");
}

function command(info: string, data: string, separator: string): RunnerCommand {
  const space = info.indexOf(" ");
  const name = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(separator)) {
      const eq = pair.indexOf("=");
      if (eq > 0) properties[pair.slice(0, eq).trim()] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { command: name, properties, data: unescapeData(data) };
}

function parseV2(line: string): RunnerCommand | undefined {
  const message = line.replace(/^[\s\u0085]+/, "");
  if (!message.startsWith("::")) return undefined;
  const end = message.indexOf("::", 2);
  if (end < 0) return undefined;
  return command(message.slice(2, end), message.slice(end + 2), ",");
}

function parseV1(line: string): RunnerCommand | undefined {
  const prefix = line.indexOf("##[");
  if (prefix < 0) return undefined;
  const bracket = line.indexOf("]", prefix);
  if (bracket < 0) return undefined;
  return command(line.slice(prefix + 3, bracket), line.slice(bracket + 1), ";");
}

export function readRunnerLog(output: string): RunnerLog {
  const commands: RunnerCommand[] = [];
  const shown: string[] = [];
  let stopToken: string | undefined;
  const lines = output.split(/\r\n|\r|\n/);
  if (lines.at(-1) === "") lines.pop();
  for (const line of lines) {
    const isRegistered = (c: RunnerCommand | undefined) =>
      c !== undefined &&
      (registered.has(c.command.toLowerCase()) || c.command.toLowerCase() === stopToken?.toLowerCase());
    const v2 = parseV2(line);
    const parsed = isRegistered(v2) ? v2 : parseV1(line);
    if (parsed === undefined || !isRegistered(parsed)) {
      shown.push(line);
      continue;
    }
    if (stopToken !== undefined) {
      if (parsed.command.toLowerCase() === stopToken.toLowerCase()) {
        commands.push(parsed);
        stopToken = undefined;
      } else shown.push(line);
      continue;
    }
    commands.push(parsed);
    if (parsed.command.toLowerCase() === "stop-commands") stopToken = parsed.data;
    if (["group", "error", "warning", "notice", "echo"].includes(parsed.command)) shown.push(parsed.data);
  }
  return { commands, shown };
}

/** The commands other than kubeship's own stop-commands blocks. */
export function commandsCarriedOut(log: RunnerLog): RunnerCommand[] {
  const tokens = new Set(log.commands.filter((c) => c.command === "stop-commands").map((c) => c.data.toLowerCase()));
  return log.commands.filter((c) => c.command !== "stop-commands" && !tokens.has(c.command.toLowerCase()));
}
