// Logistic regression for the refusal decision: standardised features, L2-regularised, fitted by full-batch
// gradient descent (a few hundred rows and ~12 features: milliseconds, deterministic, no dependency needed).

/** A fitted model: P(answerable) = σ(bias + Σ w_i · (x_i − mean_i) / std_i). */
export interface LogisticModel {
  features: string[];
  weights: number[];
  bias: number;
  mean: number[];
  std: number[];
}

export interface FitOptions {
  /** L2 penalty on the standardised weights (default 0.05). */
  l2?: number;
  /** Gradient steps (default 800). */
  steps?: number;
  /** Step size (default 0.5). */
  rate?: number;
  /** Per-row weights (e.g. to balance classes); default 1. */
  rowWeights?: number[];
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** P(label 1) for a feature row (same order as model.features). */
export function predict(model: LogisticModel, x: number[]): number {
  let z = model.bias;
  for (let i = 0; i < model.weights.length; i++) {
    z += model.weights[i]! * (((x[i] ?? 0) - model.mean[i]!) / model.std[i]!);
  }
  return sigmoid(z);
}

/**
 * Fits the model on rows `xs` (each `features.length` long) with labels `ys` ∈ {0,1}.
 * @throws Error when xs and ys differ in length or are empty.
 */
export function fitLogistic(features: string[], xs: number[][], ys: number[], opts: FitOptions = {}): LogisticModel {
  if (xs.length === 0 || xs.length !== ys.length) throw new Error('fitLogistic: need as many labels as rows (≥ 1)');
  const d = features.length;
  const n = xs.length;
  const l2 = opts.l2 ?? 0.05;
  const steps = opts.steps ?? 800;
  const rate = opts.rate ?? 0.5;
  const rw = opts.rowWeights ?? xs.map(() => 1);
  const wsum = rw.reduce((a, b) => a + b, 0);
  const mean = Array.from({ length: d }, (_, j) => xs.reduce((s, x) => s + (x[j] ?? 0), 0) / n);
  const std = Array.from({ length: d }, (_, j) => {
    const v = xs.reduce((s, x) => s + ((x[j] ?? 0) - mean[j]!) ** 2, 0) / n;
    return Math.sqrt(v) || 1;
  });
  // Rows shorter than `features` count 0 for the missing features (as predict does).
  const z = xs.map((x) => Array.from({ length: d }, (_, j) => ((x[j] ?? 0) - mean[j]!) / std[j]!));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let s = 0; s < steps; s++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const row = z[i]!;
      let t = b;
      for (let j = 0; j < d; j++) t += w[j]! * row[j]!;
      const err = (sigmoid(t) - ys[i]!) * rw[i]!;
      gb += err;
      for (let j = 0; j < d; j++) gw[j]! += err * row[j]!;
    }
    b -= (rate * gb) / wsum;
    for (let j = 0; j < d; j++) w[j]! -= rate * (gw[j]! / wsum + l2 * w[j]!);
  }
  return { features, weights: w, bias: b, mean, std };
}
