import { describe, expect, it } from 'vitest';
import { buildCreateRequest, historyUserStep, toGenerationConfig, userContent, userInputStep, type ResolvedMedia } from './request';

describe('buildCreateRequest', () => {
  it('sends nothing for unset settings', () => {
    const body = buildCreateRequest({ model: 'gemini-3-flash-preview' }, { text: 'How does AI work?' }, { stream: false });
    expect(body).toEqual({ model: 'gemini-3-flash-preview', input: 'How does AI work?' });
  });

  it('sends exactly the values set, with the wire names', () => {
    const body = buildCreateRequest(
      {
        model: 'm',
        systemInstruction: 'You are a cat.',
        temperature: 0,
        topP: 0.9,
        maxOutputTokens: 100,
        thinkingLevel: 'low',
        thinkingSummaries: true,
        stopSequences: ['END'],
        seed: 7,
      },
      { text: 'Hi' },
      { stream: true },
    );
    expect(body).toEqual({
      model: 'm',
      input: 'Hi',
      system_instruction: 'You are a cat.',
      generation_config: {
        temperature: 0,
        top_p: 0.9,
        max_output_tokens: 100,
        thinking_level: 'low',
        thinking_summaries: 'auto',
        stop_sequences: ['END'],
        seed: 7,
      },
      stream: true,
    });
  });

  it('treats a blank system instruction and empty stop list as unset', () => {
    expect(toGenerationConfig({ model: 'm', stopSequences: [] })).toBeUndefined();
    expect(buildCreateRequest({ model: 'm', systemInstruction: '  ' }, { text: 'x' }, { stream: false })).not.toHaveProperty(
      'system_instruction',
    );
  });

  it('chains server-side history with previous_interaction_id and resends the config', () => {
    const body = buildCreateRequest(
      { model: 'm', systemInstruction: 'S', temperature: 1 },
      { text: 'second' },
      { stream: true, history: { mode: 'server', previousInteractionId: 'v1_A' } },
    );
    expect(body).toMatchObject({ previous_interaction_id: 'v1_A', input: 'second', system_instruction: 'S' });
    expect(body.generation_config).toEqual({ temperature: 1 });
    expect(body).not.toHaveProperty('store');
  });

  it('sends stateless history as steps with store:false, signatures kept', () => {
    const steps = [
      { type: 'user_input', content: [{ type: 'text' as const, text: 'I have 2 dogs.' }] },
      { type: 'thought', signature: 'EqQB' },
      { type: 'model_output', content: [{ type: 'text' as const, text: 'Nice!' }] },
    ];
    const body = buildCreateRequest({ model: 'm' }, { text: 'How many paws?' }, { stream: false, history: { mode: 'stateless', steps } });
    expect(body.store).toBe(false);
    expect(body.input).toEqual([...steps, { type: 'user_input', content: [{ type: 'text', text: 'How many paws?' }] }]);
  });
});

describe('buildCreateRequest with images', () => {
  const refs = [
    { sha256: 'a'.repeat(64), mimeType: 'image/png', name: 'a.png', size: 10 },
    { sha256: 'b'.repeat(64), mimeType: 'image/jpeg', name: 'b.jpg', size: 20 },
  ];
  const resolved: ResolvedMedia[] = [
    { mimeType: 'image/png', data: 'iVBORw==' },
    { mimeType: 'image/jpeg', uri: 'https://generativelanguage.googleapis.com/v1beta/files/abc' },
  ];

  it('sends the text part, then the image parts in the order they were attached', () => {
    const body = buildCreateRequest({ model: 'm' }, { text: 'Compare these', images: refs }, { stream: true, images: resolved });
    expect(body.input).toEqual([
      { type: 'text', text: 'Compare these' },
      { type: 'image', data: 'iVBORw==', mime_type: 'image/png' },
      { type: 'image', uri: 'https://generativelanguage.googleapis.com/v1beta/files/abc', mime_type: 'image/jpeg' },
    ]);
  });

  it('with stateless history the user_input step holds the same parts', () => {
    const steps = [{ type: 'model_output', content: [{ type: 'text' as const, text: 'Earlier.' }] }];
    const body = buildCreateRequest({ model: 'm' }, { text: 'And now?', images: refs }, { stream: false, history: { mode: 'stateless', steps }, images: resolved });
    expect(body.input).toEqual([
      ...steps,
      {
        type: 'user_input',
        content: [
          { type: 'text', text: 'And now?' },
          { type: 'image', data: 'iVBORw==', mime_type: 'image/png' },
          { type: 'image', uri: 'https://generativelanguage.googleapis.com/v1beta/files/abc', mime_type: 'image/jpeg' },
        ],
      },
    ]);
    expect(userInputStep({ text: 'And now?', images: refs }, resolved)).toEqual((body.input as unknown[]).at(-1));
  });

  it('leaves out a blank text part when there are images; keeps a plain string without images', () => {
    expect(userContent({ text: '  ', images: refs.slice(0, 1) }, resolved.slice(0, 1))).toEqual([{ type: 'image', data: 'iVBORw==', mime_type: 'image/png' }]);
    expect(buildCreateRequest({ model: 'm' }, { text: 'Hi', images: [] }, { stream: false }).input).toBe('Hi');
  });

  it('refuses images that were not resolved, and history images still named by sha256', () => {
    expect(() => buildCreateRequest({ model: 'm' }, { text: 'x', images: refs }, { stream: false })).toThrow(/2 image\(s\) in the turn but 0 resolved/);
    const earlier = historyUserStep({ text: 'What is this?', images: refs.slice(0, 1) });
    expect(earlier).toEqual({
      type: 'user_input',
      content: [{ type: 'text', text: 'What is this?' }, { type: 'image', mime_type: 'image/png', sha256: 'a'.repeat(64) }],
    });
    expect(() => buildCreateRequest({ model: 'm' }, { text: 'x' }, { stream: false, history: { mode: 'stateless', steps: [earlier] } })).toThrow(/resolve them first/);
  });
});
