/**
 * The who-to-meet-next model: a linear score over the link-prediction features of
 * candidates.ts, and how it is fitted. `score = bias + Σ weight × feature`; only the order of a
 * person's candidates matters, so the bias is there for a pointwise fit, not the ranking.
 *
 * `fitConditionalLogit` fits it as a softmax over each person's own candidates by Newton's
 * method with step halving (L2-regularised, features standardised) — the order within a
 * person's list is all a suggestion list is; `fitLogistic` is the plain pointwise logistic
 * regression, kept for comparison. Examples come from an earlier cut of the same history:
 * `npm run eval:suggest` refits it on each network at T′ (the 50th-percentile message, with its
 * own 30-day window, never past T). `SUGGEST_WEIGHTS`, what `irl suggest` uses, is one
 * conditional logit fitted on the T′ examples of CollegeMsg and of the synthetic e-mail-like
 * network (synthetic-network.ts) pooled: with them, `npm run eval:suggest -- --fixed` gives
 * hit@10 0.195 on CollegeMsg (PA 0.157, AA 0.092) and 0.212 on the synthetic network (AA 0.232,
 * PA 0.073) — below the per-network fit (0.215 and 0.301), which is why the evaluation refits.
 *
 * @example
 * const model = fitConditionalLogit([{ rows, ys }]); // per person: feature vectors, 1 = new tie
 * scoreOf(model, candidate.features);
 */
import { FEATURES } from "./candidates.js";

export interface LinkModel {
  bias: number;
  weights: number[];
}

/** Fitted on the earlier (T′) cuts of CollegeMsg and the synthetic network, pooled (see the header). */
export const SUGGEST_WEIGHTS: LinkModel = {
  bias: 0.498,
  // cn, aa, wcn, katz3, degree, recent, idle, fresh, growth
  weights: [0.604, -0.068, -0.212, 1.11, -0.974, 0.151, -0.34, 0.599, 0.384],
};

export function scoreOf(model: LinkModel, features: readonly number[]): number {
  let s = model.bias;
  for (let i = 0; i < features.length; i++) {
    s += (model.weights[i] ?? 0) * (features[i] as number);
  }
  return s;
}

export interface FitOptions {
  /** L2 penalty on the standardised weights (default 1). */
  l2?: number;
  iterations?: number;
}

/**
 * Logistic regression by Newton's method on standardised features; the result is in the raw
 * features' units. Positives are weighted so both classes carry equal total weight.
 */
export function fitLogistic(
  rows: readonly (readonly number[])[],
  labels: readonly number[],
  options: FitOptions = {},
): LinkModel {
  const n = rows.length;
  const d = rows[0]?.length ?? FEATURES.length;
  if (n === 0) return { bias: 0, weights: new Array(d).fill(0) };
  const mean = new Array(d).fill(0);
  const sd = new Array(d).fill(0);
  for (const r of rows) for (let j = 0; j < d; j++) mean[j] += (r[j] as number) / n;
  for (const r of rows) for (let j = 0; j < d; j++) sd[j] += ((r[j] as number) - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]) || 1;
  const positives = labels.filter((y) => y > 0).length;
  const wPos = positives > 0 ? (n - positives) / positives : 1;
  const l2 = options.l2 ?? 1;
  const beta = new Array(d + 1).fill(0);
  const x = new Float64Array(d + 1);
  for (let iter = 0; iter < (options.iterations ?? 25); iter++) {
    const grad = new Array(d + 1).fill(0);
    const hess: number[][] = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const r = rows[i] as readonly number[];
      x[0] = 1;
      for (let j = 0; j < d; j++) x[j + 1] = ((r[j] as number) - mean[j]) / sd[j];
      let z = 0;
      for (let j = 0; j <= d; j++) z += beta[j] * (x[j] as number);
      const p = 1 / (1 + Math.exp(-z));
      const y = (labels[i] as number) > 0 ? 1 : 0;
      const w = y === 1 ? wPos : 1;
      const g = w * (p - y);
      const h = w * p * (1 - p);
      for (let j = 0; j <= d; j++) {
        grad[j] += g * (x[j] as number);
        const row = hess[j] as number[];
        for (let k = 0; k <= j; k++)
          row[k] = (row[k] as number) + h * (x[j] as number) * (x[k] as number);
      }
    }
    for (let j = 1; j <= d; j++) {
      grad[j] += l2 * beta[j];
      const row = hess[j] as number[];
      row[j] = (row[j] as number) + l2;
    }
    const top = hess[0] as number[];
    top[0] = (top[0] as number) + 1e-9;
    for (let j = 0; j <= d; j++) {
      for (let k = j + 1; k <= d; k++)
        (hess[j] as number[])[k] = (hess[k] as number[])[j] as number;
    }
    const step = solve(hess, grad);
    let moved = 0;
    for (let j = 0; j <= d; j++) {
      beta[j] -= step[j] as number;
      moved = Math.max(moved, Math.abs(step[j] as number));
    }
    if (moved < 1e-8) break;
  }
  const weights = new Array(d).fill(0).map((_, j) => beta[j + 1] / sd[j]);
  let bias = beta[0];
  for (let j = 0; j < d; j++) bias -= (beta[j + 1] * mean[j]) / sd[j];
  return { bias, weights };
}

export interface Group {
  rows: readonly (readonly number[])[];
  /** 1 for the candidates that became new ties. */
  ys: readonly number[];
}

/**
 * A conditional logit (softmax over each person's own candidates) by Newton's method: it fits
 * the order of candidates within a person's list, which is all a suggestion list is, and
 * ignores how many new ties a person makes. L2 penalty on the standardised weights.
 */
export function fitConditionalLogit(groups: readonly Group[], options: FitOptions = {}): LinkModel {
  const used = groups.filter((g) => g.ys.some((y) => y > 0) && g.rows.length > 1);
  const d = used[0]?.rows[0]?.length ?? FEATURES.length;
  let n = 0;
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const g of used)
    for (const r of g.rows) {
      n++;
      for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (r[j] as number);
    }
  if (n === 0) return { bias: 0, weights: new Array(d).fill(0) };
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;
  for (const g of used)
    for (const r of g.rows) {
      for (let j = 0; j < d; j++)
        sd[j] = (sd[j] as number) + ((r[j] as number) - (mean[j] as number)) ** 2 / n;
    }
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j] as number) || 1;
  const std = used.map((g) => ({
    xs: g.rows.map((r) => r.map((v, j) => (v - (mean[j] as number)) / (sd[j] as number))),
    ys: g.ys,
  }));
  const l2 = options.l2 ?? 1;
  const evaluate = (beta: number[]) => {
    let ll = 0;
    const grad = new Array<number>(d).fill(0);
    const hess: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (const g of std) {
      const scores = g.xs.map((x) => x.reduce((s, v, j) => s + v * (beta[j] as number), 0));
      let top = Number.NEGATIVE_INFINITY;
      for (const sc of scores) if (sc > top) top = sc;
      const e = scores.map((sc) => Math.exp(sc - top));
      const total = e.reduce((a, b) => a + b, 0);
      const logTotal = top + Math.log(total);
      const expect = new Array<number>(d).fill(0);
      const second: number[][] = Array.from({ length: d }, () => new Array<number>(d).fill(0));
      g.xs.forEach((x, i) => {
        const p = (e[i] as number) / total;
        for (let j = 0; j < d; j++) {
          expect[j] = (expect[j] as number) + p * (x[j] as number);
          const row = second[j] as number[];
          for (let k = 0; k <= j; k++)
            row[k] = (row[k] as number) + p * (x[j] as number) * (x[k] as number);
        }
      });
      let positives = 0;
      g.xs.forEach((x, i) => {
        if ((g.ys[i] as number) <= 0) return;
        positives++;
        ll += (scores[i] as number) - logTotal;
        for (let j = 0; j < d; j++)
          grad[j] = (grad[j] as number) + (x[j] as number) - (expect[j] as number);
      });
      for (let j = 0; j < d; j++) {
        const row = hess[j] as number[];
        const srow = second[j] as number[];
        for (let k = 0; k <= j; k++) {
          const cov = (srow[k] as number) - (expect[j] as number) * (expect[k] as number);
          row[k] = (row[k] as number) + positives * cov;
        }
      }
    }
    for (let j = 0; j < d; j++) {
      ll -= (l2 / 2) * (beta[j] as number) ** 2;
      grad[j] = (grad[j] as number) - l2 * (beta[j] as number);
      const row = hess[j] as number[];
      row[j] = (row[j] as number) + l2;
      for (let k = 0; k < j; k++) (hess[k] as number[])[j] = row[k] as number;
    }
    return { ll, grad, hess };
  };
  let beta = new Array<number>(d).fill(0);
  let current = evaluate(beta);
  for (let iter = 0; iter < (options.iterations ?? 30); iter++) {
    // Newton ascent, β + t·H⁻¹g (H the negative Hessian), halving t until the fit improves.
    const step = solve(current.hess, current.grad);
    let t = 1;
    let next = beta.map((b, j) => b + t * (step[j] as number));
    let tried = evaluate(next);
    while (tried.ll < current.ll && t > 1e-4) {
      t /= 2;
      next = beta.map((b, j) => b + t * (step[j] as number));
      tried = evaluate(next);
    }
    if (tried.ll < current.ll) break;
    const gain = tried.ll - current.ll;
    beta = next;
    current = tried;
    if (gain < 1e-7) break;
  }
  const weights = beta.map((b, j) => b / (sd[j] as number));
  const bias = -beta.reduce((s, b, j) => s + (b * (mean[j] as number)) / (sd[j] as number), 0);
  return { bias, weights };
}

/** Solves A x = b by Gaussian elimination with partial pivoting (A is small and dense). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) {
      if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[pivot] as number[])[c] as number))
        pivot = r;
    }
    [m[c], m[pivot]] = [m[pivot] as number[], m[c] as number[]];
    const row = m[c] as number[];
    const p = row[c] as number;
    if (Math.abs(p) < 1e-12) continue;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const other = m[r] as number[];
      const f = (other[c] as number) / p;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) other[k] = (other[k] as number) - f * (row[k] as number);
    }
  }
  return m.map((row, i) => {
    const p = row[i] as number;
    return Math.abs(p) < 1e-12 ? 0 : (row[n] as number) / p;
  });
}
