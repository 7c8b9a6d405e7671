/**
 * The one way irl fetches a URL someone else supplied: a commenter's site, a feed named in an
 * import. Everything outbound that is not the user's own typed command goes through here.
 *
 * Threat model (see also `address-policy.ts`): the URL's author wants irl to connect somewhere
 * it should not (127.0.0.1, the LAN, a cloud metadata service), to hang it, or to make it read
 * an endless body. So, for every request and every redirect hop, before any connection:
 * - only `http:` and `https:`; no user name or password in the URL (they would be sent on);
 * - names that only mean something on the local network (`localhost`, `*.local`, single labels)
 *   are refused without being looked up;
 * - an IP-literal host in any spelling (`2130706433`, `0x7f.1`, `[::ffff:127.0.0.1]`) is read as
 *   the address it is and judged;
 * - a host name is resolved ONCE and every address it resolves to is judged; the connection is
 *   then made to that checked address (a pinned undici connector keeps TLS SNI, certificate
 *   check and Host header on the name), so a DNS answer that changes between check and connect
 *   (DNS rebinding) cannot swap in a refused address;
 * - redirects are followed by hand (`redirect: "manual"`), each hop checked like the first, at
 *   most `maxRedirects`, credentials dropped when a hop leaves the origin;
 * - one deadline covers look-up, connection, every hop and the body (`timeoutMs`), and the body
 *   is counted while it streams and abandoned past `maxBytes` (after decompression, so a small
 *   gzip bomb is cut off too).
 * Every refusal or failure is one error type, `OutboundRefused`, naming the URL and the reason.
 * Proxies from the environment are not used: the dispatcher is always the pinned agent.
 *
 * @example
 * const res = await safeFetch("https://blog.example/feed.xml", { maxBytes: 2 * 1024 * 1024 });
 * res.status; // 200
 * res.redirects; // ["https://blog.example/feed/"] when one redirect was followed
 * await safeFetch("http://169.254.169.254/latest"); // throws OutboundRefused, reason "address"
 */
import dns from "node:dns";
import { Agent, buildConnector, type Response, fetch as undiciFetch } from "undici";
import { IrlError } from "../errors.js";
import {
  type AddressPolicy,
  classifyAddress,
  parseHostLiteral,
  refusedHostName,
} from "./address-policy.js";

export type RefusalReason =
  /** Not a URL at all. */
  | "url"
  /** Not http or https. */
  | "scheme"
  /** A user name or password in the URL. */
  | "userinfo"
  /** A host name that must not be looked up (localhost, a local-network name). */
  | "host"
  /** An address the policy refuses (the literal, or one the name resolved to). */
  | "address"
  /** The name does not resolve. */
  | "dns"
  /** The body is larger than `maxBytes`. */
  | "too-large"
  /** The whole request took longer than `timeoutMs`. */
  | "timeout"
  /** More than `maxRedirects` redirects, or a redirect without a usable Location. */
  | "redirects"
  /** The caller's own signal aborted the request. */
  | "aborted"
  /** The connection or TLS failed, or the server broke off. */
  | "network";

/** Why an outbound request was refused or failed; the message names the URL and the reason. */
export class OutboundRefused extends IrlError {
  readonly reason: RefusalReason;
  readonly url: string;

  constructor(url: string, reason: RefusalReason, detail: string) {
    const shown = showUrl(url);
    const verb = FAILURES.has(reason) ? "failed" : "refused";
    super("input", `fetching ${shown} ${verb}: ${detail} (${reason})`, {
      file: shown,
      place: reason,
    });
    this.name = "OutboundRefused";
    this.reason = reason;
    this.url = shown;
  }
}

const FAILURES = new Set<RefusalReason>(["dns", "timeout", "network", "aborted"]);

export interface SafeResponse {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** Every URL redirected to, in order (the last is `url`). */
  redirects: string[];
}

export type Lookup = (hostname: string) => Promise<string[]>;

export interface SafeFetchOptions {
  /** Largest body read, in bytes (default 1 MB). */
  maxBytes?: number;
  /** Deadline for the whole request, redirects and body included (default 10 s). */
  timeoutMs?: number;
  /** Redirects followed at most (default 5). */
  maxRedirects?: number;
  headers?: Record<string, string>;
  method?: "GET" | "HEAD";
  /** Resolves a host name to its addresses (default: `dns.promises.lookup`, all of them). */
  lookup?: Lookup;
  policy?: AddressPolicy;
  /** Aborts the request early (reason "aborted"). */
  signal?: AbortSignal;
  /**
   * Called before each hop's look-up and connection (index 0 is the first request); may wait,
   * e.g. for a per-host interval. The deadline keeps running while it waits.
   */
  beforeHop?: (url: URL, index: number) => Promise<void> | void;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_REDIRECTS = 5;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that must not follow a redirect to another origin. */
const CREDENTIALS = ["authorization", "cookie", "proxy-authorization"];

export const defaultLookup: Lookup = async (hostname) => {
  const found = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return found.map((a) => a.address);
};

export async function safeFetch(
  input: string | URL,
  options: SafeFetchOptions = {},
): Promise<SafeResponse> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const start = String(input);
  // Which checked address each host name connects to, for the life of this request.
  const pins = new Map<string, string>();
  // Made once the first hop passed its checks, so a refusal costs no agent.
  let agent: Agent | undefined;
  let current = start;
  try {
    let url = checkUrl(start);
    current = url.href;
    let headers = { ...lowerCase(options.headers) };
    const redirects: string[] = [];
    for (;;) {
      if (options.beforeHop) await abortable(options.beforeHop(url, redirects.length), signal);
      const address = await checkedAddress(url, options, signal);
      pins.set(connectHost(url), address);
      agent ??= new Agent({
        connect: pinnedConnector(pins, options.policy, Math.min(timeoutMs, 10_000)),
      });
      const response = await undiciFetch(url, {
        method: options.method ?? "GET",
        headers,
        redirect: "manual",
        dispatcher: agent,
        signal,
      });
      const location = response.headers.get("location");
      if (REDIRECTS.has(response.status) && location !== null) {
        await response.body?.cancel().catch(() => {});
        if (redirects.length >= maxRedirects) {
          throw new OutboundRefused(url.href, "redirects", `more than ${maxRedirects} redirects`);
        }
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new OutboundRefused(url.href, "redirects", `redirect to a bad URL "${location}"`);
        }
        current = next.href;
        next = checkUrl(next.href);
        if (next.origin !== url.origin) headers = without(headers, CREDENTIALS);
        redirects.push(next.href);
        url = next;
        continue;
      }
      const body = await readCapped(response, url.href, maxBytes);
      const out: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        out[name] = value;
      });
      return { url: url.href, status: response.status, headers: out, body, redirects };
    }
  } catch (error) {
    throw asRefusal(error, current, signal, deadline, timeoutMs);
  } finally {
    agent?.destroy().catch(() => {});
  }
}

/** The URL, parsed and checked for scheme and userinfo; throws OutboundRefused. */
function checkUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundRefused(text, "url", "not a valid absolute URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new OutboundRefused(
      text,
      "scheme",
      `only http and https are fetched, not ${url.protocol}`,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new OutboundRefused(text, "userinfo", "the URL carries a user name or password");
  }
  url.hash = "";
  return url;
}

/** The one checked address this hop connects to, or OutboundRefused; decides before connecting. */
async function checkedAddress(
  url: URL,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<string> {
  const literal = parseHostLiteral(url.hostname);
  if (literal !== null) {
    const verdict = classifyAddress(literal, options.policy);
    if (!verdict.allowed) throw new OutboundRefused(url.href, "address", verdict.reason);
    return literal;
  }
  const refusedName = refusedHostName(url.hostname);
  if (refusedName) throw new OutboundRefused(url.href, "host", refusedName);
  let addresses: string[];
  try {
    addresses = await abortable((options.lookup ?? defaultLookup)(url.hostname), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new OutboundRefused(
      url.href,
      "dns",
      `${url.hostname} does not resolve${code ? ` (${code})` : ""}`,
    );
  }
  if (addresses.length === 0) {
    throw new OutboundRefused(url.href, "dns", `${url.hostname} resolves to no address`);
  }
  const checked: string[] = [];
  for (const address of addresses) {
    const canonical = parseHostLiteral(address);
    const verdict = classifyAddress(address, options.policy);
    if (!verdict.allowed || canonical === null) {
      const why = verdict.allowed ? "not an IP address" : verdict.reason;
      throw new OutboundRefused(url.href, "address", `${url.hostname} resolves to ${why}`);
    }
    checked.push(canonical);
  }
  // IPv4 first: many machines resolve AAAA records but have no IPv6 route.
  return (checked.find((a) => !a.includes(":")) ?? checked[0]) as string;
}

/** The host name as undici's connector receives it (IPv6 without brackets). */
function connectHost(url: URL): string {
  const h = url.hostname;
  return h.startsWith("[") ? h.slice(1, -1) : h;
}

/**
 * An undici connector that connects only to the address checked for the host, never resolving
 * the name itself. TLS keeps the name for SNI and the certificate (undici derives `servername`
 * from the origin's host); the Host header comes from the URL.
 */
function pinnedConnector(
  pins: Map<string, string>,
  policy: AddressPolicy | undefined,
  connectTimeoutMs: number,
): buildConnector.connector {
  const base = buildConnector({ timeout: connectTimeoutMs });
  return (options, callback) => {
    const address = pins.get(options.hostname);
    const verdict = address === undefined ? undefined : classifyAddress(address, policy);
    if (address === undefined || !verdict?.allowed) {
      const url = `${options.protocol}//${options.host ?? options.hostname}/`;
      callback(new OutboundRefused(url, "address", "no checked address for this host"), null);
      return;
    }
    base({ ...options, hostname: address }, callback);
  };
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw new OutboundRefused(url, "too-large", `the body is ${declared} bytes, over ${maxBytes}`);
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new OutboundRefused(url, "too-large", `the body is over ${maxBytes} bytes`);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, size);
}

/** Any error of a request as OutboundRefused (refusals pass through unchanged). */
function asRefusal(
  error: unknown,
  url: string,
  signal: AbortSignal,
  deadline: AbortSignal,
  timeoutMs: number,
): OutboundRefused {
  if (error instanceof OutboundRefused) return error;
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof OutboundRefused) return cause;
  if (deadline.aborted) {
    return new OutboundRefused(url, "timeout", `no complete answer within ${timeoutMs} ms`);
  }
  if (signal.aborted) return new OutboundRefused(url, "aborted", "the request was cancelled");
  const detail = describe(cause) ?? describe(error) ?? "the request failed";
  return new OutboundRefused(url, "network", detail);
}

function describe(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

/** The promise, or the signal's abort, whichever comes first. */
function abortable<T>(work: Promise<T> | T, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    Promise.resolve(work).then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function lowerCase(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

function without(headers: Record<string, string>, names: string[]): Record<string, string> {
  const out = { ...headers };
  for (const name of names) delete out[name];
  return out;
}

/** The URL as it may be shown: no password, at most 300 characters. */
function showUrl(text: string): string {
  let shown = text;
  try {
    const url = new URL(text);
    if (url.password) url.password = "***";
    shown = url.href;
  } catch {
    // Not a URL: shown as given.
  }
  return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
}
