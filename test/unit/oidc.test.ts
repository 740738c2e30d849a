// The OIDC methods without a network: their inputs, the renewal rule, the credential plugin's
// output and cache, and what a container job exports.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { exportedUser } from "../../src/credentials/sources/oidc.ts";
import { writeCache } from "../../src/credentials/export/cache.ts";
import { runCredentialPlugin } from "../../src/credentials/export/plugin.ts";
import { RenewingTokenAuthenticator } from "../../src/credentials/authenticators/renewing.ts";
import type { OidcProvider } from "../../src/credentials/providers/registry.ts";
import { InputError, readSettings } from "../../src/inputs.ts";
import { repoRoot } from "../helpers/action.ts";

const ids = {
  ACTIONS_ID_TOKEN_REQUEST_URL: "https://runner.example/idtoken?api-version=2.0",
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: "request-token",
};
const cluster = { INPUT_SERVER: "https://cluster.example:6443" };

function settings(inputs: Record<string, string>, env: Record<string, string> = ids) {
  const vars: Record<string, string> = { INPUT_MANIFESTS: "app.yaml", ...env };
  for (const [name, value] of Object.entries(inputs)) vars[`INPUT_${name.toUpperCase()}`] = value;
  return readSettings(vars);
}

function problems(inputs: Record<string, string>, env: Record<string, string> = ids): string[] {
  try {
    settings(inputs, env);
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  return [];
}

interface InputCase {
  name: string;
  inputs: Record<string, string>;
  /** the runner's environment; the ID-token request unless given */
  env?: Record<string, string>;
  /** fields of the provider's settings, each compared whole */
  settings?: Record<string, unknown>;
  /** the input problems, exactly */
  problems?: string[];
  /** a pattern the problems match */
  problem?: RegExp;
}

const gcpProvider = "projects/1/locations/global/workloadIdentityPools/p/providers/q";
const roleArn = "arn:aws:iam::123456789012:role/deploy";

const inputCases: InputCase[] = [
  {
    name: "github-oidc takes the audience",
    inputs: { auth: "github-oidc", audience: "k8s", server: "https://c:6443" },
    settings: { method: "github-oidc", audience: "k8s" },
  },
  {
    name: "github-oidc needs an audience and the cluster",
    inputs: { auth: "github-oidc" },
    problems: [
      "auth: github-oidc needs the cluster: give server and certificate-authority-data, or a kubeconfig whose context names the cluster",
      "audience: required with auth: github-oidc (the audience the cluster's JWT authenticator accepts, for example https://kubernetes.example.com)",
    ],
  },
  {
    name: "an OIDC method needs the runner's ID-token request",
    inputs: { auth: "github-oidc", audience: "k8s", server: "https://c:6443" },
    env: {},
    problem: /ACTIONS_ID_TOKEN_REQUEST_URL is not set\): give the job `permissions: id-token: write`; pull requests/,
  },
  {
    name: "an OIDC method brings its own token: no token input",
    inputs: { auth: "github-oidc", audience: "k8s", server: "https://c:6443", token: "t" },
    problem: /token, client-certificate-data and client-key-data cannot be used with auth: github-oidc/,
  },
  {
    name: "a provider's input with another auth is an error",
    inputs: { "aws-role-arn": "arn:aws:iam::123456789012:role/x" },
    problems: ["aws-role-arn is only used with auth: aws (auth is auto)"],
  },
  {
    // the runner passes action.yml's defaults to every run
    name: "a provider's input at action.yml's default is no error with another auth",
    inputs: { "gcp-endpoint": "ip" },
    problems: [],
  },
  {
    name: "a provider's input changed from its default is an error with another auth",
    inputs: { "gcp-endpoint": "dns" },
    problems: ["gcp-endpoint is only used with auth: gcp (auth is auto)"],
  },
  {
    name: "token-exchange wants an https token endpoint",
    inputs: {
      auth: "token-exchange",
      audience: "a",
      "token-exchange-url": "http://sts.example/token",
      server: cluster.INPUT_SERVER,
    },
    problem: /token-exchange-url: "http:\/\/sts\.example\/token" is not an https:\/\/ URL/,
  },
  {
    name: "aws: the audience and regional endpoints",
    inputs: { auth: "aws", "aws-role-arn": roleArn, "aws-region": "eu-west-1", "cluster-name": "prod" },
    settings: {
      audience: "sts.amazonaws.com",
      endpoints: { sts: "https://sts.eu-west-1.amazonaws.com", eks: "https://eks.eu-west-1.amazonaws.com" },
    },
  },
  {
    name: "aws: the audience in the China regions",
    inputs: {
      auth: "aws",
      "aws-role-arn": "arn:aws-cn:iam::123456789012:role/deploy",
      "aws-region": "cn-north-1",
      "cluster-name": "prod",
    },
    settings: { audience: "sts.amazonaws.com.cn" },
  },
  {
    name: "aws: endpoint overrides as the AWS SDKs read them",
    inputs: { auth: "aws", "aws-role-arn": roleArn, "aws-region": "us-gov-west-1", "cluster-name": "prod" },
    env: {
      ...ids,
      AWS_ENDPOINT_URL: "https://vpce.example",
      AWS_ENDPOINT_URL_STS: "https://sts-fips.us-gov-west-1.amazonaws.com/",
    },
    settings: { endpoints: { sts: "https://sts-fips.us-gov-west-1.amazonaws.com", eks: "https://vpce.example" } },
  },
  {
    name: "aws: the role must be an IAM role ARN",
    inputs: { auth: "aws", "aws-role-arn": "deploy", "aws-region": "eu-west-1", "cluster-name": "prod" },
    problem: /aws-role-arn: "deploy" is not an IAM role ARN/,
  },
  {
    name: "gcp: the default audience and the provider's resource name",
    inputs: { auth: "gcp", "gcp-workload-identity-provider": gcpProvider, server: cluster.INPUT_SERVER },
    settings: {
      audience: `https://iam.googleapis.com/${gcpProvider}`,
      providerResource: `//iam.googleapis.com/${gcpProvider}`,
    },
  },
  {
    name: "gcp: the provider names the project number, and the cluster or server is required",
    inputs: {
      auth: "gcp",
      "gcp-workload-identity-provider": "projects/my-project/locations/global/workloadIdentityPools/p/providers/q",
    },
    problem: /the project number, not its ID[\s\S]*give gcp-project, gcp-location and cluster-name/,
  },
  {
    name: "azure: the default audience and the authority host override",
    inputs: { auth: "azure", "azure-client-id": "c", "azure-tenant-id": "t", server: cluster.INPUT_SERVER },
    env: { ...ids, AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us/" },
    settings: {
      audience: "api://AzureADTokenExchange",
      endpoints: { authority: "https://login.microsoftonline.us", resourceManager: "https://management.azure.com" },
    },
  },
];

describe("OIDC inputs", () => {
  for (const c of inputCases) {
    it(c.name, () => {
      const found = problems(c.inputs, c.env);
      if (c.problems !== undefined) assert.deepEqual(found, c.problems);
      if (c.problem !== undefined) assert.match(found.join("\n"), c.problem);
      if (c.settings !== undefined) {
        assert.deepEqual(found, []);
        const oidc = settings(c.inputs, c.env).oidc as Record<string, unknown> | undefined;
        for (const [field, value] of Object.entries(c.settings)) assert.deepEqual(oidc?.[field], value, field);
      }
    });
  }

  it("auth: auto carries the ID-token request but never an OIDC provider", () => {
    const read = settings({});
    assert.equal(read.oidc, undefined);
    assert.deepEqual(read.idTokenRequest, { url: ids.ACTIONS_ID_TOKEN_REQUEST_URL, token: "request-token" });
  });
});

describe("renewal", () => {
  /** An authenticator whose tokens (t1, t2, …) live 20 s, on a clock the test sets. */
  function renewing() {
    const clock = { now: 0, obtained: 0 };
    const auth = new RenewingTokenAuthenticator({
      description: "test",
      obtain: () => {
        clock.obtained++;
        const issuedAt = new Date(clock.now);
        return Promise.resolve({ token: `t${clock.obtained}`, issuedAt, expiresAt: new Date(clock.now + 20_000) });
      },
      exported: () => Promise.resolve({}),
      rejected: () => "",
      info: () => undefined,
      now: () => clock.now,
    });
    return { auth, clock };
  }

  it("obtains one token however many requests wait for it", async () => {
    const { auth, clock } = renewing();
    const [a, b] = await Promise.all([auth.current(), auth.current()]);
    assert.equal(a.authorization, "Bearer t1");
    assert.equal(b.authorization, "Bearer t1");
    assert.equal(clock.obtained, 1);
  });

  it("renews at 80% of the lifetime, not before", async () => {
    const { auth, clock } = renewing();
    await auth.current();
    clock.now = 15_999;
    assert.equal((await auth.current()).authorization, "Bearer t1");
    clock.now = 16_000;
    assert.equal((await auth.current()).authorization, "Bearer t2");
  });

  it("after a 401 replaces only the token refused", async () => {
    const { auth, clock } = renewing();
    await auth.current();
    clock.now = 16_000;
    await auth.current();
    // a 401 for the token replaced already: nothing to do but retry
    assert.equal(await auth.renew({ authorization: "Bearer t1" }), true);
    assert.equal(clock.obtained, 2);
    assert.equal(await auth.renew({ authorization: "Bearer t2" }), true);
    assert.equal((await auth.current()).authorization, "Bearer t3");
  });

  it("does not renew again when the token obtained after a 401 is refused too: the identity is not accepted", async () => {
    const { auth, clock } = renewing();
    await auth.current();
    assert.equal(await auth.renew({ authorization: "Bearer t1" }), true);
    // every request in flight with t2 is refused: none of them obtains another token
    const again = await Promise.all([1, 2, 3].map(() => auth.renew({ authorization: "Bearer t2" })));
    assert.deepEqual(again, [false, false, false]);
    assert.equal(clock.obtained, 2);
  });
});

describe("the credential plugin", () => {
  const provider: OidcProvider = { method: "github-oidc", audience: "k8s" };

  it("prints only the ExecCredential, in the apiVersion kubectl asked for, from a fresh cache kept 0600", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubeship-plugin-"));
    const cache = join(dir, "cache.json");
    const issuedAt = new Date();
    await writeCache(cache, { token: "cached-token", issuedAt, expiresAt: new Date(issuedAt.getTime() + 300_000) });
    assert.equal(statSync(cache).mode & 0o777, 0o600);
    let stdout = "";
    let stderr = "";
    const code = await runCredentialPlugin(
      {
        KUBESHIP_CREDENTIAL: JSON.stringify({ provider, cache }),
        KUBERNETES_EXEC_INFO: JSON.stringify({
          apiVersion: "client.authentication.k8s.io/v1beta1",
          kind: "ExecCredential",
          spec: { interactive: false },
        }),
      },
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    );
    assert.equal(code, 0);
    assert.equal(stderr, "");
    const credential = JSON.parse(stdout) as {
      apiVersion: string;
      kind: string;
      status: { token: string; expirationTimestamp: string };
    };
    assert.equal(credential.apiVersion, "client.authentication.k8s.io/v1beta1");
    assert.equal(credential.status.token, "cached-token");
    // kubectl runs it again at 80% of the lifetime
    assert.equal(Date.parse(credential.status.expirationTimestamp), issuedAt.getTime() + 240_000);
  });

  it("with an expired cache and no ID-token request in the step: exit 1, the reason on stderr, nothing on stdout", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubeship-plugin-"));
    const cache = join(dir, "cache.json");
    writeFileSync(
      cache,
      JSON.stringify({ token: "old", issuedAt: "2020-01-01T00:00:00Z", expiresAt: "2020-01-01T00:05:00Z" }),
    );
    let stdout = "";
    let stderr = "";
    const code = await runCredentialPlugin(
      { KUBESHIP_CREDENTIAL: JSON.stringify({ provider, cache }) },
      { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    );
    assert.equal(code, 1);
    assert.equal(stdout, "");
    assert.match(
      stderr,
      /ACTIONS_ID_TOKEN_REQUEST_URL is not set in this step: the job needs `permissions: id-token: write`/,
    );
    assert.doesNotMatch(stderr, /old/);
  });

  it("the bundle does not contain @actions/core, whose masking writes to stdout", () => {
    assert.doesNotMatch(readFileSync(join(repoRoot, "dist", "credential.js"), "utf8"), /add-mask|@actions\/core/);
  });

  it("in a container job, later steps get the token itself, with a warning that it expires", async () => {
    const warnings: string[] = [];
    const exported = exportedUser({ containerJob: true }, provider, "/nonexistent/cache.json", {
      warning: (m) => warnings.push(m),
    });
    const token = { token: "jwt", issuedAt: new Date(0), expiresAt: new Date(300_000) };
    assert.deepEqual(await exported(token), { token: "jwt" });
    assert.deepEqual(await exported(token), { token: "jwt" });
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0] ?? "",
      /expires at 1970-01-01T00:05:00\.000Z: in a container job later steps cannot run kubeship's credential plugin/,
    );
  });
});
