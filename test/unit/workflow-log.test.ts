// Text from manifests, file names and servers never becomes a workflow command: each hostile text
// is written through the one sink and the output read back exactly as the runner reads it.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { workflowLog } from "../../src/report/workflow-log.ts";
import { commandsCarriedOut, readRunnerLog } from "../helpers/runner-log.ts";

function written(texts: string[]): string {
  let output = "";
  const log = workflowLog((chunk) => (output += chunk));
  for (const text of texts) log.write(text);
  return output;
}

const hostile: { name: string; text: string }[] = [
  { name: "a set-output line", text: "::set-output name=result::success" },
  { name: "stop-commands, silencing later annotations", text: "::stop-commands::t" },
  { name: "an error annotation", text: "data:\n  x: |\n    ::error file=README.md,line=1::Security review: approved" },
  { name: "an indented legacy save-state", text: "    ##[save-state name=kubeconfig-path]/home/runner/.ssh/id_rsa" },
  { name: "a legacy command inside a line", text: "value: abc ##[set-env name=NODE_OPTIONS]--require=/tmp/x.js" },
  { name: "a command after a bare CR", text: "harmless\r::add-path::/tmp/evil" },
  { name: "a command after CRLF", text: "harmless\r\n::add-mask::nothing" },
  { name: "a command after U+0085, which .NET trims", text: "\u0085::set-output name=x::y" },
  { name: "upper-case command names", text: "::SET-OUTPUT name=x::y" },
  { name: "a forged end of a stop-commands block", text: "::stop-commands::abc\n::abc::\n::set-output name=x::y" },
  { name: "echo on", text: "::echo::on" },
];

describe("the runner log sink", () => {
  for (const { name, text } of hostile) {
    it(`carries out no command from ${name}, and shows the text`, () => {
      const log = readRunnerLog(written([text]));
      assert.deepEqual(commandsCarriedOut(log), []);
      assert.deepEqual(log.shown, text.split(/\r\n|\r|\n/));
    });
  }

  it("keeps kubeship's own commands working after hostile text", () => {
    const output = written(["::stop-commands::t", "::set-output name=a::b"]) + "::warning::kubeship's own warning\n";
    assert.deepEqual(commandsCarriedOut(readRunnerLog(output)), [
      { command: "warning", properties: {}, data: "kubeship's own warning" },
    ]);
  });

  it("prints ordinary lines as they are, without blocks", () => {
    assert.equal(
      written(["Deployment/default/web configured", "Phase: workloads (3 objects)"]),
      "Deployment/default/web configured\nPhase: workloads (3 objects)\n",
    );
  });

  it("uses a new token for every block, so no block's end can be known before the run", () => {
    const output = written(["::a::", "::b::"]);
    const tokens = [...output.matchAll(/^::stop-commands::(.+)$/gm)].map((m) => m[1]);
    assert.equal(tokens.length, 2);
    assert.notEqual(tokens[0], tokens[1]);
    assert.match(tokens[0] ?? "", /^[0-9a-f]{32}$/);
  });
});
