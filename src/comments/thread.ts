/**
 * A page's comments as a tree: replies under what they answer, oldest first at every level.
 * A deleted comment stays as a placeholder only while an approved reply hangs under it; a
 * reply whose parent is not in the thread (spam, pending) is shown at the top level.
 *
 * @example
 * const roots = buildThread(await threadRows(store, page));
 * roots[0].replies[0].comment.author_name;
 */
import type { CommentRow } from "./comment-store.js";

export interface ThreadNode {
  comment: CommentRow;
  replies: ThreadNode[];
}

export function buildThread(rows: readonly CommentRow[]): ThreadNode[] {
  const nodes = new Map<number, ThreadNode>();
  for (const comment of rows) nodes.set(comment.id, { comment, replies: [] });
  const roots: ThreadNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.comment.parent_id === null ? undefined : nodes.get(node.comment.parent_id);
    if (parent && parent !== node) parent.replies.push(node);
    else roots.push(node);
  }
  return prune(roots);
}

/** Deleted comments without an approved reply below them disappear. */
function prune(nodes: ThreadNode[]): ThreadNode[] {
  const kept: ThreadNode[] = [];
  for (const node of nodes) {
    node.replies = prune(node.replies);
    if (node.comment.status === "approved" || node.replies.length > 0) kept.push(node);
  }
  return kept;
}

/** Approved comments in the tree. */
export function countApproved(nodes: readonly ThreadNode[]): number {
  let n = 0;
  for (const node of nodes) {
    if (node.comment.status === "approved") n++;
    n += countApproved(node.replies);
  }
  return n;
}
