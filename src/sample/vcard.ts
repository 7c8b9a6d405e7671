/**
 * Writes the business cards the owner collected at events as one vCard file: mostly card-only
 * people (see `channels.ts`), both look-alike pairs, in vCard 3.0, some 2.1 (quoted-printable
 * UTF-8) and some 4.0, each with FN, N, ORG, TITLE, ADR (the city), URL, EMAIL and X-TWITTER
 * when the person has them, and one smudged card of garbage lines in the middle that an
 * importer reports (two bad lines, one empty card) and skips. Streams card by card.
 *
 * @example
 * const { counts } = writeVcards(buildWorld({ people: 200 }), "/tmp/cards.vcf");
 * counts.cards; // contacts the vCard importer should yield
 */
import { hasCard, roll } from "./channels.js";
import { ChunkedFile } from "./output.js";
import type { Person, World } from "./world.js";

export interface VcardCounts {
  /** Cards the importer turns into contacts. */
  cards: number;
  /** By version. */
  v21: number;
  v30: number;
  v40: number;
  /** Cards with nothing readable on them (skipped as "empty card"). */
  broken: number;
  /** Garbage lines on the broken card (skipped as "bad line"). */
  badLines: number;
  /** Of `cards`, people who are only a card or a connection. */
  cardOnly: number;
}

export interface VcardResult {
  path: string;
  bytes: number;
  counts: VcardCounts;
  ids: string[];
}

export function writeVcards(world: World, filePath: string): VcardResult {
  const out = new ChunkedFile(filePath);
  const counts: VcardCounts = {
    cards: 0,
    v21: 0,
    v30: 0,
    v40: 0,
    broken: 0,
    badLines: 0,
    cardOnly: 0,
  };
  const ids: string[] = [];
  try {
    const holders = world.people.filter((p) => hasCard(world, p));
    const middle = Math.floor(holders.length / 2);
    holders.forEach((p, k) => {
      if (k === middle) {
        out.write(
          "BEGIN:VCARD\r\nVERSION:3.0\r\n~~ coffee stain ~~\r\nsmudged beyond reading\r\nEND:VCARD\r\n",
        );
        counts.broken++;
        counts.badLines += 2;
      }
      const r = roll(world, "vcard-version", p);
      const version = r < 0.2 ? "2.1" : r < 0.85 ? "3.0" : "4.0";
      out.write(version === "2.1" ? card21(p) : card(p, version));
      counts.cards++;
      if (version === "2.1") counts.v21++;
      else if (version === "3.0") counts.v30++;
      else counts.v40++;
      if (p.role === "cardOnly") counts.cardOnly++;
      ids.push(p.id);
    });
  } finally {
    out.close();
  }
  return { path: filePath, bytes: out.bytes, counts, ids };
}

function esc(text: string): string {
  return text.replace(/[\\,;]/g, "\\$&").replace(/\n/g, "\\n");
}

function cardEmail(p: Person): string | undefined {
  return p.emails.work ?? p.emails.personal;
}

function card(p: Person, version: "3.0" | "4.0"): string {
  const lines = ["BEGIN:VCARD", `VERSION:${version}`];
  lines.push(`FN:${esc(p.fullName)}`, `N:${esc(p.lastName)};${esc(p.firstName)};;;`);
  lines.push(`ORG:${esc(p.company)}`, `TITLE:${esc(p.title)}`);
  lines.push(
    version === "4.0" ? `ADR;TYPE=work:;;;${esc(p.city)};;;` : `ADR;TYPE=WORK:;;;${esc(p.city)};;;`,
  );
  const email = cardEmail(p);
  if (email)
    lines.push(
      version === "4.0" ? `EMAIL;TYPE=work:${email}` : `EMAIL;TYPE=INTERNET,WORK:${email}`,
    );
  if (p.site) lines.push(`URL:${p.site}`);
  if (p.twitter) lines.push(`X-TWITTER:${p.twitter}`);
  lines.push("END:VCARD");
  return `${lines.join("\r\n")}\r\n`;
}

/** vCard 2.1 with quoted-printable UTF-8 for anything not plain ASCII. */
function card21(p: Person): string {
  const lines = ["BEGIN:VCARD", "VERSION:2.1"];
  const prop = (name: string, value: string) => {
    lines.push(
      /^[\x20-\x7e]*$/.test(value) && !value.includes("=")
        ? `${name}:${value}`
        : `${name};CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp(value)}`,
    );
  };
  prop("FN", p.fullName);
  prop("N", `${p.lastName};${p.firstName};;;`);
  prop("ORG", p.company);
  prop("TITLE", p.title);
  prop("ADR;WORK", `;;;${p.city};;;`);
  const email = cardEmail(p);
  if (email) lines.push(`EMAIL;INTERNET;WORK:${email}`);
  if (p.site) lines.push(`URL:${p.site}`);
  if (p.twitter) lines.push(`X-TWITTER:${p.twitter}`);
  lines.push("END:VCARD");
  return `${lines.join("\r\n")}\r\n`;
}

function qp(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    out +=
      byte >= 0x21 && byte <= 0x7e && byte !== 0x3d
        ? String.fromCharCode(byte)
        : byte === 0x20
          ? " "
          : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
