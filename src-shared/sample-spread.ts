// What k answers to the same turn have in common and how far apart they are: length, latency and
// tokens as a five-number summary, and how alike the texts are (mean pairwise word-set Jaccard).
import type { TurnMetrics } from './domain';
import { meanPairwiseSimilarity, summarize, type Summary } from './stats';
import { visibleLength } from './visible-length';

/** What a sample needs to be measured; a saved sample and a live one both fit. */
export interface SampleFigures {
  status: string;
  text: string;
  metrics?: TurnMetrics | undefined;
}

export interface Spread {
  /** Samples that finished and are measured. */
  n: number;
  /** Samples that failed or were stopped, left out of the figures. */
  left: number;
  /** Samples still waiting or streaming: not in the figures yet, and not left out either. */
  running: number;
  /** Characters of the answer, as a person counts them (visible-length.ts). */
  length?: Summary;
  /** Request to last byte, ms. */
  latencyMs?: Summary;
  /** Request to first token, ms. */
  firstTokenMs?: Summary;
  outputTokens?: Summary;
  /** 0–1; undefined for fewer than two answers. */
  similarity?: number;
}

const defined = (values: readonly (number | undefined)[]): number[] => values.filter((v): v is number => typeof v === 'number');

export function sampleSpread(samples: readonly SampleFigures[]): Spread {
  const done = samples.filter((s) => s.status === 'done');
  const left = samples.filter((s) => s.status === 'failed' || s.status === 'stopped').length;
  const spread: Spread = { n: done.length, left, running: samples.length - done.length - left };
  const set = <K extends 'length' | 'latencyMs' | 'firstTokenMs' | 'outputTokens'>(key: K, values: (number | undefined)[]) => {
    const summary = summarize(defined(values));
    if (summary) spread[key] = summary;
  };
  set('length', done.map((s) => visibleLength(s.text)));
  set('latencyMs', done.map((s) => s.metrics?.totalMs));
  set('firstTokenMs', done.map((s) => s.metrics?.timeToFirstTokenMs));
  set('outputTokens', done.map((s) => s.metrics?.usage?.total_output_tokens));
  const similarity = meanPairwiseSimilarity(done.map((s) => s.text));
  if (similarity !== undefined) spread.similarity = similarity;
  return spread;
}
