// A fast reader for the YAML that install manifests are written in: block mappings and sequences;
// plain, quoted and block scalars; flow sequences and mappings, nested and over several lines
// (`metadata: {name: a, labels: {app: x}}`, `ports: [{port: 80}]`); documents that are one JSON
// object (common-json.ts). It exists for speed only (the `yaml` package composes a syntax tree of
// every node and converts it, ~3 MB/s on large CRDs); `yaml` stays the parser of record. The moment
// anything else appears (anchors, aliases, tags, directives, complex or non-string keys, merge keys,
// duplicate keys, tabs, a lone CR, a BOM, control characters, indentation indicators, comments or
// scalars over several lines inside a flow collection, a line it cannot place), the reader returns
// undefined and the caller parses the whole text with `yaml`, which also reports every error. So it
// never has to be right about anything unusual, only identical to `yaml` (YAML 1.1, as load.ts
// configures it) on what it takes, which test/unit/common-yaml.test.ts checks on every YAML file in
// the repository, the benchmark's stand-ins, real CRDs and generated edge cases. Plain scalars are
// resolved by the `yaml` package's own YAML 1.1 tags, so `yes`, `0400`, `1e3`, `~` and timestamps (a
// Date) read as through `yaml`.
import { Document, isScalar, type ScalarTag } from "yaml";
import { doubtful, readJson } from "./common-json.ts";

/** One document: its value and the 1-based lines `parseManifest` keeps. */
export interface CommonDocument {
  value: Record<string, unknown>;
  /** the line of the document's first key */
  line: number;
  /** for a root `items:` block sequence, the line where each entry's node starts */
  itemLines: number[] | undefined;
}

/** Thrown inside the reader for anything it does not handle; caught in readCommonYaml only. */
class NotCommon extends Error {}
const notCommon = new NotCommon();

// Characters after which the reader gives up on the whole text: tabs (indentation rules), a CR not
// before LF, BOM, other control characters (C0 and C1, NEL among them), and the other line breaks
// YAML 1.1 knows.
const unusualChar = /[^\P{Cc}\n]|[\u2028\u2029\ufeff]/u;

// `yaml`'s own resolution of plain scalars in a YAML 1.1 document, in the order it tries them.
const plainTags = new Document(null, { version: "1.1" }).schema.tags.filter(
  (tag): tag is ScalarTag & { test: RegExp } => tag.default === true && tag.test instanceof RegExp,
);
const resolveOptions = new Document(null, { version: "1.1" }).options;
// One pattern for all of them: a plain scalar it does not match is a string, without trying each tag.
const maybeNotString = new RegExp(plainTags.map((tag) => `(?:${tag.test.source})`).join("|"));
if (plainTags.some((tag) => tag.test.flags !== ""))
  throw new Error("yaml's tag patterns changed: review common-yaml.ts");

function resolvePlain(text: string): unknown {
  if (!maybeNotString.test(text)) return text;
  const tag = plainTags.find((candidate) => candidate.test.test(text));
  if (tag === undefined) return text;
  let failed = false;
  const resolved: unknown = tag.resolve(text, () => (failed = true), resolveOptions);
  if (failed) throw notCommon;
  // what Document.toJS keeps of it: the Scalar's value (a timestamp stays a Date)
  return isScalar(resolved) ? resolved.value : resolved;
}

/** Whether YAML resolves a JSON number's text to the number JSON.parse made of it (`-0`, large integers). */
function sameNumber(raw: string, value: number): boolean {
  try {
    return Object.is(resolvePlain(raw), value);
  } catch {
    return false;
  }
}

/** 1-based lines of increasing offsets in `text`, whose first line is `first`. */
function linesOf(text: string, offsets: number[] | undefined, first: number): number[] | undefined {
  if (offsets === undefined) return undefined;
  let line = first;
  let from = 0;
  return offsets.map((offset) => {
    for (let at = text.indexOf("\n", from); at >= 0 && at < offset; at = text.indexOf("\n", at + 1)) line++;
    from = offset;
    return line;
  });
}

function resolveKey(text: string): string {
  // a key that is not a string (`1:`, `on:`, `~:`), a merge key or `__proto__`: `yaml`'s business
  if (
    text === "" ||
    text === "__proto__" ||
    text === "<<" ||
    (maybeNotString.test(text) && typeof resolvePlain(text) !== "string")
  ) {
    throw notCommon;
  }
  return text;
}

/** `text` without the spaces at its end (YAML trims spaces and tabs, not all of Unicode's white space). */
function trimSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

const spaces = (line: string, from: number) => {
  let i = from;
  while (line.charCodeAt(i) === 32) i++;
  return i;
};

/** Whether the rest of a line from `from` is only spaces and, after a space, a comment. */
function restIsBlank(line: string, from: number): boolean {
  const i = spaces(line, from);
  return i === line.length || (line.charCodeAt(i) === 35 && (i === 0 || line.charCodeAt(i - 1) === 32));
}

const doubleEscapes: Record<string, string> = {
  "0": "\0",
  a: "\x07",
  b: "\b",
  t: "\t",
  n: "\n",
  v: "\v",
  f: "\f",
  r: "\r",
  e: "\x1b",
  " ": " ",
  '"': '"',
  "/": "/",
  "\\": "\\",
  N: "\x85",
  _: "\xa0",
  L: "\u2028",
  P: "\u2029",
};
const hexLengths: Record<string, number> = { x: 2, u: 4, U: 8 };

class Reader {
  private readonly lines: string[];
  private i = 0;
  itemLines: number[] | undefined;

  constructor(text: string) {
    this.lines = text.split("\n");
  }

  /** Index of the next line holding something other than spaces or a comment, from line `from`. */
  private nextContent(from: number): number {
    let i = from;
    while (i < this.lines.length && restIsBlank(this.lines[i] ?? "", 0)) i++;
    return i;
  }

  private line(i: number): string {
    return this.lines[i] ?? "";
  }

  documents(): CommonDocument[] {
    const documents: CommonDocument[] = [];
    for (;;) {
      this.i = this.nextContent(this.i);
      if (this.i >= this.lines.length) return documents;
      const line = this.line(this.i);
      if (isMarker(line, "---")) {
        if (!restIsBlank(line, 3)) throw notCommon;
        this.i++;
        continue;
      }
      if (line.startsWith("...") || line.startsWith("%") || line.charCodeAt(0) === 32) throw notCommon;
      if (line.charCodeAt(0) === 123) {
        documents.push(this.flowDocument());
        continue;
      }
      this.itemLines = undefined;
      const start = this.i;
      const value = this.blockMap(0, 0, true);
      // the root mapping ends only at a document marker or the end of the text
      if (this.i < this.lines.length && !isMarker(this.line(this.i), "---")) throw notCommon;
      documents.push({ value, line: start + 1, itemLines: this.itemLines });
    }
  }

  /** A document that is a flow mapping (JSON among them), its `{` at the start of the current line. */
  private flowDocument(): CommonDocument {
    const start = this.i;
    let end = start + 1;
    while (end < this.lines.length && !isMarker(this.line(end), "---") && !this.line(end).startsWith("...")) end++;
    const text = this.lines.slice(start, end).join("\n");
    const json = readJson(text, sameNumber);
    if (json === doubtful) throw notCommon;
    if (json !== undefined) {
      this.i = end;
      return { value: json.value, line: start + 1, itemLines: linesOf(text, json.itemOffsets, start + 1) };
    }
    // YAML's flow style: its lines may start at column 0 at the root
    const flow = new Flow(this.lines, start, 0, 0, -1);
    const value = flow.collection(0);
    flow.end();
    // a root `items` sequence in flow style: its entries' lines are `yaml`'s to find
    if (Array.isArray(value) || Object.hasOwn(value, "items")) throw notCommon;
    this.i = this.nextContent(flow.index + 1);
    if (this.i < this.lines.length && !isMarker(this.line(this.i), "---")) throw notCommon;
    return { value, line: start + 1, itemLines: undefined };
  }

  /**
   * A block mapping whose keys stand at column `indent`, the first on the current line at column
   * `column` (after `- ` in a sequence). Leaves `i` on the first line after it.
   */
  private blockMap(indent: number, column: number, root: boolean): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let at = column;
    for (;;) {
      const line = this.line(this.i);
      const first = line.charCodeAt(at);
      let key: string;
      let after: number; // column after the key's colon
      if (first === 34 || first === 39) {
        const close = first === 39 ? singleQuotedEnd(line, at) : doubleQuotedEnd(line, at);
        if (close < 0 || line.charCodeAt(close + 1) !== 58) throw notCommon;
        key = first === 39 ? unquoteSingleLine(line.slice(at + 1, close)) : unescapeDouble(line.slice(at + 1, close));
        if (key === "__proto__" || key === "" || key === "<<") throw notCommon;
        after = close + 2;
      } else {
        if (!plainCanStart(line, at) || (first === 45 && line.charCodeAt(at + 1) === 32)) throw notCommon;
        const colon = keyColon(line, at);
        if (colon < 0) throw notCommon;
        const text = trimSpaces(line.slice(at, colon));
        if (text.includes(" #")) throw notCommon;
        key = resolveKey(text);
        after = colon + 1;
      }
      if (after - at > 1024 || Object.hasOwn(map, key)) throw notCommon;
      if (after < line.length && line.charCodeAt(after) !== 32) throw notCommon;
      const collectItems = root && key === "items";
      map[key] = this.value(indent, after, true, collectItems);
      // the next key, at this mapping's indentation, or its end
      this.i = this.nextContent(this.i);
      if (this.i >= this.lines.length) return map;
      const next = this.line(this.i);
      const nextIndent = spaces(next, 0);
      if (nextIndent < indent) return map;
      if (nextIndent > indent) throw notCommon;
      if (indent === 0 && (isMarker(next, "---") || next.startsWith("..."))) return map;
      at = indent;
    }
  }

  /**
   * The value of a mapping entry (`inMap`) or a sequence entry whose indicator stands at column
   * `indent`, starting on the current line at column `from`. Leaves `i` on the line after it.
   */
  private value(indent: number, from: number, inMap: boolean, collectItems: boolean): unknown {
    const line = this.line(this.i);
    const at = spaces(line, from);
    if (restIsBlank(line, at)) {
      // nothing on this line: a nested block on the next ones, or null
      const next = this.nextContent(this.i + 1);
      if (next >= this.lines.length) {
        this.i = next;
        return null;
      }
      const nextLine = this.line(next);
      const nextIndent = spaces(nextLine, 0);
      const isEntry = nextLine.charCodeAt(nextIndent) === 45 && isSpaceOrEnd(nextLine, nextIndent + 1);
      // a sequence may stand at its key's own indentation
      if (nextIndent > indent || (inMap && nextIndent === indent && isEntry)) {
        this.i = next;
        return this.block(nextIndent, nextIndent, collectItems);
      }
      this.i++;
      return null;
    }
    if (collectItems) throw notCommon; // a root `items:` that is not a block sequence: left to `yaml`
    const first = line.charCodeAt(at);
    // a scalar's later lines must be indented past its mapping's keys, or past a sequence's `-`
    const parent = inMap ? indent : indent + 1;
    if (first === 124 || first === 62) return this.blockScalar(parent, at);
    if (first === 91 || first === 123) return this.flow(at, indent, parent);
    if (!inMap && first === 45 && isSpaceOrEnd(line, at + 1)) throw notCommon; // `- - x`
    if (!inMap && keyColon(line, at) >= 0) return this.blockMap(at, at, false); // `- name: x`
    if (first === 34 || first === 39) return this.quoted(parent, at);
    return this.plain(parent, at);
  }

  /** A block mapping or sequence whose first line is the current one, at column `indent`. */
  private block(indent: number, column: number, collectItems: boolean): unknown {
    const line = this.line(this.i);
    if (line.charCodeAt(column) === 45 && isSpaceOrEnd(line, column + 1)) return this.blockSeq(indent, collectItems);
    if (collectItems) throw notCommon;
    return this.blockMap(indent, column, false);
  }

  private blockSeq(indent: number, collectItems: boolean): unknown[] {
    const items: unknown[] = [];
    const lines: number[] | undefined = collectItems ? [] : undefined;
    for (;;) {
      if (lines !== undefined) {
        // the line where the entry's node starts: after `-`, or the next line with content
        const here = this.line(this.i);
        const start = restIsBlank(here, indent + 1) ? this.nextContent(this.i + 1) : this.i;
        lines.push(start + 1);
      }
      const entry = this.value(indent, indent + 1, false, false);
      if (lines !== undefined && entry === null) throw notCommon; // where `yaml` places an empty entry
      items.push(entry);
      this.i = this.nextContent(this.i);
      if (this.i >= this.lines.length) break;
      const next = this.line(this.i);
      const nextIndent = spaces(next, 0);
      if (nextIndent < indent) break;
      if (nextIndent > indent) throw notCommon;
      if (next.charCodeAt(indent) !== 45 || !isSpaceOrEnd(next, indent + 1)) break; // the mapping goes on
    }
    if (lines !== undefined) this.itemLines = lines;
    return items;
  }

  /** A plain scalar from column `at`, continued on lines indented past `indent`. */
  private plain(indent: number, at: number): unknown {
    const line = this.line(this.i);
    if (!plainCanStart(line, at)) throw notCommon;
    let end = line.indexOf(" #", at);
    const commented = end >= 0;
    if (!commented) end = line.length;
    const text = trimSpaces(line.slice(at, end));
    if (text.includes(": ") || text.endsWith(":")) throw notCommon;
    this.i++;
    if (commented) return resolvePlain(text);
    // continuation lines: folded with a space, an empty line as a line break
    let folded = text;
    let breaks = 0;
    let j = this.i;
    for (; j < this.lines.length; j++) {
      const next = this.line(j);
      const start = spaces(next, 0);
      if (start === next.length) {
        breaks++;
        continue;
      }
      if (start <= indent) break;
      const part = trimSpaces(next.slice(start));
      const c = part.charCodeAt(0);
      // anything that could be read as structure or a comment: left to `yaml`
      const indicator = (c === 45 || c === 63 || c === 58) && isSpaceOrEnd(part, 1);
      if (c === 35 || indicator || part.includes(": ") || part.endsWith(":") || part.includes(" #")) throw notCommon;
      folded += breaks === 0 ? " " + part : "\n".repeat(breaks) + part;
      breaks = 0;
      this.i = j + 1;
    }
    // resolved as a whole: `2001-12-14` and `21:59:43` on the next line make one timestamp
    return resolvePlain(folded);
  }

  /** A single- or double-quoted scalar from column `at`, which may run over several lines. */
  private quoted(indent: number, at: number): string {
    const line = this.line(this.i);
    const single = line.charCodeAt(at) === 39;
    const close = single ? singleQuotedEnd(line, at) : doubleQuotedEnd(line, at);
    if (close >= 0) {
      if (!restIsBlank(line, close + 1)) throw notCommon;
      this.i++;
      const inner = line.slice(at + 1, close);
      return single ? unquoteSingleLine(inner) : unescapeDouble(inner);
    }
    // several lines: gather the raw text up to the closing quote, then fold it as YAML does
    const raw: string[] = [line.slice(at + 1)];
    for (let j = this.i + 1; j < this.lines.length; j++) {
      const next = this.line(j);
      const start = spaces(next, 0);
      if (start < next.length && start <= indent) throw notCommon; // not indented past its parent
      const end = single ? singleQuotedEnd(next, start - 1) : doubleQuotedEnd(next, start - 1);
      if (end < 0) {
        raw.push(next);
        continue;
      }
      if (!restIsBlank(next, end + 1)) throw notCommon;
      raw.push(next.slice(0, end));
      this.i = j + 1;
      return single ? foldSingle(raw) : foldDouble(raw);
    }
    throw notCommon;
  }

  /**
   * A flow collection opened at column `at` of the current line, as the value of a mapping entry at
   * `indent` or of a sequence entry whose `-` is there (`parent`: the column its lines must pass).
   * Leaves `i` on the line after its closing bracket.
   */
  private flow(at: number, indent: number, parent: number): unknown {
    const flow = new Flow(this.lines, this.i, at, indent, parent);
    const value = flow.collection(0);
    flow.end();
    this.i = flow.index + 1;
    return value;
  }

  /** A literal (`|`) or folded (`>`) block scalar whose header is at column `at`. */
  private blockScalar(indent: number, at: number): string {
    const line = this.line(this.i);
    const folded = line.charCodeAt(at) === 62;
    let chomp = "";
    let i = at + 1;
    if (line[i] === "-" || line[i] === "+") chomp = line[i++] ?? "";
    // an indentation indicator (`|2`) or anything else in the header: left to `yaml`
    if (i < line.length && line.charCodeAt(i) !== 32) throw notCommon;
    if (!restIsBlank(line, i)) throw notCommon;
    // the content's indentation is that of its first non-empty line
    let j = this.i + 1;
    let contentIndent = -1;
    let leading = 0;
    for (; j < this.lines.length; j++) {
      const next = this.line(j);
      const start = spaces(next, 0);
      if (start < next.length) {
        contentIndent = start;
        break;
      }
      leading = Math.max(leading, next.length);
    }
    if (contentIndent <= indent || leading > contentIndent) throw notCommon; // empty, or spaces `yaml` would weigh
    const content: string[] = [];
    let trailing = 0; // empty lines after the last content line
    for (j = this.i + 1; j < this.lines.length; j++) {
      const next = this.line(j);
      const start = spaces(next, 0);
      if (start === next.length) {
        if (next.length > contentIndent) throw notCommon; // spaces past the indentation are content
        trailing++;
        continue;
      }
      if (start < contentIndent) break;
      for (; trailing > 0; trailing--) content.push("");
      content.push(next.slice(contentIndent));
    }
    // the last content line must end with a line break of its own (not the end of the text)
    if (j === this.lines.length && trailing === 0) throw notCommon;
    this.i = j;
    let body: string;
    if (folded) {
      body = "";
      let previous: "none" | "text" | "empty" = "none";
      let empties = 0;
      for (const part of content) {
        if (part === "") {
          empties++;
          continue;
        }
        if (part.charCodeAt(0) === 32) throw notCommon; // more-indented lines keep their breaks: `yaml`'s
        if (previous === "none") body += "\n".repeat(empties) + part;
        else body += empties === 0 ? " " + part : "\n".repeat(empties) + part;
        previous = "text";
        empties = 0;
      }
    } else body = content.join("\n");
    if (chomp === "-") return body;
    if (chomp === "+") {
      // a kept chomp takes the empty lines after the content: they end at the next content or at
      // the end of the text, where `yaml`'s count of the last line differs; left to it there
      if (this.i >= this.lines.length) throw notCommon;
      return body + "\n".repeat(1 + trailing);
    }
    return body + "\n";
  }
}

// nesting beyond this is left to `yaml` (and its limits)
const maxFlowDepth = 100;

/**
 * A flow collection (`{name: a, labels: {app: x}}`, `[{port: 80}]`, JSON), read from a line and, when
 * it stays open, the lines after it: plain and quoted scalars and nested collections, empty ones and a
 * trailing comma, `{a}` and `{a: }` (null). A scalar or a key over two lines, comments, `? ` keys,
 * single-pair mappings in a sequence (`[a: b]`), anchors, tags and aliases: left to `yaml`.
 */
class Flow {
  index: number;
  private line: string;
  private pos: number;
  /** the last line whose indentation only a closing bracket may have (-1: none) */
  private low = -1;

  private readonly lines: string[];
  /** a closing bracket may stand at this column or further */
  private readonly indent: number;
  /** the other lines must be indented past this column */
  private readonly parent: number;

  constructor(lines: string[], index: number, at: number, indent: number, parent: number) {
    this.lines = lines;
    this.index = index;
    this.line = lines[index] ?? "";
    this.pos = at;
    this.indent = indent;
    this.parent = parent;
  }

  /** After the outermost collection: nothing but a comment may follow it on its line. */
  end(): void {
    if (this.low >= 0 && this.low !== this.index) throw notCommon;
    if (!restIsBlank(this.line, this.pos)) throw notCommon;
  }

  private code(): number {
    return this.line.charCodeAt(this.pos);
  }

  /** To the next token, over spaces and onto the next lines; a comment is left to `yaml`. */
  private toNextToken(): void {
    for (;;) {
      this.pos = spaces(this.line, this.pos);
      if (this.pos < this.line.length) {
        if (this.code() === 35) throw notCommon;
        return;
      }
      this.index++;
      if (this.index >= this.lines.length) throw notCommon;
      this.line = this.lines[this.index] ?? "";
      const at = spaces(this.line, 0);
      this.pos = at;
      if (at === this.line.length || at > this.parent) continue;
      // a line indented no further than the block around it: only a closing bracket, and at its key's column
      const c = this.line.charCodeAt(at);
      if ((c !== 93 && c !== 125) || at < this.indent) throw notCommon;
      this.low = this.index;
    }
  }

  /** The collection whose opening bracket is at the current position. */
  collection(depth: number): unknown[] | Record<string, unknown> {
    if (depth > maxFlowDepth) throw notCommon;
    const isMap = this.code() === 123;
    const close = isMap ? 125 : 93;
    const items: unknown[] = [];
    const map: Record<string, unknown> = {};
    this.pos++;
    for (;;) {
      this.toNextToken();
      if (this.code() === close) break; // empty, or after a trailing comma
      if (isMap) {
        const key = this.key();
        if (Object.hasOwn(map, key)) throw notCommon;
        // the `:` on the key's line; after a quoted key it may touch the value (JSON's `"a":1`)
        this.pos = spaces(this.line, this.pos);
        let c = this.code();
        if (c === 58) {
          this.pos = spaces(this.line, this.pos + 1);
          if (this.pos >= this.line.length) throw notCommon; // the value on the next line: `yaml`'s
          c = this.code();
          map[key] = c === 44 || c === close ? null : this.node(depth);
        } else if (c === 44 || c === close) map[key] = null;
        else throw notCommon;
      } else items.push(this.node(depth));
      this.toNextToken();
      const c = this.code();
      if (c === close) break;
      if (c !== 44) throw notCommon; // `[a: b]` among others
      this.pos++;
    }
    this.pos++;
    return isMap ? map : items;
  }

  private node(depth: number): unknown {
    const c = this.code();
    if (c === 91 || c === 123) return this.collection(depth + 1);
    if (c === 34 || c === 39) return this.quoted();
    return resolvePlain(this.plain());
  }

  private key(): string {
    const at = this.pos;
    const c = this.code();
    let key: string;
    if (c === 34 || c === 39) {
      key = this.quoted();
      if (key === "" || key === "__proto__" || key === "<<") throw notCommon;
    } else key = resolveKey(this.plain());
    if (this.pos - at > 1024) throw notCommon;
    return key;
  }

  /** A quoted scalar that closes on its line. */
  private quoted(): string {
    const line = this.line;
    const at = this.pos;
    const single = line.charCodeAt(at) === 39;
    const close = single ? singleQuotedEnd(line, at) : doubleQuotedEnd(line, at);
    if (close < 0) throw notCommon;
    this.pos = close + 1;
    const inner = line.slice(at + 1, close);
    return single ? unquoteSingleLine(inner) : unescapeDouble(inner);
  }

  /**
   * A plain scalar's text: up to a flow indicator, a `:` before a space, a flow indicator or the line's
   * end, or the line's end (a scalar going on on the next line is `yaml`'s).
   */
  private plain(): string {
    const line = this.line;
    const at = this.pos;
    const first = line.charCodeAt(at);
    // `-` starts one only before a character that could go on it (`-1`, `-x`)
    if (first === 45 ? !plainSafeInFlow(line.charCodeAt(at + 1)) : !plainCanStart(line, at)) throw notCommon;
    let end = at;
    for (; end < line.length; end++) {
      const c = line.charCodeAt(end);
      if (c === 44 || c === 91 || c === 93 || c === 123 || c === 125) break;
      if (c === 58 && !plainSafeInFlow(line.charCodeAt(end + 1))) break;
      if (c === 35 && line.charCodeAt(end - 1) === 32) throw notCommon; // a comment
    }
    const text = trimSpaces(line.slice(at, end));
    this.pos = end;
    if (end === line.length && !this.closesLater()) throw notCommon;
    return text;
  }

  /** Whether the next line with content goes on with a flow indicator rather than the scalar. */
  private closesLater(): boolean {
    for (let j = this.index + 1; j < this.lines.length; j++) {
      const next = this.lines[j] ?? "";
      const at = spaces(next, 0);
      if (at === next.length) return false; // an empty line folds into the scalar
      const c = next.charCodeAt(at);
      return c === 44 || c === 93 || c === 125;
    }
    return false;
  }
}

/** Whether `c` can follow `:` or `-` inside a plain scalar in a flow collection: not a space, flow indicator or end. */
function plainSafeInFlow(c: number): boolean {
  return !(Number.isNaN(c) || c === 32 || c === 44 || c === 91 || c === 93 || c === 123 || c === 125);
}

function isMarker(line: string, marker: string): boolean {
  return line.startsWith(marker) && isSpaceOrEnd(line, 3);
}

function isSpaceOrEnd(line: string, i: number): boolean {
  return i >= line.length || line.charCodeAt(i) === 32;
}

// YAML's indicator characters: - ? : , [ ] { } # & * ! | > ' " % @ `
function isIndicator(c: number): boolean {
  return (
    c === 45 ||
    c === 63 ||
    c === 58 ||
    c === 44 ||
    c === 91 ||
    c === 93 ||
    c === 123 ||
    c === 125 ||
    c === 35 ||
    c === 38 ||
    c === 42 ||
    c === 33 ||
    c === 124 ||
    c === 62 ||
    c === 39 ||
    c === 34 ||
    c === 37 ||
    c === 64 ||
    c === 96
  );
}

/** Whether a plain scalar may start at `at`: not an indicator, except `-` before a non-space. */
function plainCanStart(line: string, at: number): boolean {
  const c = line.charCodeAt(at);
  if (Number.isNaN(c)) return false;
  if (c === 45) return !isSpaceOrEnd(line, at + 1);
  return !isIndicator(c);
}

/** The column of a plain key's `:` (followed by a space or the line's end) on this line, or -1. */
function keyColon(line: string, at: number): number {
  const c = line.charCodeAt(at);
  if (c === 34 || c === 39) {
    const close = c === 39 ? singleQuotedEnd(line, at) : doubleQuotedEnd(line, at);
    return close >= 0 && line.charCodeAt(close + 1) === 58 && isSpaceOrEnd(line, close + 2) ? close + 1 : -1;
  }
  let colon = line.indexOf(":", at);
  while (colon >= 0) {
    if (isSpaceOrEnd(line, colon + 1)) {
      const comment = line.indexOf(" #", at);
      return comment >= 0 && comment < colon ? -1 : colon;
    }
    colon = line.indexOf(":", colon + 1);
  }
  return -1;
}

/** The column of the closing `'` of a single-quoted scalar opened at `at` (-1: not on this line). */
function singleQuotedEnd(line: string, at: number): number {
  let i = at + 1;
  for (;;) {
    const q = line.indexOf("'", i);
    if (q < 0) return -1;
    if (line.charCodeAt(q + 1) !== 39) return q;
    i = q + 2;
  }
}

/** The column of the closing `"` of a double-quoted scalar opened at `at` (-1: not on this line). */
function doubleQuotedEnd(line: string, at: number): number {
  for (let i = at + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}

function unquoteSingleLine(inner: string): string {
  return inner.includes("''") ? inner.replaceAll("''", "'") : inner;
}

function unescapeDouble(inner: string): string {
  if (!inner.includes("\\")) return inner;
  let out = "";
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] ?? "";
    if (c !== "\\") {
      out += c;
      continue;
    }
    const e = inner[++i] ?? "";
    const simple = doubleEscapes[e];
    if (simple !== undefined) {
      out += simple;
      continue;
    }
    const length = hexLengths[e];
    const hex = inner.slice(i + 1, i + 1 + (length ?? 0));
    if (length === undefined || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== length) throw notCommon;
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) throw notCommon;
    out += String.fromCodePoint(code);
    i += length;
  }
  return out;
}

/**
 * Folds the lines of a multi-line quoted scalar (the first after its opening quote, the last up to its
 * closing one): trailing and leading spaces around each break go, a single break becomes a space and
 * each empty line a line break.
 */
function foldLines(raw: string[], map: (part: string) => string): string {
  let out = "";
  let empties = 0;
  raw.forEach((part, index) => {
    const first = index === 0;
    const last = index === raw.length - 1;
    let text = first ? part : part.slice(spaces(part, 0));
    if (!last) text = trimSpaces(text);
    if (!first && !last && text === "") {
      empties++;
      return;
    }
    if (!first) out += empties === 0 ? " " : "\n".repeat(empties);
    empties = 0;
    out += map(text);
  });
  return out;
}

function foldSingle(raw: string[]): string {
  return foldLines(raw, unquoteSingleLine);
}

function foldDouble(raw: string[]): string {
  // an escaped line break (a line ending in an odd number of `\`) or an escaped space at a line's
  // end changes the folding: left to `yaml`
  for (const part of raw.slice(0, -1)) {
    const trimmed = trimSpaces(part);
    const backslashes = trimmed.length - trimmed.replace(/\\+$/, "").length;
    if (backslashes % 2 === 1) throw notCommon;
  }
  return foldLines(raw, unescapeDouble);
}

/**
 * The documents of a manifest file, or undefined when the text holds anything beyond the common
 * subset (then `yaml` reads it). Documents with no content are left out, as `parseManifest` skips them.
 */
export function readCommonYaml(text: string): CommonDocument[] | undefined {
  // CRLF (files saved on Windows) is a line break to YAML like LF; a lone CR is left to `yaml`
  const lf = text.includes("\r\n") ? text.replaceAll("\r\n", "\n") : text;
  if (unusualChar.test(lf)) return undefined;
  try {
    // a JSON file, read whole without splitting it into lines
    if (lf.charCodeAt(0) === 123) {
      const json = readJson(lf, sameNumber);
      if (json === doubtful) return undefined;
      if (json !== undefined) return [{ value: json.value, line: 1, itemLines: linesOf(lf, json.itemOffsets, 1) }];
    }
    return new Reader(lf).documents();
  } catch {
    // beyond the subset, or anything else (a stack overflow on absurdly deep nesting): `yaml` reads it as it
    // always did, its errors and limits included
    return undefined;
  }
}
