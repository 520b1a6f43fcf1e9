// Function results from typed text and mocks, the calls still open, and when answering with mocks stops.
import { describe, expect, it } from 'vitest';
import type { PaneConfig } from './domain';
import { answeredRounds, autoAnswer, MAX_AUTO_ROUNDS, mockFor, resultValue, unansweredCalls } from './function-results';
import type { Step } from './interactions';

const call = (id: string, name = 'get_weather'): Step => ({ type: 'function_call', id, name, arguments: { city: 'Paris' } });
const result = (id: string, name = 'get_weather'): Step => ({ type: 'function_result', call_id: id, name, result: { temp: 21 } });
const config = (functions: PaneConfig['functions'], autoMock = true): PaneConfig => ({ model: 'm', functions, autoMock });

describe('a result as typed', () => {
  it('is sent as an object when it is a JSON object, as the text otherwise (lists and numbers too)', () => {
    expect(resultValue(' {"temp": 21} ')).toEqual({ ok: true, result: { temp: 21 } });
    expect(resultValue('sunny, 21 °C')).toEqual({ ok: true, result: 'sunny, 21 °C' });
    expect(resultValue('[1, 2]')).toEqual({ ok: true, result: '[1, 2]' });
    expect(resultValue('42')).toEqual({ ok: true, result: '42' });
    expect(resultValue('"quoted"')).toEqual({ ok: true, result: '"quoted"' });
  });

  it('is refused when blank, or when it starts like JSON and is not, saying where', () => {
    expect(resultValue('  ')).toEqual({ ok: false, message: expect.stringContaining('Empty') });
    const broken = resultValue('{"temp": 21,}');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^Not valid JSON — Line 1, column \d+/);
    expect(resultValue('[1, 2').ok).toBe(false);
  });
});

describe('open calls and rounds', () => {
  it('the calls no result answers yet, in order; parallel calls are all open', () => {
    const steps = [call('a'), result('a'), { type: 'model_output', content: [] }, call('b'), call('c', 'get_time')];
    expect(unansweredCalls(steps).map((c) => c.id)).toEqual(['b', 'c']);
    expect(unansweredCalls([...steps, result('b'), result('c')])).toEqual([]);
  });

  it('counts each run of results as one answered round', () => {
    expect(answeredRounds([call('a'), call('b')])).toBe(0);
    expect(answeredRounds([call('a'), call('b'), result('a'), result('b')])).toBe(1);
    expect(answeredRounds([call('a'), result('a'), { type: 'thought' }, call('b'), result('b')])).toBe(2);
  });

  it('takes a mock only when one is written', () => {
    const c = config([{ name: 'get_weather', mock: '{"temp": 21}' }, { name: 'get_time', mock: '  ' }, { name: 'noop' }]);
    expect(mockFor(c, 'get_weather')).toBe('{"temp": 21}');
    expect(mockFor(c, 'get_time')).toBeUndefined();
    expect(mockFor(c, 'noop')).toBeUndefined();
  });
});

describe('answering with the mocks automatically', () => {
  const mocked = config([
    { name: 'get_weather', mock: '{"temp": 21}' },
    { name: 'get_time', mock: 'noon' },
  ]);

  it('answers every open call with its mock, parallel calls included', () => {
    expect(autoAnswer(mocked, [call('a'), call('b', 'get_time')])).toEqual({
      kind: 'send',
      results: [
        { type: 'function_result', call_id: 'a', name: 'get_weather', result: { temp: 21 } },
        { type: 'function_result', call_id: 'b', name: 'get_time', result: 'noon' },
      ],
    });
  });

  it('does nothing when the switch is off or nothing is open', () => {
    expect(autoAnswer({ ...mocked, autoMock: false }, [call('a')])).toBeUndefined();
    expect(autoAnswer(mocked, [call('a'), result('a')])).toBeUndefined();
  });

  it('stops and asks when a called function has no mock, naming it', () => {
    const answer = autoAnswer(config([{ name: 'get_weather', mock: '{}' }, { name: 'get_time' }]), [call('a'), call('b', 'get_time')]);
    expect(answer).toEqual({ kind: 'stop', note: expect.stringContaining('no mock for “get_time”') });
  });

  it(`stops after ${MAX_AUTO_ROUNDS} answered rounds, not before`, () => {
    const rounds = (n: number) => Array.from({ length: n }, (_, i) => [call(`c${i}`), result(`c${i}`)]).flat();
    expect(autoAnswer(mocked, [...rounds(MAX_AUTO_ROUNDS - 1), call('last')])?.kind).toBe('send');
    expect(autoAnswer(mocked, [...rounds(MAX_AUTO_ROUNDS), call('last')])).toEqual({
      kind: 'stop',
      note: expect.stringContaining(`Stopped after ${MAX_AUTO_ROUNDS} rounds of function calls`),
    });
  });
});
