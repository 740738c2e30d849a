// Starting and stopping the cluster's daemons as detached processes that outlive the command
// that started them, tracked by pid files and checked against /proc so a reused pid is not mistaken.
import { spawn } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface ProcessSpec {
  name: string;
  binary: string;
  args: string[];
  env?: Record<string, string>;
}

function pidFile(runDir: string, name: string): string {
  return join(runDir, `${name}.pid`);
}

function commandLine(pid: number): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .split("\0")
      .filter((s) => s !== "");
  } catch {
    return undefined;
  }
}

interface PidRecord {
  pid: number;
  binary: string;
}

/** The pid of the running process started as `name`, if it is still the program that was started. */
export function runningPid(runDir: string, name: string): number | undefined {
  const file = pidFile(runDir, name);
  if (!existsSync(file)) return undefined;
  const record = JSON.parse(readFileSync(file, "utf8")) as PidRecord;
  if (commandLine(record.pid)?.[0] !== record.binary || !alive(record.pid)) return undefined;
  return record.pid;
}

/** The arguments the running process was started with (to tell whether its configuration changed). */
export function runningArgs(pid: number): string[] {
  return commandLine(pid)?.slice(1) ?? [];
}

export function startProcess(runDir: string, logDir: string, spec: ProcessSpec): number {
  mkdirSync(runDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });
  const log = openSync(join(logDir, `${spec.name}.log`), "a");
  const child = spawn(spec.binary, spec.args, {
    detached: true,
    stdio: ["ignore", log, log],
    env: { ...process.env, ...spec.env },
  });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${spec.name} (${spec.binary})`);
  child.unref();
  const record: PidRecord = { pid: child.pid, binary: spec.binary };
  writeFileSync(pidFile(runDir, spec.name), JSON.stringify(record));
  return child.pid;
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await sleep(100);
  }
  return !alive(pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A zombie has exited; its parent (gone) cannot reap it, init will.
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, "utf8") : "";
  return stat.split(") ")[1]?.[0] !== "Z";
}

/** SIGTERM, then SIGKILL after a grace period. */
export async function stopPid(pid: number, graceMs = 10_000): Promise<void> {
  try {
    process.kill(pid, "SIGTERM");
  } catch {
    return;
  }
  if (await waitForExit(pid, graceMs)) return;
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    return;
  }
  await waitForExit(pid, 5_000);
}

export async function stopProcess(runDir: string, name: string): Promise<boolean> {
  const pid = runningPid(runDir, name);
  if (pid !== undefined) await stopPid(pid);
  rmSync(pidFile(runDir, name), { force: true });
  return pid !== undefined;
}

/**
 * Every live process run from a binary under `binaryDir` whose arguments name a path inside
 * `clusterDir`: catches daemons whose pid file was lost. Inside, with the separator: the 1.36
 * cluster's folder "…/cluster" is a prefix of the 1.35 cluster's "…/cluster-1.35".
 */
export function strayProcesses(binaryDir: string, clusterDir: string): number[] {
  const marker = clusterDir.endsWith(sep) ? clusterDir : clusterDir + sep;
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const cmd = commandLine(pid);
    if (cmd?.[0]?.startsWith(binaryDir) && cmd.slice(1).some((arg) => arg.includes(marker)) && alive(pid))
      pids.push(pid);
  }
  return pids;
}
