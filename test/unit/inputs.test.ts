import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { declaredInputs, literalDefaults } from "../helpers/action.ts";
import { registry } from "../../src/credentials/providers/registry.ts";
import {
  failClosedInputs,
  InputError,
  inputDefaults,
  omittedMarker,
  parseDuration,
  readSettings,
} from "../../src/inputs.ts";

const kubeconfig = "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\n";
const pem = "-----BEGIN CERTIFICATE-----\nQ0E=\n-----END CERTIFICATE-----\n";

describe("inputs", () => {
  it("action.yml states the same defaults that src/inputs.ts applies", () => {
    // The "omitted" marker is no default value: those inputs have none, and fail closed when set but empty.
    const declared = Object.fromEntries(
      Object.entries(literalDefaults()).filter(([, value]) => value !== omittedMarker),
    );
    assert.deepEqual(declared, { ...inputDefaults });
    const marked = Object.entries(declaredInputs()).flatMap(([name, spec]) =>
      spec.default === omittedMarker ? [name] : [],
    );
    assert.deepEqual(marked.sort(), [...failClosedInputs].sort());
  });

  it("refuses a credential input that the workflow set but that evaluated to empty, naming it", () => {
    for (const name of failClosedInputs) {
      const variable = `INPUT_${name.toUpperCase()}`;
      assert.throws(
        () => readSettings({ INPUT_MANIFESTS: "k8s/", [variable]: " ", HOME: "/home/u" }),
        (error: unknown) =>
          error instanceof InputError &&
          error.problems.some((p) => p.startsWith(`${name}: set in the workflow but empty`) && p.includes("fork")),
        name,
      );
    }
  });

  it("reads action.yml's marker, or an absent variable, as an input left out", () => {
    const omitted = Object.fromEntries(failClosedInputs.map((name) => [`INPUT_${name.toUpperCase()}`, omittedMarker]));
    for (const env of [omitted, {}]) {
      const settings = readSettings({ INPUT_MANIFESTS: "k8s/", HOME: "/home/u", ...env });
      assert.equal(settings.kubeconfig, undefined);
      assert.equal(settings.direct, undefined);
      assert.equal(settings.serviceAccount, undefined);
      assert.equal(settings.impersonate, undefined);
    }
  });

  it("applies every default when inputs are absent or empty", () => {
    const settings = readSettings({
      INPUT_MANIFESTS: "k8s/",
      INPUT_WAIT: "",
      HOME: "/home/u",
      GITHUB_WORKSPACE: "/ws",
    });
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
    const set = readSettings({
      INPUT_MANIFESTS: "k8s/",
      "INPUT_FAIL-FAST": "false",
      "INPUT_ROLLBACK-ON-FAILURE": "true",
    });
    assert.equal(set.failFast, false);
    assert.equal(set.rollbackOnFailure, true);
    assert.throws(
      () => readSettings({ INPUT_MANIFESTS: "k8s/", "INPUT_FAIL-FAST": "sometimes" }),
      /fail-fast: "sometimes" is not a boolean/,
    );
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

  for (const [mode, given, exported] of [
    ["apply", undefined, true],
    ["plan", undefined, false],
    ["plan", "true", true],
    ["apply", "false", false],
  ] as const) {
    it(`${given === undefined ? "by default" : `with export-kubeconfig: ${given}`}, ${mode} mode ${exported ? "exports" : "does not export"} the kubeconfig`, () => {
      const env = {
        INPUT_MANIFESTS: "x",
        INPUT_MODE: mode,
        ...(given === undefined ? {} : { "INPUT_EXPORT-KUBECONFIG": given }),
      };
      assert.equal(readSettings(env).exportKubeconfig, exported);
    });
  }

  for (const [timeout, accepted] of [
    ["1s", true],
    ["6h", true],
    ["999ms", false],
    ["6h1s", false],
    ["600h", false],
    ["1200h", false],
  ] as const) {
    it(`${accepted ? "accepts" : "refuses, naming the range,"} timeout: ${timeout}`, () => {
      const read = () => readSettings({ INPUT_MANIFESTS: "x", INPUT_TIMEOUT: timeout });
      if (accepted) assert.equal(read().timeoutMs, parseDuration(timeout));
      else assert.throws(read, new RegExp(`timeout: "${timeout}" is outside 1s to 6h`));
    });
  }

  it("takes the kubeconfig as YAML or as base64, and never echoes an invalid one", () => {
    assert.equal(readSettings({ INPUT_MANIFESTS: "x", INPUT_KUBECONFIG: kubeconfig }).kubeconfig, kubeconfig.trim());
    const base64 = Buffer.from(kubeconfig).toString("base64");
    const decoded = readSettings({ INPUT_MANIFESTS: "x", INPUT_KUBECONFIG: base64 });
    assert.equal(decoded.kubeconfig, kubeconfig);
    assert.equal(decoded.kubeconfigBase64, base64);
    const secret = "not-a-kubeconfig-s3cr3t-value";
    // neither YAML (no mapping) nor base64, and base64 of something that is no mapping either
    for (const value of [secret, Buffer.from(secret).toString("base64")]) {
      assert.throws(
        () => readSettings({ INPUT_MANIFESTS: "x", INPUT_KUBECONFIG: value }),
        (error: unknown) =>
          error instanceof InputError &&
          /neither kubeconfig YAML nor base64/.test(error.message) &&
          !error.message.includes(value) &&
          !error.message.includes(secret),
      );
    }
  });

  const durations: [string, number | undefined][] = [
    ["90s", 90_000],
    ["5m", 300_000],
    ["1h30m", 5_400_000],
    ["250ms", 250],
    ["1.5m", 90_000],
    ["90", undefined],
    ["5 m", undefined],
    ["m5", undefined],
  ];
  for (const [text, ms] of durations) {
    const expected = ms === undefined ? "not a duration" : `${ms} ms`;
    it(`reads the duration ${JSON.stringify(text)} as kubectl does: ${expected}`, () => {
      assert.equal(parseDuration(text), ms);
    });
  }

  it("reads the direct, service-account and impersonation inputs", () => {
    const settings = readSettings({
      INPUT_MANIFESTS: "x",
      INPUT_SERVER: "https://k8s.example:6443/",
      "INPUT_CERTIFICATE-AUTHORITY-DATA": Buffer.from(pem).toString("base64"),
      INPUT_TOKEN: "t0ken-value",
      "INPUT_SERVICE-ACCOUNT": "deploy/kubeship",
      INPUT_AS: "jane",
      "INPUT_AS-GROUPS": "devs\nops",
    });
    assert.equal(settings.direct?.server, "https://k8s.example:6443");
    assert.equal(settings.direct?.certificateAuthority, pem);
    assert.deepEqual(settings.serviceAccount, { namespace: "deploy", name: "kubeship" });
    assert.deepEqual(settings.impersonate, { user: "jane", groups: ["devs", "ops"] });
    assert.equal(settings.auth, "auto");
    assert.equal(settings.exportKubeconfig, true);
  });

  it("reports every contradictory or incomplete credential input at once, never echoing a secret", () => {
    assert.throws(
      () =>
        readSettings({
          INPUT_MANIFESTS: "x",
          INPUT_KUBECONFIG: kubeconfig,
          INPUT_TOKEN: "t0ken-value",
          "INPUT_CLIENT-KEY-DATA": "not-a-key-s3cret",
          "INPUT_SERVICE-ACCOUNT": "kubeship",
          "INPUT_AS-GROUPS": "devs",
          INPUT_AUTH: "magic",
          "INPUT_EXPORT-KUBECONFIG": "sometimes",
        }),
      (error: unknown) => {
        assert.ok(error instanceof InputError);
        const text = error.message;
        assert.match(text, /token, client-key-data and kubeconfig contradict each other/);
        assert.match(text, /server: required with token, client-key-data/);
        assert.match(text, /service-account: "kubeship" is not NAMESPACE\/NAME/);
        assert.match(text, /as-groups and as-uid need as/);
        assert.match(text, /auth: "magic" is not one of auto, kubeconfig, in-cluster/);
        assert.match(text, /export-kubeconfig: "sometimes" is not a boolean/);
        assert.ok(!text.includes("t0ken-value") && !text.includes("not-a-key-s3cret"));
        return true;
      },
    );
  });

  const refused: { name: string; env: Record<string, string>; problem: RegExp }[] = [
    {
      name: "a client certificate without its key",
      env: { INPUT_SERVER: "https://k", "INPUT_CLIENT-CERTIFICATE-DATA": pem },
      problem: /client-certificate-data and client-key-data go together/,
    },
    {
      name: "a kubeconfig with auth: in-cluster",
      env: { INPUT_KUBECONFIG: kubeconfig, INPUT_AUTH: "in-cluster" },
      problem: /kubeconfig cannot be used with auth: in-cluster/,
    },
    {
      name: "the server without a credential",
      env: { INPUT_SERVER: "https://k" },
      problem: /server: a token or a client certificate and key are needed with it/,
    },
  ];
  for (const c of refused) {
    it(`refuses ${c.name}`, () => assert.throws(() => readSettings({ INPUT_MANIFESTS: "x", ...c.env }), c.problem));
  }

  it("declares in action.yml every input a credential provider reads (the runner warns of undeclared ones)", () => {
    const inputs = declaredInputs();
    for (const provider of registry) {
      for (const name of provider.inputs) {
        assert.ok(inputs[name] !== undefined, `${name} (auth: ${provider.method}) is not in action.yml`);
      }
    }
  });

  it("reads KUBECONFIG as kubectl does: empty entries ignored, repeats read once", () => {
    assert.deepEqual(readSettings({ INPUT_MANIFESTS: "x", KUBECONFIG: "/a::/b:/a" }).kubeconfigPaths, ["/a", "/b"]);
  });

  it("gives exec plugins the environment without the action's inputs", () => {
    const settings = readSettings({
      INPUT_MANIFESTS: "x",
      INPUT_TOKEN: "s",
      INPUT_SERVER: "https://k",
      PATH: "/bin",
      AWS_PROFILE: "ci",
    });
    assert.deepEqual(settings.pluginEnvironment, { PATH: "/bin", AWS_PROFILE: "ci" });
  });
});
