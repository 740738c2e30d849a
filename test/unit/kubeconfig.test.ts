import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { connectionFromKubeconfig, CredentialsError, parseKubeconfig } from "../../src/credentials/kubeconfig.ts";

const pem = (label: string, body: string) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const b64 = (text: string) => Buffer.from(text).toString("base64");
const origin = (dir: string) => ({ source: "the kubeconfig input", baseDir: dir });

function config(user: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    clusters: [{ name: "c", cluster: { server: "https://k8s.example:6443/", "certificate-authority-data": b64(pem("CERTIFICATE", "Q0E=")) } }],
    users: [{ name: "u", user }],
    contexts: [
      { name: "dev", context: { cluster: "c", user: "u", namespace: "team-a" } },
      { name: "other", context: { cluster: "c", user: "u" } },
    ],
    "current-context": "dev",
    ...extra,
  };
}

describe("kubeconfig", () => {
  it("uses the current context, its cluster, user and namespace", () => {
    const key = pem("RSA PRIVATE KEY", "S0VZTElORTE=\nS0VZTElORTI=");
    const conn = connectionFromKubeconfig(config({ "client-certificate-data": b64(pem("CERTIFICATE", "Q0VSVA==")), "client-key-data": b64(key) }), origin("/"));
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
    assert.equal(connectionFromKubeconfig(c, origin("/"), "other").namespace, undefined);
    assert.throws(() => connectionFromKubeconfig(c, origin("/"), "prod"), /context "prod" is not defined in the kubeconfig input \(defined: dev, other\)/);
  });

  it("sends a token as a bearer header and lists it as a secret", async () => {
    const conn = connectionFromKubeconfig(config({ token: "s3cr3t-token" }), origin("/"));
    assert.equal(await conn.auth.authorization(), "Bearer s3cr3t-token");
    assert.deepEqual(conn.secrets, ["s3cr3t-token"]);
  });

  it("resolves relative file references against the kubeconfig's folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubeship-kc-"));
    writeFileSync(join(dir, "token"), "file-token\n");
    writeFileSync(join(dir, "ca.crt"), pem("CERTIFICATE", "RklMRQ=="));
    const c = config({ tokenFile: "token" });
    c.clusters = [{ name: "c", cluster: { server: "https://k", "certificate-authority": "ca.crt" } as never }];
    const conn = connectionFromKubeconfig(c, origin(dir));
    assert.equal(await conn.auth.authorization(), "Bearer file-token");
    assert.match(conn.tls.ca ?? "", /RklMRQ==/);
    assert.throws(() => connectionFromKubeconfig(config({ tokenFile: "nope" }), origin(dir)), /tokenFile file .*nope named in the kubeconfig input cannot be read \(ENOENT\)/);
  });

  it("names the exec plugin that replaced a removed auth-provider", () => {
    assert.throws(
      () => connectionFromKubeconfig(config({ "auth-provider": { name: "gcp" } }), origin("/")),
      (e: unknown) => e instanceof CredentialsError && /removed auth-provider "gcp": use its exec credential plugin/.test(e.message),
    );
  });

  it("rejects text that is not a kubeconfig without quoting it", () => {
    assert.throws(() => parseKubeconfig("password: hunter2", origin("/")), (e: unknown) => e instanceof CredentialsError && !e.message.includes("hunter2"));
  });
});
