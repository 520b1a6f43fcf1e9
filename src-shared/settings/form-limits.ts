// A stored config (a turn saved before a list's limit was lowered) may hold more than the API takes; main refuses to
// send it (pane-config-schema.ts), so whatever would send it again says why first, in these words.
import type { GenerationConfig } from '../interactions';
import { PANE_SETTINGS, type PaneConfig, type SettingRow } from './table';

/** A list setting holding more items than the API takes. */
export interface OverLimit {
  /** "stop sequences" */
  items: string;
  /** Its name on the wire: "stop_sequences". */
  wire: string;
  count: number;
  max: number;
}

function overLimits(valueOf: (row: SettingRow) => unknown): OverLimit[] {
  const over: OverLimit[] = [];
  for (const row of PANE_SETTINGS) {
    if (row.kind.type !== 'lines') continue;
    const value = valueOf(row);
    const count = Array.isArray(value) ? value.length : 0;
    if (count > row.kind.maxItems) over.push({ items: row.label.toLowerCase(), wire: row.wire.name, count, max: row.kind.maxItems });
  }
  return over;
}

export const overFormLimits = (config: PaneConfig): OverLimit[] => overLimits((row) => (config as Record<string, unknown>)[row.key]);

/** The same, read from a request's generation_config (what an exported script sends). */
export const overWireLimits = (generationConfig: GenerationConfig | undefined): OverLimit[] =>
  overLimits((row) => (row.wire.in === 'generation_config' ? (generationConfig as Record<string, unknown> | undefined)?.[row.wire.name] : undefined));

/** What an exported script says first when a request in it holds such a list: the API will refuse it, and what to trim. */
export const refusalLine = (o: OverLimit): string =>
  `The API will refuse a request below: it sends ${o.count} ${o.items} (saved before the limit of ${o.max}); keep at most ${o.max} in ${o.wire}`;

/** Why a turn sent with such a config cannot be continued, and what to do instead; undefined when it can. */
export function continueRefusal(config: PaneConfig): string | undefined {
  const over = overFormLimits(config);
  if (over.length === 0) return undefined;
  const sent = over.map((o) => `${o.count} ${o.items} before the limit of ${o.max}`).join(' and ');
  const within = over.map((o) => `at most ${o.max} ${o.items}`).join(' and ');
  return `This turn was sent with ${sent}, so the API would refuse its next round. Start a new turn (or edit the last prompt) with ${within}.`;
}
