// `npm run fake-api -- [--port 18080] [--delay <ms>]`: runs the fake Interactions API until Ctrl-C.
import { parseArgs } from 'node:util';
import { startFakeApi } from './server';

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new Error(`--${name} expects a non-negative integer, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      delay: { type: 'string' },
    },
  });
  const port = intOption(values.port, 'port');
  const deltaDelayMs = intOption(values.delay, 'delay');
  const fake = await startFakeApi({
    ...(port === undefined ? {} : { port }),
    ...(deltaDelayMs === undefined ? {} : { deltaDelayMs }),
  });
  console.log(`Fake Interactions API listening on ${fake.url}`);
  const stop = (): void => {
    void fake.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
