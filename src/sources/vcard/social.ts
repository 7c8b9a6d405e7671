/**
 * Identities from a card's URLs and social properties. A URL that is a profile on a network
 * is that network's identity, not a personal site: `linkedin.com/in/ada` is a LinkedIn
 * profile, `twitter.com/ada` and `x.com/ada` the Twitter handle `ada`, `github.com/ada` the
 * GitHub handle. Social properties: X-SOCIALPROFILE (Apple; TYPE names the network, x-user the
 * handle), IMPP (`xmpp:`, `skype:`, X-SERVICE-TYPE), and the older X-TWITTER, X-AIM, X-JABBER,
 * X-SKYPE, … properties.
 *
 * @example
 * identityFromUrl("https://twitter.com/ada_l"); // { kind: "handle", value: "ada_l", platform: "twitter" }
 */
import type { IdentityRef } from "../records.js";
import type { CardProperty } from "./card.js";

const TWITTER_RESERVED = new Set(["home", "i", "intent", "share", "search", "hashtag", "login"]);

/** Legacy one-network properties → platform. */
const HANDLE_PROPERTIES: Record<string, string> = {
  "x-twitter": "twitter",
  "x-aim": "aim",
  "x-icq": "icq",
  "x-jabber": "xmpp",
  "x-gtalk": "gtalk",
  "x-google-talk": "gtalk",
  "x-msn": "msn",
  "x-yahoo": "yahoo",
  "x-skype": "skype",
  "x-skype-username": "skype",
  "x-gadugadu": "gadugadu",
  "x-qq": "qq",
  "x-github": "github",
};

/** Properties whose value is a profile on a network (a URL, or the profile's name). */
const PROFILE_PROPERTIES: Record<string, string> = {
  "x-linkedin": "linkedin",
  "x-facebook": "facebook",
};

const PROFILE_BASE: Record<string, string> = {
  linkedin: "https://www.linkedin.com/in/",
  facebook: "https://www.facebook.com/",
};

export function identityFromUrl(value: string): IdentityRef | undefined {
  const text = value.trim();
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return undefined;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
  const host = url.hostname.toLowerCase().replace(/^(?:www|m|mobile)\./, "");
  const segments = url.pathname.split("/").filter(Boolean);
  const first = segments[0] ?? "";
  if (host.endsWith("linkedin.com") && (first === "in" || first === "pub") && segments[1]) {
    return {
      kind: "profile",
      value: `https://www.linkedin.com/${first}/${segments[1]}`,
      platform: "linkedin",
    };
  }
  if (
    (host === "twitter.com" || host === "x.com") &&
    /^[A-Za-z0-9_]{1,15}$/.test(first) &&
    !TWITTER_RESERVED.has(first.toLowerCase())
  ) {
    return { kind: "handle", value: first, platform: "twitter" };
  }
  if (host === "github.com" && /^[A-Za-z0-9-]{1,39}$/.test(first) && segments.length === 1) {
    return { kind: "handle", value: first, platform: "github" };
  }
  if (host === "facebook.com" && first && first !== "profile.php" && segments.length === 1) {
    return { kind: "profile", value: `https://www.facebook.com/${first}`, platform: "facebook" };
  }
  return { kind: "url", value: text };
}

/** The identity a social property stands for, if it is one. */
export function identityFromSocial(property: CardProperty): IdentityRef | undefined {
  const value = (property.values[0]?.[0] ?? "").trim();
  if (property.name === "x-socialprofile") return socialProfile(property, value);
  if (property.name === "impp") return impp(property, value);
  const handlePlatform = HANDLE_PROPERTIES[property.name];
  if (handlePlatform) {
    if (/^https?:\/\//i.test(value)) return identityFromUrl(value);
    return handle(value.replace(/^[a-z-]+:/i, ""), handlePlatform);
  }
  const profilePlatform = PROFILE_PROPERTIES[property.name];
  if (profilePlatform) return profile(value, profilePlatform);
  return undefined;
}

function socialProfile(property: CardProperty, value: string): IdentityRef | undefined {
  const network = (property.params.type ?? []).find((t) => t !== "pref")?.toLowerCase();
  const user = property.params["x-user"]?.[0]?.trim();
  if (/^https?:\/\//i.test(value)) {
    const fromUrl = identityFromUrl(value);
    if (fromUrl?.kind !== "url" || !network || !user) return fromUrl;
  }
  const name = user || value.replace(/^x-apple:/i, "");
  if (!network) return undefined;
  if (network === "twitter" || network === "github") return handle(name, network);
  if (PROFILE_BASE[network]) return profile(name, network);
  return handle(name, network);
}

function impp(property: CardProperty, value: string): IdentityRef | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  const service = property.params["x-service-type"]?.[0]?.toLowerCase();
  const platform = service ?? (scheme === "x-apple" ? undefined : scheme);
  if (!platform) return undefined;
  let name = scheme ? value.slice(scheme.length + 1) : value;
  const screenName = /[?&]screenname=([^&]+)/i.exec(name)?.[1];
  if (screenName) name = decodeURIComponentSafe(screenName);
  return handle(name.replace(/^\/\//, ""), platform);
}

function handle(value: string, platform: string): IdentityRef | undefined {
  const v = decodeURIComponentSafe(value.trim()).replace(/^@/, "");
  return v && !/\s/.test(v) ? { kind: "handle", value: v, platform } : undefined;
}

function profile(value: string, platform: string): IdentityRef | undefined {
  if (/^https?:\/\//i.test(value)) {
    const fromUrl = identityFromUrl(value);
    return fromUrl?.kind === "url" ? { ...fromUrl, kind: "profile", platform } : fromUrl;
  }
  const name = value.trim().replace(/^@/, "");
  const base = PROFILE_BASE[platform];
  if (!name || !base || /[\s/]/.test(name)) return undefined;
  return { kind: "profile", value: base + name, platform };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
