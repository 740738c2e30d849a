// ID tokens shaped like GitHub Actions': the claims a real one carries (iss, aud, sub
// `repo:ORG/REPO:ref:refs/heads/main`, repository, ref, …), signed by the local issuer's key.
import { randomUUID } from "node:crypto";
import type { IdentityKeys } from "./keys.ts";
import { type Claims, signJwt } from "./jwt.ts";
import { trustedRepository } from "./trust.ts";

export interface IdTokenOptions {
  issuer: string;
  audience: string;
  /** seconds; GitHub's live about 300 */
  lifetime?: number;
  repository?: string;
  ref?: string;
  /** the whole `sub`, when a test needs another shape */
  subject?: string;
  extra?: Claims;
}

export function mintIdToken(keys: IdentityKeys, options: IdTokenOptions): string {
  const now = Math.floor(Date.now() / 1000);
  const repository = options.repository ?? trustedRepository;
  const ref = options.ref ?? "refs/heads/main";
  const owner = repository.split("/")[0] ?? "";
  return signJwt(
    {
      jti: randomUUID(),
      sub: options.subject ?? `repo:${repository}:ref:${ref}`,
      aud: options.audience,
      ref,
      sha: "0000000000000000000000000000000000000000",
      repository,
      repository_owner: owner,
      repository_owner_id: "1",
      repository_id: "2",
      repository_visibility: "private",
      run_id: "1",
      run_number: "1",
      run_attempt: "1",
      actor: "kubeship-bot",
      actor_id: "3",
      workflow: "deploy",
      event_name: "push",
      ref_type: "branch",
      job_workflow_ref: `${repository}/.github/workflows/deploy.yml@${ref}`,
      runner_environment: "github-hosted",
      iss: options.issuer,
      nbf: now - 600,
      iat: now,
      exp: now + (options.lifetime ?? 300),
      ...options.extra,
    },
    keys.issuerKey,
    keys.kid,
  );
}
