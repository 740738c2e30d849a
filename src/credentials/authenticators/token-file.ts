// A bearer token read from a file that may be rewritten while we run (kubeconfig `tokenFile`, a
// pod's projected service-account token). As in client-go the file is re-read at most once a
// minute; after a 401 it is re-read at once, and the request retried if the token changed.
import { readFile } from "node:fs/promises";
import type { Authenticator, Credential } from "../../kube/connection.ts";
import type { Log } from "../../log.ts";
import { CredentialsError } from "../errors.ts";
import { secretForms } from "../secrets.ts";

const rereadAfterMs = 60_000;

export interface TokenFileOptions {
  path: string;
  /** an inline token, used only while the file cannot be read (client-go's rule for `token` + `tokenFile`) */
  fallback?: string;
  /** how messages name the file: `tokenFile of user "ci" in the kubeconfig input` */
  what: string;
  mask: Log["mask"];
  now?: () => number;
}

export class TokenFileAuthenticator implements Authenticator {
  readonly description: string;
  private readonly options: TokenFileOptions;
  private token: string | undefined;
  private readAt = 0;

  constructor(options: TokenFileOptions) {
    this.options = options;
    this.description = `the token in ${options.path} (re-read as it changes)`;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Reads the file; keeps the last good token (or the inline one) when it cannot be read. */
  private async read(): Promise<string> {
    this.readAt = this.now();
    try {
      const token = (await readFile(this.options.path, "utf8")).trim();
      if (token !== "") {
        if (token !== this.token) for (const form of secretForms(token)) this.options.mask(form);
        this.token = token;
      }
    } catch (error) {
      if (this.token === undefined && this.options.fallback === undefined) {
        const code = (error as { code?: string }).code ?? "unreadable";
        throw new CredentialsError(
          `${this.options.what}: ${this.options.path} cannot be read (${code}); check the path, or mount the token there`,
        );
      }
    }
    const token = this.token ?? this.options.fallback;
    if (token === undefined || token === "")
      throw new CredentialsError(`${this.options.what}: ${this.options.path} is empty`);
    return token;
  }

  async current(): Promise<Credential> {
    const token = this.token !== undefined && this.now() - this.readAt < rereadAfterMs ? this.token : await this.read();
    return { authorization: `Bearer ${token}` };
  }

  async renew(rejected: Credential): Promise<boolean> {
    const token = await this.read();
    return `Bearer ${token}` !== rejected.authorization;
  }

  kubeconfigUser(): Promise<Record<string, unknown>> {
    // A later step reads the same file, so it keeps following rotations.
    return Promise.resolve({ tokenFile: this.options.path });
  }

  /** Reads the file now, so that a missing file is reported before anything else happens. */
  async check(): Promise<void> {
    await this.read();
  }
}
