// `npm test`: typecheck, lint, the dist/ staleness check, then unit and integration tests with Node's
// test runner. Starts the local test cluster first when none is running (building it if needed).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules", ".bin", name);

console.log(`kubeship tests on Node ${process.version}`);

function step(title: string, command: string, args: string[]): void {
  console.log(`\n== ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`\n${title} failed (exit ${result.status ?? result.signal ?? "?"})`);
    process.exit(result.status ?? 1);
  }
  console.log(`== ${title}: ok in ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

const only = process.argv.slice(2);
if (only.length === 0) {
  step("typecheck", bin("tsc"), ["-p", "."]);
  step("lint", bin("eslint"), ["."]);
  step("format", bin("prettier"), ["--check", "."]);
  step("dist/ matches src/", process.execPath, ["scripts/build.ts", "--check"]);
}
step("test cluster", process.execPath, ["test/cluster/cluster.ts", "up"]);
// Each test run also writes TAP to a file, so that the totals of all runs can close the output.
const tapDir = mkdtempSync(join(tmpdir(), "kubeship-tap-"));
const tapFiles: string[] = [];
function tests(title: string, concurrency: number, files: string[]): void {
  const tap = join(tapDir, `${tapFiles.length}.tap`);
  tapFiles.push(tap);
  const reporters = [
    "--test-reporter=spec",
    "--test-reporter-destination=stdout",
    "--test-reporter=tap",
    `--test-reporter-destination=${tap}`,
  ];
  step(title, process.execPath, [
    "--test",
    `--test-concurrency=${concurrency}`,
    "--test-timeout=300000",
    ...reporters,
    ...files,
  ]);
}

// Integration tests mostly wait on the cluster, so run several files at once even on 2 cores.
// test/serial/ stops parts of the cluster (restart, down), so it runs afterwards, alone.
if (only.length > 0) tests("tests", 4, only);
else {
  tests("unit and integration tests", 4, ["test/unit/*.test.ts", "test/integration/*.test.ts"]);
  tests("cluster tests (serial)", 1, ["test/serial/*.test.ts"]);
}

/** A TAP summary count (`# pass 12`) summed over every run. */
function total(key: "pass" | "fail" | "skipped"): number {
  const pattern = new RegExp(`^# ${key} (\\d+)$`, "m");
  return tapFiles.reduce((sum, file) => sum + Number(pattern.exec(readFileSync(file, "utf8"))?.[1] ?? 0), 0);
}
console.log(`\n${total("pass")} passed, ${total("fail")} failed, ${total("skipped")} skipped`);
