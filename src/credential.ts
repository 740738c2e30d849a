// The exec credential plugin that later workflow steps run through the kubeconfig kubeship exported
// (kubectl → node dist/credential.js). It prints only the ExecCredential JSON on stdout, so it must
// not import @actions/core, whose masking commands are written to stdout.
import { runCredentialPlugin } from "./credentials/export/plugin.ts";

process.exitCode = await runCredentialPlugin(process.env, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
