// Short pane labels derived from what differs between the panes' configurations ("T=0.2 · high").
import type { PaneConfig } from './domain';
import { PANE_SETTINGS, type SettingRow } from './settings/table';
import { fill, scalarText, sentValue, shown, structuredOf } from './settings/values';

const SEPARATOR = ' · ';
/** How much of a text (a system instruction) and of each list item (a stop sequence) a label quotes. */
const PROSE_CHARS = 24;
const ITEM_CHARS = 12;

interface Facet {
  /** The value compared between panes; panes with equal keys say nothing about this facet. */
  key(config: PaneConfig): string;
  text(config: PaneConfig): string;
}

function quoted(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `"${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}"`;
}

function valueText(row: SettingRow, value: unknown): string {
  if (row.kind.type === 'prose') return quoted(value as string, PROSE_CHARS);
  if (row.kind.type === 'lines') return (value as string[]).map((item) => quoted(item, ITEM_CHARS)).join(',');
  const structured = structuredOf(row);
  if (structured) return quoted(structured.text(value), PROSE_CHARS).slice(1, -1);
  return scalarText(value);
}

function facet(row: SettingRow): Facet {
  const names = shown(row);
  return {
    key: (c) => JSON.stringify(sentValue(row, c)) ?? '∅',
    text: (c) => {
      const value = sentValue(row, c);
      if (value === undefined) return names.paneUnset;
      if (row.kind.type === 'flag') return value ? names.pane : `no ${names.pane}`;
      return fill(names.pane, valueText(row, value));
    },
  };
}

/** In the table's order: the model first, then sampling, thinking, limits and the prompt. */
const FACETS: readonly Facet[] = PANE_SETTINGS.map(facet);

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

/**
 * Everything a pane sends, in the same words as its label (the model, then "T=0.2 · thinking=high · search"):
 * the header's one summary, so a label and the summary it abbreviates never name a setting two ways.
 */
export function summarizePane(config: PaneConfig): string {
  const parts: string[] = [];
  PANE_SETTINGS.forEach((row, i) => {
    const value = sentValue(row, config);
    if ((row as SettingRow).required && !value) parts.push(`no ${row.label.toLowerCase()}`);
    else if (value !== undefined) parts.push(FACETS[i]!.text(config));
  });
  return parts.join(SEPARATOR);
}
