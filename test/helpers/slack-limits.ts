import type { KnownBlock } from '@slack/types';
import { SLACK_LIMITS } from '../../src/blocks/limits.ts';
import type { SlackMessage } from '../../src/blocks/message.ts';

/**
 * Every Block Kit limit of ../shared/SLACK.md that our messages can reach, checked on a real
 * message. Returns the violations (empty when the message is valid), so a failing test
 * says which limit broke.
 */
export function slackLimitViolations(message: SlackMessage): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(message.text.length > 0, 'fallback text is empty');
  check(
    message.text.length <= SLACK_LIMITS.fallbackText,
    `fallback text ${message.text.length} chars`,
  );
  check(message.blocks.length <= SLACK_LIMITS.blocksPerMessage, `${message.blocks.length} blocks`);
  check(
    JSON.stringify(message.blocks).length <= SLACK_LIMITS.messageTotalText,
    `blocks total ${JSON.stringify(message.blocks).length} chars`,
  );
  const blockIds = new Set<string>();
  message.blocks.forEach((block: KnownBlock, i) => {
    if (block.block_id !== undefined) {
      check(!blockIds.has(block.block_id), `block_id ${block.block_id} repeated`);
      check(block.block_id.length <= SLACK_LIMITS.blockId, `block ${i} block_id too long`);
      blockIds.add(block.block_id);
    }
    if (block.type === 'section') {
      check(
        (block.text?.text.length ?? 0) <= SLACK_LIMITS.sectionText,
        `section ${i} text too long`,
      );
      check(
        (block.fields?.length ?? 0) <= SLACK_LIMITS.sectionFields,
        `section ${i} too many fields`,
      );
    }
    if (block.type === 'header') {
      check(block.text.text.length <= SLACK_LIMITS.headerText, `header ${i} too long`);
    }
    if (block.type === 'context') {
      check(
        block.elements.length <= SLACK_LIMITS.contextElements,
        `context ${i} too many elements`,
      );
      for (const el of block.elements) {
        if ('text' in el && typeof el.text === 'string') {
          check(el.text.length <= SLACK_LIMITS.sectionText, `context ${i} text too long`);
        }
      }
    }
    if (block.type === 'actions') {
      check(
        block.elements.length <= SLACK_LIMITS.actionsElements,
        `actions ${i} too many elements`,
      );
      const actionIds = new Set<string>();
      for (const el of block.elements) {
        if (el.type !== 'button') continue;
        check(el.text.text.length <= SLACK_LIMITS.buttonText, `button text too long in block ${i}`);
        check(
          (el.value ?? '').length <= SLACK_LIMITS.buttonValue,
          `button value too long in block ${i}`,
        );
        check((el.url ?? '').length <= SLACK_LIMITS.buttonUrl, `button url too long in block ${i}`);
        const id = el.action_id ?? '';
        check(id.length > 0 && id.length <= SLACK_LIMITS.actionId, `bad action_id in block ${i}`);
        check(!actionIds.has(id), `action_id ${id} repeated in block ${i}`);
        actionIds.add(id);
      }
    }
  });
  return problems;
}

/** All mrkdwn and plain text of a message, for asserting on what a user reads. */
export function allText(message: SlackMessage): string {
  const texts: string[] = [message.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') texts.push(value);
        else walk(value);
      }
    }
  };
  walk(message.blocks);
  return texts.join('\n');
}

/**
 * Slack control sequences that would ping people or render links if a user's text reached
 * mrkdwn unescaped. Our own links (`<https://…|…>`) and user mentions we write on purpose
 * (`<@U…>` of the person who shared) are allowed by the caller.
 */
export function controlSequences(text: string): string[] {
  return [...text.matchAll(/<[!@#][^>]*>/g)].map((m) => m[0]);
}
