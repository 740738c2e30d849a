// The authenticator of bearer tokens that expire (the OIDC methods, TokenRequest): a token obtained
// from a token service, replaced at 80% of its lifetime and after a 401, one renewal at a time
// however many requests wait for it. What later steps get is the caller's choice (`exported`).
import type { Authenticator, Credential, KubeconfigUser } from "../../kube/connection.ts";
import { type IssuedToken, renewalTime } from "./issued-token.ts";

export interface RenewingOptions {
  description: string;
  obtain: () => Promise<IssuedToken>;
  /** the user stanza for later steps, given the current token */
  exported: (current: IssuedToken) => Promise<KubeconfigUser>;
  /** the usual causes when the cluster refuses the token (401), given the token it refused; absent: the generic advice */
  rejected?: (token: string) => string;
  /** said when the cluster refused a token before its time (it should never need to) */
  info?: (message: string) => void;
  now?: () => number;
}

export class RenewingTokenAuthenticator implements Authenticator {
  readonly description: string;
  private readonly options: RenewingOptions;
  private issued: IssuedToken | undefined;
  private obtaining: Promise<IssuedToken> | undefined;
  /** the Authorization of the token obtained after a 401, if that is the one in use */
  private renewedAfterRefusal: string | undefined;

  constructor(options: RenewingOptions) {
    this.options = options;
    this.description = options.description;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private credential(issued: IssuedToken): Credential {
    return { authorization: `Bearer ${issued.token}`, expiresAt: issued.expiresAt };
  }

  async current(): Promise<Credential> {
    return this.credential(await this.token());
  }

  /** The token to use now, renewed first when it reached 80% of its lifetime. */
  async token(): Promise<IssuedToken> {
    const issued = this.issued;
    if (issued !== undefined && this.now() < renewalTime(issued)) return issued;
    return this.obtain();
  }

  async renew(rejected: Credential): Promise<boolean> {
    // a parallel request may have renewed it already
    if (this.issued !== undefined && this.credential(this.issued).authorization !== rejected.authorization) return true;
    // A token obtained because the last one was refused, and refused in turn, says the cluster does not
    // take this identity at all: another would only be refused too (and the requests in flight at once
    // would each obtain one).
    if (rejected.authorization === this.renewedAfterRefusal) return false;
    this.options.info?.(`The cluster refused the token (401) before it was due for renewal: obtaining a new one`);
    this.issued = undefined;
    const renewed = await this.obtain();
    this.renewedAfterRefusal = this.credential(renewed).authorization;
    return true;
  }

  async kubeconfigUser(): Promise<KubeconfigUser> {
    return this.options.exported(await this.token());
  }

  whenRejected(): string | undefined {
    return this.options.rejected?.(this.issued?.token ?? "");
  }

  private obtain(): Promise<IssuedToken> {
    this.obtaining ??= this.options
      .obtain()
      .then((issued) => {
        this.issued = issued;
        return issued;
      })
      .finally(() => (this.obtaining = undefined));
    return this.obtaining;
  }
}
