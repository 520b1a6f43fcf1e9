// The comparison of hand-made panes as each SDK language writes it: a list of panes, one loop, each pane's settings spread into the call.
import { describe, expect, it } from 'vitest';
import { exportCode } from './index';
import { pane, repeated, session } from './testing/sessions';

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
