// Short pane labels derived from what differs between the panes' configurations ("T=0.2 · high").
import type { PaneConfig } from './domain';

const SEPARATOR = ' · ';
const SYSTEM_CHARS = 24;

interface Facet {
  /** The value compared between panes; panes with equal keys say nothing about this facet. */
  key(config: PaneConfig): string;
  text(config: PaneConfig): string;
}

function quoted(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
}

const system = (c: PaneConfig): string | undefined => (c.systemInstruction?.trim() ? c.systemInstruction : undefined);
const stops = (c: PaneConfig): string[] => c.stopSequences ?? [];

/** In the order the labels read: the model first, then sampling, thinking, limits and the prompt. */
const FACETS: readonly Facet[] = [
  { key: (c) => c.model, text: (c) => c.model },
  { key: (c) => String(c.temperature), text: (c) => `T=${c.temperature ?? 'default'}` },
  { key: (c) => String(c.topP), text: (c) => `top-p=${c.topP ?? 'default'}` },
  { key: (c) => String(c.thinkingLevel), text: (c) => c.thinkingLevel ?? 'thinking=default' },
  {
    key: (c) => String(c.thinkingSummaries),
    text: (c) => (c.thinkingSummaries === undefined ? 'summaries=default' : c.thinkingSummaries ? 'summaries' : 'no summaries'),
  },
  { key: (c) => String(c.maxOutputTokens), text: (c) => `max=${c.maxOutputTokens ?? 'default'}` },
  {
    key: (c) => JSON.stringify(stops(c)),
    text: (c) => (stops(c).length === 0 ? 'no stop' : `stop=${stops(c).map((s) => quoted(s, 12)).join(',')}`),
  },
  { key: (c) => String(c.seed), text: (c) => (c.seed === undefined ? 'no seed' : `seed=${c.seed}`) },
  { key: (c) => String(system(c)), text: (c) => (system(c) === undefined ? 'no system' : `system=${quoted(system(c)!, SYSTEM_CHARS)}`) },
];

/**
 * One label per pane naming only the settings that differ between panes. A single pane, or panes
 * that are all alike, are named by their model; labels that still collide get " #n" (n = pane number).
 */
export function derivePaneLabels(panes: readonly PaneConfig[]): string[] {
  const differing = FACETS.filter((facet) => new Set(panes.map((p) => facet.key(p))).size > 1);
  const labels = panes.map((pane) => (differing.length === 0 ? pane.model : differing.map((f) => f.text(pane)).join(SEPARATOR)));
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return labels.map((label, i) => ((counts.get(label) ?? 0) > 1 ? `${label} #${i + 1}` : label));
}
