/**
 * What an import reads: files, every file under a folder, and every file inside a `.zip` (the
 * form export services hand out). A zip entry reads like a file, its path shown as
 * `archive.zip/data/tweets.js`; nothing is unpacked to disk.
 *
 * @example
 * for await (const input of listInputs(["exports/"], (path, message) => console.error(path, message))) {
 *   const head = await readHead(input, 64 * 1024);
 * }
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import yauzl from "yauzl";

export interface Input {
  /** What the user is shown. */
  display: string;
  /** The file on disk (the zip, for an entry). */
  file: string;
  /** The entry's name inside the zip. */
  entry?: string;
  /** Uncompressed size in bytes. */
  bytes: number;
  /** Named by the user, rather than found in a folder or an archive. */
  explicit: boolean;
}

/** Walks paths in a stable order; `onMissing` hears about paths that cannot be read. */
export async function* listInputs(
  paths: readonly string[],
  onMissing: (path: string, message: string) => void,
  explicit = true,
): AsyncIterable<Input> {
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      onMissing(p, "no such file or folder");
      continue;
    }
    if (stat.isDirectory()) {
      const names = fs
        .readdirSync(p)
        .filter((n) => !n.startsWith("."))
        .sort((a, b) => a.localeCompare(b));
      yield* listInputs(
        names.map((n) => path.join(p, n)),
        onMissing,
        false,
      );
    } else if (isZip(p)) {
      try {
        yield* zipInputs(p);
      } catch (error) {
        onMissing(p, `cannot read the zip archive: ${(error as Error).message}`);
      }
    } else {
      yield { display: p, file: p, bytes: stat.size, explicit };
    }
  }
}

export async function openInput(input: Input): Promise<Readable> {
  if (input.entry === undefined) return fs.createReadStream(input.file, { highWaterMark: 1 << 20 });
  const zip = await yauzl.openPromise(input.file, { lazyEntries: true, autoClose: false });
  for await (const entry of entriesOf(zip)) {
    if (entry.fileName === input.entry) {
      const stream = await zip.openReadStreamPromise(entry);
      stream.once("close", () => zip.close());
      return stream;
    }
  }
  zip.close();
  throw new Error(`${input.display}: the entry is gone from the archive`);
}

export async function readHead(input: Input, bytes: number): Promise<string> {
  const parts: Buffer[] = [];
  let got = 0;
  const stream = await openInput(input);
  try {
    for await (const chunk of stream) {
      parts.push(chunk as Buffer);
      got += (chunk as Buffer).length;
      if (got >= bytes) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts).subarray(0, bytes).toString("utf8");
}

export async function hashInput(input: Input): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of await openInput(input)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function isZip(file: string): boolean {
  const fd = fs.openSync(file, "r");
  try {
    const magic = Buffer.alloc(4);
    return fs.readSync(fd, magic, 0, 4, 0) === 4 && magic.readUInt32LE(0) === 0x04034b50;
  } finally {
    fs.closeSync(fd);
  }
}

async function* zipInputs(file: string): AsyncIterable<Input> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const found: Input[] = [];
  try {
    for await (const entry of entriesOf(zip)) {
      const name = entry.fileName;
      if (name.endsWith("/") || path.basename(name).startsWith(".") || name.startsWith("__MACOSX/"))
        continue;
      found.push({
        display: `${file}/${name}`,
        file,
        entry: name,
        bytes: entry.uncompressedSize,
        explicit: false,
      });
    }
  } finally {
    zip.close();
  }
  yield* found.sort((a, b) => a.display.localeCompare(b.display));
}

async function* entriesOf(zip: yauzl.ZipFile): AsyncIterable<yauzl.Entry> {
  for (;;) {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      const onEntry = (e: yauzl.Entry) => done(e);
      const onEnd = () => done(undefined);
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        zip.off("entry", onEntry).off("end", onEnd).off("error", onError);
      };
      const done = (e: yauzl.Entry | undefined) => {
        cleanup();
        resolve(e);
      };
      zip.on("entry", onEntry).on("end", onEnd).on("error", onError);
      zip.readEntry();
    });
    if (!entry) return;
    yield entry;
  }
}
