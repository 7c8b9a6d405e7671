/**
 * Writes the owner's e-mail as an mbox (mboxrd, as Gmail Takeout exports it): threads with the
 * IRL circle and growing ties over the years in both directions (replies carry In-Reply-To and
 * References, the owner's mail `X-Gmail-Labels: Sent`), the dormant correspondents' weekly mails
 * that stop months before the reference date, mail the owner sent to the unresponsive company
 * with no answer, job asks, owed mail left unanswered, newsletters (List-Id), one announcement to
 * 20 people, one windows-1252 message with a € sign and one broken message with no From.
 *
 * Streams person by person (each person's mail from its own seeded generator), so memory stays
 * bounded at any size, and returns the counts an importer should find.
 *
 * @example
 * const { counts } = writeMbox(buildWorld({ people: 200 }), "/tmp/mail.mbox");
 * counts.messages; // interactions the mbox importer should yield
 */
import iconv from "iconv-lite";
import { mailAddress, mailName } from "./channels.js";
import { ChunkedFile, rfc822 } from "./output.js";
import { createRng, type Rng } from "./random.js";
import { commentText, jobAskText, ownerReplyText } from "./text.js";
import { CLUSTERS, type Interest } from "./vocabulary.js";
import { DAY, HOUR, type Person, type World } from "./world.js";

export interface MboxCounts {
  /** Messages the importer turns into interactions. */
  messages: number;
  /** Of those, sent by the owner (`X-Gmail-Labels: Sent`). */
  sent: number;
  /** Of those, replies (with In-Reply-To). */
  replies: number;
  /** Distinct owner addresses on sent mail (one owner record each). */
  ownerAddresses: number;
  /** Newsletters and list mail, skipped as bulk. */
  bulk: number;
  /** Mail to more than 15 people, skipped. */
  manyRecipients: number;
  /** Messages with no From, skipped. */
  broken: number;
  /** Messages in windows-1252 (counted in `messages`). */
  windows1252: number;
}

export interface MboxResult {
  path: string;
  bytes: number;
  counts: MboxCounts;
  /** Per person id: messages from them and to them (the owner's side). */
  byPerson: Record<string, { from: number; to: number; last: string }>;
}

type Address = readonly [name: string, address: string];

interface Mail {
  from?: Address;
  to: Address[];
  cc?: Address[];
  at: number;
  subject: string;
  id: string;
  parents?: string[];
  body: string;
  sent?: boolean;
  headers?: string[];
}

export function writeMbox(world: World, filePath: string): MboxResult {
  const out = new ChunkedFile(filePath);
  const w = new MboxWriter(world, out);
  try {
    w.all();
  } finally {
    out.close();
  }
  const counts = { ...w.counts, ownerAddresses: w.ownerAddresses.size };
  return { path: filePath, bytes: out.bytes, counts, byPerson: w.byPerson };
}

class MboxWriter {
  counts: MboxCounts = {
    messages: 0,
    sent: 0,
    replies: 0,
    ownerAddresses: 0,
    bulk: 0,
    manyRecipients: 0,
    broken: 0,
    windows1252: 0,
  };
  readonly ownerAddresses = new Set<string>();
  readonly byPerson: MboxResult["byPerson"] = {};
  private seq = 0;
  private readonly owner: Address;
  private readonly ownerWork: Address;

  constructor(
    private readonly world: World,
    private readonly out: ChunkedFile,
  ) {
    this.owner = [world.owner.name, world.owner.emails.personal];
    this.ownerWork = [world.owner.name, world.owner.emails.work];
  }

  all(): void {
    const { world } = this;
    const special = createRng("mbox-special", world.seed);
    this.newsletters(special.fork("news"), 0, 2);
    for (const p of world.people) {
      if (!mailAddress(p)) continue;
      this.person(p, createRng("mbox", world.seed, p.index));
    }
    this.newsletters(special.fork("news2"), 2, Math.max(4, Math.round(world.people.length / 50)));
    this.announcement(special.fork("many"));
    this.legacyCharset(special.fork("1252"));
    this.broken();
  }

  private person(p: Person, rng: Rng): void {
    const c = p.contact;
    if (!c) return;
    switch (p.role) {
      case "irl": {
        const n = rng.int(6, 12);
        for (let k = 0; k < n; k++) {
          const at = c.from + ((c.until - c.from) * (k + rng.float(0, 0.8))) / n;
          this.thread(rng, p, at, rng.int(2, 5), rng.chance(0.5), k === n - 1 ? c.until : 0);
        }
        break;
      }
      case "growing": {
        const n = rng.int(3, 6);
        for (let k = 0; k < n; k++) {
          const at = c.from + (c.until - c.from) * Math.sqrt((k + rng.float(0, 0.8)) / n);
          this.thread(rng, p, at, rng.int(2, 4), rng.chance(0.5), k === n - 1 ? c.until : 0);
        }
        break;
      }
      case "dormant":
        this.weekly(rng, p, c.from, c.until);
        break;
      case "acquaintance":
        if (rng.chance(0.5)) this.thread(rng, p, c.from, rng.int(1, 2), false, 0);
        break;
      case "owed":
        if (rng.chance(0.5)) this.thread(rng, p, c.from, 2, true, 0);
        this.thread(rng, p, c.until, 1, false, 0);
        break;
      case "unresponsive": {
        const n = rng.int(1, 3);
        for (let k = 0; k < n; k++) {
          const at = c.from + ((c.until - c.from) * k) / n;
          this.thread(rng, p, at, 1, true, 0, this.ownerWork);
        }
        break;
      }
      case "jobAsk":
        if (p.askChannel === "email") this.jobAsk(rng, p, c.from);
        break;
      default:
        break;
    }
  }

  /** A thread of `length` messages alternating between the owner and `p`. */
  private thread(
    rng: Rng,
    p: Person,
    start: number,
    length: number,
    ownerFirst: boolean,
    endAt: number,
    ownerAddress: Address = this.owner,
  ): void {
    const them: Address = [mailName(p), mailAddress(p)];
    const topic = rng.pick(p.interests.length > 0 ? p.interests : (["food"] as Interest[]));
    const subject = subjectFor(rng, topic);
    const ids: string[] = [];
    const limit = this.world.referenceDate - HOUR;
    let at = Math.round(Math.min(start, limit) / 1000) * 1000;
    const gaps: number[] = [];
    for (let k = 1; k < length; k++) gaps.push(rng.float(0.05, 2.5) * DAY);
    if (endAt > 0) {
      const total = gaps.reduce((a, b) => a + b, 0);
      at = Math.max(at, endAt - total);
    }
    for (let k = 0; k < length; k++) {
      if (k > 0) at += Math.round((gaps[k - 1] ?? DAY) / 1000) * 1000;
      if (at > limit) break;
      const fromOwner = ownerFirst === (k % 2 === 0);
      const first = p.nickname ?? p.firstName;
      const body = fromOwner
        ? k === 0
          ? letter(first, commentText(rng, opts(topic, p, this.world)), this.world.owner.firstName)
          : letter(
              first,
              ownerReplyText(rng, first, topic, p.interests),
              this.world.owner.firstName,
            )
        : letter(
            this.world.owner.firstName,
            commentText(rng, { ...opts(topic, p, this.world), owner: this.world.owner.firstName }),
            first,
          );
      const id = this.messageId(fromOwner ? ownerAddress[1] : them[1], at);
      const mail: Mail = {
        from: fromOwner ? ownerAddress : them,
        to: [fromOwner ? them : ownerAddress],
        at,
        subject: k === 0 ? subject : `Re: ${subject}`,
        id,
        body,
        sent: fromOwner,
      };
      if (ids.length > 0) mail.parents = ids.slice();
      this.emit(mail, p, fromOwner);
      ids.push(id);
    }
  }

  /** A once-weekly letter from `p`, the owner answering about one in three. */
  private weekly(rng: Rng, p: Person, from: number, until: number): void {
    const them: Address = [mailName(p), mailAddress(p)];
    const weeks = Math.floor((until - from) / (7 * DAY));
    for (let k = 0; k <= weeks; k++) {
      const at = until - (weeks - k) * 7 * DAY;
      const topic = rng.pick(p.interests.length > 0 ? p.interests : (["food"] as Interest[]));
      const subject = `Week ${k + 1}: ${rng.pick(CLUSTERS[topic].terms)}`;
      const id = this.messageId(them[1], at);
      const text = commentText(rng, { ...opts(topic, p, this.world), owner: "Robin" });
      this.emit(
        {
          from: them,
          to: [this.owner],
          at,
          subject,
          id,
          body: letter(this.world.owner.firstName, text, p.firstName),
        },
        p,
        false,
      );
      if (k < weeks && rng.chance(0.35)) {
        const replyAt = at + Math.round(rng.float(0.2, 2) * DAY);
        this.emit(
          {
            from: this.owner,
            to: [them],
            at: replyAt,
            subject: `Re: ${subject}`,
            id: this.messageId(this.owner[1], replyAt),
            parents: [id],
            body: letter(
              p.firstName,
              ownerReplyText(rng, p.firstName, topic, p.interests),
              this.world.owner.firstName,
            ),
            sent: true,
          },
          p,
          true,
        );
      }
    }
  }

  private jobAsk(rng: Rng, p: Person, at: number): void {
    const them: Address = [p.fullName, mailAddress(p)];
    const topic = p.interests[0] ?? "content-marketing";
    this.emit(
      {
        from: them,
        to: [this.ownerWork],
        at,
        subject: `Any openings in ${CLUSTERS[topic].label.toLowerCase()}?`,
        id: this.messageId(them[1], at),
        body: letter(this.world.owner.firstName, jobAskText(rng, "Robin", topic), p.firstName),
      },
      p,
      false,
    );
  }

  private newsletters(rng: Rng, first: number, count: number): void {
    const names = ["The Content Ledger", "Data for Good Weekly", "Street Food Digest", "Kit & Kin"];
    for (let k = first; k < first + count; k++) {
      const name = names[k % names.length] as string;
      const host = `${name.toLowerCase().replace(/[^a-z]+/g, "")}.example`;
      const at = this.world.referenceDate - Math.round(rng.float(2, 900)) * DAY;
      this.write({
        from: [name, `news@${host}`],
        to: [this.owner],
        at,
        subject: `${name} #${100 + k}: ${rng.pick(CLUSTERS[rng.pick(this.world.owner.interests)].terms)}`,
        id: this.messageId(`news@${host}`, at),
        body: "This week's issue, links and a short essay.\nUnsubscribe at any time.\n",
        headers: [
          `List-Id: ${name} <list.${host}>`,
          `List-Unsubscribe: <https://${host}/unsubscribe>`,
        ],
      });
      this.counts.bulk++;
    }
  }

  private announcement(rng: Rng): void {
    const pool = this.world.people.filter(
      (p) => mailAddress(p) && ["irl", "growing", "acquaintance", "owed"].includes(p.role),
    );
    const to = rng.sample(pool, 20).map((p): Address => [p.fullName, mailAddress(p)]);
    const at = this.world.referenceDate - 14 * DAY;
    this.write({
      from: this.owner,
      to,
      at,
      subject: `Leaving drinks before the move to ${this.world.owner.destinationCity}`,
      id: this.messageId(this.owner[1], at),
      body: "Hi all,\n\nI'm moving soon. Drinks on Friday, the usual place, from six.\n\nRobin\n",
      sent: true,
    });
    this.counts.manyRecipients++;
  }

  private legacyCharset(rng: Rng): void {
    const p = this.world.people.find((x) => x.role === "irl" && mailAddress(x));
    if (!p) return;
    const at = this.world.referenceDate - Math.round(rng.float(30, 90)) * DAY;
    const text = `Hi Robin,\n\nDinner came to €24 each, café included. Pay me back whenever.\n\n${p.firstName}\n`;
    const from: Address = [mailName(p), mailAddress(p)];
    const head = this.head({
      from,
      to: [this.owner],
      at,
      subject: "Dinner on Friday",
      id: this.messageId(from[1], at),
      body: "",
    }).replace("charset=utf-8", "charset=windows-1252");
    this.out.write(head);
    this.out.writeBytes(iconv.encode(`${escapeFrom(text)}\n`, "windows-1252"));
    this.counts.messages++;
    this.counts.windows1252++;
    this.tally(p, false, at);
  }

  private broken(): void {
    const at = this.world.referenceDate - 40 * DAY;
    this.write({
      to: [this.owner],
      at,
      subject: "(no sender)",
      id: this.messageId("nobody@broken.example", at),
      body: "This message lost its From header somewhere along the way.\n",
    });
    this.counts.broken++;
  }

  private emit(mail: Mail, p: Person, fromOwner: boolean): void {
    this.write(mail);
    this.counts.messages++;
    if (mail.parents) this.counts.replies++;
    if (fromOwner) {
      this.counts.sent++;
      this.ownerAddresses.add(mail.from?.[1] ?? "");
    }
    this.tally(p, fromOwner, mail.at);
  }

  private tally(p: Person, fromOwner: boolean, at: number): void {
    const entry = (this.byPerson[p.id] ??= { from: 0, to: 0, last: "" });
    if (fromOwner) entry.to++;
    else entry.from++;
    const iso = new Date(at).toISOString();
    if (iso > entry.last) entry.last = iso;
  }

  private write(mail: Mail): void {
    this.out.write(`${this.head(mail)}${escapeFrom(mail.body)}\n`);
  }

  private head(mail: Mail): string {
    const sender = mail.from?.[1] ?? "MAILER-DAEMON";
    const lines = [`From ${sender} ${asctime(mail.at)}`];
    if (mail.sent) lines.push("X-Gmail-Labels: Sent");
    lines.push(`Message-ID: <${mail.id}>`);
    lines.push(`Date: ${rfc822(mail.at)}`);
    if (mail.from) lines.push(`From: ${mailbox(mail.from)}`);
    lines.push(`To: ${mail.to.map(mailbox).join(",\n ")}`);
    if (mail.cc && mail.cc.length > 0) lines.push(`Cc: ${mail.cc.map(mailbox).join(", ")}`);
    lines.push(`Subject: ${encodeWord(mail.subject)}`);
    if (mail.parents && mail.parents.length > 0) {
      lines.push(`In-Reply-To: <${mail.parents[mail.parents.length - 1]}>`);
      lines.push(`References: ${mail.parents.map((id) => `<${id}>`).join(" ")}`);
    }
    for (const h of mail.headers ?? []) lines.push(h);
    lines.push("MIME-Version: 1.0");
    lines.push("Content-Type: text/plain; charset=utf-8");
    lines.push("Content-Transfer-Encoding: 8bit");
    return `${lines.join("\n")}\n\n`;
  }

  private messageId(address: string, at: number): string {
    const host = address.split("@")[1] ?? "mail.example";
    return `${Math.round(at / 1000).toString(36)}.${(++this.seq).toString(36)}.${this.world.seed}@${host}`;
  }
}

function opts(topic: Interest, p: Person, world: World) {
  return { topic, interests: p.interests, owner: world.owner.firstName, warm: true };
}

function letter(to: string, text: string, from: string): string {
  return `Hi ${to},\n\n${wrap(text)}\n\n${from}\n`;
}

function subjectFor(rng: Rng, topic: Interest): string {
  const term = rng.pick(CLUSTERS[topic].terms);
  return rng.pick([
    `Coffee and ${term}?`,
    `Your take on ${term}`,
    `Notes on ${term}`,
    `Quick question about ${term}`,
    `${term[0]?.toUpperCase() ?? ""}${term.slice(1)} next week`,
  ]);
}

/** Lines of at most ~72 characters. */
function wrap(text: string): string {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > 72) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join("\n");
}

/** mboxrd: a body line starting with `From ` (after any `>`) gains one more `>`. */
function escapeFrom(body: string): string {
  return body.replace(/^(>*From )/gm, ">$1");
}

function encodeWord(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`;
}

function mailbox([name, address]: Address): string {
  if (!/^[\x20-\x7e]*$/.test(name)) return `${encodeWord(name)} <${address}>`;
  return /[",.;:()<>@[\]\\]/.test(name)
    ? `"${name.replace(/["\\]/g, "\\$&")}" <${address}>`
    : `${name} <${address}>`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `Mon Jun  3 12:50:27 1996`, as `From ` lines carry dates. */
function asctime(ms: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, " ");
  const time = d.toISOString().slice(11, 19);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${day} ${time} ${d.getUTCFullYear()}`;
}
