import { describe, expect, it } from 'vitest';
import { buildCreateRequest, toGenerationConfig } from './request';

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
