// What the test cluster trusts: the values its structured authentication configuration, its
// token-review webhook and the local services check. Tests use them to mint accepted and refused tokens.

/** The organisation and repository the test cluster's JWT authenticator trusts (claim validation rule). */
export const trustedOwner = "kubeship-test";
export const trustedRepository = `${trustedOwner}/app`;
/** The audience the test cluster's JWT authenticator accepts. */
export const clusterAudience = "kubeship-test-cluster";
/** The audience the local RFC 8693 service accepts. */
export const exchangeAudience = "kubeship-token-exchange";
/** The cluster ID the webhook asks the local STS about, as aws-iam-authenticator does with its cluster's. */
export const eksClusterId = "kubeship-test";
/** GitHub's usernames on the test cluster: this prefix and the token's `sub`. */
export const githubUserPrefix = "github:";
