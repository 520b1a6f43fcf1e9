// The test set in a session's Markdown transcript: the template, the assertions, and per pane the pass rate with
// its interval, latency and tokens — the results grid's summary row, as people read a transcript.
import type { Session } from '../session';
import { describeAssertion } from './assertions';
import { summarizePanes } from './summary';
import { formatShare as percent } from '../percent';

const cell = (text: string): string => text.replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');

/** Nothing for a session without a run; else a "Test cases" section (`labels` name the panes, in order). */
export function testSetSection(session: Session, labels: readonly string[]): string[] {
  const set = session.testSet;
  if (!set || set.results.length === 0) return [];
  const out = ['## Test cases', ''];
  out.push(`_${set.cases.length} ${set.cases.length === 1 ? 'case' : 'cases'}${set.serviceTier ? ` · service tier ${set.serviceTier}` : ''}; pass rate over judged answers, 95 % Wilson interval._`, '');
  out.push('**Prompt template**', '', ...set.prompt.split('\n').map((line) => (line ? `> ${line}` : '>')), '');
  if (set.assertions.length > 0) out.push('**Assertions**', '', ...set.assertions.map((a) => `- ${cell(describeAssertion(a))}`), '');
  out.push('| pane | passed / judged | pass rate | 95 % interval | failed requests | median latency | tokens in / out |', '| --- | --- | --- | --- | --- | --- | --- |');
  const summaries = summarizePanes(set, session.panes.map((p) => ({ id: p.id, model: p.config.model })));
  summaries.forEach((s, i) => {
    const rate = s.passRate;
    const latency = s.medianLatencyMs === undefined ? '—' : `${(s.medianLatencyMs / 1000).toFixed(1)} s`;
    out.push(
      `| ${cell(labels[i] ?? s.paneId)} | ${s.passed} / ${s.passed + s.failed} | ${rate ? percent(rate.rate) : '—'} | ${rate ? `${percent(rate.low)} – ${percent(rate.high)}` : '—'} | ${s.errors} | ${latency} | ${s.inputTokens} / ${s.outputTokens} |`,
    );
  });
  out.push('');
  return out;
}
