/**
 * Recognises the Facebook export files irl reads from their first bytes: a JSON object whose
 * first member is a friends list (`friends_v2`, the older `friends`, `received_requests_v2`,
 * `sent_requests_v2`), the profile (`profile_v2`), or a Messenger thread (`participants` as a
 * list of `{ "name" }`, as `messages/inbox/<thread>/message_1.json` starts).
 *
 * @example
 * looksLikeFacebook('{\n  "friends_v2": [\n'); // true
 * looksLikeFacebook('{"version": "https://jsonfeed.org/version/1.1"'); // false
 */
const FIRST_KEY = /^\uFEFF?\s*\{\s*"([A-Za-z0-9_]+)"\s*:\s*([[{])/;
const THREAD = /^\uFEFF?\s*\{\s*"participants"\s*:\s*\[\s*(?:\{\s*"name"\s*:|\])/;

/** First members that name a file irl reads, and the bracket their value opens with. */
export const FIRST_KEYS: Record<string, "[" | "{"> = {
  friends_v2: "[",
  friends: "[",
  received_requests_v2: "[",
  sent_requests_v2: "[",
  profile_v2: "{",
};

export function looksLikeFacebook(head: string): boolean {
  if (THREAD.test(head)) return true;
  const m = FIRST_KEY.exec(head);
  return m !== null && FIRST_KEYS[m[1] as string] === m[2];
}
