/**
 * The share of the question table (test/fixtures/questions.ts) the bot answers right over
 * the seed session, overall and per kind of question.
 *
 * Usage: npx tsx scripts/question-eval.ts [--verbose]
 */
import { parseArgs } from 'node:util';
import { buildBot } from '../src/compose.ts';
import { QUESTIONS, type QuestionKind } from '../test/fixtures/questions.ts';
import { ask, judgeAnswer } from '../test/helpers/question-judge.ts';

const { values } = parseArgs({ options: { verbose: { type: 'boolean', default: false } } });
const { replies } = buildBot('data');
const tally = new Map<QuestionKind | 'all', { right: number; asked: number }>();
const count = (kind: QuestionKind | 'all', right: boolean) => {
  const t = tally.get(kind) ?? { right: 0, asked: 0 };
  tally.set(kind, { right: t.right + (right ? 1 : 0), asked: t.asked + 1 });
};
for (const row of QUESTIONS) {
  const message = await ask(replies, row);
  const wrong = judgeAnswer(row, message);
  count(row.kind, wrong === undefined);
  count('all', wrong === undefined);
  if (wrong && values.verbose) console.log(`✗ [${row.via}] ${row.ask}\n    ${wrong}`);
}
for (const [kind, { right, asked }] of tally) {
  console.log(`${kind.padEnd(8)} ${right}/${asked} ${((100 * right) / asked).toFixed(1)} %`);
}
