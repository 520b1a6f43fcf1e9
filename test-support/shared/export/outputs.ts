// Reads what an exported script printed as answer text: SDK scripts print text; curl prints JSON or SSE.

interface Delta {
  type?: string;
  text?: string;
}

function lastText(json: { steps?: { content?: { text?: string }[] }[] }): string | undefined {
  return json.steps?.at(-1)?.content?.[0]?.text;
}

/**
 * Curl output decoded line by line: `data:` events contribute their text deltas, a JSON interaction
 * its last step's text, anything else (labels, jq output) stays as it is.
 */
export function restAnswerText(stdout: string): string {
  let out = '';
  let inStream = false;
  for (const line of stdout.split('\n')) {
    if (line.startsWith('event:') || line.trim() === '') continue;
    if (line.startsWith('data:')) {
      inStream = true;
      try {
        const event = JSON.parse(line.slice(5)) as { event_type?: string; delta?: Delta };
        if (event.event_type === 'step.delta' && event.delta?.type === 'text') out += event.delta.text ?? '';
      } catch {
        // data: [DONE]
      }
      continue;
    }
    if (inStream) {
      out += '\n';
      inStream = false;
    }
    let text: string | undefined;
    if (line.startsWith('{')) {
      try {
        text = lastText(JSON.parse(line) as Parameters<typeof lastText>[0]);
      } catch {
        text = undefined;
      }
    }
    out += `${text ?? line}\n`;
  }
  return out;
}
