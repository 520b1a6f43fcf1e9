import { describe, expect, it } from 'vitest';
import { answerRequest, type HighlightReply, type HighlightRequest } from './highlight-tokens';
import { workerTokens, type WorkerPort } from './highlighter';

/** A worker on this thread: answers when told to, or fails as a worker whose file did not load. */
class FakeWorker implements WorkerPort {
  onmessage: WorkerPort['onmessage'] = null;
  onerror: WorkerPort['onerror'] = null;
  asked: HighlightRequest[] = [];
  terminated = false;
  postMessage(request: HighlightRequest): void {
    this.asked.push(request);
  }
  answer(reply: HighlightReply): void {
    this.onmessage?.({ data: reply } as MessageEvent<HighlightReply>);
  }
  answerAll(): void {
    for (const request of this.asked.splice(0)) this.answer(answerRequest(request));
  }
  fail(): void {
    this.onerror?.(new Event('error'));
  }
  terminate(): void {
    this.terminated = true;
  }
}

describe('workerTokens', () => {
  it('starts one worker on first use and matches each answer to its request', async () => {
    const started: FakeWorker[] = [];
    const tokens = workerTokens(() => {
      started.push(new FakeWorker());
      return started.at(-1)!;
    });
    expect(started).toHaveLength(0);
    const a = tokens('json', '[1]');
    const b = tokens('python', 'x = 1');
    expect(started).toHaveLength(1);
    const [first, second] = started[0]!.asked;
    started[0]!.asked = [];
    started[0]!.answer(answerRequest(second!));
    started[0]!.answer(answerRequest(first!));
    expect(JSON.stringify(await a)).toContain('[');
    expect(JSON.stringify(await b)).toContain('hljs-number');
  });

  it('fails the one block the worker could not tokenize, and goes on', async () => {
    const worker = new FakeWorker();
    const tokens = workerTokens(() => worker);
    const failed = tokens('json', '[1]');
    worker.answer({ id: worker.asked[0]!.id, error: 'no grammar' });
    await expect(failed).rejects.toThrow('no grammar');
    const next = tokens('json', '[2]');
    worker.answerAll();
    await expect(next).resolves.toBeInstanceOf(Array);
  });

  it('fails what a broken worker had, and starts a new worker for the next block', async () => {
    const started: FakeWorker[] = [];
    const tokens = workerTokens(() => {
      started.push(new FakeWorker());
      return started.at(-1)!;
    });
    const a = tokens('json', '[1]');
    const b = tokens('json', '[2]');
    started[0]!.fail();
    await expect(a).rejects.toThrow('did not start');
    await expect(b).rejects.toThrow('did not start');
    expect(started[0]!.terminated).toBe(true);
    const c = tokens('json', '[3]');
    expect(started).toHaveLength(2);
    started[1]!.answerAll();
    await expect(c).resolves.toBeInstanceOf(Array);
  });
});
