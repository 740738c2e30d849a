// Runs a program to its end and keeps what it printed, for tests that check a command's output and
// exit status (the CLI, npm).
import { type ChildProcess, spawn } from "node:child_process";

export interface Finished {
  /** the exit code; -1 when a signal ended the process */
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  /** sees the error stream as it grows, and may signal the process */
  onStderr?: (stderr: string, child: ChildProcess) => void;
}

export function runProcess(command: string, args: string[], options: RunOptions): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
      options.onStderr?.(stderr, child);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal === null ? 1 : -1), stdout, stderr }));
  });
}
