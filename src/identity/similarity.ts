/**
 * String similarity for record linkage: Jaro, Jaro–Winkler, Levenshtein and (optimal string
 * alignment) Damerau–Levenshtein. All work on UTF-16 code units, allocate nothing per call
 * (scratch buffers are module-level and only grow) and run at several million comparisons a
 * second for name-length strings.
 *
 * @example
 * jaroWinkler("martha", "marhta")   // 0.9611…
 * damerauLevenshtein("ca", "ac")    // 1 (one transposition)
 * levenshtein("kitten", "sitting")  // 3
 */

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);
let rowPrev2 = new Int32Array(64);

function ensureFlags(n: number, m: number): void {
  if (n > flagsA.length) flagsA = new Uint8Array(n * 2);
  if (m > flagsB.length) flagsB = new Uint8Array(m * 2);
}

function ensureRows(n: number): void {
  if (n > rowPrev.length) {
    rowPrev = new Int32Array(n * 2);
    rowCur = new Int32Array(n * 2);
    rowPrev2 = new Int32Array(n * 2);
  }
}

/** Jaro similarity in [0, 1]; 1 for two equal strings (including two empty ones). */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return 0;
  ensureFlags(n, m);
  flagsA.fill(0, 0, n);
  flagsB.fill(0, 0, m);
  const window = Math.max(0, (Math.max(n, m) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < n; i++) {
    const lo = i > window ? i - window : 0;
    const hi = Math.min(i + window + 1, m);
    const c = a.charCodeAt(i);
    for (let j = lo; j < hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  const t = transpositions / 2;
  return (matches / n + matches / m + (matches - t) / matches) / 3;
}

/**
 * Jaro–Winkler similarity: Jaro boosted by a shared prefix of up to four characters
 * (`prefixScale` × prefix × (1 − jaro)), applied only when Jaro exceeds `boostThreshold`.
 */
export function jaroWinkler(a: string, b: string, prefixScale = 0.1, boostThreshold = 0.7): number {
  const j = jaro(a, b);
  if (j <= boostThreshold) return j;
  const limit = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * prefixScale * (1 - j);
}

/** Edits (insert, delete, substitute) turning `a` into `b`. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  ensureRows(m + 1);
  let prev = rowPrev;
  let cur = rowCur;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = c === b.charCodeAt(j - 1) ? 0 : 1;
      const del = (prev[j] as number) + 1;
      const ins = (cur[j - 1] as number) + 1;
      const sub = (prev[j - 1] as number) + cost;
      cur[j] = del < ins ? (del < sub ? del : sub) : ins < sub ? ins : sub;
    }
    const t = prev;
    prev = cur;
    cur = t;
  }
  return prev[m] as number;
}

/**
 * Optimal-string-alignment distance: Levenshtein plus transposition of two adjacent
 * characters as one edit ("1971" → "1917" is 1). A substring is never edited twice.
 */
export function damerauLevenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  ensureRows(m + 1);
  let prev2 = rowPrev2;
  let prev = rowPrev;
  let cur = rowCur;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const d = b.charCodeAt(j - 1);
      const cost = c === d ? 0 : 1;
      let v = (prev[j] as number) + 1;
      const ins = (cur[j - 1] as number) + 1;
      if (ins < v) v = ins;
      const sub = (prev[j - 1] as number) + cost;
      if (sub < v) v = sub;
      if (i > 1 && j > 1 && c === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === d) {
        const tr = (prev2[j - 2] as number) + 1;
        if (tr < v) v = tr;
      }
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m] as number;
}
