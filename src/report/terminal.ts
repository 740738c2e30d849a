// The command-line tool's report: plain lines for a terminal (coloured when it is one), problems
// prefixed with their manifest file:line as compilers print them.
import type { Writable } from "node:stream";
import { describeRef } from "../kube/types.ts";
import type { Log } from "../log.ts";
import { changedCount, objectCount, type RunResult } from "../result.ts";
import { placePrefix } from "./place.ts";
import { objectChangeLines, planHeadline } from "./plan.ts";

type Colour = "red" | "yellow" | "green" | "dim";
const codes: Record<Colour, string> = { red: "31", yellow: "33", green: "32", dim: "2" };

function painter(stream: Writable): (colour: Colour, text: string) => string {
  const tty = (stream as Writable & { isTTY?: boolean }).isTTY === true && process.env.NO_COLOR === undefined;
  return (colour, text) => (tty ? `\u001b[${codes[colour]}m${text}\u001b[0m` : text);
}

export function terminalLog(stream: Writable, verbose = false): Log {
  const paint = painter(stream);
  return {
    info: (message) => stream.write(`${message}\n`),
    debug: (message) => {
      if (verbose) stream.write(`${paint("dim", message)}\n`);
    },
    warning: (message, source) => stream.write(`${paint("yellow", "warning:")} ${placePrefix(source)}${message}\n`),
    error: (message, source) => stream.write(`${paint("red", "error:")} ${placePrefix(source)}${message}\n`),
    // nothing to register outside a runner; secrets are never printed in the first place
    mask: () => undefined,
  };
}

export function printResult(result: RunResult, stream: Writable): void {
  const paint = painter(stream);
  const took = `in ${(result.durationMs / 1000).toFixed(1)}s`;
  if (result.mode === "plan" && result.result === "success") {
    for (const p of result.pruned)
      stream.write(`${paint(p.kept ? "yellow" : "red", `${describeRef(p.ref)}: ${p.kept ?? "would be pruned"}`)}\n`);
    for (const o of result.objects.filter((o) => o.action !== "unchanged")) {
      stream.write(
        `\n${describeRef(o.ref)} would be ${o.action} (${o.source.file}:${o.source.line})${o.notes?.length ? ` — ${o.notes.join("; ")}` : ""}\n`,
      );
      for (const line of objectChangeLines(o))
        stream.write(
          `  ${line.startsWith("+") ? paint("green", line) : line.startsWith("-") ? paint("red", line) : line}\n`,
        );
    }
    stream.write(`\nPlan: ${planHeadline(result)} (${took})\n`);
    return;
  }
  if (result.result === "success") {
    stream.write(
      `${paint("green", "Deployed")}: ${changedCount(result)} changed, ${objectCount(result)} objects ${took}\n`,
    );
  } else {
    const headline = result.cancelled === true ? "Cancelled" : "Failed";
    stream.write(
      `${paint("red", headline)}: ${result.failures.length} problem${result.failures.length === 1 ? "" : "s"} ${took}\n`,
    );
  }
}
