/**
 * The sample world on disk: builds the world, runs each format writer into a folder and writes
 * `truths.json`, the planted truths as data for tests and the demo. Add a format by adding a
 * writer to `WRITERS`; every writer renders the same `World`.
 *
 * @example
 * const manifest = await writeSample("/tmp/irl-sample", { seed: 1, people: 200 });
 * manifest.files;            // [{ path: ".../blog.wxr.xml", format: "wxr", bytes: … }]
 * manifest.truths.irlCircle; // who irl should put in the IRL group
 * peopleForWxrBytes(200 * 1024 * 1024); // people needed for a ≥ 200 MiB WXR
 */
import fs from "node:fs";
import path from "node:path";
import { buildTruths, type Truths } from "./truths.js";
import { buildWorld, DEFAULT_REFERENCE_DATE, type World } from "./world.js";
import { type WxrResult, writeWxr, wxrPostCount } from "./wxr.js";

export type { Truths } from "./truths.js";
export type { Person, Role, World } from "./world.js";
export { buildWorld } from "./world.js";
export type { WxrCounts, WxrFacts, WxrResult } from "./wxr.js";
export { writeWxr } from "./wxr.js";

export type SampleFormat = "wxr";

export interface SampleOptions {
  seed?: number;
  people?: number;
  referenceDate?: string;
  /** Write only these formats (default: all). */
  only?: readonly SampleFormat[];
}

export interface SampleFile {
  path: string;
  format: SampleFormat;
  bytes: number;
}

export interface SampleManifest {
  /** The export files, ready to import. `truths.json` is not among them. */
  files: SampleFile[];
  truthsPath: string;
  truths: Truths;
}

interface WriterOutput {
  bytes: number;
  wxr?: WxrResult;
}

interface SampleWriter {
  format: SampleFormat;
  file: string;
  write(world: World, filePath: string): WriterOutput;
}

const WRITERS: readonly SampleWriter[] = [
  {
    format: "wxr",
    file: "blog.wxr.xml",
    write: (world, filePath) => {
      const wxr = writeWxr(world, filePath);
      return { bytes: wxr.bytes, wxr };
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
  for (const writer of WRITERS) {
    if (!only.has(writer.format)) continue;
    const filePath = path.join(dir, writer.file);
    const output = writer.write(world, filePath);
    files.push({ path: filePath, format: writer.format, bytes: output.bytes });
    wxr ??= output.wxr;
  }
  const truths = buildTruths(
    world,
    wxr ? { file: path.basename(wxr.path), result: wxr } : undefined,
  );
  const truthsPath = path.join(dir, "truths.json");
  fs.writeFileSync(truthsPath, `${JSON.stringify(truths, null, 1)}\n`);
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
