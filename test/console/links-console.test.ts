import { describe, expect, it } from 'vitest';
import { FIND_NOTE } from '../../src/console/console.ts';
import { parseSlackInput } from '../../src/console/slack-input.ts';
import { driveSeedConsole as drive } from '../helpers/seed-console.ts';

const KNOW_THYSELF = 'Know Thyself: Transferable Visual Control Policies Through Robot-Awareness';

describe('links and shortcuts in the console (issue 13)', () => {
  it('reads a link, `about <text>` and `find` apart from a /poster search', () => {
    expect(parseSlackInput('https://iclr.cc/virtual/2022/poster/6041')).toEqual({
      kind: 'link',
      url: 'https://iclr.cc/virtual/2022/poster/6041',
    });
    expect(parseSlackInput('<https://openreview.net/forum?id=x>')).toEqual({
      kind: 'link',
      url: 'https://openreview.net/forum?id=x',
    });
    expect(parseSlackInput('about robots that know their body')).toEqual({
      kind: 'about',
      text: 'robots that know their body',
    });
    expect(parseSlackInput('find')).toEqual({ kind: 'find' });
    expect(parseSlackInput('/poster find me robots')).toEqual({
      kind: 'command',
      text: 'find me robots',
    });
  });

  it('prints the card of a pasted poster page and of an OpenReview forum link', async () => {
    const printed = await drive([
      'https://iclr.cc/virtual/2022/poster/6041',
      'http://www.openreview.net/forum?id=W9G_ImpHlQd&utm_source=slack',
    ]);
    expect(printed.split(KNOW_THYSELF).length).toBe(2);
    expect(printed).toContain('(posted to the channel)');
  });

  it('says so when a link names no poster of the catalog', async () => {
    const printed = await drive(['https://openreview.net/forum?id=NotInTheSeed1']);
    expect(printed).toContain('names no poster of the catalog');
  });

  it('answers `about <text>` as the "Find posters about this" shortcut', async () => {
    const printed = await drive(['about robot awareness for visual control policies']);
    expect(printed).toContain(KNOW_THYSELF);
  });

  it('opens the search form with `find`', async () => {
    const printed = await drive(['find']);
    expect(printed).toContain('(opened a view)');
    expect(printed).toContain('input block not shown in the console');
    expect(printed).toContain(FIND_NOTE);
  });
});
