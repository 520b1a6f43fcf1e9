// Runs an exported JavaScript script in this process against a stand-in for @google/genai's client: each create
// request is recorded as the script built it, and answered as the API answers (a request declaring functions gets
// a call of each first, then, given the results, text that quotes them; JSON when it asks for JSON). Unit tests see
// the script's requests and output without spawning node; run-exports.test.ts runs the real SDK against the fake.

export interface StandInRun {
  /** Each create request, as JSON would carry it (what the SDK sends). */
  requests: Record<string, unknown>[];
  /** What the script printed. */
  output: string;
}

type Body = Record<string, unknown> & { input?: unknown; tools?: { type?: string; name?: string }[] };

/** More requests than any test script makes: a loop that never ends fails instead of hanging. */
const MAX_REQUESTS = 50;

function text(body: Body, n: number): string {
  const input = Array.isArray(body.input) ? (body.input as { type?: string; name?: string; result?: unknown }[]) : [];
  const results = input.slice(input.findLastIndex((step) => step.type !== 'function_result') + 1);
  if (results.length > 0) return `Results: ${results.map((r) => `${r.name}=${JSON.stringify(r.result)}`).join('; ')}`;
  const format = body.response_format as { mime_type?: string } | undefined;
  return format?.mime_type === 'application/json' ? JSON.stringify({ answer: n, ok: true }) : `Answer ${n}`;
}

function answer(body: Body, n: number): unknown {
  const id = `v1_${n}`;
  const input = Array.isArray(body.input) ? (body.input as { type?: string }[]) : [];
  const functions = (body.tools ?? []).filter((tool) => tool.type === 'function');
  if (functions.length > 0 && input.at(-1)?.type !== 'function_result') {
    const steps = functions.map((f, i) => ({ type: 'function_call', id: `call_${n}_${i}`, name: f.name, arguments: {} }));
    return { id, status: 'requires_action', steps };
  }
  const reply = text(body, n);
  if (body.stream === true) {
    return (async function* events() {
      yield { event_type: 'interaction.created', interaction: { id, status: 'in_progress' } };
      yield { event_type: 'step.delta', index: 0, delta: { type: 'text', text: reply } };
      yield { event_type: 'interaction.completed', interaction: { id, status: 'completed' } };
    })();
  }
  return { id, status: 'completed', steps: [{ type: 'model_output', content: [{ type: 'text', text: reply }] }] };
}

/** `env`: the script's process.env (the MCP header values it reads). */
export async function runJavaScript(code: string, env: Record<string, string> = {}): Promise<StandInRun> {
  const requests: Record<string, unknown>[] = [];
  let output = '';
  let count = 0;
  class GoogleGenAI {
    readonly interactions = {
      create: async (body: Body) => {
        if (requests.length >= MAX_REQUESTS) throw new Error(`More than ${MAX_REQUESTS} requests: the script does not stop`);
        count += 1;
        requests.push(JSON.parse(JSON.stringify(body)) as Record<string, unknown>);
        return answer(body, count);
      },
    };
    readonly files = {
      upload: async (params: { config: { mimeType: string } }) => ({ uri: `https://stand-in/v1beta/files/f${++count}`, mimeType: params.config.mimeType }),
    };
  }
  // An ES module's import has no place in a function body: the stand-in is passed in its stead.
  const body = code.replace(/^import \{ GoogleGenAI \} from "@google\/genai";$/m, '');
  if (body === code) throw new Error('The script does not import GoogleGenAI as the exports do');
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
  const script = new AsyncFunction('GoogleGenAI', 'console', 'process', body);
  const print = (...values: unknown[]): void => {
    output += `${values.map(String).join(' ')}\n`;
  };
  await script(GoogleGenAI, { log: print }, { env, stdout: { write: (chunk: string) => (output += chunk) } });
  return { requests, output };
}
