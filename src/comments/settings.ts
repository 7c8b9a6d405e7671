/**
 * The comment service's settings in the store: the secret its tokens and IP hashes are keyed
 * with (made on first start), and the admin password as an scrypt hash (`irl comments passwd`).
 * The password itself is never stored; `IRL_COMMENTS_PASSWORD` may stand in for the hash.
 *
 * @example
 * await setAdminPassword(store, "correct horse battery staple");
 * await checkAdminPassword(store, typed, process.env.IRL_COMMENTS_PASSWORD); // true / false
 */
import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import { IrlError } from "../errors.js";
import type { Store } from "../store/store.js";

const SECRET = "secret";
const PASSWORD = "admin_password";
/** scrypt cost: N = 2^15, r = 8, p = 1 (~50 ms here); stored with the hash. */
const COST = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
export const MIN_PASSWORD = 10;

async function read(store: Store, key: string): Promise<string | undefined> {
  const row = await store.db
    .selectFrom("comment_settings")
    .select("value")
    .where("key", "=", key)
    .executeTakeFirst();
  return row?.value;
}

async function write(store: Store, key: string, value: string): Promise<void> {
  await store.db
    .insertInto("comment_settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}

/** The service's signing secret, made once and kept. */
export async function serviceSecret(store: Store): Promise<Buffer> {
  const found = await read(store, SECRET);
  if (found) return Buffer.from(found, "base64url");
  await store.db
    .insertInto("comment_settings")
    .values({ key: SECRET, value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  return Buffer.from((await read(store, SECRET)) as string, "base64url");
}

function derive(password: string, salt: Buffer, cost = COST): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, cost, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function setAdminPassword(store: Store, password: string): Promise<void> {
  if (password.length < MIN_PASSWORD) {
    throw new IrlError("usage", `the password must be at least ${MIN_PASSWORD} characters long`);
  }
  const salt = randomBytes(16);
  const hash = await derive(password, salt);
  const { N, r, p } = COST;
  await write(
    store,
    PASSWORD,
    `scrypt$${N}$${r}$${p}$${salt.toString("base64url")}$${hash.toString("base64url")}`,
  );
}

export async function hasAdminPassword(store: Store): Promise<boolean> {
  return (await read(store, PASSWORD)) !== undefined;
}

/** Whether `typed` is the admin password (the environment's, else the stored hash's). */
export async function checkAdminPassword(
  store: Store,
  typed: string,
  fromEnv?: string,
): Promise<boolean> {
  if (fromEnv) {
    const a = Buffer.from(typed);
    const b = Buffer.from(fromEnv);
    return a.length === b.length && timingSafeEqual(a, b);
  }
  const stored = await read(store, PASSWORD);
  if (!stored) return false;
  const [scheme, N, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64url");
  const got = await derive(typed, Buffer.from(salt, "base64url"), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: COST.maxmem,
  });
  return got.length === expected.length && timingSafeEqual(got, expected);
}
