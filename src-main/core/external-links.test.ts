// Opening links outside the app: only what main validated is opened, and every refusal says why.
import { describe, expect, it } from 'vitest';
import { openExternalLink } from './external-links';
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
});
