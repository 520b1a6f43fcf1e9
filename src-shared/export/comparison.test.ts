// The comparison of hand-made panes as each SDK language writes it: a list of panes, one loop, each pane's settings spread into the call.
import { describe, expect, it } from 'vitest';
import type { HistoryMode } from '../session';
import { EXPORT_LANGUAGES, type ExportLanguage, exportCode, planExport } from './index';
import { MODEL, pane, repeated, session } from '../../test-support/shared/export/sessions';

const PANES = repeated(session([pane({ temperature: 0.2 }, ['Name a colour.']), pane({ model: 'gemini-2.5-pro' }, ['Name a colour.'], 'Pro "quoted"')]), 2);
const code = (language: 'python' | 'javascript'): string => exportCode({ session: PANES }, { language, stream: true, inlineImages: false });

describe('the loop over the panes', () => {
  it('Python: the label concatenated (an f-string cannot hold pane["label"] before 3.12), the settings spread after the keywords', () => {
    expect(code('python')).toContain(
      [
        'for pane in panes:',
        '    print("== " + pane["label"] + " ==")',
        '    for run in range(1, runs + 1):',
        '        print(f"-- run {run} --")',
        '        stream = client.interactions.create(',
        '            input=prompt,',
        '            stream=True,',
        '            **pane["config"]',
        '        )',
        '        for event in stream:',
      ].join('\n'),
    );
    expect(code('python')).toContain('        "label": "Pro \\"quoted\\"",\n        "config": {\n            "model": "gemini-2.5-pro"\n        }\n    }\n]');
  });

  it('JavaScript: a template literal label, the settings spread first, every multi-line literal ending with a comma', () => {
    expect(code('javascript')).toContain(
      [
        '  for (const pane of panes) {',
        '    console.log(`== ${pane.label} ==`);',
        '    for (let run = 1; run <= runs; run++) {',
        '      console.log(`-- run ${run} --`);',
        '      const stream = await ai.interactions.create({',
        '        ...pane.config,',
        '        input: prompt,',
        '        stream: true,',
        '      });',
        '      for await (const event of stream) {',
      ].join('\n'),
    );
    expect(code('javascript')).toContain('      label: "Pro \\"quoted\\"",\n      config: {\n        model: "gemini-2.5-pro",\n      },\n    },\n  ];');
  });
});

// A comparison of conversations: each pane replays its whole conversation, as the History option says.
const DOGS = 'I have 2 dogs in my house.';
const PAWS = 'How many paws are in my house?';
const TALKED = session([pane({ temperature: 0.2 }, [DOGS, PAWS]), pane({ model: 'gemini-2.5-pro' }, [DOGS, PAWS], 'Pro')]);
const talked = (language: ExportLanguage, history: HistoryMode, stream = false): string =>
  exportCode({ session: TALKED }, { language, history, stream, inlineImages: false });
const count = (text: string, part: string): number => text.split(part).length - 1;

describe('a two-turn, two-pane comparison', () => {
  it('plans both prompts for every pane: the second chained in server history, neither in stateless; only the last streams', () => {
    for (const history of ['server', 'stateless'] as const) {
      const plan = planExport({ session: TALKED }, { language: 'python', history, stream: true, inlineImages: false });
      if (plan.kind !== 'comparison') throw new Error(`expected a comparison, got ${plan.kind}`);
      expect(plan.turns.map((turn) => [turn.parts, turn.chained, turn.stream])).toEqual([
        [[{ type: 'text', text: DOGS }], false, false],
        [[{ type: 'text', text: PAWS }], history === 'server', true],
      ]);
      expect(plan.history).toBe(history);
    }
  });

  it('Python, server history: in the loop over the panes, the second prompt continues the pane\'s own first answer', () => {
    expect(talked('python', 'server')).toContain(
      [
        'for pane in panes:',
        '    print("== " + pane["label"] + " ==")',
        '    interaction1 = client.interactions.create(',
        `        input="${DOGS}",`,
        '        **pane["config"],',
        '    )',
        '    print(interaction1.steps[-1].content[0].text)',
        '',
        '    interaction2 = client.interactions.create(',
        `        input="${PAWS}",`,
        '        previous_interaction_id=interaction1.id,',
        '        **pane["config"],',
        '    )',
        '    print(interaction2.steps[-1].content[0].text)',
      ].join('\n'),
    );
  });

  it('Python, stateless history: each pane keeps its own history, the model\'s steps and the next prompt appended', () => {
    const py = talked('python', 'stateless');
    expect(py).not.toContain('previous_interaction_id');
    expect(py).toContain(
      [
        'for pane in panes:',
        '    print("== " + pane["label"] + " ==")',
        '    # Initialize history with the first user turn',
        '    history = [',
        '        {',
        '            "type": "user_input",',
        `            "content": [{"type": "text", "text": "${DOGS}"}]`,
        '        }',
        '    ]',
      ].join('\n'),
    );
    expect(py).toContain('    for step in interaction1.steps:\n        # Convert the SDK Step object to a dictionary\n        history.append(step.model_dump())');
    expect(py).toContain(`    history.append({\n        "type": "user_input",\n        "content": [{"type": "text", "text": "${PAWS}"}]\n    })`);
    expect(count(py, '        input=history,\n        **pane["config"]\n')).toBe(2);
    expect(py).toContain('"store": False');
  });

  it('JavaScript, both histories', () => {
    const server = talked('javascript', 'server');
    expect(server).toContain(`    const interaction2 = await ai.interactions.create({\n      ...pane.config,\n      input: "${PAWS}",\n      previous_interaction_id: interaction1.id,\n    });`);
    const stateless = talked('javascript', 'stateless');
    expect(stateless).not.toContain('previous_interaction_id');
    expect(stateless).toContain('    history.push(...interaction1.steps);');
    expect(count(stateless, '      ...pane.config,\n      input: history\n')).toBe(2);
  });

  it('REST, both histories: one pane after the other, each its two requests', () => {
    const server = talked('rest', 'server');
    expect(count(server, `INTERACTION_ID=$(echo "$RESPONSE1" | jq -r '.id')`)).toBe(2);
    expect(count(server, `"input": "${PAWS}",`)).toBe(2);
    expect(count(server, `"previous_interaction_id": "'$INTERACTION_ID'"`)).toBe(2);
    const pro = server.indexOf('echo "== Pro =="');
    expect(pro).toBeGreaterThan(server.indexOf('"previous_interaction_id"'));
    expect(server.indexOf('"model": "gemini-2.5-pro"')).toBeGreaterThan(pro);
    const stateless = talked('rest', 'stateless');
    expect(stateless).not.toContain('previous_interaction_id');
    expect(count(stateless, `--argjson second_input '[{"type": "user_input", "content": [{"type": "text", "text": "${PAWS}"}]}]'`)).toBe(2);
    expect(count(stateless, '\\"input\\": $HISTORY')).toBe(2);
  });

  it('the History option decides, in every language, how the second prompt reaches the model', () => {
    for (const language of EXPORT_LANGUAGES) {
      expect(talked(language, 'server')).toContain('previous_interaction_id');
      expect(talked(language, 'server')).not.toMatch(/history/i);
      expect(talked(language, 'stateless')).not.toContain('previous_interaction_id');
      expect(talked(language, 'stateless')).toMatch(language === 'rest' ? /\$HISTORY/ : /input: history|input=history/);
    }
  });

  it('streams only the last prompt, after a line break so the next label starts its own line', () => {
    expect(talked('python', 'server', true)).toContain('            print(event.delta.text, end="")\n    print()\n');
    expect(talked('javascript', 'server', true)).toContain('    const interaction1 = await');
  });
});

describe('panes whose conversations differ', () => {
  const APART = session([pane({ temperature: 0.2 }, [DOGS, PAWS]), pane({ temperature: 0.9 }, ['Something else.'])]);

  it('each pane replays its own, one after the other: in JavaScript each in a block of its own, its files uploaded first', () => {
    const js = exportCode({ session: APART }, { language: 'javascript', stream: false, inlineImages: false });
    expect(js).toContain('  console.log("== T=0.2 ==");\n  {\n    const interaction1 = await ai.interactions.create({');
    expect(js).toContain('      previous_interaction_id: interaction1.id,');
    expect(js).toContain('  console.log("== T=0.9 ==");\n  {\n    const interaction = await ai.interactions.create({\n      model: "gemini-3-flash-preview",\n      input: "Something else.",');
    const py = exportCode({ session: APART }, { language: 'python', stream: false, inlineImages: false });
    expect(py).toContain('print("== T=0.9 ==")\ninteraction = client.interactions.create(');
  });

  it('settings changed between turns are a conversation of its own too', () => {
    const changed = session([pane({ temperature: 0.2 }, [DOGS, { text: PAWS, config: { model: MODEL, temperature: 0.5 } }]), pane({ temperature: 0.9 }, [DOGS, PAWS])]);
    const plan = planExport({ session: changed }, { language: 'python', stream: false, inlineImages: false });
    if (plan.kind !== 'conversations') throw new Error(`expected conversations, got ${plan.kind}`);
    expect(plan.panes.map((p) => p.turns.map((turn) => turn.call.generationConfig))).toEqual([
      [{ temperature: 0.2 }, { temperature: 0.5 }],
      [{ temperature: 0.9 }, { temperature: 0.9 }],
    ]);
  });

  it('the labels are the person\'s text, quoted as strings', () => {
    const s = session([pane({}, ['a', 'b'], 'It\'s "mine" ${x}'), pane({}, ['c'])]);
    expect(exportCode({ session: s }, { language: 'javascript', stream: false, inlineImages: false })).toContain('console.log("== It\'s \\"mine\\" ${x} ==");');
    expect(exportCode({ session: s }, { language: 'python', stream: false, inlineImages: false })).toContain('print("== It\'s \\"mine\\" ${x} ==")');
  });
});

describe('a comparison with panes asking for images', () => {
  const drawn = (imageOutput: { mimeType?: 'image/png' | 'image/jpeg' }) => pane({ model: 'gemini-2.5-flash-image', imageOutput }, ['A fox']);
  const plan = (panes: ReturnType<typeof pane>[]) => planExport({ session: session(panes) }, { language: 'python', stream: true, inlineImages: false });

  it('is one loop that streams nothing and saves every pane’s images, while they are of one type', () => {
    const loop = plan([drawn({}), pane({ model: 'gemini-2.5-flash-image' }, ['A fox'])]);
    expect(loop).toMatchObject({ kind: 'comparison', stream: false, savesImages: { extension: 'png' } });
    if (loop.kind === 'comparison') expect(loop.turns.map((turn) => turn.stream)).toEqual([false]);
  });

  it('is written pane by pane when they save images of different types', () => {
    expect(plan([drawn({}), drawn({ mimeType: 'image/jpeg' })]).kind).toBe('conversations');
  });
});
