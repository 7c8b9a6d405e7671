/**
 * Direct messages from `direct-messages.js` and `direct-messages-group.js`: one element is one
 * conversation (`dmConversation`), whose `messages` hold `messageCreate` entries (and, in groups,
 * `joinConversation`, `participantsJoin`, `participantsLeave`, `conversationNameUpdate` events).
 *
 * Each message → interaction on channel "dm", kind "message", key `twitter:dm:<message id>`,
 * thread `twitter:dm:<conversationId>`. Parties are accounts by id (`twitter-id` handles); the
 * archive does not say which one is the owner, and need not: once account.js has made the
 * owner's id the user's, the pipeline tells sent from received.
 * - One-to-one: from the sender to the recipient.
 * - Group: from the sender to every other participant the conversation names (its senders and the
 *   accounts in its join/leave events, the owner among them); a message in a group that names
 *   nobody else is skipped, reason "group without participants".
 *
 * @example
 * conversationRecords(JSON.parse(element), { line: 4 });
 * // [{ type: "interaction", channel: "dm", kind: "message", key: "twitter:dm:…", … }]
 */
import type { InteractionRecord, Place, SourceRecord } from "../records.js";
import { parseTwitterDate } from "./dates.js";
import { accountParty, obj, str, unwrap } from "./parties.js";

export function conversationRecords(value: unknown, at: Place): SourceRecord[] {
  const conversation = unwrap(value, "dmConversation");
  const id = str(conversation?.conversationId);
  const messages = conversation?.messages;
  if (!conversation || !id || !Array.isArray(messages)) {
    return [
      {
        type: "skip",
        reason: "not a conversation",
        message: "an entry without a conversationId and messages",
        place: { ...at, record: "direct message conversation" },
      },
    ];
  }
  const participants = participantsOf(messages);
  let title: string | undefined;
  for (const entry of messages) {
    const name = str(obj(obj(entry)?.conversationNameUpdate)?.name);
    // Newest first: the first name found is the conversation's current one.
    if (name) {
      title = name;
      break;
    }
  }
  const records: SourceRecord[] = [];
  for (const entry of messages) {
    const message = obj(obj(entry)?.messageCreate);
    if (!message) continue;
    records.push(messageRecord(message, id, participants, title, at));
  }
  return records;
}

function messageRecord(
  message: Record<string, unknown>,
  conversationId: string,
  participants: Set<string>,
  title: string | undefined,
  at: Place,
): SourceRecord {
  const id = str(message.id);
  const place: Place = {
    ...at,
    record: id ? `direct message ${id}` : `a message in conversation ${conversationId}`,
  };
  const sender = str(message.senderId);
  if (!id || !sender) {
    return {
      type: "skip",
      reason: "no id",
      message: "a direct message without an id or a sender",
      place,
    };
  }
  const when = parseTwitterDate(message.createdAt);
  if (when === undefined) {
    return {
      type: "skip",
      reason: "bad date",
      message: `message ${id} has no readable createdAt`,
      place,
    };
  }
  const recipient = str(message.recipientId);
  const others = recipient ? [recipient] : [...participants].filter((p) => p !== sender);
  if (others.length === 0) {
    return {
      type: "skip",
      reason: "group without participants",
      message: `group conversation ${conversationId} names nobody but the sender of message ${id}`,
      place,
    };
  }
  const record: InteractionRecord = {
    type: "interaction",
    key: `twitter:dm:${id}`,
    channel: "dm",
    kind: "message",
    at: when,
    from: accountParty(sender),
    to: others.map((p) => accountParty(p)),
    thread: `twitter:dm:${conversationId}`,
    place,
  };
  const text = str(message.text);
  if (text) record.text = text;
  if (title) record.context = { title };
  return record;
}

/** Every account a conversation names: senders, recipients and those in join/leave events. */
function participantsOf(messages: unknown[]): Set<string> {
  const ids = new Set<string>();
  const add = (v: unknown) => {
    const id = str(v);
    if (id && /^\d+$/.test(id)) ids.add(id);
  };
  for (const entry of messages) {
    const e = obj(entry);
    if (!e) continue;
    for (const event of Object.values(e)) {
      const data = obj(event);
      if (!data) continue;
      add(data.senderId);
      add(data.recipientId);
      add(data.initiatingUserId);
      for (const list of [data.participantsSnapshot, data.userIds]) {
        if (Array.isArray(list)) list.forEach(add);
      }
    }
  }
  return ids;
}
