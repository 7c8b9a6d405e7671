/**
 * Writes the owner's Facebook data export (JSON form, the classic folder layout):
 * `profile_information/profile_information.json` (the owner: name, e-mail, city, work, username),
 * `friends_and_followers/friends.json` (`friends_v2`, newest first: the IRL circle, the dormant
 * correspondents, some growing ties and acquaintances, and one nameless entry of a deactivated
 * account, skipped as "no name") and `messages/inbox/<thread>/message_1.json` for a few of
 * them: one-to-one threads with most of the IRL circle, a growing tie or two and a dormant
 * correspondent (within their span, never after it), a group thread of circle friends with a
 * "Subscribe" notice (skipped as "membership change"), a call and a photo without text.
 * Every string is written the way Facebook does: the UTF-8 bytes of non-ASCII text, each
 * escaped as a code point (`"Ren\u00c3\u00a9"` for "René"), so accented names and emoji arrive
 * mis-encoded, as the importer expects. Each file streams element by element.
 *
 * People appear under their full names (Facebook's real-name policy): names only, no e-mail,
 * so they stay people of the Facebook name scope until identity resolution links them.
 *
 * @example
 * const { counts } = writeFacebook(buildWorld({ people: 200 }), "/tmp/facebook");
 * counts.messages; // message interactions the Facebook importer should yield
 */
import fs from "node:fs";
import path from "node:path";
import { roll } from "./channels.js";
import { slugPart } from "./lexicon.js";
import { ChunkedFile } from "./output.js";
import { createRng, hashSeed, type Rng } from "./random.js";
import { CLUSTERS, type Interest } from "./vocabulary.js";
import { DAY, HOUR, type Person, type World } from "./world.js";

export interface FacebookCounts {
  /** Named entries of friends.json (contact "connection"). */
  friends: number;
  /** Entries without a name (skipped as "no name"). */
  nameless: number;
  /** Friends whose names hold non-ASCII letters (written mis-encoded). */
  accentedFriends: number;
  /** message_1.json files. */
  threads: number;
  /** Messages the importer yields as kind "message" (photos without text included). */
  messages: number;
  /** Call notices (interaction kind "call"). */
  calls: number;
  /** Messages and calls from the owner. */
  sent: number;
  /** Messages with a photo and no text. */
  photos: number;
  /** "Subscribe" notices (skipped as "membership change"). */
  membershipChanges: number;
}

export interface FacebookResult {
  dir: string;
  /** The profile, then friends.json, then one message_1.json per thread. */
  files: string[];
  bytes: number;
  counts: FacebookCounts;
  /** Person ids of the named friends. */
  friendIds: string[];
  /** Person ids of everyone with a thread, the group's members included. */
  messagedIds: string[];
}

/** The owner's Facebook username (profile link `facebook.com/<username>`). */
export const OWNER_FACEBOOK = "robin.hale.writes";

/**
 * Facebook's mis-encoding: the UTF-8 bytes of every non-ASCII character, each escaped as the
 * code point of the same number (`é` → `\u00c3\u00a9`).
 */
export function facebookEscape(json: string): string {
  return json.replace(/[^\u0000-\u007f]+/g, (run) => {
    let out = "";
    for (const byte of Buffer.from(run, "utf8"))
      out += `\\u00${byte.toString(16).padStart(2, "0")}`;
    return out;
  });
}

/** `value` as Facebook indents it (two spaces), shifted right by `indent`, mis-encoded. */
function fbJson(value: unknown, indent: string): string {
  return facebookEscape(JSON.stringify(value, null, 2)).replace(/\n/g, `\n${indent}`);
}

/** Streams a JSON object whose members are values or arrays written element by element. */
class FbJsonFile {
  private readonly out: ChunkedFile;
  private members = 0;
  private elements = -1;
  constructor(file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.out = new ChunkedFile(file);
    this.out.write("{");
  }
  member(key: string, value: unknown): void {
    this.endArray();
    this.out.write(
      `${this.members++ ? "," : ""}\n  ${JSON.stringify(key)}: ${fbJson(value, "  ")}`,
    );
  }
  /** Opens an array member; `push` adds its elements. */
  array(key: string): void {
    this.endArray();
    this.out.write(`${this.members++ ? "," : ""}\n  ${JSON.stringify(key)}: [`);
    this.elements = 0;
  }
  push(value: unknown): void {
    this.out.write(`${this.elements++ ? "," : ""}\n    ${fbJson(value, "    ")}`);
  }
  /** Closes the object and the file; returns the file's size. */
  close(): number {
    try {
      this.endArray();
      this.out.write("\n}\n");
    } finally {
      this.out.close();
    }
    return this.out.bytes;
  }
  private endArray(): void {
    if (this.elements < 0) return;
    this.out.write(this.elements ? "\n  ]" : "]");
    this.elements = -1;
  }
}

const seconds = (ms: number) => Math.floor(ms / 1000);

interface Slots {
  t: string;
  a: string;
  first: string;
  owner: string;
}

function slots(rng: Rng, interests: readonly Interest[], first: string, owner: string): Slots {
  const c = CLUSTERS[rng.pick(interests)];
  return { t: rng.pick(c.terms), a: rng.pick(c.activities), first, owner };
}

/** What friends write to the owner (some in other languages, some with emoji). */
const THEIRS: readonly ((s: Slots) => string)[] = [
  (s) => `${s.owner}! Are you free on Thursday? 😀`,
  (s) => `Did you see that piece on ${s.t}? Made me think of you`,
  () => "Ça marche, à jeudi 👍",
  (s) => `We tried ${s.a} at the weekend, you'd have loved it`,
  () => "Haha yes 😂",
  () => "Café first, then the market? ☕",
  (s) => `Thanks for the intro, ${s.owner} — we're meeting next week`,
  () => "Olá! Tudo bem? Lisboa is lovely right now 🌞",
  (s) => `Long time! How's the ${s.t} project going?`,
];

/** What the owner writes back. */
const OWNERS: readonly ((s: Slots) => string)[] = [
  (s) => `Hi ${s.first}! Thursday works, usual place?`,
  (s) => `Ha, I was just reading about ${s.t} too`,
  () => "Perfect, see you then",
  (s) => `${s.first}, you have to tell me everything about ${s.a}`,
  () => "Yes please ☕",
  (s) => `Miss you ${s.first}! Coffee soon?`,
  () => "Obrigado! Can't wait to be in Lisboa 😊",
];

interface Message {
  sender_name: string;
  timestamp_ms: number;
  content?: string;
  photos?: { uri: string; creation_timestamp: number }[];
  call_duration?: number;
  type?: string;
  users?: { name: string }[];
  is_geoblocked_for_viewer: boolean;
}

/** When the owner and `p` talk: their span, the last two years of it when open-ended. */
function span(world: World, p: Person): [number, number] {
  const ref = world.referenceDate;
  const until = Math.min(p.contact?.until ?? ref - 30 * DAY, ref - HOUR);
  const from = Math.max(p.contact?.from ?? until - 365 * DAY, until - 2 * 365 * DAY);
  return from < until ? [from, until] : [until - 30 * DAY, until];
}

function threadFolder(label: string, world: World, n: number): string {
  return `${slugPart(label) || "facebookuser"}_${1_000_000_000 + (hashSeed(world.seed, "facebook-thread", n) % 8_999_999_999)}`;
}

export function writeFacebook(world: World, dir: string): FacebookResult {
  const { owner } = world;
  const rng = createRng(world.seed, "facebook");
  const counts: FacebookCounts = {
    friends: 0,
    nameless: 0,
    accentedFriends: 0,
    threads: 0,
    messages: 0,
    calls: 0,
    sent: 0,
    photos: 0,
    membershipChanges: 0,
  };
  const files: string[] = [];
  let bytes = 0;

  const profileFile = path.join(dir, "profile_information", "profile_information.json");
  const profile = new FbJsonFile(profileFile);
  profile.member("profile_v2", {
    name: {
      full_name: owner.name,
      first_name: owner.firstName,
      middle_name: "",
      last_name: owner.lastName,
    },
    emails: {
      emails: [owner.emails.personal],
      previous_emails: [],
      pending_emails: [],
      ad_account_emails: [],
    },
    current_city: { name: `${owner.homeCity}, United Kingdom`, timestamp: 0 },
    work_experiences: [
      {
        employer: owner.company,
        title: owner.title,
        start_timestamp: seconds(world.historyStart),
      },
    ],
    username: OWNER_FACEBOOK,
    profile_uri: `https://www.facebook.com/${OWNER_FACEBOOK}`,
  });
  bytes += profile.close();
  files.push(profileFile);

  // Friends: the circle and the dormant correspondents, some growing ties and acquaintances.
  const friends = world.people.filter(
    (p) =>
      p.role === "irl" ||
      p.role === "dormant" ||
      (p.role === "growing" && roll(world, "facebook-friend", p) < 0.6) ||
      (p.role === "acquaintance" && roll(world, "facebook-friend", p) < 0.35),
  );
  const since = new Map(
    friends.map((p) => {
      const start = Math.min(p.contact?.from ?? world.referenceDate, world.referenceDate - DAY);
      const at = start - Math.floor(roll(world, "facebook-since", p) * 400) * DAY;
      return [p.id, seconds(Math.max(at, world.historyStart - 3 * 365 * DAY))] as const;
    }),
  );
  const listed = friends.slice().sort((a, b) => (since.get(b.id) ?? 0) - (since.get(a.id) ?? 0));
  const friendsFile = path.join(dir, "friends_and_followers", "friends.json");
  const list = new FbJsonFile(friendsFile);
  list.array("friends_v2");
  const nameless = Math.floor(listed.length / 2);
  listed.forEach((p, k) => {
    if (k === nameless) {
      list.push({ name: "", timestamp: since.get(p.id) ?? 0 });
      counts.nameless++;
    }
    list.push({ name: p.fullName, timestamp: since.get(p.id) ?? 0 });
    counts.friends++;
    if (/[^\u0000-\u007f]/.test(p.fullName)) counts.accentedFriends++;
  });
  bytes += list.close();
  files.push(friendsFile);

  // Threads: most of the circle, a growing tie or two, one dormant correspondent.
  const irl = friends.filter((p) => p.role === "irl");
  const talkers = [
    ...rng.sample(irl, Math.max(1, Math.ceil(irl.length * 0.6))),
    ...rng.sample(
      friends.filter((p) => p.role === "growing"),
      2,
    ),
    ...rng.sample(
      friends.filter((p) => p.role === "dormant"),
      1,
    ),
  ];
  const messaged = new Set<string>();
  let n = 0;
  const writeThread = (
    folder: string,
    people: Person[],
    messages: Message[],
    title: string,
  ): void => {
    const rel = `inbox/${folder}`;
    const file = path.join(dir, "messages", "inbox", folder, "message_1.json");
    const thread = new FbJsonFile(file);
    thread.array("participants");
    for (const p of people) thread.push({ name: p.fullName });
    thread.push({ name: owner.name });
    thread.array("messages");
    for (const m of messages.sort((a, b) => b.timestamp_ms - a.timestamp_ms)) thread.push(m);
    thread.member("title", title);
    thread.member("is_still_participant", true);
    thread.member("thread_path", rel);
    thread.member("magic_words", []);
    bytes += thread.close();
    files.push(file);
    counts.threads++;
    for (const p of people) messaged.add(p.id);
  };

  for (const p of talkers) {
    const prng = createRng(world.seed, "facebook-thread", p.index);
    const [from, until] = span(world, p);
    const count = p.role === "irl" ? prng.int(8, 20) : prng.int(4, 10);
    const folder = threadFolder(p.fullName, world, n++);
    const messages: Message[] = [];
    for (let k = 0; k < count; k++) {
      // The last message is at the end of the span, so a dormant tie stays silent after it.
      const at = k === 0 ? until : Math.floor(prng.float(from, until));
      // The third message is their photo; the sixth the owner's call.
      const mine = k !== 2 && (k % 2 === 1 || prng.chance(0.15));
      const s = slots(prng, p.interests, p.firstName, owner.firstName);
      const m: Message = {
        sender_name: mine ? owner.name : p.fullName,
        timestamp_ms: at,
        is_geoblocked_for_viewer: false,
      };
      if (k === 2) {
        m.photos = [
          { uri: `messages/inbox/${folder}/photos/${k}.jpg`, creation_timestamp: seconds(at) },
        ];
        counts.photos++;
      } else if (mine && k === 5) {
        Object.assign(m, { content: "", call_duration: prng.int(60, 1800), type: "Call" });
        counts.calls++;
      } else {
        m.content = prng.pick(mine ? OWNERS : THEIRS)(s);
      }
      messages.push(m);
      if (m.type !== "Call") counts.messages++;
      if (mine) counts.sent++;
    }
    writeThread(folder, [p], messages, p.fullName);
  }

  // A group thread of circle friends, one added to it later.
  if (irl.length >= 3) {
    const members = rng.sample(irl, Math.min(4, irl.length));
    const added = members[members.length - 1] as Person;
    const ends = members.map((p) => span(world, p));
    const from = Math.max(...ends.map((e) => e[0]));
    const until = Math.min(...ends.map((e) => e[1]));
    const start = Math.min(from, until - 20 * DAY);
    const title = `${world.events[0]?.city ?? owner.homeCity} supper club`;
    const messages: Message[] = [
      {
        sender_name: owner.name,
        timestamp_ms: start,
        content: `${owner.name} added ${added.fullName} to the group.`,
        type: "Subscribe",
        users: [{ name: added.fullName }],
        is_geoblocked_for_viewer: false,
      },
    ];
    counts.membershipChanges++;
    const count = rng.int(6, 14);
    for (let k = 0; k < count; k++) {
      const at = Math.floor(rng.float(start + HOUR, until));
      const sender = rng.chance(0.3) ? undefined : rng.pick(members);
      const s = slots(
        rng,
        (sender ?? members[0] ?? owner).interests,
        sender?.firstName ?? "all",
        owner.firstName,
      );
      messages.push({
        sender_name: sender ? sender.fullName : owner.name,
        timestamp_ms: at,
        content: rng.pick(sender ? THEIRS : OWNERS)(s),
        is_geoblocked_for_viewer: false,
      });
      counts.messages++;
      if (!sender) counts.sent++;
    }
    writeThread(threadFolder(title, world, n++), members, messages, title);
  }

  return {
    dir,
    files,
    bytes,
    counts,
    friendIds: friends.map((p) => p.id),
    messagedIds: [...messaged],
  };
}
