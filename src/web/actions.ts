/**
 * What the web app changes, each through the same functions the CLI commands call and each
 * under the write lock: flags (pin, snooze, tier — `setFlags` then `computeTies`, as
 * `irl person --pin`), merge and split (`mergeByUser`, `splitByUser`), dupes (`acceptDupes`,
 * `dismissDupe`), notes, and uploads (streamed to a temporary folder, then `runImport`).
 *
 * @example
 * await changeFlags(env, 12, { pinned: true });
 * const job = await uploadStream(env, request.body, "blog.xml");
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { onePerson } from "../cli/find-person.js";
import { IrlError } from "../errors.js";
import { acceptDupes, dismissDupe, mergeByUser, splitByUser } from "../plans/corrections.js";
import { computeTies } from "../signals/compute-ties.js";
import { TIERS } from "../signals/tiers.js";
import { type FlagChange, setFlags } from "../store/flags.js";
import { addNote, deleteNote } from "../store/notes.js";
import type { WebEnv } from "./data.js";
import type { ImportJob } from "./import-jobs.js";

const DAY = 86_400_000;
/** Largest upload taken, in bytes. */
export const UPLOAD_MAX_BYTES = 8 * 1024 ** 3;

export interface FlagsInput {
  pinned?: boolean;
  /** Days from now; 0 ends a snooze. */
  snoozeDays?: number;
  /** A tier, or "auto" to give it back to irl. */
  tier?: string;
}

export async function changeFlags(env: WebEnv, id: number, input: FlagsInput): Promise<void> {
  const change: FlagChange = {};
  if (input.pinned !== undefined) change.pinned = input.pinned;
  if (input.snoozeDays !== undefined) {
    const d = input.snoozeDays;
    if (!Number.isInteger(d) || d < 0 || d > 36500) {
      throw new IrlError("usage", `snooze takes a number of days, not "${d}"`);
    }
    change.snoozedUntil = d === 0 ? null : Date.now() + d * DAY;
  }
  if (input.tier !== undefined) {
    if (input.tier !== "auto" && !(TIERS as readonly string[]).includes(input.tier)) {
      throw new IrlError("usage", `tier must be one of ${TIERS.join(", ")} or auto`);
    }
    change.tier = input.tier === "auto" ? null : input.tier;
  }
  if (Object.keys(change).length === 0) throw new IrlError("usage", "nothing to change");
  await env.lock.run(async () => {
    const person = await env.store.person(id);
    if (person.is_me === 1) throw new IrlError("usage", "that is you: no tier to set");
    await setFlags(env.store.conn, id, change);
    await computeTies(env.store);
  });
}

/** Merge the person `other` names (#id, e-mail, name…) into `id`. */
export async function mergeOther(env: WebEnv, id: number, other: string): Promise<string> {
  return env.lock.run(async () => {
    const gone = await onePerson(env.store, other);
    await mergeByUser(env.store, id, Number(gone.id));
    return `Merged #${gone.id} ${gone.display_name} into #${id}.`;
  });
}

export async function split(env: WebEnv, id: number, identities: string[]) {
  return env.lock.run(() => splitByUser(env.store, id, identities));
}

export async function acceptPair(env: WebEnv, pair: number): Promise<number> {
  return env.lock.run(() => acceptDupes(env.store, pair));
}

export async function dismissPair(env: WebEnv, pair: number) {
  return env.lock.run(() => dismissDupe(env.store, pair));
}

export async function noteAdd(env: WebEnv, id: number, body: string) {
  return env.lock.run(() => addNote(env.store, id, body));
}

export async function noteDelete(env: WebEnv, id: number, note: number) {
  return env.lock.run(() => deleteNote(env.store, id, note));
}

/** A safe file name for an upload: its base name, ordinary characters only. */
export function uploadName(name: string | undefined): string {
  const base = path.basename((name ?? "").replace(/\\/g, "/")).replace(/[^\w.\- ]+/g, "_");
  return base.replace(/^\.+/, "").slice(0, 120) || "upload";
}

/** Streams an upload to a temporary file and starts its import. */
export async function uploadStream(
  env: WebEnv,
  body: ReadableStream<Uint8Array> | null,
  name: string | undefined,
): Promise<ImportJob> {
  if (!body) throw new IrlError("usage", "the upload is empty: send the file as the body");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "irl-upload-"));
  const shown = uploadName(name);
  const file = path.join(dir, shown);
  let bytes = 0;
  const cap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > UPLOAD_MAX_BYTES) {
        done(new IrlError("usage", `${shown} is larger than ${UPLOAD_MAX_BYTES} bytes`));
      } else done(null, chunk);
    },
  });
  try {
    await pipeline(
      Readable.fromWeb(body as unknown as WebReadableStream<Uint8Array>),
      cap,
      fs.createWriteStream(file),
    );
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    if (error instanceof IrlError) throw error;
    throw new IrlError("input", `the upload of ${shown} broke off: ${(error as Error).message}`);
  }
  if (bytes === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new IrlError("usage", `${shown} is empty`);
  }
  return env.jobs.start(file, shown, dir);
}
