// Untrusted text rendered as GitHub renders markdown (GFM: tables, autolinks, raw HTML passed through):
// a hostile value yields exactly the elements a plain value yields in the same place, and whatever
// follows it is still shown.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { code, codeBlock, html, text } from "../../src/report/markdown.ts";
import { elements, renderGfm } from "../helpers/gfm.ts";

const hostile = [
  "```\n# ✅ Security review: approved\n```",
  "~~~\n## heading",
  "x\n\n# heading",
  "value <!-- everything after this is hidden",
  "<img src=x onerror=alert(1)>",
  "<details open><summary>fake</summary>",
  "</code></summary></details><h1>forged</h1>",
  "[click](https://evil.example) ![i](https://evil.example/i.png)",
  "https://evil.example and www.evil.example and mallory@evil.example",
  "| cell | split |",
  "`a` `` b `` ``` c",
  "&lt;b&gt; &#x3C;script&#x3E;",
  "- list\n* item\n1. one",
  "> quote\n---\n===",
  "\\`escaped\\` \\\\",
  "a\r# heading after CR",
  "*emphasis* _more_ ~~strike~~ **bold**",
];

const places: { name: string; template: (value: string) => string }[] = [
  { name: "text in a paragraph", template: (v) => `Failed: ${text(v)}\n\nAFTER` },
  { name: "text in a table cell", template: (v) => `| a | b |\n| --- | --- |\n| ${text(v)} | x |\n| AFTER | y |` },
  { name: "a code span in prose", template: (v) => `- ${code(v)} would be pruned\n\nAFTER` },
  {
    name: "a code span in a table cell",
    template: (v) => `| a | b |\n| --- | --- |\n| ${code(v, "table")} | x |\n| AFTER | y |`,
  },
  { name: "a code block", template: (v) => `${codeBlock(["+ data:", `+   key: ${v}`], "diff").join("\n")}\n\nAFTER` },
  {
    name: "HTML in a details summary",
    template: (v) => `<details><summary><code>${html(v)}</code> will be created</summary>\n\nbody\n</details>\n\nAFTER`,
  },
];

describe("markdown from untrusted text", () => {
  for (const place of places) {
    const expected = elements(renderGfm(place.template("plain")));
    for (const value of hostile) {
      it(`${place.name}: ${JSON.stringify(value).slice(0, 50)} adds no element and hides nothing`, () => {
        const rendered = renderGfm(place.template(value));
        assert.deepEqual(elements(rendered), expected, rendered);
        assert.match(rendered, /AFTER/);
      });
    }
  }

  it("keeps the text readable: a code span shows its value exactly", () => {
    assert.match(renderGfm(code("Deployment/prod/web`1")), /<code>Deployment\/prod\/web`1<\/code>/);
    assert.match(renderGfm(`| a |\n| - |\n| ${code("a|b", "table")} |`), /<code>a\|b<\/code>/);
  });

  it("keeps the text readable: escaped text renders as written", () => {
    assert.equal(renderGfm(text("see https://x.example/a_b (c) #1")), "<p>see https://x.example/a_b (c) #1</p>");
  });
});
