/**
 * Writes the owner's LinkedIn data export folder: `Connections.csv` (with the 2025 `Notes:`
 * preamble, newest first, hundreds of connections and most of them card-only people, a few rows
 * blank but for the date), `messages.csv` (conversations with the IRL circle, growing ties and a
 * few acquaintances, the owner's own in FOLDER SENT, one unsent draft) and `Invitations.csv`
 * (newcomers inviting the owner, the owner inviting growing ties with a note). People appear
 * under their full names, with their LinkedIn profile URL and, for many-faces people, their work
 * e-mail. Each file streams row by row.
 *
 * @example
 * const { counts } = writeLinkedIn(buildWorld({ people: 200 }), "/tmp/linkedin");
 * counts.connections; // contacts the LinkedIn importer yields from Connections.csv
 */
import fs from "node:fs";
import path from "node:path";
import { linkedinUrl, OWNER_LINKEDIN, onLinkedIn, roll } from "./channels.js";
import { ChunkedFile } from "./output.js";
import { createRng } from "./random.js";
import { commentText, ownerReplyText } from "./text.js";
import { DAY, HOUR, type Person, type World } from "./world.js";

export interface LinkedInCounts {
  connections: number;
  /** Rows with nothing but a date (skipped as "empty row"). */
  blankRows: number;
  /** Connections who are card-only people. */
  cardOnly: number;
  /** Messages the importer yields (drafts excluded). */
  messages: number;
  sentMessages: number;
  drafts: number;
  conversations: number;
  invitations: number;
  /** Invitations with a note (each is also an interaction). */
  invitationMessages: number;
}

export interface LinkedInResult {
  dir: string;
  files: { connections: string; messages: string; invitations: string };
  bytes: number;
  counts: LinkedInCounts;
}

export const CONNECTIONS_HEADER =
  "First Name,Last Name,URL,Email Address,Company,Position,Connected On";
export const MESSAGES_HEADER =
  "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER,ATTACHMENTS,IS MESSAGE DRAFT";
export const INVITATIONS_HEADER =
  "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function writeLinkedIn(world: World, dir: string): LinkedInResult {
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    connections: path.join(dir, "Connections.csv"),
    messages: path.join(dir, "messages.csv"),
    invitations: path.join(dir, "Invitations.csv"),
  };
  const counts: LinkedInCounts = {
    connections: 0,
    blankRows: 0,
    cardOnly: 0,
    messages: 0,
    sentMessages: 0,
    drafts: 0,
    conversations: 0,
    invitations: 0,
    invitationMessages: 0,
  };
  const bytes =
    connections(world, files.connections, counts) +
    messages(world, files.messages, counts) +
    invitations(world, files.invitations, counts);
  return { dir, files, bytes, counts };
}

function csv(fields: readonly string[]): string {
  return `${fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",")}\n`;
}

function dayMonthYear(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCDate()).padStart(2, "0")} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

function connections(world: World, file: string, counts: LinkedInCounts): number {
  const out = new ChunkedFile(file);
  try {
    out.write("Notes:\n");
    out.write(
      '"Some connections choose not to share their e-mail address, so many rows here leave it empty. (Sample note written for irl.)"\n\n',
    );
    out.write(`${CONNECTIONS_HEADER}\n`);
    const people = world.people
      .filter((p) => onLinkedIn(world, p))
      .sort((a, b) => b.connectedAt - a.connectedAt || a.index - b.index);
    const blanks = new Set([3, Math.floor(people.length / 3), Math.floor((2 * people.length) / 3)]);
    people.forEach((p, k) => {
      if (blanks.has(k)) {
        out.write(csv(["", "", "", "", "", "", dayMonthYear(p.connectedAt)]));
        counts.blankRows++;
      }
      const email = p.marks.includes("manyFaces")
        ? (p.emails.work ?? "")
        : roll(world, "linkedin-email", p) < 0.1
          ? (p.emails.work ?? p.emails.personal ?? "")
          : "";
      out.write(
        csv([
          p.firstName,
          p.lastName,
          linkedinUrl(p),
          email,
          p.company,
          p.title,
          dayMonthYear(p.connectedAt),
        ]),
      );
      counts.connections++;
      if (p.role === "cardOnly") counts.cardOnly++;
    });
  } finally {
    out.close();
  }
  return out.bytes;
}

function linkedinDate(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

function messages(world: World, file: string, counts: LinkedInCounts): number {
  const out = new ChunkedFile(file);
  const owner = world.owner;
  try {
    out.write(`${MESSAGES_HEADER}\n`);
    const talkers = world.people.filter(
      (p) =>
        onLinkedIn(world, p) &&
        p.contact &&
        (p.role === "irl" ||
          p.role === "growing" ||
          (p.role === "acquaintance" && roll(world, "linkedin-msg", p) < 0.3)),
    );
    let draftDone = false;
    for (const p of talkers) {
      const rng = createRng("linkedin", world.seed, p.index);
      const c = p.contact as NonNullable<Person["contact"]>;
      const conversation = `2-${(world.seed * 100_003 + p.index).toString(36)}`;
      counts.conversations++;
      const n = p.role === "acquaintance" ? rng.int(1, 2) : rng.int(2, 5);
      let at = Math.round(rng.float(c.from, c.until) / 1000) * 1000;
      const topic = p.interests[0] ?? "content-marketing";
      for (let k = 0; k < n && at < world.referenceDate - HOUR; k++) {
        const fromOwner = k % 2 === 1;
        const content = fromOwner
          ? ownerReplyText(rng, p.firstName, topic, p.interests)
          : commentText(rng, { topic, interests: p.interests, owner: owner.firstName, warm: true });
        out.write(
          csv([
            conversation,
            "",
            fromOwner ? owner.name : p.fullName,
            fromOwner ? OWNER_LINKEDIN : linkedinUrl(p),
            fromOwner ? p.fullName : owner.name,
            fromOwner ? linkedinUrl(p) : OWNER_LINKEDIN,
            linkedinDate(at),
            "",
            content,
            fromOwner ? "SENT" : "INBOX",
            "",
            "No",
          ]),
        );
        counts.messages++;
        if (fromOwner) counts.sentMessages++;
        at += Math.round((rng.float(0.1, 3) * DAY) / 1000) * 1000;
      }
      if (!draftDone && p.role === "irl") {
        draftDone = true;
        out.write(
          csv([
            conversation,
            "",
            owner.name,
            OWNER_LINKEDIN,
            p.fullName,
            linkedinUrl(p),
            linkedinDate(Math.min(at, world.referenceDate - DAY)),
            "",
            "Half-written note I never sent",
            "DRAFTS",
            "",
            "Yes",
          ]),
        );
        counts.drafts++;
      }
    }
  } finally {
    out.close();
  }
  return out.bytes;
}

function usDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const hour12 = h % 12 === 0 ? 12 : h % 12;
  const min = String(d.getUTCMinutes()).padStart(2, "0");
  const yy = String(d.getUTCFullYear() % 100).padStart(2, "0");
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${yy}, ${hour12}:${min} ${h < 12 ? "AM" : "PM"}`;
}

function invitations(world: World, file: string, counts: LinkedInCounts): number {
  const out = new ChunkedFile(file);
  const owner = world.owner;
  try {
    out.write(`${INVITATIONS_HEADER}\n`);
    for (const p of world.people) {
      const rng = createRng("linkedin-invite", world.seed, p.index);
      if (p.role === "newcomer" && rng.chance(0.4)) {
        const at = Math.floor((world.referenceDate - rng.float(1, 40) * DAY) / 60_000) * 60_000;
        const note = rng.chance(0.4)
          ? "Hi Robin, looks like we'll both be at the next meetup."
          : "";
        out.write(
          csv([
            p.fullName,
            owner.name,
            usDate(at),
            note,
            "INCOMING",
            linkedinUrl(p),
            OWNER_LINKEDIN,
          ]),
        );
        counts.invitations++;
        if (note) counts.invitationMessages++;
      } else if (p.role === "growing" && !onLinkedIn(world, p)) {
        const at = Math.floor((world.referenceDate - rng.float(1, 30) * DAY) / 60_000) * 60_000;
        out.write(
          csv([
            owner.name,
            p.fullName,
            usDate(at),
            `Great to meet you, ${p.firstName}! Let's stay in touch.`,
            "OUTGOING",
            OWNER_LINKEDIN,
            linkedinUrl(p),
          ]),
        );
        counts.invitations++;
        counts.invitationMessages++;
      }
    }
  } finally {
    out.close();
  }
  return out.bytes;
}
