// Stopping on SIGINT and SIGTERM, for the action and the CLI alike: the first signal aborts
// everything in flight so that the run can report what it did; a second one means "now".

export type StopSignal = "SIGINT" | "SIGTERM";

/**
 * Calls `first` on the first SIGINT or SIGTERM (then aborts the signal returned) and `again` on
 * any later one. Installing a handler keeps Node from exiting on the first signal.
 */
export function cancelOnSignals(handlers: {
  first: (name: StopSignal) => void;
  again: (name: StopSignal) => void;
}): AbortSignal {
  const cancel = new AbortController();
  const onSignal = (name: StopSignal) => {
    if (cancel.signal.aborted) {
      handlers.again(name);
      return;
    }
    // told first, so that its message comes before whatever the abort makes others print
    handlers.first(name);
    cancel.abort(new Error(`cancelled (${name})`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return cancel.signal;
}

/** The shell's exit status for a process ended by a signal: 128 + its number (130 for SIGINT, 143 for SIGTERM). */
export function signalExitCode(name: StopSignal): number {
  return name === "SIGINT" ? 130 : 143;
}
