/**
 * The one person a command's QUERY names, or a clear error: nobody, or several (listed, so
 * the user can pick one by #id).
 *
 * @example
 * const person = await onePerson(store, "ada@example.org");
 */
import { IrlError } from "../errors.js";
import type { Person } from "../store/schema.js";
import type { Store } from "../store/store.js";

export async function onePerson(store: Store, query: string): Promise<Person> {
  const found = await store.findPeople(query);
  if (found.length === 0) throw new IrlError("not_found", `nobody matches "${query}"`);
  if (found.length > 1) {
    const list = found
      .slice(0, 10)
      .map((p) => `  #${p.id} ${p.display_name}`)
      .join("\n");
    throw new IrlError(
      "usage",
      `${found.length} people match "${query}"; name one by #id:\n${list}`,
    );
  }
  return found[0] as Person;
}
