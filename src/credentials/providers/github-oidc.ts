// `auth: github-oidc`: the GitHub Actions ID token itself is the bearer token, for a cluster that
// trusts GitHub's issuer through structured authentication configuration (a JWT authenticator).
import { describeIdToken } from "./id-token.ts";
import { defineProvider } from "./provider.ts";

export interface GithubOidcSettings {
  method: "github-oidc";
  audience: string;
}

export const githubOidc = defineProvider({
  method: "github-oidc",
  inputs: ["audience"],
  read(inputs): GithubOidcSettings {
    inputs.requireCluster();
    const audience = inputs.required(
      "audience",
      "the audience the cluster's JWT authenticator accepts, for example https://kubernetes.example.com",
    );
    return { method: "github-oidc", audience };
  },
  obtainToken: (_settings, idToken) => Promise.resolve(idToken),
  describe: (settings) => `the GitHub ID token for audience ${settings.audience} (renewed before it expires)`,
  rejectionCauses: (settings, token) =>
    `the cluster refused the GitHub ID token (${describeIdToken(token)}). Usual causes: the cluster's JWT ` +
    `authenticator (structured authentication configuration) does not trust that issuer, does not list the ` +
    `audience "${settings.audience}" (the audience input), or its claim rules refuse that subject (with an ` +
    `environment the subject is repo:ORG/REPO:environment:NAME)`,
});
