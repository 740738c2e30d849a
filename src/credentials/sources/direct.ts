// The direct inputs (`server`, `certificate-authority-data`, `token`, `client-certificate-data`,
// `client-key-data`): a connection without any kubeconfig.
import type { DirectCredentials } from "../../inputs.ts";
import { bearerToken, type Connection, staticAuthenticator } from "../../kube/connection.ts";
import { type ProxyEnvironment, proxyFromEnvironment } from "../../kube/proxy.ts";
import { pemSecretLines, secretForms } from "../secrets.ts";

export function directConnection(direct: DirectCredentials, proxyEnvironment: ProxyEnvironment): Connection {
  const proxy = proxyFromEnvironment(direct.server, proxyEnvironment);
  const given = [
    "server",
    ...(direct.token === undefined ? [] : ["token"]),
    ...(direct.clientCertificate === undefined ? [] : ["client certificate"]),
  ];
  return {
    server: direct.server,
    tls: {
      ...(direct.certificateAuthority === undefined
        ? {}
        : { ca: direct.certificateAuthority, caSource: "the certificate-authority-data input" }),
      ...(direct.clientCertificate === undefined || direct.clientKey === undefined
        ? {}
        : { cert: direct.clientCertificate, key: direct.clientKey }),
      insecureSkipVerify: false,
    },
    ...(proxy === undefined ? {} : { proxy }),
    auth: direct.token === undefined ? staticAuthenticator({}, {}, "a client certificate") : bearerToken(direct.token),
    source: `the ${given.join(" and ")} inputs`,
    secrets: [
      ...direct.secrets.flatMap(secretForms),
      ...(direct.clientKey === undefined ? [] : pemSecretLines(direct.clientKey)),
    ],
  };
}
