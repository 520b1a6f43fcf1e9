// The one scrubber for text that leaves main as a log line or a message in the window: upstream error bodies,
// URLs and stacks may carry the key in any of the forms below, and none of them may reach the disk or the UI.
import { REDACTED } from '../../src-shared/domain';

/**
 * The secrets main holds at the time of a line or a message (the API key, whatever its shape): read passively,
 * never by loading the key, since loading logs and a logger must not call back into what it logs.
 */
export type HeldSecrets = () => readonly (string | undefined)[];

/** Held values shorter than this are not hunted for in text: they would match ordinary words and prove nothing. */
const MIN_HELD = 4;

/** A credential's value runs to the end of its query parameter, quoted string, list item or object. */
const VALUE = String.raw`[^\s"'<>&#,;)}]+`;
/**
 * Credentials by where they sit, whatever their shape: a `key=` query value (the API's own query form), an
 * `x-goog-api-key` or `Authorization: Bearer` header echoed as text or JSON. The group is what stays.
 */
const PLACED = [String.raw`([?&]key=)`, String.raw`(x-goog-api-key["']?\s*[:=]\s*["']?)`, String.raw`(authorization["']?\s*[:=]\s*["']?bearer\s+)`].map(
  (place) => new RegExp(place + VALUE, 'gi'),
);

/** Google API keys look like this; redacted even when they are not the key the app holds. */
const GOOGLE_KEY_PATTERN = /AIza[0-9A-Za-z_-]{35}/g;

/**
 * The redaction of text while `held` are the secrets: every held value (the key the app holds, MCP header values —
 * whatever their shape), also URL-encoded, then the credentials `PLACED` names, then Google-shaped keys. Built
 * once for a log record or a message and applied to each of its strings.
 */
export function redactorFor(held: readonly (string | undefined)[] = []): (text: string) => string {
  const values = held.filter((v): v is string => v !== undefined && v.length >= MIN_HELD);
  // Longest first, so a value that contains another is not left half-replaced.
  const replaced = values.flatMap((v) => [v, encodeURIComponent(v)]).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const value of replaced) out = out.split(value).join(REDACTED);
    for (const pattern of PLACED) out = out.replace(pattern, `$1${REDACTED}`);
    return out.replace(GOOGLE_KEY_PATTERN, REDACTED);
  };
}

/** `text` with every secret replaced by REDACTED (see redactorFor). */
export function redactSecrets(text: string, held: readonly (string | undefined)[] = []): string {
  return redactorFor(held)(text);
}
