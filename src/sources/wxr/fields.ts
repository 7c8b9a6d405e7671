/**
 * The WXR elements the reader keeps, per container, and the raw (trimmed, unvalidated) values it
 * collects from them before `assemble.ts` turns them into records. Keys are element names with
 * well-known prefixes (see `namespaces.ts`).
 */

export type ChannelField = "link" | "baseBlogUrl" | "baseSiteUrl";
export type AuthorField = "id" | "login" | "email" | "displayName" | "firstName" | "lastName";
export type ItemField =
  | "title"
  | "link"
  | "pubDate"
  | "creator"
  | "content"
  | "postId"
  | "postDate"
  | "postDateGmt"
  | "status"
  | "postType";
export type CommentField =
  | "id"
  | "author"
  | "email"
  | "url"
  | "date"
  | "dateGmt"
  | "content"
  | "approved"
  | "type"
  | "parent"
  | "userId";

export type Values<F extends string> = Partial<Record<F, string>>;

export interface RawAuthor {
  line: number;
  values: Values<AuthorField>;
}

export interface RawComment {
  line: number;
  values: Values<CommentField>;
}

export interface RawItem {
  line: number;
  values: Values<ItemField>;
  comments: RawComment[];
}

export const CHANNEL_FIELDS = new Map<string, ChannelField>([
  ["link", "link"],
  ["wp:base_blog_url", "baseBlogUrl"],
  ["wp:base_site_url", "baseSiteUrl"],
]);

/** `wp:wp_author` is how WordPress.com spells `wp:author`. */
export const AUTHOR_ELEMENTS = new Set(["wp:author", "wp:wp_author"]);

export const AUTHOR_FIELDS = new Map<string, AuthorField>([
  ["wp:author_id", "id"],
  ["wp:author_login", "login"],
  ["wp:author_email", "email"],
  ["wp:author_display_name", "displayName"],
  ["wp:author_first_name", "firstName"],
  ["wp:author_last_name", "lastName"],
]);

export const ITEM_FIELDS = new Map<string, ItemField>([
  ["title", "title"],
  ["link", "link"],
  ["pubDate", "pubDate"],
  ["dc:creator", "creator"],
  ["content:encoded", "content"],
  ["wp:post_id", "postId"],
  ["wp:post_date", "postDate"],
  ["wp:post_date_gmt", "postDateGmt"],
  ["wp:status", "status"],
  ["wp:post_type", "postType"],
]);

export const COMMENT_FIELDS = new Map<string, CommentField>([
  ["wp:comment_id", "id"],
  ["wp:comment_author", "author"],
  ["wp:comment_author_email", "email"],
  ["wp:comment_author_url", "url"],
  ["wp:comment_date", "date"],
  ["wp:comment_date_gmt", "dateGmt"],
  ["wp:comment_content", "content"],
  ["wp:comment_approved", "approved"],
  ["wp:comment_type", "type"],
  ["wp:comment_parent", "parent"],
  ["wp:comment_user_id", "userId"],
]);

/**
 * Fresh values with every field present (as undefined), so all values of one kind share one
 * object shape and the reader's stores stay fast.
 */
export function blank<F extends string>(fields: Map<string, F>): () => Values<F> {
  const template: Values<F> = {};
  for (const field of fields.values()) template[field] = undefined;
  return () => ({ ...template });
}
