/**
 * A multi-label classifier: NLP.js's NeuralNetwork (one perceptron per label, each trained on its own, so a
 * turn can carry several moves), trained on sparse features (./features.ts), then frozen into a compact,
 * serialisable form whose inference (same formula as NLP.js's `runInputPerceptron`) is a sparse dot product.
 */
import { NeuralNetwork } from "@nlpjs/neural";
import type { Features } from "./features";

export interface Example {
  features: Features;
  labels: readonly string[];
}

export interface LinearModel {
  labels: string[];
  /** Feature name → row index. */
  index: Map<string, number>;
  /** Row-major: feature row × label column. */
  weights: Float32Array;
  bias: Float32Array;
  /** NLP.js's output slope: output = alpha × (bias + Σ w·x) when positive, else 0. */
  alpha: number;
  /** How a label's sum becomes a score: NLP.js's clamped slope (the default), or the logistic function (mlp). */
  link?: "sigmoid";
  /**
   * A hidden layer (decision 285): `index` then maps a feature to a row of `hidden.weights` (feature × unit), the
   * units go through a ReLU, and `weights` is unit × label. Without it the model is linear in the features.
   */
  hidden?: HiddenLayer;
}

export interface HiddenLayer {
  size: number;
  /** Row-major: feature row × hidden unit. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface TrainOptions {
  /** Features seen in fewer examples than this are dropped (noise, and the size of the model). */
  minCount?: number;
  iterations?: number;
  learningRate?: number;
  /** NLP.js's leak: the output slope, and the gradient's factor when a perceptron's sum is not positive. */
  alpha?: number;
  /**
   * "perceptron": NLP.js's perceptrons (the default); "mlp": one hidden ReLU layer shared by every label and a
   * logistic output per label (decision 285).
   */
  learner?: "perceptron" | "mlp";
  /** Mlp: passes over the examples and AdaGrad's step size. */
  epochs?: number;
  step?: number;
  /** Mlp: hidden units and the dropout rate on them while training. */
  hiddenSize?: number;
  dropout?: number;
  /**
   * Mlp: how many networks, each from its own seed (`seed`, `seed` + 7919, …), are trained and averaged — their
   * logits, so the average is one network with their hidden layers side by side (decision 287).
   */
  ensemble?: number;
  /** Mlp: the first network's seed (start weights, example order, dropout). */
  seed?: number;
}

/** Training settings (decision 090): capped iterations keep training fast; NLP.js's own stopping rules still apply. */
export const DEFAULT_TRAIN: Required<TrainOptions> = {
  minCount: 2,
  iterations: 500,
  learningRate: 0.05,
  alpha: 0.07,
  learner: "perceptron",
  epochs: 6,
  step: 0.05,
  hiddenSize: 128,
  dropout: 0.3,
  ensemble: 1,
  seed: 3,
};

interface PreparedItem {
  input: { keys: number[]; data: Record<number, number>; vals: Float64Array };
  output: { keys: number[]; data: Record<number, number> };
}
interface Perceptron {
  id: number;
  weights: Float32Array;
  changes: Float32Array;
  bias: number;
}

/**
 * NLP.js's NeuralNetwork with the same training (perceptron per label, learning-rate decay, momentum, stopping
 * rules, zero start) but an inner loop over typed arrays: its own reads each example's input through an object
 * keyed by feature index, which made training on a few thousand utterances take minutes (decision 090).
 */
class FastNeuralNetwork extends NeuralNetwork {
  declare decayLearningRate: number;

  override prepareCorpus(corpus: Array<{ input: Record<string, number>; output: Record<string, number> }>): PreparedItem[] {
    const data = (super.prepareCorpus as (c: typeof corpus) => PreparedItem[])(corpus);
    for (const item of data) item.input.vals = Float64Array.from(item.input.keys, (k) => item.input.data[k]!);
    return data;
  }

  override runInputPerceptron(perceptron: Perceptron, input: { keys: number[]; data: Record<number, number>; vals?: Float64Array }): number {
    let sum = perceptron.bias;
    const { keys } = input;
    const w = perceptron.weights;
    if (input.vals) {
      const v = input.vals;
      for (let j = 0; j < keys.length; j++) sum += v[j]! * w[keys[j]!]!;
    } else for (const k of keys) sum += input.data[k]! * w[k]!;
    return sum <= 0 ? 0 : this.settings.alpha * sum;
  }

  override trainPerceptron(perceptron: Perceptron, data: PreparedItem[]): number {
    const { alpha, momentum } = this.settings;
    const { changes, weights } = perceptron;
    let error = 0;
    for (let i = 0; i < data.length; i++) {
      const { input, output } = data[i]!;
      const actual = this.runInputPerceptron(perceptron, input);
      const expected = output.data[perceptron.id] || 0;
      const err = expected - actual;
      if (err) {
        error += err ** 2;
        const delta = (actual > 0 ? 1 : alpha) * err * this.decayLearningRate;
        const { keys, vals } = input;
        for (let j = 0; j < keys.length; j++) {
          const key = keys[j]!;
          const change = delta * vals[j]! + momentum * changes[key]!;
          changes[key] = change;
          weights[key]! += change;
        }
        perceptron.bias += delta;
      }
    }
    return error;
  }
}

export function train(examples: readonly Example[], labels: readonly string[], options: TrainOptions = {}): LinearModel {
  const o = { ...DEFAULT_TRAIN, ...options };
  if (o.learner === "mlp") {
    const members = Array.from({ length: Math.max(1, o.ensemble) }, (_, i) => trainMlp(examples, labels, o, o.seed + 7919 * i));
    return members.length === 1 ? members[0]! : averaged(members);
  }
  const counts = new Map<string, number>();
  for (const e of examples) for (const k of Object.keys(e.features)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const keep = (k: string) => (counts.get(k) ?? 0) >= o.minCount;
  const corpus = examples.map((e) => {
    const input: Record<string, number> = {};
    for (const [k, v] of Object.entries(e.features)) if (keep(k)) input[k] = v;
    const output: Record<string, number> = {};
    for (const l of e.labels) output[l] = 1;
    return { input, output };
  });
  const net = new FastNeuralNetwork({ iterations: o.iterations, learningRate: o.learningRate, alpha: o.alpha, log: false });
  net.train(corpus);
  const json = net.toJSON();
  const features = json.features ?? [];
  const index = new Map<string, number>();
  features.forEach((f, i) => index.set(f, i));
  const L = labels.length;
  const weights = new Float32Array(features.length * L);
  const bias = new Float32Array(L);
  (json.intents ?? []).forEach((intent, row) => {
    const col = labels.indexOf(intent);
    const p = json.perceptrons[row];
    if (col < 0 || !p) return;
    for (let i = 0; i < features.length; i++) weights[i * L + col] = p[i] ?? 0;
    bias[col] = p[features.length] ?? 0;
  });
  // A label with no positive example never fires (NLP.js leaves it out entirely).
  labels.forEach((l, col) => {
    if (!(json.intents ?? []).includes(l)) bias[col] = -1;
  });
  return { labels: [...labels], index, weights, bias, alpha: net.settings.alpha };
}

/** The features seen in at least `minCount` examples (row indices), and each example as sparse rows and 0/1 labels. */
function sparseRows(examples: readonly Example[], labels: readonly string[], minCount: number) {
  const counts = new Map<string, number>();
  for (const e of examples) for (const k of Object.keys(e.features)) counts.set(k, (counts.get(k) ?? 0) + 1);
  const index = new Map<string, number>();
  for (const [k, n] of counts) if (n >= minCount) index.set(k, index.size);
  const L = labels.length;
  const rows = examples.map((e) => {
    const keys: number[] = [];
    const vals: number[] = [];
    for (const [k, v] of Object.entries(e.features)) {
      const r = index.get(k);
      if (r !== undefined) {
        keys.push(r);
        vals.push(v);
      }
    }
    const y = new Float32Array(L);
    for (const l of e.labels) {
      const c = labels.indexOf(l);
      if (c >= 0) y[c] = 1;
    }
    return { keys: Int32Array.from(keys), vals: Float32Array.from(vals), y };
  });
  return { index, rows };
}

/** A fixed-seed generator (deterministic training) and an in-place shuffle with it. */
function seeded(seed: number) {
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
  const shuffle = (order: number[]) => {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
  };
  return { rnd, shuffle };
}

/**
 * One hidden ReLU layer over the sparse features, shared by every label, and a logistic output per label
 * (decision 285): the labels' perceptrons are linear in the features and saturate on the corpus (cross-validated
 * micro-F1 ~0.79); a shared layer learns combinations ("sorry" with "nothing we can do") and what the labels have
 * in common. Cross-entropy, AdaGrad, dropout on the hidden units, fixed-seed start and order: deterministic.
 */
function trainMlp(examples: readonly Example[], labels: readonly string[], o: Required<TrainOptions>, seed: number): LinearModel {
  const L = labels.length;
  const H = o.hiddenSize;
  const { index, rows } = sparseRows(examples, labels, o.minCount);
  const F = index.size;
  const { rnd, shuffle } = seeded(seed);
  const W1 = new Float32Array(F * H);
  for (let i = 0; i < W1.length; i++) W1[i] = (rnd() - 0.5) * 0.1;
  const W2 = new Float32Array(H * L);
  for (let i = 0; i < W2.length; i++) W2[i] = (rnd() - 0.5) * 0.2;
  const b1 = new Float32Array(H);
  const b2 = new Float32Array(L);
  const G1 = new Float32Array(F * H);
  const G2 = new Float32Array(H * L);
  const Gb1 = new Float32Array(H);
  const Gb2 = new Float32Array(L);
  const h = new Float32Array(H);
  const dh = new Float32Array(H);
  const keep = new Float32Array(H);
  const out = new Float32Array(L);
  const eps = 1e-8;
  const order = rows.map((_, i) => i);
  for (let ep = 0; ep < o.epochs; ep++) {
    shuffle(order);
    for (const n of order) {
      const { keys, vals, y } = rows[n]!;
      h.set(b1);
      for (let j = 0; j < keys.length; j++) {
        const base = keys[j]! * H;
        const x = vals[j]!;
        for (let u = 0; u < H; u++) h[u]! += x * W1[base + u]!;
      }
      for (let u = 0; u < H; u++) {
        keep[u] = h[u]! > 0 && (o.dropout <= 0 || rnd() >= o.dropout) ? 1 / (1 - o.dropout) : 0;
        h[u]! *= keep[u]!;
      }
      for (let c = 0; c < L; c++) {
        let z = b2[c]!;
        for (let u = 0; u < H; u++) z += h[u]! * W2[u * L + c]!;
        out[c] = 1 / (1 + Math.exp(-z)) - y[c]!;
      }
      dh.fill(0);
      for (let c = 0; c < L; c++) {
        const g = out[c]!;
        Gb2[c]! += g * g;
        b2[c]! -= (o.step * g) / Math.sqrt(Gb2[c]! + eps);
        for (let u = 0; u < H; u++) {
          const w = u * L + c;
          dh[u]! += g * W2[w]!;
          const gw = g * h[u]!;
          if (gw === 0) continue;
          G2[w]! += gw * gw;
          W2[w]! -= (o.step * gw) / Math.sqrt(G2[w]! + eps);
        }
      }
      for (let u = 0; u < H; u++) {
        dh[u]! *= keep[u]!;
        const g = dh[u]!;
        Gb1[u]! += g * g;
        b1[u]! -= (o.step * g) / Math.sqrt(Gb1[u]! + eps);
      }
      for (let j = 0; j < keys.length; j++) {
        const base = keys[j]! * H;
        const x = vals[j]!;
        for (let u = 0; u < H; u++) {
          const g = dh[u]! * x;
          if (g === 0) continue;
          const w = base + u;
          G1[w]! += g * g;
          W1[w]! -= (o.step * g) / Math.sqrt(G1[w]! + eps);
        }
      }
    }
  }
  labels.forEach((_, c) => {
    if (!rows.some((r) => r.y[c] === 1)) b2[c] = -20;
  });
  return { labels: [...labels], index, weights: W2, bias: b2, alpha: o.alpha, link: "sigmoid", hidden: { size: H, weights: W1, bias: b1 } };
}

/**
 * Networks trained on the same examples from different seeds, as one network whose logits are their mean: the
 * hidden layers side by side, each one's output weights divided by their number (same features, same index).
 */
function averaged(members: readonly LinearModel[]): LinearModel {
  const k = members.length;
  const first = members[0]!;
  const L = first.labels.length;
  const H = first.hidden!.size;
  const F = first.index.size;
  const W1 = new Float32Array(F * H * k);
  const b1 = new Float32Array(H * k);
  const W2 = new Float32Array(H * k * L);
  const b2 = new Float32Array(L);
  members.forEach((m, i) => {
    const hidden = m.hidden!;
    for (let f = 0; f < F; f++) W1.set(hidden.weights.subarray(f * H, (f + 1) * H), f * H * k + i * H);
    b1.set(hidden.bias, i * H);
    for (let j = 0; j < H * L; j++) W2[i * H * L + j] = m.weights[j]! / k;
    for (let c = 0; c < L; c++) b2[c]! += m.bias[c]! / k;
  });
  return { ...first, weights: W2, bias: b2, hidden: { size: H * k, weights: W1, bias: b1 } };
}

/** The features of `models`, each once, in first-seen order: the row index of a model built from them. */
function unitedIndex(models: readonly LinearModel[]): Map<string, number> {
  const index = new Map(models[0]!.index);
  for (const m of models.slice(1)) for (const f of m.index.keys()) if (!index.has(f)) index.set(f, index.size);
  return index;
}

/** Copy `m`'s columns into `weights` (rows by `index`, `L` columns): column c goes to `to(c)`, or nowhere when null. */
function copyColumns(weights: Float32Array, L: number, index: Map<string, number>, m: LinearModel, to: (c: number) => number | null): void {
  const Lm = m.labels.length;
  for (const [f, row] of m.index) {
    const base = index.get(f)! * L;
    for (let c = 0; c < Lm; c++) {
      const col = to(c);
      if (col !== null) weights[base + col] = m.weights[row * Lm + c]!;
    }
  }
}

/**
 * Two models over disjoint labels as one (their columns side by side, features united): the scenario's topics
 * and what the receptionist knows are trained apart (decision 182) and scored together. Same `alpha` required.
 */
export function mergeModels(a: LinearModel, b: LinearModel): LinearModel {
  if (a.hidden || b.hidden) throw new Error("mergeModels: only linear models merge");
  if (a.alpha !== b.alpha || a.link !== b.link) throw new Error("mergeModels: the models have different output slopes");
  const labels = [...a.labels, ...b.labels];
  const L = labels.length;
  const index = unitedIndex([a, b]);
  const weights = new Float32Array(index.size * L);
  copyColumns(weights, L, index, a, (c) => c);
  copyColumns(weights, L, index, b, (c) => c + a.labels.length);
  const bias = new Float32Array(L);
  bias.set(a.bias, 0);
  bias.set(b.bias, a.labels.length);
  return { labels, index, weights, bias, alpha: a.alpha };
}

/**
 * `model` with the column of `label` replaced by the one column of `single` (trained for that label alone;
 * features united). NLP.js trains one independent perceptron per label, so the other columns stay what they are
 * (decision 282: a topic's counter-examples retrain its column only).
 */
export function withColumn(model: LinearModel, label: string, single: LinearModel): LinearModel {
  if (model.hidden || single.hidden) throw new Error("withColumn: only linear models splice");
  const col = model.labels.indexOf(label);
  const L = model.labels.length;
  const index = unitedIndex([model, single]);
  const weights = new Float32Array(index.size * L);
  copyColumns(weights, L, index, model, (c) => (c === col ? null : c));
  copyColumns(weights, L, index, single, () => col);
  const bias = Float32Array.from(model.bias);
  bias[col] = single.bias[0]!;
  return { labels: model.labels, index, weights, bias, alpha: model.alpha, ...(model.link ? { link: model.link } : {}) };
}

/** Confidence per label in [0, 1] (the perceptron's output, clamped). */
export function scores(model: LinearModel, features: Features): Float64Array {
  const L = model.labels.length;
  const sum = new Float64Array(L);
  for (let c = 0; c < L; c++) sum[c] = model.bias[c]!;
  if (model.hidden) {
    const { size: H, weights: W1, bias: b1 } = model.hidden;
    const h = Float64Array.from(b1);
    for (const key in features) {
      const row = model.index.get(key);
      if (row === undefined) continue;
      const x = features[key]!;
      const base = row * H;
      for (let u = 0; u < H; u++) h[u]! += x * W1[base + u]!;
    }
    for (let u = 0; u < H; u++) {
      const a = h[u]!;
      if (a <= 0) continue;
      const base = u * L;
      for (let c = 0; c < L; c++) sum[c]! += a * model.weights[base + c]!;
    }
    for (let c = 0; c < L; c++) sum[c] = 1 / (1 + Math.exp(-sum[c]!));
    return sum;
  }
  for (const key in features) {
    const row = model.index.get(key);
    if (row === undefined) continue;
    const x = features[key]!;
    const base = row * L;
    for (let c = 0; c < L; c++) sum[c]! += x * model.weights[base + c]!;
  }
  if (model.link === "sigmoid") for (let c = 0; c < L; c++) sum[c] = 1 / (1 + Math.exp(-sum[c]!));
  else
    for (let c = 0; c < L; c++) {
      const s = sum[c]!;
      sum[c] = s <= 0 ? 0 : Math.min(1, model.alpha * s);
    }
  return sum;
}

// ---------------------------------------------------------------------------
// Serialisation: weights quantised to 16 bits (scale = max |w| / 32767), base64; pure (no Buffer).

export interface SerializedModel {
  labels: string[];
  features: string[];
  alpha: number;
  link?: "sigmoid";
  scale: number;
  bias: number[];
  /** base64 of little-endian Int16 weights, row-major (feature × label; unit × label with a hidden layer). */
  weights: string;
  /** The hidden layer: its weights (feature × unit), base64 of Int8 with a scale per unit. */
  hidden?: { size: number; scales: number[]; bias: number[]; weights: string };
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += B64[a >> 2]! + B64[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? "=" : B64[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? "=" : B64[c & 63]!;
  }
  return out;
}

function fromBase64(s: string): Uint8Array {
  const lookup = new Int16Array(128).fill(-1);
  for (let i = 0; i < B64.length; i++) lookup[B64.charCodeAt(i)] = i;
  const clean = s.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => (i + k < clean.length ? lookup[clean.charCodeAt(i + k)]! : 0));
    if (n.some((x) => x < 0)) throw new Error("model weights: not base64");
    const v = (n[0]! << 18) | (n[1]! << 12) | (n[2]! << 6) | n[3]!;
    if (o < out.length) out[o++] = (v >> 16) & 255;
    if (o < out.length) out[o++] = (v >> 8) & 255;
    if (o < out.length) out[o++] = v & 255;
  }
  return out;
}

/** Weights quantised to 16 bits (scale = max |w| / 32767), little-endian, base64. */
function quantize(weights: Float32Array): { scale: number; weights: string } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const bytes = new Uint8Array(weights.length * 2);
  weights.forEach((w, i) => {
    const q = Math.round(w / scale) & 0xffff;
    bytes[2 * i] = q & 255;
    bytes[2 * i + 1] = q >> 8;
  });
  return { scale, weights: toBase64(bytes) };
}

function dequantize(b64: string, scale: number, size: number, what: string): Float32Array {
  const bytes = fromBase64(b64);
  if (bytes.length !== size * 2) throw new Error(`${what}: size does not match`);
  const weights = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let q = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
    if (q >= 32768) q -= 65536;
    weights[i] = q * scale;
  }
  return weights;
}

/**
 * A hidden layer's weights (rows × units) quantised to 8 bits with a scale per unit (max |w| of its column / 127),
 * base64: a quarter of the 32-bit size, half of the 16-bit one (decision 285: the moves file stays ~4 MB).
 */
function quantizeUnits(weights: Float32Array, units: number): { scales: number[]; weights: string } {
  const max = new Float64Array(units);
  weights.forEach((w, i) => {
    const u = i % units;
    max[u] = Math.max(max[u]!, Math.abs(w));
  });
  const scales = Array.from(max, (m) => (m > 0 ? m / 127 : 1));
  const bytes = new Uint8Array(weights.length);
  weights.forEach((w, i) => {
    bytes[i] = Math.round(w / scales[i % units]!) & 0xff;
  });
  return { scales, weights: toBase64(bytes) };
}

function dequantizeUnits(b64: string, scales: readonly number[], rows: number, what: string): Float32Array {
  const bytes = fromBase64(b64);
  const units = scales.length;
  if (bytes.length !== rows * units) throw new Error(`${what}: size does not match`);
  const weights = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const q = bytes[i]! >= 128 ? bytes[i]! - 256 : bytes[i]!;
    weights[i] = q * scales[i % units]!;
  }
  return weights;
}

const round6 = (xs: ArrayLike<number>) => Array.from(xs, (b) => Math.round(b * 1e6) / 1e6);

export function serialize(model: LinearModel): SerializedModel {
  const features = new Array<string>(model.index.size);
  for (const [f, i] of model.index) features[i] = f;
  const { hidden } = model;
  return {
    labels: model.labels,
    features,
    alpha: model.alpha,
    ...(model.link ? { link: model.link } : {}),
    ...quantize(model.weights),
    bias: round6(model.bias),
    ...(hidden ? { hidden: { size: hidden.size, bias: round6(hidden.bias), ...quantizeUnits(hidden.weights, hidden.size) } } : {}),
  };
}

export function deserialize(s: SerializedModel): LinearModel {
  const L = s.labels.length;
  const H = s.hidden?.size;
  const rows = H ?? s.features.length;
  const weights = dequantize(s.weights, s.scale, rows * L, H ? "model weights (unit × label)" : "model weights: features × labels");
  const index = new Map<string, number>();
  s.features.forEach((f, i) => index.set(f, i));
  const hidden = s.hidden
    ? { size: s.hidden.size, bias: Float32Array.from(s.hidden.bias), weights: dequantizeUnits(s.hidden.weights, s.hidden.scales, s.features.length, "hidden weights (feature × unit)") }
    : undefined;
  return { labels: [...s.labels], index, weights, bias: Float32Array.from(s.bias), alpha: s.alpha, ...(s.link ? { link: s.link } : {}), ...(hidden ? { hidden } : {}) };
}
