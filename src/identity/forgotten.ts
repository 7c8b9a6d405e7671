/**
 * How irl remembers that a person was forgotten without remembering who they were: a
 * one-way hash of each identity key. A re-import compares its parties' keys against these.
 *
 * @example
 * forgottenHash("email:ada@example.org") // "3f1c…" (64 hex digits)
 */
import { createHash } from "node:crypto";

export function forgottenHash(key: string): string {
  return createHash("sha256").update(`irl-forgotten\u0000${key}`).digest("hex");
}
