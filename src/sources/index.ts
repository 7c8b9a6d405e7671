/**
 * Every format irl can import, and detection of a file's format from its first bytes. Order
 * matters where heads look alike: the first importer whose `detect` says yes takes the file.
 *
 * @example
 * detectFormat(head)?.format // "wxr"
 */
import { csvContactsImporter } from "./csv/index.js";
import { disqusImporter } from "./disqus/index.js";
import { facebookImporter } from "./facebook/index.js";
import { feedImporter } from "./feed/index.js";
import { icalImporter } from "./ical/index.js";
import type { Importer } from "./importer.js";
import { linkedinImporter } from "./linkedin/index.js";
import { emlImporter, mboxImporter } from "./mbox/index.js";
import { opmlImporter } from "./opml/index.js";
import { twitterImporter } from "./twitter/index.js";
import { vcardImporter } from "./vcard/index.js";
import { wxrImporter } from "./wxr/index.js";

export const importers: readonly Importer[] = [
  wxrImporter,
  disqusImporter,
  opmlImporter,
  feedImporter,
  twitterImporter,
  facebookImporter,
  linkedinImporter,
  vcardImporter,
  icalImporter,
  mboxImporter,
  emlImporter,
  // The most permissive detection goes last.
  csvContactsImporter,
];

/** How many bytes of a file detection looks at. */
export const HEAD_BYTES = 64 * 1024;

export function detectFormat(head: string): Importer | undefined {
  return importers.find((i) => i.detect(head));
}

export function importerFor(format: string): Importer | undefined {
  return importers.find((i) => i.format === format.toLowerCase());
}
