const require = (id) => process.getBuiltinModule(id) ?? (() => { throw new Error(`kubeship: ${id} is not a built-in module`); })(); const besideTheBundle = (name) => new URL(name, import.meta.url);

// src/report/shorten.ts
function shorten(text, limit, why) {
  if (text.length <= limit) return text;
  const omittedNote = (lines) => `

> \u2702\uFE0F ${lines} more line${lines === 1 ? "" : "s"} left out: ${why}.
`;
  const room = limit - omittedNote(999999).length - 200;
  let cut = text.lastIndexOf("\n", room);
  if (cut <= 0) cut = room;
  let kept = text.slice(0, cut);
  if ((kept.match(/^```/gm)?.length ?? 0) % 2 === 1) kept += "\n```";
  const open = (kept.match(/<details>/g)?.length ?? 0) - (kept.match(/<\/details>/g)?.length ?? 0);
  kept += "\n</details>".repeat(Math.max(0, open));
  const left = text.slice(cut).split("\n").filter((l) => l.trim() !== "").length;
  return `${kept}${omittedNote(left)}`;
}
var summaryLimit = 1024 * 1024;

export {
  shorten,
  summaryLimit
};
