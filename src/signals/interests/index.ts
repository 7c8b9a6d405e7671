/**
 * Interests: what people write about, from their own writing, as weighted terms and phrases —
 * per person (stored, recomputed when the graph changes), for a free text, for a group — and
 * how alike two of them are, with the terms that make them alike as plain-word reasons.
 *
 * @example
 * import { cosine, interestsOf, sharedTerms, textVector, vectorsOf } from "./signals/interests/index.js";
 * const [mine, theirs] = [...(await vectorsOf(store, [me, them])).values()];
 * `you both write about ${sharedTerms(mine, theirs, 3).join(", ")}`; // "content marketing, sourdough"
 * (await interestsOf(store, them)).map((i) => i.term);
 */
export { analyse, plainText } from "./analyse.js";
export {
  computeInterests,
  ensureInterests,
  type InterestsResult,
  TERMS_PER_PERSON,
} from "./compute.js";
export {
  type GroupInterest,
  groupInterests,
  type Interest,
  interestsOf,
  textVector,
  vectorsOf,
} from "./read.js";
export { cosine, distinctTerms, sharedTerms, type TermVector, unitVector } from "./weights.js";
