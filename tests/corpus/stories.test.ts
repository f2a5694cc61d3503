import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParsedArticle } from '../../src/corpus/article.js';
import { isSameStory, StoryGrouper } from '../../src/corpus/stories.js';
import { decodeSections, encodeSections } from '../../src/storage/binary-sections.js';

function article(id: string, title: string, paragraphs: string[]): ParsedArticle {
  return {
    id,
    title,
    paragraphs,
    published: null,
    source: null,
    url: null,
    credit: null,
    origin: `${id}.txt`,
  };
}

function dataLines(file: string): string[] {
  return readFileSync(new URL(`../../data/articles/${file}`, import.meta.url), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

// A report and the same event as rewritten by another outlet: new headline, a few words changed
// in most sentences, one sentence dropped, one moved.
const FLOOD_REPORT = [
  'Emergency crews evacuated more than 2,000 residents from low-lying suburbs of Lismore on Tuesday night as the Wilsons River rose above 12 metres for the second time in three years.',
  'The State Emergency Service issued an evacuation order shortly after 9pm, warning people in North and South Lismore to leave immediately and move to higher ground.',
  'Shelters were opened at the Southern Cross University campus and at the showground, where volunteers handed out blankets, food and water through the night.',
  'Premier Chris Minns said helicopters and flood rescue boats had been sent from Sydney and Brisbane to help local crews, who carried out 47 rescues before midnight.',
  '"We are asking everyone in the evacuation zone to go now and not to wait for the water to reach their homes," SES commissioner Mike Wassing told reporters.',
  'The Bureau of Meteorology said a further 150 millimetres of rain could fall on the catchment by Thursday, and that the river was likely to peak early on Wednesday morning.',
  'Residents who lived through the 2022 flood said the speed of the rise had again caught many by surprise.',
];
const FLOOD_REWRITE = [
  'Emergency crews evacuated more than 2,000 people from low-lying suburbs of Lismore on Tuesday night as the Wilsons River rose above 12 metres for the second time in three years.',
  'The State Emergency Service issued an evacuation order soon after 9pm, warning people in North and South Lismore to leave immediately and head to higher ground.',
  'Premier Chris Minns said helicopters and flood rescue boats had been sent from Sydney and Brisbane to support local crews, who carried out 47 rescues before midnight.',
  'Shelters were opened at the Southern Cross University campus and at the showground, where volunteers handed out blankets, meals and water through the night.',
  '"We are asking everyone in the evacuation zone to go now and not to wait for the water to reach their homes," SES commissioner Mike Wassing told the ABC.',
  'The Bureau of Meteorology said another 150 millimetres of rain could fall on the catchment by Thursday, and that the river was likely to peak early on Wednesday.',
];

// The same wire report run by two papers, each with its own opening paragraph.
const WIRE_BODY = [
  'The central bank said inflation had eased to 2.7 per cent in the June quarter, within its target band for the first time since 2021, and that wage growth had slowed.',
  'Governor Michele Bullock told a press conference in Sydney that the board had considered holding rates steady but judged that the outlook for demand had weakened.',
  '"The board is mindful that households are still under pressure, and it will continue to watch the data closely," she said.',
  'Markets had priced in a cut of a quarter of a percentage point, and the Australian dollar was little changed after the announcement.',
  'The four major banks said they would pass the reduction on to variable mortgage customers in full within two weeks.',
];

// Two different events on the same topic: they share vocabulary and stock phrases, not sentences.
const RATES_HOLD = [
  'The Reserve Bank of Australia has left the cash rate on hold at 4.35 per cent for a seventh straight meeting, saying inflation remains too high and is falling more slowly than it expected.',
  'Governor Michele Bullock said the board did not rule anything in or out, and that services inflation was proving sticky, with rents and insurance still rising quickly.',
  'Economists had unanimously expected the decision, and most now see the first cut arriving no earlier than next year.',
  'Treasurer Jim Chalmers said the government understood that people with mortgages were doing it tough and that relief from the energy rebate would flow from next month.',
];
const RATES_CUT = [
  'The Reserve Bank of Australia has cut the cash rate by a quarter of a percentage point to 3.6 per cent, its third reduction this year, as unemployment edged up to 4.3 per cent.',
  'Governor Michele Bullock said the board was confident that inflation would settle near the middle of its target band and that the labour market had begun to loosen.',
  'Most economists had forecast the move after weak retail sales figures last week, and some expect another cut before Christmas.',
  'Treasurer Jim Chalmers welcomed the decision, saying it was the result of hard work by Australians and a budget that had helped bring inflation down.',
];

describe('StoryGrouper', () => {
  it('names a new story after its first article and collapses exact copies into it', () => {
    const grouper = new StoryGrouper();
    const first = grouper.assign(article('a1', 'Floods force evacuations', FLOOD_REPORT));
    expect(first).toEqual({ storyId: 'a1', duplicateOf: null });

    // Same words, different case, punctuation and paragraph breaks: still an exact copy.
    const copy = article('a2', 'FLOODS FORCE EVACUATIONS!', [FLOOD_REPORT.join('  ').toUpperCase()]);
    expect(grouper.assign(copy)).toEqual({ storyId: 'a1', duplicateOf: 'a1' });
    expect(grouper.size).toBe(1);
  });

  it('groups the same event rewritten by another outlet with light edits', () => {
    const grouper = new StoryGrouper();
    grouper.assign(article('abc', 'Thousands evacuated as Lismore floods again', FLOOD_REPORT));
    const rewrite = grouper.assign(article('smh', 'Lismore residents flee rising river', FLOOD_REWRITE));
    expect(rewrite).toEqual({ storyId: 'abc', duplicateOf: null });
  });

  it('groups a syndicated wire copy that has a different opening paragraph and headline', () => {
    const grouper = new StoryGrouper();
    grouper.assign(
      article('paper-a', 'RBA cuts rates as inflation eases', [
        'Mortgage holders will get relief after the Reserve Bank cut the cash rate by 25 basis points to 3.6 per cent on Tuesday.',
        ...WIRE_BODY,
      ]),
    );
    const other = grouper.assign(
      article('paper-b', 'Interest rate cut brings relief for borrowers', [
        'Borrowers in Perth stand to save about $90 a month on an average loan after the third rate cut of the year.',
        ...WIRE_BODY,
      ]),
    );
    expect(other.storyId).toBe('paper-a');
  });

  it('keeps two different events on the same topic apart', () => {
    const grouper = new StoryGrouper();
    const hold = grouper.assign(article('hold', 'RBA holds rates at 4.35 per cent', RATES_HOLD));
    const cut = grouper.assign(article('cut', 'RBA cuts rates to 3.6 per cent', RATES_CUT));
    expect(hold.storyId).toBe('hold');
    expect(cut.storyId).toBe('cut');
  });

  it('does not merge very short bodies that share only a phrase or two', () => {
    const grouper = new StoryGrouper();
    const items = [
      article('s1', 'Man taken to hospital', [
        'Police said the man was taken to hospital in a stable condition.',
      ]),
      article('s2', 'Man arrested', ['Police said the man was taken to a police station and charged.']),
      article('s3', 'Weather', ['Showers are expected in the afternoon.']),
      article('s4', 'Weather', ['Sunny with a top of 24 degrees.']),
      article('s5', 'Update', []),
    ];
    const stories = items.map((a) => grouper.assign(a).storyId);
    expect(stories).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });

  it('keeps the two Albanese and Trump seed articles, which report different events, apart', () => {
    const grouper = new StoryGrouper();
    const [title0 = '', ...body0] = dataLines('000_5d9088f66a69c5a4.txt');
    const [title2 = '', ...body2] = dataLines('002_d08a90018206e3e6.txt');
    expect(grouper.assign(article('seed-000', title0, body0)).storyId).toBe('seed-000');
    expect(grouper.assign(article('seed-002', title2, body2)).storyId).toBe('seed-002');
  });

  it('groups the Canberra Times item, one paragraph of the Perth Now report under the same title, with it', () => {
    const lines = dataLines('004_5c8317c93faa7fac.txt');
    const title = "Polish govt says Russian drone fell in country's east";
    const bodies = lines.flatMap((line, i) => (line === title ? [lines[i + 1] ?? ''] : []));
    expect(bodies).toHaveLength(2);
    const [perthNow = '', canberraTimes = ''] = bodies;
    expect(perthNow.includes(canberraTimes)).toBe(true);

    const grouper = new StoryGrouper();
    grouper.assign(article('perth-now', title, [perthNow]));
    expect(grouper.assign(article('canberra-times', title, [canberraTimes]))).toEqual({
      storyId: 'perth-now',
      duplicateOf: null,
    });
  });

  it('does not treat a short article as a copy when its headline differs and little of it is shared', () => {
    const grouper = new StoryGrouper();
    grouper.assign(article('long', 'Floods force evacuations', FLOOD_REPORT));
    const short = grouper.assign(
      article('brief', 'Rain forecast for the weekend', [
        'The Bureau of Meteorology said a further 150 millimetres of rain could fall over the weekend across the south coast.',
      ]),
    );
    expect(short.storyId).toBe('brief');
  });

  it('joins the story of its closest match, named after that story’s first article', () => {
    const grouper = new StoryGrouper();
    grouper.assign(article('first', 'Thousands evacuated as Lismore floods again', FLOOD_REPORT));
    grouper.assign(article('second', 'Lismore residents flee rising river', FLOOD_REWRITE));
    // Closest to the rewrite (it repeats the rewrite's edits); the rewrite belongs to story "first".
    const third = grouper.assign(
      article(
        'third',
        'Lismore evacuation',
        FLOOD_REWRITE.map((p) => p.replace('Tuesday', 'Tuesday evening')),
      ),
    );
    expect(third.storyId).toBe('first');
  });

  it('forgets removed articles: a copy of a removed article starts its own story', () => {
    const grouper = new StoryGrouper();
    grouper.assign(article('a', 'Floods force evacuations', FLOOD_REPORT));
    grouper.remove('a');
    expect(grouper.size).toBe(0);
    expect(grouper.assign(article('b', 'Floods force evacuations', FLOOD_REPORT))).toEqual({
      storyId: 'b',
      duplicateOf: null,
    });
    grouper.remove('not-there');
    expect(grouper.size).toBe(1);
  });

  it('keeps other members grouped after one member is removed, and reuses the removed slot', () => {
    const grouper = new StoryGrouper();
    grouper.assign(article('a', 'Floods force evacuations', FLOOD_REPORT));
    grouper.assign(article('b', 'Lismore residents flee rising river', FLOOD_REWRITE));
    grouper.remove('a');
    grouper.assign(article('hold', 'RBA holds rates at 4.35 per cent', RATES_HOLD));
    const again = grouper.assign(article('c', 'Lismore floods', FLOOD_REPORT));
    expect(again.storyId).toBe('a');
    expect(grouper.size).toBe(3);
  });

  it('treats assigning a known id again as a replacement, not as a copy of itself', () => {
    const grouper = new StoryGrouper();
    grouper.assign(article('a', 'Floods force evacuations', FLOOD_REPORT));
    expect(grouper.assign(article('a', 'Floods force evacuations', FLOOD_REPORT))).toEqual({
      storyId: 'a',
      duplicateOf: null,
    });
    expect(grouper.size).toBe(1);
  });

  it('gives the same assignments for the same input order', () => {
    const inputs = [
      article('1', 'Floods force evacuations', FLOOD_REPORT),
      article('2', 'RBA holds rates', RATES_HOLD),
      article('3', 'Lismore residents flee rising river', FLOOD_REWRITE),
      article('4', 'RBA cuts rates', RATES_CUT),
      article('5', 'Floods force evacuations', FLOOD_REPORT),
    ];
    const run = () => {
      const grouper = new StoryGrouper();
      return inputs.map((a) => grouper.assign(a));
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(first.map((s) => s.storyId)).toEqual(['1', '2', '1', '4', '1']);
    expect(first[4]?.duplicateOf).toBe('1');
  });

  it('rejects LSH settings that need more positions than a signature has', () => {
    expect(() => new StoryGrouper({ bands: 64, rows: 3 })).toThrow(RangeError);
  });
});

describe('isSameStory', () => {
  const base = { jaccard: 0, containment: 0, shared: 50, titleJaccard: 0 };

  it('accepts overlapping shingle sets at the Jaccard threshold', () => {
    expect(isSameStory({ ...base, jaccard: 0.3 })).toBe(true);
    expect(isSameStory({ ...base, jaccard: 0.29 })).toBe(false);
  });

  it('accepts a contained article only when the headlines agree', () => {
    expect(isSameStory({ ...base, jaccard: 0.1, containment: 0.9, titleJaccard: 1 })).toBe(true);
    expect(isSameStory({ ...base, jaccard: 0.1, containment: 0.9, titleJaccard: 0.2 })).toBe(false);
    expect(isSameStory({ ...base, jaccard: 0.1, containment: 0.4, titleJaccard: 1 })).toBe(false);
  });

  it('never accepts a pair sharing only a handful of shingles', () => {
    expect(isSameStory({ jaccard: 1, containment: 1, shared: 3, titleJaccard: 1 })).toBe(false);
  });
});

describe('StoryGrouper save and restore', () => {
  function restored(grouper: StoryGrouper): StoryGrouper {
    const decoded = decodeSections(encodeSections(grouper.toSections()));
    if (decoded === null) throw new Error('sections did not decode');
    return StoryGrouper.fromSections(decoded);
  }

  it('places a near-copy in the saved story at once after a restore', () => {
    const grouper = new StoryGrouper();
    const report = grouper.assign(
      article('abc', 'Thousands evacuated as Lismore floods again', FLOOD_REPORT),
    );
    grouper.assign(article('other', 'Budget night', ['The treasurer delivered the budget on Tuesday.']));
    const again = restored(grouper);
    expect(again.size).toBe(2);
    const rewrite = again.assign(article('smh', 'Lismore residents flee rising river', FLOOD_REWRITE));
    expect(rewrite).toEqual({ storyId: report.storyId, duplicateOf: null });
    const copy = again.assign(article('copy', 'Thousands evacuated as Lismore floods again', FLOOD_REPORT));
    expect(copy.duplicateOf).toBe('abc');
  });

  it('keeps removals: a removed article matches nothing after a restore, and slots are reused', () => {
    const grouper = new StoryGrouper();
    grouper.assign(article('gone', 'Thousands evacuated as Lismore floods again', FLOOD_REPORT));
    grouper.remove('gone');
    const again = restored(grouper);
    expect(again.size).toBe(0);
    const rewrite = again.assign(article('smh', 'Lismore residents flee rising river', FLOOD_REWRITE));
    expect(rewrite).toEqual({ storyId: 'smh', duplicateOf: null });
    expect(again.size).toBe(1);
  });

  it('decides later articles exactly as the grouper that was saved', () => {
    const original = new StoryGrouper();
    original.assign(article('1', 'Thousands evacuated as Lismore floods again', FLOOD_REPORT));
    original.assign(article('2', 'Budget night', ['The treasurer delivered the budget on Tuesday night.']));
    const again = restored(original);
    const later = [
      article('3', 'Lismore residents flee rising river', FLOOD_REWRITE),
      article('4', 'Lismore floods', FLOOD_REPORT.slice(0, 3)),
      article('5', 'Budget night', ['The treasurer delivered the budget on Tuesday night.']),
    ];
    for (const a of later) expect(again.assign(a)).toEqual(original.assign(a));
  });
});
