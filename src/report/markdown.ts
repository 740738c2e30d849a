// Untrusted text in the markdown GitHub renders (the job summary, the pull-request comment, the
// `diff` output): object names, file paths, values and server messages, all of which a pull request
// or a server can write. Each function renders its text as text: nothing in it can become a
// heading, list, link, image, HTML element or comment, end the block around it, or hide what follows.

/**
 * The characters that open inline markup: code spans, emphasis, links and images (`[`), HTML and
 * autolinks (`<`), entities, table cells and strikethrough. Any ASCII punctuation may be
 * backslash-escaped; only these need it mid-line, and the rest stays readable in the markdown source.
 */
const inlineMarkup = /[\\`*_[\]<>&|~]/g;
/** GFM's autolink literals: `http://…`, `www.…`, `user@host`; escaping one character defeats each. */
const autolinks = /(:)(?=\/\/)|(?<=\bwww)(\.)|(@)/gi;
/** What a line may start with to become a heading, quote, list item or setext underline. */
const blockStart = /^(\s*)([#>+\-=]|\d+(?=[.)]))/;

/** One line: block structure (headings, lists, quotes, blank lines ending an HTML block) needs line breaks. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ");
}

/** Plain text in prose or a table cell. */
export function text(value: string): string {
  return oneLine(value)
    .replace(inlineMarkup, "\\$&")
    .replace(autolinks, "\\$&")
    .replace(
      blockStart,
      (_match, space: string, start: string) => `${space}${/\d/.test(start) ? `${start}\\` : `\\${start}`}`,
    );
}

function longestRun(value: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of value) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * An inline code span, its fence longer than any backtick run inside. In a table cell GFM splits
 * cells at `|` before it reads code spans, so there a pipe is written `\|` (which GFM turns back).
 */
export function code(value: string, where: "prose" | "table" = "prose"): string {
  const content = oneLine(value);
  const fence = "`".repeat(longestRun(content, "`") + 1);
  const padded = /^[` ]|[` ]$/.test(content) ? ` ${content} ` : content;
  return `${fence}${where === "table" ? padded.replace(/\|/g, "\\|") : padded}${fence}`;
}

/** A fenced code block whose fence no line inside can close. */
export function codeBlock(lines: readonly string[], language = ""): string[] {
  const fence = "`".repeat(Math.max(3, ...lines.map((line) => longestRun(line, "`") + 1)));
  // a lone CR would end a line for some readers and not others: keep each line whole
  return [`${fence}${language}`, ...lines.map((line) => line.replace(/\r/g, "␍")), fence];
}

const htmlEntities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text inside raw HTML (`<summary>`, `<code>`): entities for markup, one line so the HTML block stays open. */
export function html(value: string): string {
  return oneLine(value).replace(/[&<>"']/g, (c) => htmlEntities[c] ?? c);
}
