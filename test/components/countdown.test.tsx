// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Countdown } from '../../components/Countdown';
import { StageBadge, stageLabel } from '../../components/StageBadge';
import { isHttpsHref, valueText } from '../../components/format';
import { titleText } from '../../lib/watchlist/entry';
import { countdown } from '../../lib/dates';
import { keyDateStyle } from '../../lib/timeline/key-dates';
import type { KeyDateType } from '../../lib/timeline/types';

afterEach(cleanup);

const now = new Date('2026-03-27T12:00:00Z');

describe('countdown of a key date', () => {
  it.each<[string, KeyDateType | undefined, string | undefined]>([
    ['2026-03-27T11:00:00Z', 'submissionDeadline', 'closed 1 hour ago'],
    ['2026-03-27T12:00:00Z', 'submissionDeadline', 'closed less than a minute ago'],
    ['2026-03-01T22:59:00Z', 'submissionDeadline', 'closed 26 days ago'],
    // The last day counts on the clock (now is 12:00 GMT on 27 March).
    ['2026-03-27T12:59:59Z', 'submissionDeadline', 'closes in 59 minutes'],
    ['2026-03-27T13:00:00Z', 'submissionDeadline', 'closes in 1 hour'],
    ['2026-03-27T23:59:00Z', 'submissionDeadline', 'closes in 11 hours'],
    ['2026-03-28T09:00:00Z', 'enquiryDeadline', 'closes in 21 hours'],
    ['2026-03-28T11:59:59Z', 'enquiryDeadline', 'closes in 23 hours'],
    ['2026-03-28T12:00:00Z', 'enquiryDeadline', 'closes tomorrow'],
    // Across the change to BST (29 March 2026): London calendar days, not 24-hour blocks.
    ['2026-03-30T22:59:00Z', 'expressionOfInterestDeadline', 'closes in 3 days'],
    ['2026-03-27T11:00:00Z', 'contractStart', undefined],
    ['2026-03-27T23:00:00Z', 'contractStart', 'today'],
    ['2026-03-28T00:00:00Z', 'awardPeriodEnd', 'tomorrow'],
    ['2026-04-26T12:00:00Z', 'futureNotice', 'in 30 days'],
    ['2026-04-26T12:00:00Z', undefined, 'in 30 days'],
  ])('%s (%s) reads %s', (at, type, words) => {
    expect(countdown(now, new Date(at), keyDateStyle(type))).toBe(words);
  });
});

describe('Countdown', () => {
  it('marks deadlines a week or less away as urgent, and closed ones as closed', () => {
    const { container } = render(
      <>
        <Countdown now={now} at="2026-03-30T22:59:00Z" type="submissionDeadline" />
        <Countdown now={now} at="2026-04-30T22:59:00Z" type="submissionDeadline" />
        <Countdown now={now} at="2026-03-01T22:59:00Z" type="submissionDeadline" />
        <Countdown now={now} at="2026-03-30T22:59:00Z" type="contractStart" />
        <Countdown now={now} at="2026-03-01T22:59:00Z" type="contractStart" />
      </>,
    );
    expect([...container.querySelectorAll('span')].map((s) => [s.className, s.textContent])).toEqual([
      ['tt-countdown tt-countdown--urgent', 'closes in 3 days'],
      ['tt-countdown', 'closes in 34 days'],
      ['tt-countdown tt-countdown--closed', 'closed 26 days ago'],
      ['tt-countdown', 'in 3 days'],
    ]);
  });
});

describe('shared text', () => {
  it('words stages and tags them by colour', () => {
    expect(stageLabel('contract management')).toBe('Contract management');
    expect(stageLabel('unknown')).toBe('Stage unknown');
    const { container } = render(<StageBadge stage="tender" />);
    expect(container.innerHTML).toBe('<strong class="tt-tag tt-tag--green">Tender</strong>');
  });

  it('words values, titles and accepts only https links', () => {
    const gbp = (amount: number) => ({ amount, currency: 'GBP' });
    expect(valueText({})).toBe('not specified');
    expect(valueText({ net: gbp(1000) })).toBe('£1,000');
    expect(valueText({ gross: gbp(1200) })).toBe('£1,200 including VAT');
    expect(valueText({ net: gbp(1000), gross: gbp(1200) })).toBe('£1,000 (£1,200 including VAT)');
    expect(titleText('  ')).toBe('Untitled procurement');
    expect([
      'https://www.find-tender.service.gov.uk/Notice/066750-2025',
      'javascript:alert(1)',
      ' https://x.test/',
      'http://x.test/',
      'https:alert(1)',
      'data:text/html,x',
      'https://x.test/a\nb',
    ].map(isHttpsHref)).toEqual([true, false, false, false, false, false, false]);
    expect(isHttpsHref(undefined)).toBe(false);
  });
});
