import { describe, expect, it } from 'vitest';
import {
  changeCount,
  changeInPoints,
  constructLabel,
  count,
  describeChanges,
  fte,
  fteAligned,
  levelLabel,
  money,
  NONE,
  percentText,
  ratio,
  roleStandard,
  schoolsWithGapText,
  scaleMean,
  shareText,
  signed,
  standardRatio,
  tierName,
  withheld,
  withheldText
} from '../../src/lib/core/present';
import type { Change } from '../../src/lib/core/scenario/types';

describe('numbers as people read them', () => {
  it('writes counts whole, with separators, and never "-0"', () => {
    expect(count(57091)).toBe('57,091');
    expect(count(12.5)).toBe('13');
    expect(count(-0.3)).toBe('0');
    expect(count(null)).toBe(NONE);
    expect(count(NaN)).toBe(NONE);
  });

  it('takes a share in shareText and a percentage in percentText', () => {
    expect(shareText(0.85)).toBe('85%');
    expect(percentText(85)).toBe('85%');
    expect(shareText(0.125, 1)).toBe('12.5%');
    expect(percentText(66.67, 1)).toBe('66.7%');
    expect(shareText(null)).toBe(NONE);
    expect(percentText(-0.2)).toBe('0%');
  });

  it('shows FTE with one or two decimals, and two in a printed column', () => {
    expect(fte(1)).toBe('1.0');
    expect(fte(0.25)).toBe('0.25');
    expect(fteAligned(1)).toBe('1.00');
    expect(fteAligned(-0.001)).toBe('0.00');
    expect(scaleMean(4)).toBe('4.00');
    expect(scaleMean(null)).toBe(NONE);
  });

  it('writes a ratio as 1:n, and no ratio where no one is in the role', () => {
    expect(ratio(250)).toBe('1:250');
    expect(ratio(1234.4)).toBe('1:1,234');
    expect(ratio(null)).toBe('no one');
  });

  it('signs differences with a true minus, and leaves none on a difference that rounds to zero', () => {
    expect(signed(12)).toBe('+12');
    expect(signed(-3)).toBe('−3');
    expect(signed(0.2)).toBe('0');
    expect(signed(-65000, money)).toBe('−$65,000');
    expect(money(-0.2)).toBe('$0');
    expect(changeInPoints(3.46)).toBe('+3.5 pts');
    expect(changeInPoints(-100)).toBe('−100 pts');
    expect(changeInPoints(null)).toBe(NONE);
  });

  it('says the schools with a gap as the Map and the command line both say it', () => {
    expect(schoolsWithGapText(46, 127)).toBe('46 of 127 schools have a gap');
    expect(schoolsWithGapText(1234, 10000)).toBe('1,234 of 10,000 schools have a gap');
    expect(schoolsWithGapText(0, 1)).toBe('0 of 1 school has a gap');
  });
});

describe('labels', () => {
  it('names tiers, constructs, levels and standards', () => {
    expect(tierName(3)).toBe('Tier 3 (intensive)');
    expect(tierName(4)).toBe('Tier 4');
    expect(constructLabel('school_climate')).toBe('School climate');
    expect(levelLabel('k8')).toBe('K–8');
    expect(levelLabel(null)).toBe('');
    expect(roleStandard('school_counselor')).toBe('ASCA');
    expect(standardRatio('school_counselor')).toBe(250);
    expect(roleStandard('unknown')).toBe('');
  });

  it('says withheld without any figure', () => {
    expect(withheld(10)).toBe('n<10');
    expect(withheldText({ withheld: 'few' }, 10)).toBe('Withheld: fewer than 10 respondents');
    expect(withheldText({ withheld: 'complementary' }, 10)).not.toMatch(/\d/);
  });
});

describe('scenario changes in words', () => {
  const name = (id: string) => ({ A: 'Alder Elementary', B: 'Birch Middle' })[id] ?? id;

  it('reads a move as one line and counts it once', () => {
    const changes: Change[] = [
      { type: 'fte', school_id: 'A', role: 'school_counselor', fte: -0.5 },
      { type: 'fte', school_id: 'B', role: 'school_counselor', fte: 0.5 },
      { type: 'ratio', role: 'school_psychologist', ratio: 500 }
    ];
    expect(describeChanges(changes, name)).toEqual([
      { indices: [0, 1], text: 'Move 0.5 FTE school counselor from Alder Elementary to Birch Middle' },
      { indices: [2], text: 'Staff school psychologists to 1:500 students' }
    ]);
    expect(changeCount(changes)).toBe(2);
  });

  it('names every school for a change that applies to all, and a rate as a percent of enrollment', () => {
    const changes: Change[] = [
      { type: 'fte', school_id: '*', role: 'school_social_worker', fte: 1 },
      { type: 'tier_rate', tier: 2, rate: 0.155 }
    ];
    expect(describeChanges(changes, name).map((c) => c.text)).toEqual([
      'Add 1.0 FTE school social worker for every school',
      'Count 15.5% of enrollment as needing Tier 2 (targeted) where no screening count is loaded'
    ]);
  });
});
