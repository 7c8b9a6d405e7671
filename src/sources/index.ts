/**
 * Every format irl can import, and detection of a file's format from its first bytes.
 *
 * @example
 * detectFormat(head)?.format // "wxr"
 */
import type { Importer } from "./importer.js";
import { wxrImporter } from "./wxr/index.js";

export const importers: readonly Importer[] = [wxrImporter];

/** How many bytes of a file detection looks at. */
export const HEAD_BYTES = 64 * 1024;

export function detectFormat(head: string): Importer | undefined {
  return importers.find((i) => i.detect(head));
}

export function importerFor(format: string): Importer | undefined {
  return importers.find((i) => i.format === format.toLowerCase());
}
