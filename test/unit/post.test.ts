// The post step, run as the runner runs it (dist/post.js with STATE_ variables), on what later steps
// may have left of the transient kubeconfig: it never fails the job, always removes the kubeconfig and
// the credential plugin's token cache (named by the kubeconfig's id, whatever the kubeconfig says now),
// and never removes a file kubeship did not write, nor another kubeship step's cache.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { stringify } from "yaml";
import { credentialPluginVariable } from "../../src/credentials/export/plugin.ts";
import { runAction, visibleLog } from "../helpers/action.ts";

/** A kubeconfig as kubeship writes it for the OIDC methods: its user runs the plugin, which names its cache. */
function pluginKubeconfig(cache: string, setting = JSON.stringify({ provider: { kind: "github-oidc" }, cache })) {
  const exec = {
    apiVersion: "client.authentication.k8s.io/v1",
    command: "node",
    env: [{ name: credentialPluginVariable, value: setting }],
  };
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "kubeship", cluster: { server: "https://127.0.0.1:6443" } }],
    users: [{ name: "kubeship", user: { exec } }],
    contexts: [{ name: "kubeship", context: { cluster: "kubeship", user: "kubeship" } }],
    "current-context": "kubeship",
  });
}

interface Case {
  name: string;
  /** what later steps left: the kubeconfig's text (undefined: removed), given the cache's and a victim's paths */
  kubeconfig: (paths: { cache: string; victim: string }) => string | undefined;
  /** the saved state names the victim instead of the kubeconfig (a forged save-state) */
  forgedState?: boolean;
  cacheRemoved: boolean;
  kubeconfigRemoved: boolean;
}

const removesBoth = { cacheRemoved: true, kubeconfigRemoved: true };
const written = (paths: { cache: string }) => pluginKubeconfig(paths.cache);
const cases: Case[] = [
  { name: "a kubeconfig as the main step wrote it", kubeconfig: written, ...removesBoth },
  { name: "a kubeconfig that is not valid YAML", kubeconfig: () => "users: [{{ not: yaml\n\t- ]\n", ...removesBoth },
  { name: "a plugin setting that is not JSON", kubeconfig: (p) => pluginKubeconfig(p.cache, "{x"), ...removesBoth },
  { name: "a kubeconfig that a later step removed", kubeconfig: () => undefined, ...removesBoth },
  {
    name: "a kubeconfig with no plugin user (a token)",
    kubeconfig: () => "apiVersion: v1\nkind: Config\nusers: [{name: u, user: {token: t}}]\n",
    ...removesBoth,
  },
  { name: "a kubeconfig naming another file as cache", kubeconfig: (p) => pluginKubeconfig(p.victim), ...removesBoth },
  {
    name: "a forged state naming another file",
    kubeconfig: ({ cache }) => pluginKubeconfig(cache),
    forgedState: true,
    cacheRemoved: false,
    kubeconfigRemoved: false,
  },
];

describe("the post step", () => {
  for (const c of cases) {
    it(`after ${c.name}: exits 0 and removes only kubeship's files`, async () => {
      const temp = mkdtempSync(join(tmpdir(), "kubeship-post-"));
      const kubeconfigPath = join(temp, "kubeship-kubeconfig-0123456789ab.yaml");
      const cache = join(temp, "kubeship-credential-0123456789ab.json");
      // a write of the cache that was cut short, and another kubeship step's cache
      const partial = `${cache}.0badf00d`;
      const other = join(temp, "kubeship-credential-ba9876543210.json");
      writeFileSync(partial, "{");
      writeFileSync(other, JSON.stringify({ token: "other-step" }), { mode: 0o600 });
      const victim = join(mkdtempSync(join(tmpdir(), "kubeship-victim-")), "victim.json");
      writeFileSync(victim, "someone else's file");
      writeFileSync(cache, JSON.stringify({ token: "cached-token" }), { mode: 0o600 });
      const text = c.kubeconfig({ cache, victim });
      if (text !== undefined) writeFileSync(kubeconfigPath, text, { mode: 0o600 });

      const state = { "kubeconfig-path": c.forgedState === true ? victim : kubeconfigPath };
      const run = await runAction({ entry: "post", inputs: {}, state });

      assert.equal(run.exitCode, 0, run.log);
      assert.doesNotMatch(visibleLog(run.log), /^::error|Error:|\n\s+at /m);
      assert.equal(existsSync(victim), true, "a file kubeship did not write was removed");
      assert.equal(existsSync(other), true, "another step's cache was removed");
      assert.equal(existsSync(partial), !c.cacheRemoved, "the cache's temporary file");
      const cacheLeft = existsSync(cache);
      assert.equal(cacheLeft, !c.cacheRemoved, cacheLeft ? "the token cache is left behind" : "the cache was removed");
      const kept = !c.kubeconfigRemoved && text !== undefined;
      const message = kept ? "the kubeconfig was removed" : "the kubeconfig is left behind";
      assert.equal(existsSync(kubeconfigPath), kept, message);
    });
  }
});
