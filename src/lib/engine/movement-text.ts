/** SPEC §4.6 and §6: the Risk ARR bridge in words a CS leader can say, and in one line for the slide. */
import { formatMoneyShort } from './format';
import type { Movement } from './movement';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-09-30" → "30 Sep 2026" (the year left out when it is `thisYear`). */
export function shortDate(iso: string, thisYear?: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m - 1]}${y === thisYear ? '' : ` ${y}`}`;
}

/** Matched accounts that moved into Risk and out of it. */
export function riskMoves(m: Movement): { into: number; outOf: number } {
  const c = m.matrix.count;
  return { into: c[0][2] + c[1][2], outOf: c[2][0] + c[2][1] };
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

/**
 * "Risk ARR rose $1.1M since 30 Sep: $1.4M moved in (12 accounts), $0.3M moved out (4)", then the new and
 * gone parts and the change of accounts in Risk both times when they are not zero.
 */
export function bridgeSentence(m: Movement, previousAsOf: string, thisYear?: number): string {
  const b = m.bridge;
  const net = b.current - b.previous;
  const moves = riskMoves(m);
  const head = net === 0
    ? `Risk ARR is unchanged at ${formatMoneyShort(b.current)} since ${shortDate(previousAsOf, thisYear)}`
    : `Risk ARR ${net > 0 ? 'rose' : 'fell'} ${formatMoneyShort(Math.abs(net))} since ${shortDate(previousAsOf, thisYear)}`;
  const parts = [
    `${formatMoneyShort(b.into)} moved in (${plural(moves.into, 'account')})`,
    `${formatMoneyShort(b.outOf)} moved out (${moves.outOf.toLocaleString('en-US')})`,
  ];
  if (b.new !== 0) parts.push(`${formatMoneyShort(b.new)} new in Risk`);
  if (b.gone !== 0) parts.push(`${formatMoneyShort(b.gone)} gone`);
  if (b.change !== 0) parts.push(`${b.change > 0 ? '+' : ''}${formatMoneyShort(b.change)} from accounts in Risk both times`);
  return `${head}: ${parts.join(', ')}.`;
}

/** SPEC §6: "Risk ARR $5.2M: +$1.4M moved in, −$0.3M moved out since 2026-09-30". */
export function bridgeLine(m: Movement, previousAsOf: string): string {
  const b = m.bridge;
  return `Risk ARR ${formatMoneyShort(b.current)}: +${formatMoneyShort(b.into)} moved in, −${formatMoneyShort(b.outOf)} moved out since ${previousAsOf}`;
}
