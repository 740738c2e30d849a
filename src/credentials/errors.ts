// The one error type of the credentials stage: each message names what failed, why, and the fix,
// and never quotes a secret.
export class CredentialsError extends Error {
  override name = "CredentialsError";
}
