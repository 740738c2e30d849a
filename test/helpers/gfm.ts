// Markdown rendered as GitHub renders it (GFM: tables, autolinks, raw HTML passed through), and the
// elements of the result: what untrusted text in a summary or comment must not change.
import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

export function renderGfm(markdown: string): string {
  return micromark(markdown, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
}

/** The elements of rendered HTML, in order, without their text. */
export function elements(rendered: string): string[] {
  return [...rendered.matchAll(/<\/?([a-zA-Z][\w-]*)|<!--/g)].map((m) => m[1]?.toLowerCase() ?? "comment");
}
