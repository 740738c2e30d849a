// What every OIDC provider is: a method that starts from the job's GitHub ID token (`auth:
// github-oidc`, `token-exchange`, `aws`, `gcp`, `azure`). A provider owns its action inputs and
// reads them into settings, turns a fresh ID token into the bearer token the cluster accepts, may
// find the cluster through its cloud's API, and says what it is and why the cluster may refuse its
// token. Renewal is not the provider's: its tokens say when they expire, and they are obtained
// afresh at 80% of their lifetime. Settings are plain data and hold no secret: they travel in the
// exported kubeconfig to the credential plugin of later steps, which obtains tokens the same way.
import type { IssuedToken } from "../authenticators/issued-token.ts";
import type { ServiceReach } from "./https.ts";

/** How a provider reads the action's inputs: only those it declares (the compiler checks the names). */
export interface ProviderInputs<Name extends string> {
  /** server, certificate-authority-data or a kubeconfig name the cluster already */
  readonly clusterGiven: boolean;
  /** the input's value; undefined when it is absent or empty */
  input(name: Name): string | undefined;
  /** the input's value; a problem (naming `what` it is) when it is absent */
  required(name: Name, what: string): string;
  /** the input, else the provider's default for it; a problem when it is not one of `allowed` */
  oneOf<T extends string>(name: Name, allowed: readonly T[]): T;
  /** a problem unless server or a kubeconfig name the cluster */
  requireCluster(): void;
  /** an environment variable of the runner (not an input) */
  variable(name: string): string | undefined;
  /** the first of `names` set in the environment (as the clouds' SDKs read endpoint overrides), else `fallback` */
  endpoint(names: readonly string[], fallback: string): string;
  problem(message: string): void;
}

/** What a provider's calls to its token services need besides its settings. */
export interface ServiceContext extends ServiceReach {
  /** registers a secret with the log's masking, as soon as it is known */
  mask: (secret: string) => void;
}

/** What a cloud's API says about a cluster: where its API server is and which CA signed its certificate. */
export interface ClusterAccess {
  server: string;
  /** PEM; absent when the endpoint has a publicly trusted certificate (GKE's DNS endpoint) */
  ca: string | undefined;
  /** for the log: `EKS DescribeCluster of prod (eu-west-1)` */
  source: string;
}

/**
 * One OIDC provider. `Method` is the `auth` input that names it, `Settings` what `read` makes of its
 * inputs, `Input` the names of those inputs (each one declared in action.yml).
 */
export interface Provider<
  Method extends string,
  Settings extends { method: Method; audience: string },
  Input extends string = string,
> {
  readonly method: Method;
  /** the inputs it reads: with any other `auth`, giving one is an input error */
  readonly inputs: readonly Input[];
  /** the defaults action.yml states for its inputs (the runner passes them whatever `auth` is) */
  readonly defaults?: Readonly<Partial<Record<Input, string>>>;
  /** its settings from the inputs; each problem is reported through `inputs.problem` */
  read(inputs: ProviderInputs<Input>): Settings;
  /** the bearer token for the cluster, from a fresh GitHub ID token for `settings.audience` */
  obtainToken(settings: Settings, idToken: IssuedToken, context: ServiceContext): Promise<IssuedToken>;
  /** the cluster's endpoint and CA from the cloud's API; undefined when the settings name no cluster there */
  findCluster?(
    settings: Settings,
    idToken: () => Promise<IssuedToken>,
    context: ServiceContext,
  ): Promise<ClusterAccess | undefined>;
  /** one line for the log: which token, for whom */
  describe(settings: Settings): string;
  /** the usual causes when the cluster refuses the provider's token (401), given the token it refused */
  rejectionCauses(settings: Settings, token: string): string;
}

/** Declares a provider, inferring its types from the object (the `inputs` list gives the input names). */
export function defineProvider<
  const Method extends string,
  Settings extends { method: Method; audience: string },
  const Input extends string,
>(provider: Provider<Method, Settings, Input>): Provider<Method, Settings, Input> {
  return provider;
}
