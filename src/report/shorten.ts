// GitHub's size limits (1 MiB per job summary, 65,536 characters per comment, outputs): long text is
// cut at a line boundary and says what was left out; it is never cut silently.

/** `text` within `limit` characters (UTF-16 units, as GitHub counts them), with `why` said when it was cut. */
export function shorten(text: string, limit: number, why: string): string {
  if (text.length <= limit) return text;
  const omittedNote = (lines: number) => `\n\n> ✂️ ${lines} more line${lines === 1 ? "" : "s"} left out: ${why}.\n`;
  // room for the note and for closing what the cut leaves open
  const room = limit - omittedNote(999_999).length - 200;
  let cut = text.lastIndexOf("\n", room);
  if (cut <= 0) cut = room;
  let kept = text.slice(0, cut);
  // An unclosed code block or <details> would swallow the note: close them.
  if ((kept.match(/^```/gm)?.length ?? 0) % 2 === 1) kept += "\n```";
  const open = (kept.match(/<details>/g)?.length ?? 0) - (kept.match(/<\/details>/g)?.length ?? 0);
  kept += "\n</details>".repeat(Math.max(0, open));
  const left = text
    .slice(cut)
    .split("\n")
    .filter((l) => l.trim() !== "").length;
  return `${kept}${omittedNote(left)}`;
}

/** GitHub's limit for one step summary. */
export const summaryLimit = 1024 * 1024;
