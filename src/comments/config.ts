/**
 * The comment service's settings, with defaults suited to a public blog. `irl comments serve`
 * fills them from its options; tests and the benchmark override single fields.
 *
 * @example
 * const config = commentConfig({ ownerName: "Ada", trustedProxies: ["127.0.0.1/32"] });
 */

export interface SmtpSettings {
  host: string;
  port: number;
  secure?: boolean;
  user?: string;
  pass?: string;
  /** The sender address of notifications. */
  from: string;
}

export interface CommentConfig {
  /** How the owner's replies are signed and marked. */
  ownerName: string;
  /** The owner's address for new-comment notifications (only with `smtp`). */
  ownerEmail?: string;
  /** Sites allowed to embed the thread (CORS) and to have threads; empty = any http(s) page. */
  origins: string[];
  /** Proxies whose X-Forwarded-For is believed (CIDR or single address). */
  trustedProxies: string[];
  /** How long after posting its author may edit or delete a comment, in ms. */
  editWindowMs: number;
  /** The largest request body accepted, in bytes (413 above). */
  maxBodyBytes: number;
  /** The longest comment, in characters. */
  maxCommentChars: number;
  /** A comment with at least this many links waits for approval. */
  linksForModeration: number;
  /** Posts (comments, edits, logins) per IP address: a burst, then one per `perMs`. */
  rateLimit: { burst: number; perMs: number };
  /** Notifications by e-mail; off when absent. */
  smtp?: SmtpSettings;
  /** The admin password when set in the environment (`IRL_COMMENTS_PASSWORD`), else the store's hash. */
  adminPassword?: string;
  /** Admin sessions last this long, in ms. */
  sessionMs: number;
}

export const DEFAULT_CONFIG: CommentConfig = {
  ownerName: "the author",
  origins: [],
  trustedProxies: [],
  editWindowMs: 15 * 60_000,
  maxBodyBytes: 32 * 1024,
  maxCommentChars: 10_000,
  linksForModeration: 2,
  rateLimit: { burst: 5, perMs: 60_000 },
  sessionMs: 12 * 3_600_000,
};

export function commentConfig(overrides: Partial<CommentConfig> = {}): CommentConfig {
  const config = { ...DEFAULT_CONFIG, ...overrides };
  config.origins = config.origins.map((o) => new URL(o).origin);
  return config;
}
