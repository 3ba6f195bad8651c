import { describe, expect, it } from 'vitest';
import { driveSeedConsole as consoleSays } from '../helpers/seed-console.ts';

describe('the console answers questions as Slack does', () => {
  it('a wrapped question, a named poster and facets', async () => {
    const printed = await consoleSays([
      '@poster is anyone presenting work on speeding up vision transformers?',
      '@poster where is the F8Net poster?',
      '/poster orals',
    ]);
    expect(printed).toContain('for ‘speeding up vision transformers’');
    expect(printed).not.toContain('is anyone presenting');
    expect(printed).toContain('1 poster for ‘F8Net’');
    expect(printed).toContain('Presented in Poster Session 9');
    expect(printed).toContain('4 posters among the orals');
  });
});
