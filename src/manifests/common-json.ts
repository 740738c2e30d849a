// JSON documents for the common-subset reader (common-yaml.ts): `kubectl get -o json` output and
// generated manifests. JSON is YAML, so `yaml` would read them, slowly; `JSON.parse` builds the value
// natively, and one walk over the text checks that YAML 1.1, as load.ts configures `yaml`, reads it
// the same: `yaml` refuses duplicate keys (JSON.parse keeps the last), some numbers resolve otherwise
// (`-0`, large integers; checked by `yaml`'s own resolution of the same text), and `__proto__`, `<<`
// and very long keys are left to it. The walk also finds the offsets of a root `items` array's entries,
// the lines parseManifest keeps. Anything doubtful: `doubtful`, and `yaml` reads the text.

/** The walk found something YAML could read otherwise. */
export const doubtful = Symbol("doubtful");

export interface JsonDocument {
  value: Record<string, unknown>;
  /** offsets of the root `items` array's entries, when it has one */
  itemOffsets: number[] | undefined;
}

/**
 * `text` as one JSON object: undefined when it is not JSON at all (it may still be YAML), `doubtful`
 * when YAML could read it otherwise. `sameNumber` says whether YAML resolves a JSON number's text to
 * the number JSON does.
 */
export function readJson(
  text: string,
  sameNumber: (raw: string, value: number) => boolean,
): JsonDocument | undefined | typeof doubtful {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return doubtful;
  const walk = new Walk(text, sameNumber);
  try {
    walk.value(0, false);
  } catch (error) {
    if (error === doubtfulError) return doubtful;
    throw error;
  }
  return { value: value as Record<string, unknown>, itemOffsets: walk.items };
}

const doubtfulError = new Error("doubtful JSON");

/** A walk over text that JSON.parse accepted: it only has to tell tokens apart, not validate them. */
class Walk {
  items: number[] | undefined;
  private i = 0;
  private readonly text: string;
  private readonly sameNumber: (raw: string, value: number) => boolean;

  constructor(text: string, sameNumber: (raw: string, value: number) => boolean) {
    this.text = text;
    this.sameNumber = sameNumber;
  }

  private space(): void {
    const text = this.text;
    let i = this.i;
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
    this.i = i;
  }

  /** The value at the next token; `collect`: record its entries' offsets (the root `items`). */
  value(depth: number, collect: boolean): void {
    this.space();
    const c = this.text.charCodeAt(this.i);
    if (c === 123) this.object(depth);
    else if (c === 91) this.array(depth, collect);
    else if (c === 34) this.string();
    else if (c === 116 || c === 110)
      this.i += 4; // true, null
    else if (c === 102)
      this.i += 5; // false
    else this.number();
  }

  private object(depth: number): void {
    this.i++;
    this.space();
    if (this.text.charCodeAt(this.i) === 125) {
      this.i++;
      return;
    }
    const keys = new Set<string>();
    for (;;) {
      this.space();
      const start = this.i;
      const raw = this.string();
      // escapes decoded as JSON.parse did; `yaml` decodes the same escapes alike
      const key = raw.includes("\\") ? (JSON.parse(this.text.slice(start, this.i)) as string) : raw;
      // keys YAML treats apart (merge key, prototype), and implicit keys past YAML's 1024 characters
      if (keys.has(key) || key === "__proto__" || key === "<<" || this.i - start > 1000) throw doubtfulError;
      keys.add(key);
      this.space();
      this.i++; // `:`
      this.value(depth + 1, depth === 0 && key === "items");
      this.space();
      if (this.text.charCodeAt(this.i++) === 125) return; // `}`, else `,`
    }
  }

  private array(depth: number, collect: boolean): void {
    const offsets: number[] | undefined = collect ? [] : undefined;
    this.i++;
    this.space();
    if (this.text.charCodeAt(this.i) === 93) this.i++;
    else {
      for (;;) {
        this.space();
        offsets?.push(this.i);
        this.value(depth + 1, false);
        this.space();
        if (this.text.charCodeAt(this.i++) === 93) break; // `]`, else `,`
      }
    }
    if (offsets !== undefined) this.items = offsets;
  }

  /** A string's raw text between its quotes, escapes undecoded. */
  private string(): string {
    const text = this.text;
    const start = this.i + 1;
    let end = text.indexOf('"', start);
    // a quote after an odd number of backslashes is escaped
    for (;;) {
      let backslashes = 0;
      while (text.charCodeAt(end - 1 - backslashes) === 92) backslashes++;
      if (backslashes % 2 === 0) break;
      end = text.indexOf('"', end + 1);
    }
    this.i = end + 1;
    return text.slice(start, end);
  }

  private number(): void {
    const text = this.text;
    const start = this.i;
    let i = start;
    for (
      let c = text.charCodeAt(i);
      (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46 || c === 69 || c === 101;
    ) {
      c = text.charCodeAt(++i);
    }
    this.i = i;
    const raw = text.slice(start, i);
    if (!this.sameNumber(raw, Number(raw))) throw doubtfulError;
  }
}
