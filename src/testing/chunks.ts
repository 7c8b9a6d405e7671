/**
 * A byte stream in pieces of a chosen size, for testing that an importer gives the same records
 * however its input is cut (1-byte chunks split every multi-byte character and every tag).
 *
 * @example
 * for await (const batch of importer.parse({ path: "t.xml", chunks: chunked(bytes, 1) })) { … }
 */
export async function* chunked(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
