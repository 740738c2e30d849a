import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { stringify } from "yaml";
import { CredentialsError } from "../../src/credentials/errors.ts";
import { resolveConnection } from "../../src/credentials/index.ts";
import {
  connectionFromKubeconfig,
  mergeKubeconfigs,
  parseKubeconfig,
  readKubeconfigFile,
} from "../../src/credentials/sources/kubeconfig.ts";
import { readSettings } from "../../src/inputs.ts";

const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const b64 = (text: string) => Buffer.from(text).toString("base64");
const origin = (dir: string) => ({ source: "the kubeconfig input", baseDir: dir });
const masked: string[] = [];
const options = (context?: string) => ({
  context,
  proxyEnvironment: { httpsProxy: undefined, httpProxy: undefined, noProxy: undefined },
  pluginEnvironment: {},
  log: { mask: (s: string) => masked.push(s), info: () => undefined, warning: () => undefined },
});

function config(user: Record<string, unknown>, cluster: Record<string, unknown> = {}) {
  return stringify({
    clusters: [
      {
        name: "c",
        cluster: {
          server: "https://k8s.example:6443/",
          "certificate-authority-data": b64(pem("CERTIFICATE", "Q0E=")),
          ...cluster,
        },
      },
    ],
    users: [{ name: "u", user }],
    contexts: [
      { name: "dev", context: { cluster: "c", user: "u", namespace: "team-a" } },
      { name: "other", context: { cluster: "c", user: "u" } },
    ],
    "current-context": "dev",
  });
}

const connect = (text: string, context?: string, dir = "/") =>
  connectionFromKubeconfig(parseKubeconfig(text, origin(dir)), options(context));

describe("kubeconfig", () => {
  it("uses the current context, its cluster, user and namespace", () => {
    const key = pem("RSA PRIVATE KEY", "S0VZTElORTE=\nS0VZTElORTI=");
    const conn = connect(
      config({ "client-certificate-data": b64(pem("CERTIFICATE", "Q0VSVA==")), "client-key-data": b64(key) }),
    );
    assert.equal(conn.server, "https://k8s.example:6443");
    assert.equal(conn.context, "dev");
    assert.equal(conn.namespace, "team-a");
    assert.match(conn.tls.ca ?? "", /BEGIN CERTIFICATE/);
    assert.equal(conn.tls.key, key);
    // the key's base64 data and every line of the PEM body are secrets to mask
    assert.deepEqual(conn.secrets, [b64(key), "S0VZTElORTE=", "S0VZTElORTI="]);
  });

  it("selects another context by name and explains an unknown one", () => {
    const c = config({ token: "t0ken" });
    assert.equal(connect(c, "other").namespace, undefined);
    assert.throws(
      () => connect(c, "prod"),
      /context "prod" is not defined in the kubeconfig input \(defined: dev, other\); set the context input/,
    );
  });

  it("sends a token as a bearer header and lists it and its base64 form as secrets", async () => {
    const conn = connect(config({ token: "s3cr3t-token" }));
    assert.equal((await conn.auth.current()).authorization, "Bearer s3cr3t-token");
    assert.deepEqual(conn.secrets, ["s3cr3t-token", b64("s3cr3t-token")]);
  });

  it("sends username and password as basic authentication, masking the encoded pair", async () => {
    const conn = connect(config({ username: "admin", password: "pa55word" }));
    assert.equal((await conn.auth.current()).authorization, `Basic ${b64("admin:pa55word")}`);
    assert.ok(masked.includes(b64("admin:pa55word")));
    assert.ok(conn.secrets.includes("pa55word"));
  });

  it("resolves relative file references against the kubeconfig's folder, and re-reads tokenFile after a 401", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubeship-kc-"));
    writeFileSync(join(dir, "token"), "file-token\n");
    writeFileSync(join(dir, "ca.crt"), pem("CERTIFICATE", "RklMRQ=="));
    const conn = connect(
      config({ tokenFile: "token" }, { "certificate-authority-data": undefined, "certificate-authority": "ca.crt" }),
      undefined,
      dir,
    );
    const first = await conn.auth.current();
    assert.equal(first.authorization, "Bearer file-token");
    assert.match(conn.tls.ca ?? "", /RklMRQ==/);
    writeFileSync(join(dir, "token"), "rotated-token\n");
    assert.equal(await conn.auth.renew(first), true, "a rotated file is worth a retry");
    assert.equal((await conn.auth.current()).authorization, "Bearer rotated-token");
    assert.deepEqual(await conn.auth.kubeconfigUser(), { tokenFile: join(dir, "token") });
    await assert.rejects(
      () => connect(config({ tokenFile: "nope" }), undefined, dir).auth.current(),
      /tokenFile of user "u" in the kubeconfig input: .*nope cannot be read \(ENOENT\)/,
    );
  });

  it("names the exec plugin that replaced a removed auth-provider", () => {
    assert.throws(
      () => connect(config({ "auth-provider": { name: "gcp" } })),
      (e: unknown) =>
        e instanceof CredentialsError && /removed auth-provider "gcp".*gke-gcloud-auth-plugin/.test(e.message),
    );
  });

  const malformed: { name: string; read: () => unknown; problem: RegExp; secret?: string }[] = [
    {
      name: "a token that is not a string",
      read: () => connect(config({ token: ["hunter2"] })),
      problem: /users\[0\]\.user\.token must be a string/,
      secret: "hunter2",
    },
    {
      name: "insecure-skip-tls-verify that is not a boolean",
      read: () => connect(config({ token: "t" }, { "insecure-skip-tls-verify": "yes" })),
      problem: /clusters\[0\]\.cluster\.insecure-skip-tls-verify must be true or false/,
    },
    {
      name: "YAML that does not parse",
      read: () => parseKubeconfig("clusters: [{name: a, cluster: {server: x}}\n", origin("/")),
      problem: /not valid YAML at line/,
    },
    {
      name: "clusters that are not a list",
      read: () => parseKubeconfig("password: hunter2\nclusters: nope", origin("/")),
      problem: /clusters must be a list/,
      secret: "hunter2",
    },
  ];
  for (const c of malformed) {
    it(`names the malformed field, never its value: ${c.name}`, () => {
      assert.throws(c.read, (e: unknown) => {
        assert.ok(e instanceof CredentialsError);
        assert.match(e.message, c.problem);
        if (c.secret !== undefined) assert.ok(!e.message.includes(c.secret));
        return true;
      });
    });
  }

  it("refuses a kubeconfig input that looks like YAML but does not parse, before any request, never echoing it", async () => {
    // the inputs tell YAML from base64 by its colon; the credentials stage parses it
    const secret = "s3cr3t-t0ken";
    const settings = readSettings({ INPUT_MANIFESTS: "x", INPUT_KUBECONFIG: `users: [{token: ${secret}\n\t- ]` });
    await assert.rejects(resolveConnection(settings, options().log), (e: unknown) => {
      assert.ok(e instanceof CredentialsError);
      assert.match(e.message, /^the kubeconfig input is not valid YAML at line \d+$/);
      assert.ok(!e.message.includes(secret));
      return true;
    });
  });

  it("refuses a CA together with insecure-skip-tls-verify, as client-go does", () => {
    assert.throws(
      () => connect(config({ token: "t" }, { "insecure-skip-tls-verify": true })),
      /both a certificate-authority and insecure-skip-tls-verify/,
    );
  });

  it("takes insecure-skip-tls-verify and tls-server-name without a CA", () => {
    const insecure = connect(
      config(
        { token: "t" },
        { "certificate-authority-data": undefined, "insecure-skip-tls-verify": true, "tls-server-name": "kubernetes" },
      ),
    );
    assert.equal(insecure.tls.insecureSkipVerify, true);
    assert.equal(insecure.tls.serverName, "kubernetes");
  });

  it("takes proxy-url from the cluster", () => {
    assert.equal(connect(config({ token: "t" }, { "proxy-url": "socks5://proxy:1080" })).proxy, "socks5://proxy:1080");
  });

  it("refuses a proxy-url of another scheme than http, https or socks5", () => {
    assert.throws(
      () => connect(config({ token: "t" }, { "proxy-url": "ftp://proxy" })),
      /proxy-url has scheme "ftp"; use http, https or socks5/,
    );
  });

  it("takes impersonation from the user entry", () => {
    assert.deepEqual(connect(config({ token: "t", as: "jane", "as-groups": ["devs", "ops"] })).impersonate, {
      user: "jane",
      groups: ["devs", "ops"],
    });
  });
});

describe("KUBECONFIG merging (kubectl's rules)", () => {
  it("lets the first file that defines a name win with its whole entry, and resolves paths against that file's folder", async () => {
    const root = mkdtempSync(join(tmpdir(), "kubeship-merge-"));
    mkdirSync(join(root, "a"));
    mkdirSync(join(root, "b"));
    writeFileSync(join(root, "a", "token"), "token-from-a\n");
    writeFileSync(join(root, "b", "token"), "token-from-b\n");
    writeFileSync(
      join(root, "a", "config"),
      stringify({
        users: [{ name: "ci", user: { tokenFile: "token" } }],
        contexts: [{ name: "prod", context: { cluster: "prod", user: "ci", namespace: "apps" } }],
      }),
    );
    writeFileSync(
      join(root, "b", "config"),
      stringify({
        clusters: [{ name: "prod", cluster: { server: "https://prod.example", "insecure-skip-tls-verify": true } }],
        // b's ci user has more fields, but a's entry wins whole
        users: [{ name: "ci", user: { tokenFile: "token", as: "someone-else" } }],
        contexts: [{ name: "prod", context: { cluster: "prod", user: "ci", namespace: "ignored" } }],
        "current-context": "prod",
      }),
    );
    const merged = mergeKubeconfigs(
      [readKubeconfigFile(join(root, "a", "config")), readKubeconfigFile(join(root, "b", "config"))],
      "KUBECONFIG",
    );
    const conn = connectionFromKubeconfig(merged, options());
    assert.equal(conn.context, "prod", "current-context from the first file that sets one");
    assert.equal(conn.server, "https://prod.example");
    assert.equal(conn.namespace, "apps");
    assert.equal(conn.impersonate, undefined);
    assert.equal((await conn.auth.current()).authorization, "Bearer token-from-a");
  });
});
