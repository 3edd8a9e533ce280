/**
 * The second level of the moves reader (decision 265): a logistic regression per move over the first level's
 * own scores (the perceptrons of ./network.ts), so that each move's reading weighs what the other moves scored
 * ("sorry, we found nothing" scores both apologize and dismiss; which one it is depends on both). Trained on the
 * first level's out-of-fold scores, never on the scores of utterances the first level was trained on, so it
 * learns what the first level says of an utterance it has not seen. Mini-batch Adam with L2, shuffled by a fixed
 * seed: deterministic. Pure (no I/O); a few hundred multiplications a turn.
 */
import { z } from "zod";

export interface SecondLevel {
  /** Input i is the first level's score of label i, times `scale`. */
  scale: number;
  /** Row-major: input × label (labels and inputs are the first level's labels, in its order). */
  weights: number[];
  bias: number[];
}

/** The artifact's second level, checked when the model is first used (a stale or hand-edited file fails loudly). */
export const SecondLevelSchema = z.strictObject({
  scale: z.number().positive(),
  weights: z.array(z.number().finite()),
  bias: z.array(z.number().finite()),
});

export interface SecondLevelOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  scale: number;
  seed: number;
}

export const DEFAULT_SECOND_LEVEL: SecondLevelOptions = { epochs: 30, learningRate: 0.01, l2: 1e-4, scale: 3, seed: 1 };

/** Train on first-level scores `X` (one row per utterance) and 0/1 labels `Y` (same columns). */
export function trainSecondLevel(X: ReadonlyArray<ArrayLike<number>>, Y: ReadonlyArray<ArrayLike<number>>, options: Partial<SecondLevelOptions> = {}): SecondLevel {
  const o = { ...DEFAULT_SECOND_LEVEL, ...options };
  const n = X.length;
  const L = Y[0]?.length ?? 0;
  const dim = L;
  const W = new Float64Array(dim * L);
  const b = new Float64Array(L);
  const mW = new Float64Array(W.length);
  const vW = new Float64Array(W.length);
  const mb = new Float64Array(L);
  const vb = new Float64Array(L);
  const gW = new Float64Array(W.length);
  const gb = new Float64Array(L);
  const z = new Float64Array(L);
  const x = new Float64Array(dim);
  const order = Array.from({ length: n }, (_, i) => i);
  let seed = o.seed;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  const B = 32;
  const b1 = 0.9;
  const b2 = 0.999;
  let t = 0;
  for (let ep = 0; ep < o.epochs; ep++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (let s = 0; s < n; s += B) {
      gW.fill(0);
      gb.fill(0);
      const end = Math.min(n, s + B);
      for (let k = s; k < end; k++) {
        const row = X[order[k]!]!;
        const y = Y[order[k]!]!;
        for (let d = 0; d < dim; d++) x[d] = (row[d] ?? 0) * o.scale;
        for (let l = 0; l < L; l++) z[l] = b[l]!;
        for (let d = 0; d < dim; d++) {
          const xd = x[d]!;
          if (xd === 0) continue;
          const off = d * L;
          for (let l = 0; l < L; l++) z[l]! += W[off + l]! * xd;
        }
        for (let l = 0; l < L; l++) z[l] = 1 / (1 + Math.exp(-z[l]!)) - (y[l] ?? 0);
        for (let d = 0; d < dim; d++) {
          const xd = x[d]!;
          if (xd === 0) continue;
          const off = d * L;
          for (let l = 0; l < L; l++) gW[off + l]! += z[l]! * xd;
        }
        for (let l = 0; l < L; l++) gb[l]! += z[l]!;
      }
      const m = end - s;
      t++;
      const lr = (o.learningRate * Math.sqrt(1 - b2 ** t)) / (1 - b1 ** t);
      for (let i = 0; i < W.length; i++) {
        const g = gW[i]! / m + o.l2 * W[i]!;
        mW[i] = b1 * mW[i]! + (1 - b1) * g;
        vW[i] = b2 * vW[i]! + (1 - b2) * g * g;
        W[i]! -= (lr * mW[i]!) / (Math.sqrt(vW[i]!) + 1e-8);
      }
      for (let l = 0; l < L; l++) {
        const g = gb[l]! / m;
        mb[l] = b1 * mb[l]! + (1 - b1) * g;
        vb[l] = b2 * vb[l]! + (1 - b2) * g * g;
        b[l]! -= (lr * mb[l]!) / (Math.sqrt(vb[l]!) + 1e-8);
      }
    }
  }
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  return { scale: o.scale, weights: Array.from(W, round), bias: Array.from(b, round) };
}

/** The second level's probability per label from the first level's scores. */
export function secondLevelScores(model: SecondLevel, first: ArrayLike<number>): Float64Array {
  const L = model.bias.length;
  const out = Float64Array.from(model.bias);
  for (let d = 0; d < L; d++) {
    const xd = (first[d] ?? 0) * model.scale;
    if (xd === 0) continue;
    const off = d * L;
    for (let l = 0; l < L; l++) out[l]! += model.weights[off + l]! * xd;
  }
  for (let l = 0; l < L; l++) out[l] = 1 / (1 + Math.exp(-out[l]!));
  return out;
}

/**
 * Out-of-fold second-level probabilities (fold f: the utterances whose position mod `folds` is f), to choose its
 * thresholds on utterances it was not trained on.
 */
export function secondLevelOutOfFold(X: ReadonlyArray<ArrayLike<number>>, Y: ReadonlyArray<ArrayLike<number>>, folds: number, options: Partial<SecondLevelOptions> = {}): Float64Array[] {
  const out: Float64Array[] = new Array(X.length);
  for (let f = 0; f < folds; f++) {
    const keep = X.map((_, i) => i).filter((i) => i % folds !== f);
    const m = trainSecondLevel(
      keep.map((i) => X[i]!),
      keep.map((i) => Y[i]!),
      options,
    );
    X.forEach((x, i) => {
      if (i % folds === f) out[i] = secondLevelScores(m, x);
    });
  }
  return out;
}
