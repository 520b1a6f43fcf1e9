// Opening links outside the app: only what main validated is opened, and every refusal says why.
import { describe, expect, it } from 'vitest';
import { MAX_OPENS, OPEN_WINDOW_MS, OpenLimit, openExternalLink } from './external-links';
import { silentLogger } from './ports';

function recorder() {
  const opened: string[] = [];
  return { opened, open: async (url: string) => void opened.push(url) };
}

describe('openExternalLink', () => {
  it('opens http, https and mailto links as validated', async () => {
    const { opened, open } = recorder();
    for (const url of ['https://ai.google.dev/docs', 'http://example.com', 'mailto:a@example.com?subject=Hi']) {
      expect(await openExternalLink(url, open, silentLogger)).toEqual({ opened: true });
    }
    expect(opened).toEqual(['https://ai.google.dev/docs', 'http://example.com/', 'mailto:a@example.com?subject=Hi']);
  });

  it('refuses with the reason, as BAD_REQUEST, and opens nothing', async () => {
    const { opened, open } = recorder();
    await expect(openExternalLink('ftp://example.com/', open, silentLogger)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Only http, https and mailto links are opened.',
    });
    await expect(openExternalLink('mailto:a@example.com?attach=/etc/passwd', open, silentLogger)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'A mail link may set only to, cc, bcc, subject, body; this one sets “attach”.',
    });
    expect(opened).toEqual([]);
  });

  it('says so when the system cannot open the link, e.g. no mail application', async () => {
    const fails = () => Promise.reject(new Error('Failed to open: no handler for mailto'));
    await expect(openExternalLink('mailto:a@example.com', fails, silentLogger)).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'The system could not open the link: is a mail application set up to open it?',
    });
    await expect(openExternalLink('https://example.com/', fails, silentLogger)).rejects.toMatchObject({
      message: 'The system could not open the link: is a web browser set up to open it?',
    });
  });

  it('answers opened: false where there is no opener', async () => {
    expect(await openExternalLink('https://example.com/', undefined, silentLogger)).toEqual({ opened: false });
  });

  it(`opens at most ${MAX_OPENS} links in any ${OPEN_WINDOW_MS} ms, refusing the rest with the reason, and more once they are older`, async () => {
    const { opened, open } = recorder();
    let now = 1_000;
    const limit = new OpenLimit({ now: () => now });
    const links = Array.from({ length: MAX_OPENS + 1 }, (_, i) => `https://example.com/${i}`);
    for (const url of links.slice(0, MAX_OPENS)) {
      expect(await openExternalLink(url, open, silentLogger, limit)).toEqual({ opened: true });
      now += 100;
    }
    await expect(openExternalLink(links[MAX_OPENS]!, open, silentLogger, limit)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `At most ${MAX_OPENS} links open within ${OPEN_WINDOW_MS / 1000} seconds: wait a moment and open it again.`,
    });
    expect(opened).toEqual(links.slice(0, MAX_OPENS));

    now = 1_000 + OPEN_WINDOW_MS;
    expect(await openExternalLink(links[MAX_OPENS]!, open, silentLogger, limit)).toEqual({ opened: true });
    await expect(openExternalLink('https://example.com/again', open, silentLogger, limit)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(opened).toEqual(links);
  });

  it('counts only links it opens: a refused link leaves the allowance as it was', async () => {
    const { opened, open } = recorder();
    const limit = new OpenLimit({ now: () => 0 });
    for (let i = 0; i < MAX_OPENS * 2; i++) await openExternalLink('ftp://example.com/', open, silentLogger, limit).catch(() => undefined);
    for (let i = 0; i < MAX_OPENS; i++) expect(await openExternalLink(`https://example.com/${i}`, open, silentLogger, limit)).toEqual({ opened: true });
    expect(opened).toHaveLength(MAX_OPENS);
  });
});
