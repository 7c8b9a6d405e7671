/**
 * One shape for the four feed formats feedsmith parses (RSS 0.9x/2.0, RSS 1.0/RDF, Atom, JSON
 * Feed): the feed's identity, site and authors, and per entry its id, link, title, body, dates
 * and authors, as the raw strings the feed gave (HTML still in, dates unparsed).
 *
 * @example
 * const { meta, entries } = normalise(parseFeed(text));
 * meta.site; // "https://blog.example/"
 * entries[0]?.id; // "https://blog.example/?p=12"
 */
import type { AnyFeed, AtomFeed, JsonFeed, RdfFeed, RssFeed } from "feedsmith";

export interface Person {
  name?: string;
  email?: string;
  url?: string;
}

/** A piece of text and whether it is HTML (to be stripped) or plain text. */
export interface Text {
  value: string;
  html: boolean;
}

export interface FeedMeta {
  /** The feed's own id (Atom `<id>`). */
  id?: string;
  /** The feed's own URL (`atom:link rel="self"`, JSON `feed_url`). */
  self?: string;
  /** The site the feed belongs to (RSS `<link>`, Atom alternate link, JSON `home_page_url`). */
  site?: string;
  title?: Text;
  authors: Person[];
  /** `xml:base` of the feed element, for relative links. */
  base?: string;
}

export interface Entry {
  id?: string;
  link?: string;
  title?: Text;
  body?: Text;
  published?: string;
  updated?: string;
  authors: Person[];
  base?: string;
}

export interface Normalised {
  meta: FeedMeta;
  entries: Entry[];
}

export function normalise(parsed: AnyFeed): Normalised {
  switch (parsed.format) {
    case "rss":
      return fromRss(parsed.feed);
    case "rdf":
      return fromRdf(parsed.feed);
    case "atom":
      return fromAtom(parsed.feed);
    case "json":
      return fromJson(parsed.feed);
  }
}

function fromRss(feed: RssFeed.Feed<string>): Normalised {
  const feedAuthors = [
    ...(feed.managingEditor ? [feed.managingEditor] : []),
    ...names(feed.dc?.creators),
    ...atomPeople(feed.atom?.authors),
    ...names(feed.itunes?.author ? [feed.itunes.author] : undefined),
  ];
  const meta: FeedMeta = {
    self: linkOf(feed.atom?.links, "self"),
    site: feed.link,
    title: html(feed.title),
    authors: feedAuthors.map(rssPerson),
    base: feed.xml?.base,
  };
  const entries = (feed.items ?? []).map(
    (item): Entry => ({
      id: item.guid?.value,
      link: item.link ?? permalinkOf(item.guid),
      title: html(item.title),
      body: html(item.content?.encoded ?? item.description),
      published: item.pubDate ?? item.dc?.dates?.[0] ?? item.atom?.published,
      updated: item.atom?.updated,
      authors: [
        ...(item.authors ?? []),
        ...names(item.dc?.creators),
        ...atomPeople(item.atom?.authors),
        ...names(item.itunes?.author ? [item.itunes.author] : undefined),
      ].map(rssPerson),
      base: item.xml?.base,
    }),
  );
  return { meta, entries };
}

function fromRdf(feed: RdfFeed.Feed<string>): Normalised {
  const meta: FeedMeta = {
    self: linkOf(feed.atom?.links, "self"),
    site: feed.link,
    title: html(feed.title),
    authors: names(feed.dc?.creators).map(rssPerson),
    base: feed.xml?.base,
  };
  const entries = (feed.items ?? []).map(
    (item): Entry => ({
      id: item.rdf?.about,
      link: item.link,
      title: html(item.title),
      body: html(item.content?.encoded ?? item.description),
      published: item.dc?.dates?.[0] ?? item.dcterms?.created?.[0] ?? item.dcterms?.issued?.[0],
      updated: item.dcterms?.modified?.[0],
      authors: names(item.dc?.creators).map(rssPerson),
      base: item.xml?.base,
    }),
  );
  return { meta, entries };
}

function fromAtom(feed: AtomFeed.Feed<string>): Normalised {
  const meta: FeedMeta = {
    id: feed.id,
    self: linkOf(feed.links, "self"),
    site: linkOf(feed.links, "alternate"),
    title: atomText(feed.title),
    authors: atomPeople(feed.authors),
    base: feed.xml?.base,
  };
  const entries = (feed.entries ?? []).map(
    (entry): Entry => ({
      id: entry.id,
      link: linkOf(entry.links, "alternate"),
      title: atomText(entry.title),
      body: atomText(entry.content) ?? atomText(entry.summary),
      published: entry.published ?? entry.dc?.dates?.[0],
      updated: entry.updated,
      authors: atomPeople(entry.authors ?? entry.source?.authors),
      base: entry.xml?.base,
    }),
  );
  return { meta, entries };
}

function fromJson(feed: JsonFeed.Feed<string>): Normalised {
  const meta: FeedMeta = {
    self: feed.feed_url,
    site: feed.home_page_url,
    title: plain(feed.title),
    authors: jsonPeople(feed.authors),
  };
  const entries = (feed.items ?? []).map(
    (item): Entry => ({
      id: item.id === undefined ? undefined : String(item.id),
      link: item.url ?? item.external_url,
      title: plain(item.title),
      body: html(item.content_html) ?? plain(item.content_text) ?? plain(item.summary) ?? undefined,
      published: item.date_published,
      updated: item.date_modified,
      authors: jsonPeople(item.authors),
    }),
  );
  return { meta, entries };
}

/** The href of the first link with this rel (an absent rel means "alternate"). */
function linkOf(
  links: readonly { href?: string; rel?: string }[] | undefined,
  rel: string,
): string | undefined {
  for (const link of links ?? []) {
    if ((link.rel ?? "alternate") === rel && link.href) return link.href;
  }
  return undefined;
}

/** A guid that is a permalink (the default) and looks like a web address. */
function permalinkOf(guid: RssFeed.Guid | undefined): string | undefined {
  if (!guid?.value || guid.isPermaLink === false) return undefined;
  return /^https?:\/\//i.test(guid.value) ? guid.value : undefined;
}

function names(values: readonly string[] | undefined): Person[] {
  return (values ?? []).map((name) => ({ name }));
}

/**
 * RSS `<author>` holds an e-mail address ("ada@example.org (Ada)"), which feedsmith splits;
 * a bare name that landed in `email`, or a bare address given as a `dc:creator` name, is set
 * right.
 */
function rssPerson(person: Person): Person {
  const url = person.url ? { url: person.url } : {};
  if (person.email && !person.email.includes("@") && !person.name) {
    return { name: person.email, ...url };
  }
  if (!person.email && person.name && /^[^\s@<>()]+@[^\s@<>()]+$/.test(person.name.trim())) {
    return { email: person.name.trim(), ...url };
  }
  return person;
}

function atomPeople(people: readonly AtomFeed.Person[] | undefined): Person[] {
  return (people ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    ...(p.email ? { email: p.email } : {}),
    ...(p.uri ? { url: p.uri } : {}),
  }));
}

function jsonPeople(people: readonly JsonFeed.Author[] | undefined): Person[] {
  return (people ?? []).map((p) => ({
    ...(p.name ? { name: p.name } : {}),
    ...(p.url ? { url: p.url } : {}),
  }));
}

function atomText(text: AtomFeed.Text | AtomFeed.Content | undefined): Text | undefined {
  if (!text?.value) return undefined;
  const type = text.type ?? "text";
  return { value: text.value, html: type === "html" || type === "xhtml" || type.includes("html") };
}

function html(value: string | undefined): Text | undefined {
  return value ? { value, html: true } : undefined;
}

function plain(value: string | undefined): Text | undefined {
  return value ? { value, html: false } : undefined;
}
