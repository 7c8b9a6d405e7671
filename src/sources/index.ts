/**
 * Every format irl can import: its name, what it is, how to recognise it from a file's first
 * bytes, and how to load its importer. Recognising needs only the small `detect` modules; an
 * importer (and the libraries it parses with) is loaded when a file of its format turns up, so
 * an import of one blog does not load the e-mail, calendar and feed parsers too.
 *
 * Order matters where heads look alike: the first format whose `detect` says yes takes the file.
 *
 * @example
 * const format = detectFormat(head);           // the "wxr" entry
 * const importer = await format?.load();       // wxrImporter
 */
import { looksLikeContactsCsv } from "./csv/detect.js";
import { looksLikeDisqus } from "./disqus/detect.js";
import { looksLikeFacebook } from "./facebook/detect.js";
import { looksLikeFeed } from "./feed/detect.js";
import { looksLikeIcal } from "./ical/detect.js";
import type { Importer } from "./importer.js";
import { looksLikeLinkedIn } from "./linkedin/headers.js";
import { looksLikeEml, looksLikeMbox } from "./mbox/detect.js";
import { looksLikeOpml } from "./opml/detect.js";
import { looksLikeTwitterArchive } from "./twitter/archive-file.js";
import { looksLikeVcard } from "./vcard/detect.js";
import { looksLikeWxr } from "./wxr/detect.js";

export interface Format {
  /** The name users give to `--as`. */
  format: string;
  description: string;
  detect(head: string): boolean;
  load(): Promise<Importer>;
}

export const formats: readonly Format[] = [
  {
    format: "wxr",
    description: "WordPress export (WXR 1.0–1.2): posts, comments, replies, pingbacks",
    detect: looksLikeWxr,
    load: async () => (await import("./wxr/index.js")).wxrImporter,
  },
  {
    format: "disqus",
    description: "Disqus XML export: a blog's comments and replies",
    detect: looksLikeDisqus,
    load: async () => (await import("./disqus/index.js")).disqusImporter,
  },
  {
    format: "opml",
    description: "OPML subscription list or blogroll: the blogs the user follows",
    detect: looksLikeOpml,
    load: async () => (await import("./opml/index.js")).opmlImporter,
  },
  {
    format: "feed",
    description: "RSS, Atom or JSON Feed of a blog: each entry as a post by its author",
    detect: looksLikeFeed,
    load: async () => (await import("./feed/index.js")).feedImporter,
  },
  {
    format: "twitter",
    description: "Twitter/X archive (data/*.js): tweets, replies, mentions, DMs, followers",
    detect: looksLikeTwitterArchive,
    load: async () => (await import("./twitter/index.js")).twitterImporter,
  },
  {
    format: "facebook",
    description: "Facebook data export (JSON): friends, profile, Messenger threads",
    detect: looksLikeFacebook,
    load: async () => (await import("./facebook/index.js")).facebookImporter,
  },
  {
    format: "linkedin",
    description: "LinkedIn data export: Connections.csv, messages.csv, Invitations.csv",
    detect: looksLikeLinkedIn,
    load: async () => (await import("./linkedin/index.js")).linkedinImporter,
  },
  {
    format: "vcard",
    description: "vCard address book or business cards (2.1, 3.0, 4.0): contacts",
    detect: looksLikeVcard,
    load: async () => (await import("./vcard/index.js")).vcardImporter,
  },
  {
    format: "ical",
    description: "iCalendar file (.ics): events with organizer and attendees, recurrences expanded",
    detect: looksLikeIcal,
    load: async () => (await import("./ical/index.js")).icalImporter,
  },
  {
    format: "mbox",
    description: "E-mail mailbox (mbox, Thunderbird, Gmail Takeout): who wrote to whom, replies",
    detect: looksLikeMbox,
    load: async () => (await import("./mbox/index.js")).mboxImporter,
  },
  {
    format: "eml",
    description: "One e-mail message (.eml, RFC 5322): sender, recipients, reply thread",
    detect: looksLikeEml,
    load: async () => (await import("./mbox/index.js")).emlImporter,
  },
  // The most permissive detection goes last.
  {
    format: "csv",
    description: "CSV of people: address books (Google, Outlook, Thunderbird) and attendee lists",
    detect: looksLikeContactsCsv,
    load: async () => (await import("./csv/index.js")).csvContactsImporter,
  },
];

/** How many bytes of a file detection looks at. */
export const HEAD_BYTES = 64 * 1024;

export function detectFormat(head: string): Format | undefined {
  return formats.find((f) => f.detect(head));
}

export function formatNamed(name: string): Format | undefined {
  return formats.find((f) => f.format === name.toLowerCase());
}
