/**
 * The Pingback 1.0 receiver: `pingback.ping(source, target)` over XML-RPC at `/xmlrpc`,
 * verified like a Webmention (through the outbound guard, the source must link to the target)
 * but answered synchronously, as the protocol expects, with its fault codes:
 *
 * | code | when |
 * |---|---|
 * | 0 | generic: wrong parameters, source = target, verification busy |
 * | 16 | the source does not exist: not an http(s) URL, 404/410, no answer, or an address the guard refuses |
 * | 17 | the source does not contain a link to the target |
 * | 32 | the target does not exist: not a URL, or a page of this site with no thread |
 * | 33 | the target cannot be used: not http(s), or not a page of this site |
 * | 48 | the pingback has already been registered |
 * | 49 | access denied: too many requests from this client |
 * | 50 | upstream error: the source failed (5xx), was too slow or too large |
 * | -32700 | not well-formed XML-RPC (DOCTYPE, broken markup) |
 * | -32601 | a method other than pingback.ping |
 *
 * @example
 * app.post("/xmlrpc", (c) => pingbackHandler(c, receiver, store, false));
 */
import type { Context } from "hono";
import type { Store } from "../../store/store.js";
import { findMention } from "./mention-store.js";
import type { MentionReceiver } from "./receiver.js";
import { faultResponse, parseMethodCall, stringResponse, XmlRpcParseError } from "./xmlrpc.js";

export const FAULT = {
  generic: 0,
  sourceMissing: 16,
  noLink: 17,
  targetMissing: 32,
  targetUnusable: 33,
  alreadyRegistered: 48,
  accessDenied: 49,
  upstream: 50,
  parseError: -32700,
  unknownMethod: -32601,
} as const;

export async function pingbackHandler(
  c: Context,
  receiver: MentionReceiver,
  store: Store,
  rateLimited: boolean,
): Promise<Response> {
  const reply = (xml: string) => c.body(xml, 200, { "Content-Type": "text/xml; charset=utf-8" });
  const fault = (code: number, message: string) => reply(faultResponse(code, message));
  if (rateLimited)
    return fault(FAULT.accessDenied, "Access denied: too many requests, try again later.");
  let call: ReturnType<typeof parseMethodCall>;
  try {
    call = parseMethodCall(await c.req.text());
  } catch (error) {
    const why = error instanceof XmlRpcParseError ? error.message : "the request could not be read";
    return fault(FAULT.parseError, `Parse error: ${why}.`);
  }
  if (call.method !== "pingback.ping") {
    return fault(
      FAULT.unknownMethod,
      `Unknown method ${call.method}: this server only answers pingback.ping.`,
    );
  }
  const [source, target] = call.params;
  if (call.params.length !== 2 || typeof source !== "string" || typeof target !== "string") {
    return fault(
      FAULT.generic,
      "pingback.ping takes two strings: the source URL and the target URL.",
    );
  }
  const checked = await receiver.check(source, target);
  if (!("source" in checked)) {
    switch (checked.problem) {
      case "missing source":
      case "invalid source":
      case "unsupported source scheme":
        return fault(
          FAULT.sourceMissing,
          "The source URL does not exist (it is not an http or https URL).",
        );
      case "missing target":
      case "invalid target":
      case "unknown page":
        return fault(FAULT.targetMissing, "The target URL does not exist.");
      case "unsupported target scheme":
      case "target not ours":
        return fault(
          FAULT.targetUnusable,
          "The target URL cannot be used: it is not a page of this site.",
        );
      default:
        return fault(FAULT.generic, `${checked.message}.`);
    }
  }
  const known = await findMention(store.db, checked.source, checked.target);
  if (known?.status === "verified") {
    return fault(FAULT.alreadyRegistered, "The pingback has already been registered.");
  }
  const received = await receiver.receiveWithoutQueue(checked.source, checked.target, "pingback");
  if (received === "busy")
    return fault(FAULT.generic, "Too many pings are being checked; try again later.");
  const verdict = await receiver.verifyQueued(received);
  if (verdict === "busy" || verdict === undefined) {
    return fault(FAULT.generic, "This ping is already being checked; try again later.");
  }
  switch (verdict.kind) {
    case "verified":
      return reply(
        stringResponse(`Pingback from ${checked.source} to ${checked.target} registered.`),
      );
    case "gone":
      return verdict.why === "no link"
        ? fault(FAULT.noLink, "The source does not contain a link to the target.")
        : fault(FAULT.sourceMissing, `The source URL does not exist: ${verdict.reason}.`);
    case "unreadable":
      return verdict.why === "refused" || verdict.why === "unreachable"
        ? fault(FAULT.sourceMissing, `The source URL does not exist: ${verdict.reason}.`)
        : fault(FAULT.upstream, `Upstream error: ${verdict.reason}.`);
  }
}
