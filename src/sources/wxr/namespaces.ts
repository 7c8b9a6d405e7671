/**
 * Element names as the WXR reader matches them. Real exports write `wp:`, `dc:` and `content:`
 * as the WordPress, Dublin Core and RSS content prefixes; the reader matches those as written and
 * only pays for namespace resolution while a file rebinds a prefix (`xmlns:wp2` bound to the
 * WordPress export namespace, `xmlns:wp` bound to something else), in the scope where it does.
 *
 * @example
 * const ns = new Namespaces();
 * ns.declare("alt", "https://wordpress.org/export/1.2/", 3);
 * ns.resolve("alt:post_id"); // "wp:post_id"
 * ns.leave(3);
 * ns.resolve("alt:post_id"); // "alt:post_id"
 */

const DUBLIN_CORE = new Set([
  "http://purl.org/dc/elements/1.1/",
  "https://purl.org/dc/elements/1.1/",
]);
const CONTENT = new Set([
  "http://purl.org/rss/1.0/modules/content/",
  "https://purl.org/rss/1.0/modules/content/",
]);
const WELL_KNOWN = new Set(["wp", "dc", "content"]);

/** True for the WordPress export namespace of any version (1.0, 1.1, 1.2, …), http or https. */
export function isWxrNamespace(uri: string): boolean {
  return /^https?:\/\/wordpress\.org\/export\/\d+\.\d+\/?$/.test(uri.trim());
}

interface Binding {
  depth: number;
  prefix: string;
  previous: string | undefined;
}

export class Namespaces {
  /** Prefixes that do not stand for themselves in the current scope, with what they stand for. */
  private readonly remap = new Map<string, string>();
  private readonly bindings: Binding[] = [];
  private readonly cache = new Map<string, string>();

  /** An `xmlns` (prefix "") or `xmlns:prefix` attribute on the element open at `depth`. */
  declare(prefix: string, uri: string, depth: number): void {
    const meaning = meaningOf(prefix, uri);
    const previous = this.remap.get(prefix);
    if ((previous ?? prefix) === meaning) return;
    this.bindings.push({ depth, prefix, previous });
    this.set(prefix, meaning);
  }

  /** The element open at `depth` closes: its declarations go out of scope. */
  leave(depth: number): void {
    let last = this.bindings.at(-1);
    while (last !== undefined && last.depth >= depth) {
      this.bindings.pop();
      this.set(last.prefix, last.previous ?? last.prefix);
      last = this.bindings.at(-1);
    }
  }

  /** True while some declaration is in scope (callers skip `leave` otherwise). */
  get active(): boolean {
    return this.bindings.length > 0;
  }

  /** The name with its prefix replaced by the well-known one for its namespace. */
  resolve(name: string): string {
    if (this.remap.size === 0) return name;
    let resolved = this.cache.get(name);
    if (resolved === undefined) {
      resolved = this.rewrite(name);
      this.cache.set(name, resolved);
    }
    return resolved;
  }

  private rewrite(name: string): string {
    const colon = name.indexOf(":");
    const prefix = colon === -1 ? "" : name.slice(0, colon);
    const meaning = this.remap.get(prefix);
    if (meaning === undefined) return name;
    const local = name.slice(colon + 1);
    return meaning === "" ? local : `${meaning}:${local}`;
  }

  private set(prefix: string, meaning: string): void {
    if (meaning === prefix) this.remap.delete(prefix);
    else this.remap.set(prefix, meaning);
    this.cache.clear();
  }
}

/** The well-known prefix a namespace URI stands for; an unknown URI hides a well-known prefix. */
function meaningOf(prefix: string, uri: string): string {
  if (isWxrNamespace(uri)) return "wp";
  if (DUBLIN_CORE.has(uri)) return "dc";
  if (CONTENT.has(uri)) return "content";
  return WELL_KNOWN.has(prefix) ? `~${prefix}` : prefix;
}
