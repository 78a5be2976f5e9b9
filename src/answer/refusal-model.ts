// The calibrated refusal decision: one logistic model over refusal-features.ts, P(answerable), refused below
// the operating threshold. The fitted model lives in refusal-model.json with how it was fitted (sets, folds,
// operating point); it is written by `zhiyin eval --fit-refusal` (src/eval/refusal-fit.ts), never by hand.
import { z } from 'zod';
import shipped from './refusal-model.json';
import { predict, type LogisticModel } from './logistic';
import { REFUSAL_FEATURES, type RefusalFeature } from './refusal-features';

export interface RefusalModel {
  /** The logistic model; `features` names the inputs in weight order. */
  model: LogisticModel;
  /** Answer when P(answerable) ≥ threshold. */
  threshold: number;
  /** Free-form provenance: what it was fitted on, how the threshold was chosen, K-fold results. */
  fitted?: Record<string, unknown>;
}

const ModelSchema = z.object({
  model: z.object({
    features: z.array(z.string()),
    weights: z.array(z.number()),
    bias: z.number(),
    mean: z.array(z.number()),
    std: z.array(z.number()),
  }),
  threshold: z.number(),
  fitted: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Validates a model payload (the JSON file, or one fitted in an eval run).
 * @throws Error when the shape is wrong or the weight vectors disagree in length.
 */
export function parseRefusalModel(raw: unknown): RefusalModel {
  const m = ModelSchema.parse(raw);
  const d = m.model.features.length;
  if (m.model.weights.length !== d || m.model.mean.length !== d || m.model.std.length !== d) {
    throw new Error('refusal model: features, weights, mean and std must have the same length');
  }
  return m;
}

let cached: RefusalModel | undefined;
/** The model shipped in src/answer/refusal-model.json (parsed once). */
export function shippedRefusalModel(): RefusalModel {
  cached ??= parseRefusalModel(shipped);
  return cached;
}

/** Feature vector in the model's order; a feature the model names but we do not compute counts 0. */
export function featureVector(model: LogisticModel, f: Record<string, number>): number[] {
  return model.features.map((n) => f[n] ?? 0);
}

/** P(answerable) of the features under the model. */
export function answerProbability(m: RefusalModel, f: Record<RefusalFeature, number>): number {
  return predict(m.model, featureVector(m.model, f));
}

export { REFUSAL_FEATURES };
