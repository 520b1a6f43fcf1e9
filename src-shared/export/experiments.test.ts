// Sweeps and repeats in the comparison export: when the recorded sweep still describes the panes, and the loops each language writes.
import { describe, expect, it } from 'vitest';
import type { PaneConfig } from '../domain';
import type { Session } from '../session';
import { type ExportLanguage, type ExportOptions, EXPORT_LANGUAGES, exportCode, planExport } from './index';
import type { ComparisonPlan } from './plan';
import { runJavaScript } from '../../test-support/shared/export/js-stand-in';
import { MODEL, pane, repeated, repeatedPane, session, swept } from '../../test-support/shared/export/sessions';

const OPTIONS: ExportOptions = { language: 'python', stream: false, inlineImages: false };
const comparisonOf = (s: Session, options: Partial<ExportOptions> = {}): ComparisonPlan => {
  const plan = planExport({ session: s }, { ...OPTIONS, ...options });
  if (plan.kind !== 'comparison') throw new Error(`expected a comparison, got ${plan.kind}`);
  return plan;
};
const code = (s: Session, language: ExportLanguage, options: Partial<ExportOptions> = {}): string =>
  exportCode({ session: s }, { ...OPTIONS, ...options, language });
const withoutSamples = (s: Session): Session => ({ ...s, panes: s.panes.map((p) => ({ ...p, turns: p.turns.map(({ samples: _, ...t }) => t) })) });
const withoutExperiments = (s: Session): Session => {
  const { experiments: _, ...rest } = s;
  return rest;
};

const GRID = swept({ topP: 0.9 }, { temperatures: [0.2, 0.6, 1], thinkingLevels: ['low', 'high'] }, ['Name a colour.']);

/** `s` with pane `i` changed by `edit` (its first turn's config, which is what the comparison sends). */
function editTurn(s: Session, i: number, edit: (config: PaneConfig) => PaneConfig): Session {
  const panes = s.panes.map((p, j) => (j === i ? { ...p, turns: p.turns.map((t, k) => (k === 0 ? { ...t, config: edit(t.config) } : t)) } : p));
  return { ...s, panes };
}

describe('when the comparison is a sweep', () => {
  it('the panes a sweep made, unchanged, are its loop: the first combination and the axes in nesting order', () => {
    const plan = comparisonOf(GRID);
    expect(plan.sweep?.axes).toEqual([
      { setting: 'temperature', values: [0.2, 0.6, 1] },
      { setting: 'thinkingLevel', values: ['low', 'high'] },
    ]);
    expect(plan.sweep?.call).toEqual({
      model: MODEL,
      settings: {},
      mcpHeaders: [],
      generationConfig: { temperature: 0.2, top_p: 0.9, thinking_level: 'low' },
      json: false,
      stateless: false,
      chained: false,
      stream: false,
    });
    expect(plan.runs).toBe(1);
    // The panes stay planned too: the labels and calls of the fallback.
    expect(plan.panes.map((p) => p.label)).toEqual(['T=0.2 · thinking=low', 'T=0.2 · thinking=high', 'T=0.6 · thinking=low', 'T=0.6 · thinking=high', 'T=1 · thinking=low', 'T=1 · thinking=high']);
  });

  it('numbers the system instructions and calls the blank one "no system"; an axis of one value is part of the base', () => {
    const s = swept({}, { models: ['gemini-x'], systemInstructions: ['Be brief.', '  ', 'Be kind.'], thinkingLevels: ['high'] }, ['Hi']);
    const plan = comparisonOf(s);
    expect(plan.sweep?.axes).toEqual([
      { setting: 'systemInstruction', values: [{ name: 'system 1', text: 'Be brief.' }, { name: 'no system' }, { name: 'system 2', text: 'Be kind.' }] },
    ]);
    expect(plan.sweep?.call).toMatchObject({ model: 'gemini-x', generationConfig: { thinking_level: 'high' } });
  });

  it('a pane without turns is compared by its own config, as the comparison sends it', () => {
    const s = swept({}, { temperatures: [0.1, 0.9] }, []);
    expect(comparisonOf(s).sweep?.axes).toEqual([{ setting: 'temperature', values: [0.1, 0.9] }]);
  });

  it('matches on what is sent: a setting saved blank rather than absent still matches', () => {
    expect(comparisonOf(editTurn(GRID, 2, (c) => ({ ...c, systemInstruction: ' ' }))).sweep?.axes).toEqual(comparisonOf(GRID).sweep?.axes);
    expect(comparisonOf(GRID).sweep?.axes.map((a) => a.setting)).toEqual(['temperature', 'thinkingLevel']);
  });

  const mismatches: [string, (s: Session) => Session][] = [
    ['a pane edited', (s) => editTurn(s, 3, (c) => ({ ...c, temperature: 0.7 }))],
    ['a setting added to one pane', (s) => editTurn(s, 0, (c) => ({ ...c, seed: 1 }))],
    ['a pane removed', (s) => ({ ...s, panes: s.panes.slice(0, 5) })],
    ['a pane added', (s) => ({ ...s, panes: [...s.panes, pane({ temperature: 0.2 }, ['Name a colour.'])] })],
    ['two panes swapped', (s) => ({ ...s, panes: [s.panes[1]!, s.panes[0]!, ...s.panes.slice(2)] })],
    ['a pane replaced by an identical one with another id', (s) => ({ ...s, panes: [{ ...s.panes[0]!, id: 'p-other' }, ...s.panes.slice(1)] })],
    [
      'a record that no longer expands',
      (s) => ({ ...s, experiments: { sweep: { ...s.experiments!.sweep!, axes: { temperatures: [0.2, 0.2] } } } }),
    ],
  ];
  for (const [name, change] of mismatches) {
    it(`falls back to one entry per pane, exactly as without the record: ${name}`, () => {
      const s = change(GRID);
      expect(comparisonOf(s).sweep).toBeUndefined();
      for (const language of EXPORT_LANGUAGES) expect(code(s, language)).toBe(code(withoutExperiments(s), language));
    });
  }

  it('ratings alone change nothing', () => {
    const s: Session = { ...withoutExperiments(GRID), experiments: { ratings: [] } };
    for (const language of EXPORT_LANGUAGES) expect(code(s, language)).toBe(code(withoutExperiments(s), language));
  });
});

describe('repeats', () => {
  const TWO = session([pane({ temperature: 0.1 }, ['Hi']), pane({ temperature: 0.9 }, ['Hi'])]);

  it('the comparison sends each configuration `runs` times', () => {
    expect(comparisonOf(repeated(TWO, 4)).runs).toBe(4);
    expect(code(repeated(TWO, 4), 'python')).toContain('runs = 4\n\nfor pane in panes:\n    print("== " + pane["label"] + " ==")\n    for run in range(1, runs + 1):\n        print(f"-- run {run} --")\n        interaction = client.interactions.create(');
    expect(code(repeated(TWO, 4), 'javascript')).toContain('for (let run = 1; run <= runs; run++) {\n      console.log(`-- run ${run} --`);\n      const interaction');
    expect(code(repeated(TWO, 4), 'rest')).toContain('echo "== T=0.1 =="\nfor run in $(seq 1 "$runs"); do\n  echo "-- run $run --"\n  # Specifies');
  });

  it('repeats only the panes the app repeated, as often as it did, with the settings their samples were sent with', async () => {
    // Repeat ×10 on 1 of 6 panes, after its temperature changed from 0.1 to 0.3.
    const panes = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map((temperature, i) => pane({ temperature }, ['Hi'], `P${i + 1}`));
    const s: Session = { ...session([repeatedPane(panes[0]!, 10, { model: MODEL, temperature: 0.3 }), ...panes.slice(1)]), experiments: { repeat: { runs: 10, concurrency: 2 } } };
    const run = await runJavaScript(code(s, 'javascript'));
    expect(run.requests.map((r) => (r.generation_config as { temperature: number }).temperature)).toEqual([...Array<number>(10).fill(0.3), 0.2, 0.3, 0.4, 0.5, 0.6]);
    for (const language of EXPORT_LANGUAGES) {
      const script = code(s, language);
      expect(script.match(/-- run /g), language).toHaveLength(1);
      // The loop is pane 1's: it comes before pane 2's label.
      expect(script.indexOf('-- run '), language).toBeLessThan(script.indexOf('== P2 =='));
      expect(script.indexOf('-- run '), language).toBeGreaterThan(script.indexOf('== P1 =='));
    }
  });

  it('a session whose panes show no repeat run (saved before one, or after a new prompt) exports no loop', () => {
    const s = repeated(TWO, 3);
    // A prompt sent after the repeat run: its turn has no samples, the earlier one keeps its own.
    const later: Session = { ...s, panes: s.panes.map((p) => ({ ...p, turns: [...p.turns, { ...withoutSamples(s).panes[0]!.turns[0]!, id: 't2' }] })) };
    for (const language of EXPORT_LANGUAGES) expect(code(later, language), language).not.toContain('-- run ');
    expect(code(withoutSamples(s), 'python')).not.toContain('-- run ');
  });

  it('a single pane\'s conversation is not repeated', () => {
    const s = repeated(TWO, 3);
    for (const language of EXPORT_LANGUAGES) {
      expect(exportCode({ session: s, paneIndex: 1 }, { ...OPTIONS, language })).toBe(exportCode({ session: TWO, paneIndex: 1 }, { ...OPTIONS, language }));
    }
  });
});

describe('the loops each language writes', () => {
  const GRID_TWICE = repeated(GRID, 2);

  it('Python: a list per axis, nested for loops, the label from the loop values', () => {
    const py = code(GRID_TWICE, 'python');
    expect(py).toContain(
      [
        'prompt = "Name a colour."',
        '',
        '# Every combination of these values answers the prompt',
        'temperatures = [0.2, 0.6, 1]',
        'thinking_levels = ["low", "high"]',
        '# How many times each configuration answers',
        'runs = 2',
        '',
        'for temperature in temperatures:',
        '    for thinking_level in thinking_levels:',
        '        print(f"== T={temperature} · thinking={thinking_level} ==")',
        '        for run in range(1, runs + 1):',
        '            print(f"-- run {run} --")',
        '            # generation_config is sent through extra_body: google-genai\'s GenerationConfig has no temperature or top_p and would silently drop them',
        '            interaction = client.interactions.create(',
        '                model="gemini-3-flash-preview",',
        '                input=prompt,',
        '                extra_body={',
        '                    "generation_config": {',
        '                        "temperature": temperature,',
        '                        "top_p": 0.9,',
        '                        "thinking_level": thinking_level',
        '                    }',
        '                }',
        '            )',
        '            print(interaction.steps[-1].content[0].text)',
      ].join('\n'),
    );
  });

  it('JavaScript: for…of loops with the SDK call the comparison uses', () => {
    const js = code(GRID_TWICE, 'javascript');
    expect(js).toContain('const temperatures = [0.2, 0.6, 1];\n  const thinkingLevels = ["low", "high"];');
    expect(js).toContain('for (const temperature of temperatures) {\n    for (const thinkingLevel of thinkingLevels) {\n      console.log(`== T=${temperature} · thinking=${thinkingLevel} ==`);');
    expect(js).toContain('temperature: temperature,\n            top_p: 0.9,\n            thinking_level: thinkingLevel,');
  });

  it('REST: bash arrays and loops, the values spliced into the body', () => {
    const sh = code(GRID_TWICE, 'rest');
    expect(sh).toContain('temperatures=(0.2 0.6 1)\nthinking_levels=("low" "high")\n# How many times each configuration answers\nruns=2');
    expect(sh).toContain('for temperature in "${temperatures[@]}"; do\n  for thinking_level in "${thinking_levels[@]}"; do\n    echo "== T=$temperature · thinking=$thinking_level =="');
    expect(sh).toContain(`"temperature": '"$temperature"',`);
    expect(sh).toContain(`"thinking_level": "'$thinking_level'"`);
  });

  const SYSTEMS = swept({}, { systemInstructions: ['Be "brief".\n$HOME', ''] }, ['Hi']);

  it('a "no system" variant leaves system_instruction out, in every language', () => {
    expect(code(SYSTEMS, 'python')).toContain('system_instructions = {\n    "system 1": "Be \\"brief\\".\\n$HOME",\n    "no system": None\n}');
    expect(code(SYSTEMS, 'python')).toContain('**({"system_instruction": system_instruction} if system_instruction else {}),');
    expect(code(SYSTEMS, 'python')).toContain('for system, system_instruction in system_instructions.items():\n    print(f"== {system} ==")');
    expect(code(SYSTEMS, 'javascript')).toContain('...(systemInstruction ? { system_instruction: systemInstruction } : {}),');
    expect(code(SYSTEMS, 'javascript')).toContain('"no system": null,\n  };');
    const sh = code(SYSTEMS, 'rest');
    expect(sh).toContain(`system_instructions=(\n  '"system_instruction": "Be \\"brief\\".\\n$HOME",'\n  ''\n)`);
    expect(sh).toContain(`"model": "gemini-3-flash-preview",\n      '"$system_instruction"'\n      "input": "Hi"`);
  });

  it('without a "no system" variant the instruction is a plain argument', () => {
    const s = swept({}, { systemInstructions: ['A', 'B'] }, ['Hi']);
    expect(code(s, 'python')).toContain('    system_instruction=system_instruction,\n');
    expect(code(s, 'javascript')).toContain('system_instruction: systemInstruction,');
  });

  it('REST holds model names as JSON strings when one is not a plain word', () => {
    expect(code(swept({}, { models: [MODEL, 'gemini-2.5-pro'] }, ['Hi']), 'rest')).toContain(`models=("${MODEL}" "gemini-2.5-pro")`);
    const odd = code(swept({}, { models: [MODEL, 'gemini "odd"'] }, ['Hi']), 'rest');
    expect(odd).toContain(`models=('"${MODEL}"' '"gemini \\"odd\\""')`);
    expect(odd).toContain(`"model": '"$model"',`);
  });

  it('a stateless session asks each request not to be stored, as its panes would', () => {
    expect(code(GRID, 'python', { history: 'stateless' })).toContain('model="gemini-3-flash-preview",\n            store=False,\n            input=prompt,');
    expect(code(GRID, 'rest', { history: 'stateless' })).toContain('"store": false,');
  });

  it('streams inside the loop when asked', () => {
    expect(code(GRID, 'python', { stream: true })).toContain('stream=True\n        )\n        for event in stream:');
    expect(code(GRID, 'rest', { stream: true })).toContain('--no-buffer');
  });

  it('is tidy in every language and mode', () => {
    for (const s of [GRID, GRID_TWICE, SYSTEMS, repeated(SYSTEMS, 3)]) {
      for (const language of EXPORT_LANGUAGES) {
        for (const stream of [false, true]) {
          const text = code(s, language, { stream });
          expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
          expect(text).not.toMatch(/[ \t]+$/m);
          expect(text).not.toMatch(/\n\n\n/);
        }
      }
    }
  });
});

describe('sweeps and repeats over a conversation', () => {
  const TALK = swept({}, { temperatures: [0.2, 0.8] }, ['First.', 'Second.'], 3);

  it('is still the sweep\'s loop, with both prompts; the repeat run repeats the last one, as the app repeats a pane\'s last turn', () => {
    const plan = comparisonOf(TALK);
    expect(plan.sweep?.axes).toEqual([{ setting: 'temperature', values: [0.2, 0.8] }]);
    expect(plan.turns.map((turn) => turn.chained)).toEqual([false, true]);
    expect(plan.runs).toBe(3);
  });

  it('Python: the first prompt once per combination, the second in the runs loop, chained to the first answer', () => {
    const py = code(TALK, 'python');
    expect(py).toContain('# Every combination of these values answers the prompts\ntemperatures = [0.2, 0.8]\n# How many times each configuration answers the last prompt\nruns = 3');
    expect(py).toContain('for temperature in temperatures:\n    print(f"== T={temperature} ==")\n');
    expect(py).toContain('    interaction1 = client.interactions.create(\n        model="gemini-3-flash-preview",\n        input="First.",\n');
    expect(py).toContain(
      [
        '    for run in range(1, runs + 1):',
        '        print(f"-- run {run} --")',
        '        interaction2 = client.interactions.create(',
        '            model="gemini-3-flash-preview",',
        '            input="Second.",',
        '            extra_body={',
        '                "generation_config": {',
        '                    "temperature": temperature',
        '                }',
        '            },',
        '            previous_interaction_id=interaction1.id,',
        '        )',
      ].join('\n'),
    );
  });

  it('REST: the chain inside the loop, the runs loop around the last request only', () => {
    const sh = code(TALK, 'rest');
    expect(sh).toContain('for temperature in "${temperatures[@]}"; do\n  echo "== T=$temperature =="\n  # Specifies the API revision');
    expect(sh).toContain(`  INTERACTION_ID=$(echo "$RESPONSE1" | jq -r '.id')\n\n  for run in $(seq 1 "$runs"); do\n    echo "-- run $run --"\n`);
    expect(sh).toContain(`"previous_interaction_id": "'$INTERACTION_ID'"\n      }' | jq -r '.steps[-1].content[0].text'\n  done\ndone`);
  });

  it('stateless: each combination builds its own history inside the loop', () => {
    const js = code(TALK, 'javascript', { history: 'stateless' });
    expect(js).toContain('    console.log(`== T=${temperature} ==`);\n    // Initialize history with the first user turn\n    const history = [');
    expect(js).toContain('    history.push(...interaction1.steps);');
    expect(js).not.toContain('previous_interaction_id');
  });

  it('is tidy in every language and mode', () => {
    for (const language of EXPORT_LANGUAGES) {
      for (const stream of [false, true]) {
        for (const history of ['server', 'stateless'] as const) {
          const text = code(TALK, language, { stream, history });
          expect(text.endsWith('\n') && !text.endsWith('\n\n')).toBe(true);
          expect(text).not.toMatch(/[ \t]+$/m);
          expect(text).not.toMatch(/\n\n\n/);
        }
      }
    }
  });
});
