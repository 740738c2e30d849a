import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parse } from "yaml";
import { InputError, inputDefaults, parseDuration, readSettings } from "../../src/inputs.ts";

const root = join(import.meta.dirname, "..", "..");
const kubeconfig = "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\n";

describe("inputs", () => {
  it("action.yml states the same defaults that src/inputs.ts applies", () => {
    const action = parse(readFileSync(join(root, "action.yml"), "utf8")) as { inputs: Record<string, { default?: string }> };
    const declared = Object.fromEntries(Object.entries(action.inputs).flatMap(([name, spec]) => (spec.default === undefined ? [] : [[name, String(spec.default)]])));
    assert.deepEqual(declared, { ...inputDefaults });
  });

  it("applies every default when inputs are absent or empty", () => {
    const settings = readSettings({ INPUT_MANIFESTS: "k8s/", INPUT_WAIT: "", HOME: "/home/u", GITHUB_WORKSPACE: "/ws" });
    assert.equal(settings.wait, true);
    assert.equal(settings.timeoutMs, 5 * 60_000);
    assert.equal(settings.fieldManager, "kubeship");
    assert.equal(settings.namespace, undefined);
    assert.equal(settings.workspace, "/ws");
    assert.equal(settings.defaultKubeconfigPath, "/home/u/.kube/config");
  });

  it("reads fail-fast and rollback-on-failure, on and off by default", () => {
    const defaults = readSettings({ INPUT_MANIFESTS: "k8s/" });
    assert.equal(defaults.failFast, true);
    assert.equal(defaults.rollbackOnFailure, false);
    const set = readSettings({ INPUT_MANIFESTS: "k8s/", "INPUT_FAIL-FAST": "false", "INPUT_ROLLBACK-ON-FAILURE": "true" });
    assert.equal(set.failFast, false);
    assert.equal(set.rollbackOnFailure, true);
    assert.throws(() => readSettings({ INPUT_MANIFESTS: "k8s/", "INPUT_FAIL-FAST": "sometimes" }), /fail-fast: "sometimes" is not a boolean/);
  });

  it("splits manifests on newlines and commas", () => {
    const settings = readSettings({ INPUT_MANIFESTS: "a.yaml, b/\n\n  c/*.yml \n" });
    assert.deepEqual(settings.manifests, ["a.yaml", "b/", "c/*.yml"]);
  });

  it("reports every invalid input at once, before anything else happens", () => {
    assert.throws(
      () => readSettings({ INPUT_WAIT: "yes", INPUT_TIMEOUT: "5 minutes", INPUT_NAMESPACE: "Prod_1" }),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        assert.equal(error.problems.length, 4);
        assert.match(error.message, /manifests: required/);
        assert.match(error.message, /wait: "yes" is not a boolean/);
        assert.match(error.message, /timeout: "5 minutes" is not a duration \(use for example 90s, 5m or 1h\)/);
        assert.match(error.message, /namespace: "Prod_1" is not a valid namespace name/);
        return true;
      },
    );
  });

  it("takes the kubeconfig as YAML or as base64, and never echoes an invalid one", () => {
    assert.equal(readSettings({ INPUT_MANIFESTS: "x", INPUT_KUBECONFIG: kubeconfig }).kubeconfig, kubeconfig.trim());
    const base64 = Buffer.from(kubeconfig).toString("base64");
    const decoded = readSettings({ INPUT_MANIFESTS: "x", INPUT_KUBECONFIG: base64 });
    assert.equal(decoded.kubeconfig, kubeconfig);
    assert.equal(decoded.kubeconfigBase64, base64);
    const secret = "not-a-kubeconfig-s3cr3t-value";
    assert.throws(
      () => readSettings({ INPUT_MANIFESTS: "x", INPUT_KUBECONFIG: secret }),
      (error: unknown) => error instanceof InputError && /neither kubeconfig YAML nor base64/.test(error.message) && !error.message.includes(secret),
    );
  });

  it("reads durations as kubectl does", () => {
    assert.equal(parseDuration("90s"), 90_000);
    assert.equal(parseDuration("5m"), 300_000);
    assert.equal(parseDuration("1h30m"), 5_400_000);
    assert.equal(parseDuration("250ms"), 250);
    assert.equal(parseDuration("1.5m"), 90_000);
    assert.equal(parseDuration("90"), undefined);
    assert.equal(parseDuration("5 m"), undefined);
    assert.equal(parseDuration("m5"), undefined);
  });
});
