import { describe, expect, it } from 'vitest';
import { leadSummary } from '../../src/summarize/lead.js';
import { splitSentences } from '../../src/summarize/sentences.js';
import { BORDER_STORY, FLOOD_STORY } from '../fixtures/summarize/articles.js';

const sentencesOf = (paragraphs: string[]) => paragraphs.flatMap((p) => splitSentences(p).map((s) => s.text));

describe('leadSummary', () => {
  it('returns n body sentences in article order', () => {
    const all = sentencesOf(FLOOD_STORY.paragraphs);
    const summary = leadSummary(FLOOD_STORY.paragraphs, 3, { title: FLOOD_STORY.title });
    expect(summary).toHaveLength(3);
    const positions = summary.map((s) => all.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('keeps the lead and the central sentences, and leaves out the aside and the bare quote', () => {
    const summary = leadSummary(FLOOD_STORY.paragraphs, 3, { title: FLOOD_STORY.title });
    expect(summary[0]).toBe(FLOOD_STORY.paragraphs[0]);
    expect(summary).not.toContain('A football match was postponed.');
    expect(summary).not.toContain('"It was terrifying," said one resident.');
  });

  it('does not repeat a sentence it already has in other words', () => {
    const paragraphs = [
      'Floods closed roads and schools in three river towns on Tuesday.',
      'Floods closed roads and schools in three river towns on Tuesday, officials said.',
      'Rescue teams moved 300 families from the lowest streets to shelters in the hills.',
      'The weather service expects the rivers to fall by the weekend.',
    ];
    const summary = leadSummary(paragraphs, 2, { title: 'Floods close river towns' });
    expect(summary).toHaveLength(2);
    expect(summary).not.toEqual([paragraphs[0], paragraphs[1]]);
  });

  it('returns fewer sentences when the article is short, and none for n = 0', () => {
    expect(leadSummary(['Only one sentence here.'], 3)).toEqual(['Only one sentence here.']);
    expect(leadSummary(['One. Two here.'], 5)).toEqual(['One.', 'Two here.']);
    expect(leadSummary(FLOOD_STORY.paragraphs, 0)).toEqual([]);
    expect(leadSummary([], 3)).toEqual([]);
  });

  it('never returns headings, credits or the title', () => {
    const summary = leadSummary(BORDER_STORY.paragraphs, 7, { title: BORDER_STORY.title });
    expect(summary).not.toContain('Troops on the move');
    expect(summary).not.toContain('ABC/wires');
    expect(summary).not.toContain(BORDER_STORY.title);
    expect(summary.length).toBe(7);
  });

  it('is deterministic', () => {
    const first = leadSummary(BORDER_STORY.paragraphs, 3, { title: BORDER_STORY.title });
    for (let i = 0; i < 5; i++) {
      expect(leadSummary([...BORDER_STORY.paragraphs], 3, { title: BORDER_STORY.title })).toEqual(first);
    }
  });
});
