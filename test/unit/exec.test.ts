// The exec plugin provider against a real plugin process (a test script); only the clock is the
// test's, so that expiry can be shown without waiting for it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { ExecAuthenticator, type ExecConfig } from "../../src/credentials/authenticators/exec.ts";
import { execPlugin, pluginEnv, scratch } from "../helpers/identities.ts";

function plugin(
  tokens: string[],
  apiVersion = "client.authentication.k8s.io/v1",
  extraEnv: Record<string, string> = {},
) {
  const dir = scratch({ tokens: `${tokens.join("\n")}\n` });
  const config: ExecConfig = {
    apiVersion,
    command: execPlugin(dir, apiVersion),
    interactiveMode: "Never",
    env: pluginEnv(dir, extraEnv),
  };
  const runs = () => Number(readFileSync(join(dir, "count"), "utf8"));
  return { dir, config, runs };
}

const log = (masked: string[] = []) => ({ mask: (s: string) => masked.push(s), info: () => undefined });

describe("exec credential plugins", () => {
  it("caches the credential until its expirationTimestamp, then runs the plugin again", async () => {
    // A long lifetime and wide steps: the plugin's own clock (seconds) and ours may be a few seconds apart under load.
    const { config, runs } = plugin(["token-one", "token-two"], "client.authentication.k8s.io/v1", {
      EXPIRES_IN: "600",
    });
    let now = Date.now();
    const masked: string[] = [];
    const auth = new ExecAuthenticator({
      config,
      what: "test",
      origin: { source: "a test kubeconfig", baseDir: "/" },
      cluster: { server: "https://k" },
      environment: { PATH: process.env.PATH ?? "" },
      log: log(masked),
      now: () => now,
    });
    const [a, b] = await Promise.all([auth.current(), auth.current()]);
    assert.equal(a.authorization, "Bearer token-one");
    assert.equal(b.authorization, "Bearer token-one");
    assert.equal(runs(), 1, "parallel requests share one plugin run");
    now += 500_000;
    assert.equal((await auth.current()).authorization, "Bearer token-one");
    assert.equal(runs(), 1);
    now += 200_000;
    assert.equal((await auth.current()).authorization, "Bearer token-two");
    assert.equal(runs(), 2);
    assert.ok(masked.includes("token-one") && masked.includes("token-two"));
  });

  it("after a 401 runs the plugin again only if the rejected credential is still the cached one", async () => {
    const { config, runs } = plugin(["token-one", "token-two", "token-three"]);
    const auth = new ExecAuthenticator({
      config,
      what: "test",
      origin: { source: "a test kubeconfig", baseDir: "/" },
      cluster: { server: "https://k" },
      environment: { PATH: process.env.PATH ?? "" },
      log: log(),
    });
    const first = await auth.current();
    assert.equal(await auth.renew(first), true);
    assert.equal(runs(), 2);
    // a second request that failed with the same old credential does not run it a third time
    assert.equal(await auth.renew(first), true);
    assert.equal(runs(), 2);
    assert.equal((await auth.current()).authorization, "Bearer token-two");
  });

  it("refuses an answer of another apiVersion than asked for, without quoting it", async () => {
    const wrongVersion = plugin(["secret-token"], "client.authentication.k8s.io/v1beta1");
    const auth = new ExecAuthenticator({
      config: { ...wrongVersion.config, apiVersion: "client.authentication.k8s.io/v1" },
      what: 'the exec plugin of user "ci"',
      origin: { source: "a test kubeconfig", baseDir: "/" },
      cluster: { server: "https://k" },
      environment: { PATH: process.env.PATH ?? "" },
      log: log(),
    });
    await assert.rejects(
      auth.current(),
      (e: unknown) =>
        e instanceof Error &&
        /answered with apiVersion client.authentication.k8s.io\/v1beta1 but was asked for/.test(e.message) &&
        !e.message.includes("secret-token"),
    );
  });

  it("refuses an answer with neither token nor certificate", async () => {
    const empty = plugin(["{}"]);
    const none = new ExecAuthenticator({
      config: empty.config,
      what: "test",
      origin: { source: "a test kubeconfig", baseDir: "/" },
      cluster: { server: "https://k" },
      environment: { PATH: process.env.PATH ?? "" },
      log: log(),
    });
    await assert.rejects(none.current(), /returned neither a token nor a client certificate/);
  });

  it("stops a plugin that floods stdout, instead of holding it all in memory", async () => {
    const flood = new ExecAuthenticator({
      // `yes` prints for ever
      config: { apiVersion: "client.authentication.k8s.io/v1", command: "yes", interactiveMode: "Never" },
      what: "test",
      origin: { source: "a test kubeconfig", baseDir: "/" },
      cluster: { server: "https://k" },
      environment: { PATH: process.env.PATH ?? "" },
      log: log(),
    });
    await assert.rejects(
      flood.current(),
      /"yes" printed more than 1024 KiB on stdout, far more than an ExecCredential/,
    );
  });
});
