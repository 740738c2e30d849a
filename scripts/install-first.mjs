// `npm test` and `npm run demo` on a fresh clone: installs what they need first, so that those two
// commands are all a newcomer types. npm runs this `pretest`/`predemo` hook with whatever `node` is
// first on PATH: before the first install that is the machine's own, which may be older than Node 24
// and cannot run .ts files, hence plain JavaScript with nothing newer than Node 18 has.
// npm put node_modules/.bin on the script's PATH when `npm test` started, present or not, so once
// `npm ci` has installed the pinned Node (scripts/node/package.json) the script itself runs on it.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lockfile = join(root, "package-lock.json");
// npm writes this copy of the lockfile at every install; older than package-lock.json means that a
// pull or a branch switch changed the dependencies since.
const installed = join(root, "node_modules", ".package-lock.json");

/** Why node_modules needs `npm ci`, or undefined when it is current. */
function staleness() {
  if (!existsSync(installed)) return "node_modules is missing";
  if (statSync(installed).mtimeMs < statSync(lockfile).mtimeMs) return "package-lock.json is newer than node_modules";
  return undefined;
}

const reason = staleness();
if (reason !== undefined) {
  console.log(`${reason}: running npm ci first`);
  // npm_execpath is the npm that runs this hook; spawning it with this node works on every platform
  const npm = process.env.npm_execpath;
  const result =
    npm === undefined
      ? spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit", shell: true })
      : spawnSync(process.execPath, [npm, "ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`npm ci failed (exit ${result.status ?? result.signal}): see its output above`);
    process.exit(1);
  }
}

// No pinned Node for this platform (scripts/node/package.json lists Linux x64 and arm64, Windows x64):
// the scripts run on the machine's own, which must then be Node 24.
const pinned = join(root, "node_modules", ".bin", "node");
const major = Number(process.versions.node.split(".")[0]);
if (!existsSync(pinned) && major < 24) {
  console.error(
    `kubeship's scripts need Node 24 and this is Node ${process.versions.node}; npm installs no pinned Node for ` +
      `${process.platform}-${process.arch} (scripts/node/package.json): install Node 24 and run the command again`,
  );
  process.exit(1);
}
