// What went wrong in a manifest's YAML, in kubeship's own words. The `yaml` package's messages quote
// the document (`Unresolved alias …: Hunter2-SuperSecret`, `Block scalar header includes extra
// characters: |…`, `Invalid escape sequence \q`, and a source excerpt with prettyErrors), and
// parsing happens before any value is known to be a secret and masked: a message is built from the
// error's code and position only, never from its text.
import { type Document, type ErrorCode, isAlias, isNode, isScalar, type LineCounter, visit } from "yaml";

const described: Record<ErrorCode, string> = {
  ALIAS_PROPS: "an alias (*name) cannot carry an anchor or a tag",
  BAD_ALIAS: "an anchor or alias name is empty or ends in a colon",
  BAD_COLLECTION_TYPE: "a tag for one kind of collection is used on another",
  BAD_DIRECTIVE: "a % directive that is not valid",
  BAD_DQ_ESCAPE: "a backslash escape that is not valid in a double-quoted string",
  BAD_INDENT: "wrong indentation",
  BAD_PROP_ORDER: "an anchor or tag in the wrong place",
  BAD_SCALAR_START: "a plain value starting with a reserved character (@ or `): quote it",
  BLOCK_AS_IMPLICIT_KEY: "a block collection used as a mapping key",
  BLOCK_IN_FLOW: "a block collection inside a flow collection ({…} or […])",
  DUPLICATE_KEY: "a mapping key that appears twice",
  IMPOSSIBLE: "malformed YAML",
  KEY_OVER_1024_CHARS: "a mapping key longer than 1024 characters",
  MISSING_CHAR: "something missing: a closing quote or bracket, or a `:`, `,` or space",
  MULTILINE_IMPLICIT_KEY: "a mapping key that spans several lines",
  MULTIPLE_ANCHORS: "a value with more than one anchor",
  MULTIPLE_DOCS: "several documents where one is expected",
  MULTIPLE_TAGS: "a value with more than one tag",
  NON_STRING_KEY: "a mapping key that is not a string",
  RESOURCE_EXHAUSTION: "too many aliases: expanding them would exhaust memory",
  TAB_AS_INDENT: "a tab used for indentation",
  TAG_RESOLVE_FAILED: "a value that does not fit its tag",
  UNEXPECTED_TOKEN: "an unexpected character",
};

export interface YamlProblem {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  message: string;
}

function at(offset: number, lines: LineCounter, message: string): YamlProblem {
  const { line, col } = lines.linePos(offset);
  return { line, column: col, message };
}

/**
 * The document's parse errors, described without quoting it. An unknown tag (`!!js/function`, `!secret`)
 * is only a warning to the parser, which keeps the value as a plain string: not what its author meant,
 * so it is refused here rather than sent.
 */
export function syntaxProblems(doc: Document, lines: LineCounter): YamlProblem[] {
  return [
    ...doc.errors.map((error) => at(error.pos[0], lines, described[error.code] ?? "malformed YAML")),
    ...doc.warnings
      .filter((warning) => warning.code === "TAG_RESOLVE_FAILED")
      .map((warning) => at(warning.pos[0], lines, "an unknown tag (!name): manifests use only YAML's core tags")),
  ];
}

/** Aliases with no anchor of their name before them (the `yaml` package's error would print the name). */
export function unresolvedAliases(doc: Document, lines: LineCounter): YamlProblem[] {
  const anchors = new Set<string>();
  const problems: YamlProblem[] = [];
  visit(doc, {
    Node: (_key, node) => {
      if (isAlias(node)) {
        if (!anchors.has(node.source)) {
          const message = "an alias (*name) with no anchor (&name) of that name before it";
          problems.push(at(node.range?.[0] ?? 0, lines, message));
        }
      } else if (isNode(node) && node.anchor !== undefined) anchors.add(node.anchor);
    },
  });
  return problems;
}

/** The first merge key (`<<`) of the document: where a failed merge is reported. */
function firstMergeKey(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Pair: (_key, pair) => {
      if (isScalar(pair.key) && (pair.key.value === "<<" || pair.key.source === "<<")) {
        offset = pair.key.range?.[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

/** Why converting a parsed document to data failed, from the kind of failure only. */
export function conversionProblem(error: unknown, doc: Document, lines: LineCounter): YamlProblem {
  const text = error instanceof Error ? error.message : "";
  const start = doc.contents?.range?.[0] ?? 0;
  if (text.startsWith("Excessive alias count")) return at(start, lines, described.RESOURCE_EXHAUSTION);
  if (text.startsWith("Merge sources must be maps")) {
    const message = "a merge key (<<) whose value is not a mapping or a list of mappings";
    return at(firstMergeKey(doc) ?? start, lines, message);
  }
  return at(start, lines, `the document cannot be read as data (${error instanceof Error ? error.name : "error"})`);
}
