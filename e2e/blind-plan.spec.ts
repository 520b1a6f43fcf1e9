// Blind rating with a plan (issue 16, item 15): before rating, the dialog proposes how many of the unrated pairs
// to rate for a decision; during the round it shows the leader's estimate without its name, and it stops as soon
// as the leader is decided by the anytime-valid interval. Two panes are seeded with twenty answered turns.
import { planSize, rulesOutHalf } from '../src-shared/blind-plan';
import { SESSION_VERSION, sessionSchema, type Session } from '../src-shared/session';
import { expect, test } from './support/fixture';
import { dataDirWith } from './support/saved-sessions';
import { menuItem } from './support/ui';

const TURNS = 20;

/** A data folder with one session: two labelled panes that answered the same TURNS prompts, one always with ALPHA. */
function seeded(extra: Partial<Pick<Session, 'experiments'>> & { samples?: boolean } = {}): string {
  const now = new Date().toISOString();
  const config = { model: 'gemini-3-flash-preview' };
  const session: Session = sessionSchema.parse({
    version: SESSION_VERSION,
    id: 'blind-plan',
    title: 'Blind plan',
    createdAt: now,
    updatedAt: now,
    historyMode: 'stateless',
    panes: ['Alpha', 'Beta'].map((name, p) => ({
      id: `pane-${p + 1}`,
      label: `${name} config`,
      config,
      turns: Array.from({ length: TURNS }, (_, t) => ({
        id: `pane-${p + 1}-turn-${t}`,
        input: { text: `Prompt number ${t + 1}` },
        config,
        status: 'done',
        text: `${name.toUpperCase()} answers prompt ${t + 1}.`,
        thought: '',
        steps: [],
        startedAt: now,
        // A second repeat run of the first prompt: ids the ratings of the first run do not name.
        ...(extra.samples && t === 0 ? { samples: [{ id: `run2-sample-${p + 1}`, status: 'done', text: `${name.toUpperCase()} sample.`, thought: '', config, startedAt: now }] } : {}),
      })),
    })),
    ...(extra.experiments ? { experiments: extra.experiments } : {}),
  });
  return dataDirWith(session, 'blind');
}

test('a plan of 19 of 20 pairs stops once the leader is decided, naming it only then; bad input is refused', async ({ launch }, testInfo) => {
  test.setTimeout(90_000);
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaTestKey-blind-plan-51c0' }, dataDir: seeded() });
  const { page } = app;
  await expect(page.getByTestId('pane')).toHaveCount(2);
  await expect(page.getByTestId('pane').first()).toContainText('ALPHA answers prompt 20.', { timeout: 15_000 });

  await page.getByTestId('experiments-menu').click();
  await menuItem(page, 'blind-open').click();
  const dialog = page.getByTestId('blind-dialog');
  const plan = dialog.getByTestId('blind-plan');
  await expect(plan).toContainText('20 pairs of answers from 2 configurations');

  // 80 % needs more pairs than there are: all 20, and the dialog says what they can find instead.
  const needed80 = planSize({ configurations: 2, winRate: 0.8, confidence: 0.95 })!;
  expect(needed80).toBeGreaterThan(TURNS);
  await expect(plan.getByTestId('blind-plan-size')).toHaveAttribute('data-pairs', String(TURNS));
  await expect(plan.getByTestId('blind-plan-size')).toContainText(`Rate ${TURNS} of ${TURNS} pairs — all of them, and still short of that`);

  await plan.getByTestId('blind-plan-target').fill('45');
  await expect(plan.getByTestId('blind-plan-error')).toHaveText('Win rate to find: a percentage above 50 and below 100');
  await expect(plan.getByTestId('blind-plan-start')).toBeDisabled();

  const needed90 = planSize({ configurations: 2, winRate: 0.9, confidence: 0.95 })!;
  expect(needed90).toBeLessThan(TURNS);
  await plan.getByTestId('blind-plan-target').fill('90');
  await expect(plan.getByTestId('blind-plan-size')).toHaveAttribute('data-pairs', String(needed90));
  await expect(plan.getByTestId('blind-plan-size')).toContainText(`Rate ${needed90} of ${TURNS} pairs: enough to find a configuration that wins 90 %`);
  await expect(plan.getByTestId('blind-plan-all')).toHaveText(`Rate all ${TURNS}`);
  for (const width of [1440, 900, 700]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`blind-plan-${width}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  await plan.getByTestId('blind-plan-start').click();
  const progress = dialog.getByTestId('blind-progress');
  await expect(progress).toContainText(`Pair 1 of ${needed90}`);
  await expect(dialog.getByTestId('blind-estimate')).toContainText(`No ratings yet · ${needed90} pairs in the plan`);

  // Always pick ALPHA. With two configurations, n wins of n decide once they rule out ½ at 5 %.
  let decideAt = 1;
  while (!rulesOutHalf(decideAt, decideAt, 0.05)) decideAt++;
  const prompts = new Set<string>();
  for (let i = 0; i < decideAt; i++) {
    await expect(progress).toContainText(`Pair ${i + 1} of ${needed90}`);
    prompts.add((await dialog.getByTestId('blind-prompt').textContent()) ?? '');
    const left = (await dialog.getByTestId('blind-text-a').textContent()) ?? '';
    await expect(dialog).not.toContainText('Alpha config');
    await dialog.getByTestId(left.includes('ALPHA') ? 'blind-pick-a' : 'blind-pick-b').click();
    if (i === 0) await expect(dialog.getByTestId('blind-estimate')).toContainText('Leader so far (name hidden): 100 %');
  }
  // Each pick was a different prompt (the plan spreads over turns).
  expect(prompts.size).toBe(decideAt);

  const stopped = dialog.getByTestId('blind-stopped');
  await expect(stopped).toHaveAttribute('data-kind', 'decided');
  await expect(stopped).toContainText(`Decided after ${decideAt} of ${needed90} pairs: Alpha config wins 100 % of its comparisons`);
  await expect(dialog.getByTestId('blind-progress')).toHaveCount(0);
  // The results open at the stop, with the names.
  await expect(dialog.getByTestId('blind-rate-row').first()).toContainText('Alpha config');
  await expect(dialog.getByTestId('blind-rate-row').first()).toContainText(`${decideAt} – 0 – 0`);
  for (const width of [1440, 900, 700]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`blind-stopped-${width}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });

  // Undo takes the stop back; picking again stops again; the person may go on regardless.
  await stopped.getByTestId('blind-undo').click();
  await expect(progress).toContainText(`Pair ${decideAt} of ${needed90}`);
  await page.keyboard.press(((await dialog.getByTestId('blind-text-a').textContent()) ?? '').includes('ALPHA') ? '1' : '2');
  await expect(stopped).toHaveAttribute('data-kind', 'decided');
  await stopped.getByTestId('blind-keep-going').click();
  await expect(progress).toContainText(`Pair ${decideAt + 1} of ${needed90}`);
  await dialog.getByTestId('blind-dialog-close').click();

  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
  const saved = await app.core.api.getSession({ id: 'blind-plan' });
  const ratings = saved.experiments?.ratings ?? [];
  expect(ratings).toHaveLength(decideAt);
  expect(ratings.every((r) => (r.winner === 'a' ? r.a : r.b).paneId === 'pane-1')).toBe(true);
});

test('ratings of panes a sweep replaced, and of samples a later repeat run replaced, do not stop the round', async ({ launch }) => {
  const at = new Date().toISOString();
  const side = (paneId: string, label: string, turnId: string, sampleId?: string) => ({ paneId, label, turnId, ...(sampleId ? { sampleId } : {}), answer: `${at}#x` });
  // Twelve clear wins of a pane no longer there: its table row stays, but it is not in the round.
  const gone = Array.from({ length: 12 }, (_, t) => ({ id: `old-${t}`, at, turn: t, a: side('old-1', 'Old winner', `old-1-turn-${t}`), b: side('old-2', 'Old loser', `old-2-turn-${t}`), winner: 'a' as const }));
  const replaced = { id: 'run1', at, turn: 0, sample: 0, a: side('pane-1', 'Alpha config', 'pane-1-turn-0', 'run1-sample-1'), b: side('pane-2', 'Beta config', 'pane-2-turn-0', 'run1-sample-2'), winner: 'a' as const };
  const app = await launch({ env: { GEMINI_API_KEY: 'AIzaTestKey-blind-plan-51c0' }, dataDir: seeded({ samples: true, experiments: { ratings: [...gone, replaced] } }) });
  const { page } = app;
  await expect(page.getByTestId('pane').first()).toContainText('ALPHA answers prompt 20.', { timeout: 15_000 });

  await page.getByTestId('experiments-menu').click();
  await menuItem(page, 'blind-open').click();
  const dialog = page.getByTestId('blind-dialog');
  await expect(dialog.getByTestId('blind-rating-count')).toContainText('12 ratings (1 more on answers since replaced, not counted)');
  // The turns' answers and the second run's samples: all unrated.
  await expect(dialog.getByTestId('blind-plan')).toContainText(`${TURNS + 1} pairs of answers from 2 configurations`);
  const pairs = Number(await dialog.getByTestId('blind-plan-size').getAttribute('data-pairs'));
  await dialog.getByTestId('blind-plan-start').click();
  await dialog.getByTestId('blind-pick-a').click();
  // One pick is not a decision: the old winner's twelve are outside the round.
  await expect(dialog.getByTestId('blind-progress')).toContainText(`Pair 2 of ${pairs}`);
  await expect(dialog.getByTestId('blind-stopped')).toHaveCount(0);
  await expect(dialog.getByTestId('blind-estimate')).toContainText('Leader so far (name hidden): 100 %');
  await expect(dialog).not.toContainText('Old winner');
  await expect(dialog.getByTestId('blind-rating-count')).toContainText('13 ratings (1 more on answers since replaced, not counted)');
});
