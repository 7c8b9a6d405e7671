/**
 * The sample world on disk: builds the world, runs each format writer into a folder and writes
 * `truths.json`, the planted truths as data for tests and the demo. Add a format by adding a
 * writer to `WRITERS`; every writer renders the same `World`.
 *
 * @example
 * const manifest = await writeSample("/tmp/irl-sample", { seed: 1, people: 200 });
 * manifest.files;            // [{ path: ".../blog.wxr.xml", format: "wxr", bytes: … }, mail.mbox, …]
 * manifest.truths.facebook;  // what the Facebook importer should find
 * manifest.truths.mbox;      // what the mbox importer should find
 * manifest.truths.irlCircle; // who irl should put in the IRL group
 * peopleForWxrBytes(200 * 1024 * 1024); // people needed for a ≥ 200 MiB WXR
 */
import fs from "node:fs";
import path from "node:path";
import { writeDisqus } from "./disqus.js";
import { writeEventLists } from "./events.js";
import { writeFacebook } from "./facebook.js";
import { writeFeeds } from "./feeds.js";
import { writeIcal } from "./ical.js";
import { writeLinkedIn } from "./linkedin.js";
import { writeMbox } from "./mbox.js";
import { buildTruths, type FormatTruths, type Truths } from "./truths.js";
import { writeTwitter } from "./twitter.js";
import { writeVcards } from "./vcard.js";
import { buildWorld, DEFAULT_REFERENCE_DATE, type World } from "./world.js";
import { type WxrResult, writeWxr, wxrPostCount } from "./wxr.js";

export { writeDisqus } from "./disqus.js";
export { writeEventLists } from "./events.js";
export { writeFacebook } from "./facebook.js";
export { writeFeeds } from "./feeds.js";
export { writeIcal } from "./ical.js";
export { writeLinkedIn } from "./linkedin.js";
export { writeMbox } from "./mbox.js";
export type { Truths } from "./truths.js";
export { writeTwitter } from "./twitter.js";
export { writeVcards } from "./vcard.js";
export type { Person, Role, World } from "./world.js";
export { buildWorld } from "./world.js";
export type { WxrCounts, WxrFacts, WxrResult } from "./wxr.js";
export { writeWxr } from "./wxr.js";

export type SampleFormat =
  | "wxr"
  | "mbox"
  | "vcard"
  | "ical"
  | "linkedin"
  | "csv"
  | "twitter"
  | "feeds"
  | "facebook"
  | "disqus";

export interface SampleOptions {
  seed?: number;
  people?: number;
  referenceDate?: string;
  /** Write only these formats (default: all). */
  only?: readonly SampleFormat[];
}

export interface SampleFile {
  path: string;
  /** The format irl's importer reads it as ("opml" and "feed" for the "feeds" writer). */
  format: string;
  bytes: number;
}

export interface SampleManifest {
  /** The export files, ready to import. `truths.json` is not among them. */
  files: SampleFile[];
  truthsPath: string;
  truths: Truths;
}

interface WriterOutput {
  /** `format` when it is not the writer's own name. */
  files: { path: string; bytes: number; format?: string }[];
  wxr?: WxrResult;
  /** What this writer adds to `truths.json`. */
  truths?: FormatTruths;
}

interface SampleWriter {
  format: SampleFormat;
  write(world: World, dir: string): WriterOutput;
}

const rel = (dir: string, file: string) => path.relative(dir, file).split(path.sep).join("/");

const WRITERS: readonly SampleWriter[] = [
  {
    format: "wxr",
    write: (world, dir) => {
      const wxr = writeWxr(world, path.join(dir, "blog.wxr.xml"));
      return { files: [{ path: wxr.path, bytes: wxr.bytes }], wxr };
    },
  },
  {
    format: "mbox",
    write: (world, dir) => {
      const r = writeMbox(world, path.join(dir, "mail.mbox"));
      return {
        files: [{ path: r.path, bytes: r.bytes }],
        truths: { mbox: { file: rel(dir, r.path), ...r.counts } },
      };
    },
  },
  {
    format: "vcard",
    write: (world, dir) => {
      const r = writeVcards(world, path.join(dir, "cards.vcf"));
      return {
        files: [{ path: r.path, bytes: r.bytes }],
        truths: { vcard: { file: rel(dir, r.path), ...r.counts, ids: r.ids } },
      };
    },
  },
  {
    format: "ical",
    write: (world, dir) => {
      const r = writeIcal(world, path.join(dir, "calendar.ics"));
      return {
        files: [{ path: r.path, bytes: r.bytes }],
        truths: { ical: { file: rel(dir, r.path), ...r.counts } },
      };
    },
  },
  {
    format: "linkedin",
    write: (world, dir) => {
      const r = writeLinkedIn(world, path.join(dir, "linkedin"));
      const files = [r.files.connections, r.files.messages, r.files.invitations].map((f) => ({
        path: f,
        bytes: fs.statSync(f).size,
      }));
      return {
        files,
        truths: {
          linkedin: {
            files: files.map((f) => rel(dir, f.path)),
            ...r.counts,
          },
        },
      };
    },
  },
  {
    format: "csv",
    write: (world, dir) => {
      const lists = writeEventLists(world, path.join(dir, "events"));
      return {
        files: lists.map((l) => ({ path: l.path, bytes: l.bytes })),
        truths: {
          eventLists: lists.map((l) => ({
            eventId: l.eventId,
            file: rel(dir, l.path),
            attendees: l.attendees,
          })),
        },
      };
    },
  },
  {
    format: "twitter",
    write: (world, dir) => {
      const r = writeTwitter(world, path.join(dir, "twitter"));
      const files = r.files.map((f) => ({ path: f, bytes: fs.statSync(f).size }));
      return {
        files,
        truths: { twitter: { files: files.map((f) => rel(dir, f.path)), ...r.counts } },
      };
    },
  },
  {
    format: "feeds",
    write: (world, dir) => {
      const { opml, feeds } = writeFeeds(world, dir);
      return {
        files: [
          { path: opml.path, bytes: opml.bytes, format: "opml" },
          ...feeds.map((f) => ({ path: f.path, bytes: f.bytes, format: "feed" })),
        ],
        truths: {
          opml: {
            file: rel(dir, opml.path),
            subscriptions: opml.subscriptions,
            personIds: opml.personIds,
          },
          feeds: feeds.map((f) => ({
            file: rel(dir, f.path),
            personId: f.personId,
            format: f.format,
            entries: f.entries,
          })),
        },
      };
    },
  },
  {
    format: "facebook",
    write: (world, dir) => {
      // The profile comes first, so that the owner's messages in the threads are the user's.
      const r = writeFacebook(world, path.join(dir, "facebook"));
      const files = r.files.map((f) => ({ path: f, bytes: fs.statSync(f).size }));
      return {
        files,
        truths: {
          facebook: {
            files: files.map((f) => rel(dir, f.path)),
            ...r.counts,
            friendIds: r.friendIds,
            messagedIds: r.messagedIds,
          },
        },
      };
    },
  },
  {
    format: "disqus",
    write: (world, dir) => {
      const r = writeDisqus(world, path.join(dir, "old-blog.disqus.xml"));
      return {
        files: [{ path: r.path, bytes: r.bytes }],
        truths: {
          disqus: {
            file: rel(dir, r.path),
            forum: r.forum,
            ...r.counts,
            commenterIds: r.commenterIds,
          },
        },
      };
    },
  },
];

export const SAMPLE_FORMATS: readonly SampleFormat[] = WRITERS.map((w) => w.format);

export async function writeSample(
  dir: string,
  options: SampleOptions = {},
): Promise<SampleManifest> {
  const world = buildWorld({
    seed: options.seed ?? 1,
    people: options.people ?? 200,
    referenceDate: options.referenceDate ?? DEFAULT_REFERENCE_DATE,
  });
  fs.mkdirSync(dir, { recursive: true });
  const only = new Set(options.only ?? SAMPLE_FORMATS);
  const files: SampleFile[] = [];
  let wxr: WxrResult | undefined;
  const extra: FormatTruths = {};
  for (const writer of WRITERS) {
    if (!only.has(writer.format)) continue;
    const output = writer.write(world, dir);
    for (const f of output.files) files.push({ ...f, format: f.format ?? writer.format });
    wxr ??= output.wxr;
    Object.assign(extra, output.truths);
  }
  const truths: Truths = {
    ...buildTruths(world, wxr ? { file: path.basename(wxr.path), result: wxr } : undefined),
    ...extra,
  };
  const truthsPath = path.join(dir, "truths.json");
  fs.writeFileSync(truthsPath, `${JSON.stringify(truths, null, 1)}\n`);
  // The planted job opening, as the text `irl match` reads (with the exports, not alone).
  if (only.size > 0) fs.writeFileSync(path.join(dir, "opening.txt"), `${truths.opening.text}\n`);
  return { files, truthsPath, truths };
}

/**
 * WXR size model, measured with seed 1 on the default reference date: each person adds about
 * `WXR_BYTES_PER_PERSON` bytes of comments, and each post about `WXR_BYTES_PER_POST` (posts grow
 * with √people, see `wxrPostCount`). Within a few per cent from 2,000 people up.
 */
export const WXR_BYTES_PER_PERSON = 4260;
export const WXR_BYTES_PER_POST = 5540;

export function estimateWxrBytes(people: number): number {
  return people * WXR_BYTES_PER_PERSON + wxrPostCount(people) * WXR_BYTES_PER_POST;
}

/** The number of people whose WXR is at least `targetBytes` (with a small safety margin). */
export function peopleForWxrBytes(targetBytes: number): number {
  let lo = 60;
  let hi = 60;
  const want = targetBytes * 1.03;
  while (estimateWxrBytes(hi) < want) hi *= 2;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (estimateWxrBytes(mid) < want) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
