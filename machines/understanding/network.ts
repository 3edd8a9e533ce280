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
}

export interface TrainOptions {
  /** Features seen in fewer examples than this are dropped (noise, and the size of the model). */
  minCount?: number;
  iterations?: number;
  learningRate?: number;
  /** NLP.js's leak: the output slope, and the gradient's factor when a perceptron's sum is not positive. */
  alpha?: number;
}

/** Training settings (decision 090): capped iterations keep training fast; NLP.js's own stopping rules still apply. */
export const DEFAULT_TRAIN: Required<TrainOptions> = { minCount: 2, iterations: 500, learningRate: 0.05, alpha: 0.07 };

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
  if (a.alpha !== b.alpha) throw new Error("mergeModels: the models have different output slopes");
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
  const col = model.labels.indexOf(label);
  const L = model.labels.length;
  const index = unitedIndex([model, single]);
  const weights = new Float32Array(index.size * L);
  copyColumns(weights, L, index, model, (c) => (c === col ? null : c));
  copyColumns(weights, L, index, single, () => col);
  const bias = Float32Array.from(model.bias);
  bias[col] = single.bias[0]!;
  return { labels: model.labels, index, weights, bias, alpha: model.alpha };
}

/** Confidence per label in [0, 1] (the perceptron's output, clamped). */
export function scores(model: LinearModel, features: Features): Float64Array {
  const L = model.labels.length;
  const sum = new Float64Array(L);
  for (let c = 0; c < L; c++) sum[c] = model.bias[c]!;
  for (const key in features) {
    const row = model.index.get(key);
    if (row === undefined) continue;
    const x = features[key]!;
    const base = row * L;
    for (let c = 0; c < L; c++) sum[c]! += x * model.weights[base + c]!;
  }
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
  scale: number;
  bias: number[];
  /** base64 of little-endian Int16 weights, row-major (feature × label). */
  weights: string;
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

export function serialize(model: LinearModel): SerializedModel {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max / 32767 : 1;
  const bytes = new Uint8Array(model.weights.length * 2);
  model.weights.forEach((w, i) => {
    const q = Math.round(w / scale) & 0xffff;
    bytes[2 * i] = q & 255;
    bytes[2 * i + 1] = q >> 8;
  });
  const features = new Array<string>(model.index.size);
  for (const [f, i] of model.index) features[i] = f;
  return {
    labels: model.labels,
    features,
    alpha: model.alpha,
    scale,
    bias: [...model.bias].map((b) => Math.round(b * 1e6) / 1e6),
    weights: toBase64(bytes),
  };
}

export function deserialize(s: SerializedModel): LinearModel {
  const bytes = fromBase64(s.weights);
  const L = s.labels.length;
  if (bytes.length !== s.features.length * L * 2) throw new Error("model weights: size does not match features × labels");
  const weights = new Float32Array(s.features.length * L);
  for (let i = 0; i < weights.length; i++) {
    let q = bytes[2 * i]! | (bytes[2 * i + 1]! << 8);
    if (q >= 32768) q -= 65536;
    weights[i] = q * s.scale;
  }
  const index = new Map<string, number>();
  s.features.forEach((f, i) => index.set(f, i));
  return { labels: [...s.labels], index, weights, bias: Float32Array.from(s.bias), alpha: s.alpha };
}
