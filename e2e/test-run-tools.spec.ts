// A test case answered after a search, through the bridge harness against the fake API: the model writes a line
// ("Let me look that up first.") before its google_search steps, then the JSON its schema asks for. is-json and
// matches-schema read that last output, as the pane's schema badge and the exported suites do, so the case passes;
// the saved cell keeps where that output starts, and checks run again on it after a restart read it the same way.
import { SESSION_VERSION, type Session } from '../src-shared/session';
import { CALL_PREAMBLE } from './fake-api/markers';
import { expect, test } from './support/fixture';
import { dataDirWith, savedTestSet } from './support/saved-sessions';
import { paneAt } from './support/ui';

const env = { GEMINI_API_KEY: 'AIzaTestKey-test-run-tools-7c' };
const SCHEMA = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };

/** A data folder holding one session: a pane with Google Search and a schema, one case, is-json and matches-schema. */
function seeded(): string {
  const now = new Date().toISOString();
  const session: Session = {
    version: SESSION_VERSION,
    id: 'search-cases',
    title: 'Search cases',
    createdAt: now,
    updatedAt: now,
    historyMode: 'server',
    panes: [{ id: 'pane-1', config: { model: 'gemini-3-flash-preview', googleSearch: true, responseSchema: SCHEMA }, turns: [] }],
    testSet: {
      variables: ['question'],
      prompt: '{{question}}',
      cases: [{ id: 'case-1', values: { question: 'Capital of France? [[json:{"city": "Paris"}]] [[say-first]]' } }],
      assertions: [
        { id: 'json', type: 'is-json' },
        { id: 'schema', type: 'matches-schema' },
      ],
      results: [],
    },
  };
  return dataDirWith(session, 'tools-cases');
}

test('JSON given after a search passes is-json and the schema: the line before the search is not read as the JSON', async ({ launch, startFake }) => {
  test.setTimeout(90_000);
  const fake = await startFake();
  const dataDir = seeded();
  let app = await launch({ env, fake, dataDir, viewport: { width: 1440, height: 900 } });
  let page = app.page;
  await expect(paneAt(page, 0).getByTestId('settings-toggle')).toHaveAttribute('data-summary', /schema=/, { timeout: 15_000 });
  await page.getByTestId('prompt').fill('{{question}}');
  await page.keyboard.press('Control+Shift+E');
  await page.getByTestId('tests-tab-results').click();
  await page.getByTestId('run-all').click();
  await app.waitForTerminalEvents(1, 30_000);

  const summary = page.getByTestId('pane-summary').first().getByTestId('pass-count');
  await expect(summary).toHaveText('1 of 1 passed');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const [cell] = savedTestSet(dataDir)?.results ?? [];
  expect(cell).toMatchObject({ text: `${CALL_PREAMBLE}{"city": "Paris"}`, answerFrom: CALL_PREAMBLE.length, checks: [{ pass: true }, { pass: true }] });
  await app.close();

  // Scored again after a restart (an assertion retyped): still read from where the last output starts.
  app = await launch({ env, fake, dataDir, viewport: { width: 1440, height: 900 } });
  page = app.page;
  await page.keyboard.press('Control+Shift+E');
  await page.getByTestId('assertion').first().getByTestId('assertion-type').selectOption('matches-schema');
  await page.getByTestId('assertion').first().getByTestId('assertion-type').selectOption('is-json');
  await page.getByTestId('tests-tab-results').click();
  await expect(page.getByTestId('pane-summary').first().getByTestId('pass-count')).toHaveText('1 of 1 passed');
  await app.close();
});
