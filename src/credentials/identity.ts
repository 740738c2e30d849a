// Who the cluster says we are (SelfSubjectReview), asked before anything else is sent: the first
// request is where expired tokens and refused impersonation show up, so their errors are here.
import type { KubeApi } from "../kube/api.ts";
import type { Connection } from "../kube/connection.ts";
import { KubeApiError } from "../kube/errors.ts";
import { CredentialsError } from "./errors.ts";

export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
}

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string; uid?: string; groups?: string[] } };
}

/** The identity after authentication and impersonation; undefined when the server has no SelfSubjectReview (before 1.28). */
export async function whoAmI(
  client: Pick<KubeApi, "request">,
  connection: Connection,
  signal?: AbortSignal,
): Promise<UserInfo | undefined> {
  let review: SelfSubjectReview;
  try {
    const body = JSON.stringify({ apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" });
    review = (
      await client.request<SelfSubjectReview>("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", {
        body,
        contentType: "application/json",
        ...(signal === undefined ? {} : { signal }),
      })
    ).body;
  } catch (error) {
    // Before 1.28 there is no SelfSubjectReview: the deploy goes on without a name for the identity.
    if (error instanceof KubeApiError && error.code === 404) return undefined;
    throw translateAuthError(error, connection);
  }
  const info = review.status?.userInfo;
  if (info?.username === undefined) return undefined;
  return {
    username: info.username,
    ...(info.uid === undefined || info.uid === "" ? {} : { uid: info.uid }),
    groups: info.groups ?? [],
  };
}

/** 401 and refused impersonation, said with their cause and fix; other errors pass unchanged. */
function translateAuthError(error: unknown, connection: Connection): unknown {
  if (!(error instanceof KubeApiError)) return error;
  if (error.code === 401) {
    const causes = connection.auth.whenRejected?.();
    if (causes !== undefined)
      return new CredentialsError(`${connection.server} rejected the credentials (401 Unauthorized): ${causes}`);
    return new CredentialsError(
      `${connection.server} rejected the credentials (401 Unauthorized): ${connection.auth.description} from ${connection.source} is expired, revoked or not issued for this cluster; renew the credential (for a kubeconfig secret, export a fresh one) and check that it belongs to this cluster`,
    );
  }
  if (error.code === 403 && connection.impersonate !== undefined && /impersonate/i.test(error.message)) {
    const { user, groups, uid } = connection.impersonate;
    const what = [
      `users "${user}"`,
      ...groups.map((g) => `groups "${g}"`),
      ...(uid === undefined ? [] : [`uids "${uid}"`]),
    ].join(", ");
    return new CredentialsError(
      `impersonation refused: ${error.message}. The credentials from ${connection.source} need the impersonate verb on ${what} (a ClusterRole with verbs [impersonate] on resources users, groups${uid === undefined ? "" : " and, in API group authentication.k8s.io, uids"}, bound to them); or drop as/as-groups/as-uid`,
    );
  }
  return error;
}
