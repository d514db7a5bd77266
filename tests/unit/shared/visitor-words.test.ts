import { describe, expect, it } from 'vitest';
import { findVisitorWords, FORBIDDEN_VISITOR_WORDS } from '../../../electron/shared/visitor-words';

const words = (text: string) => findVisitorWords(text).map((w) => w.word);

describe('forbidden visitor words', () => {
  it('finds software names, production notes and template debris', () => {
    expect(words('Welcome to Hall Kiosk')).toEqual(['Hall Kiosk']);
    expect(words('图片为本展包生成的示意图，解说为合成语音')).toEqual(['合成语音', '示意图', '展包']);
    expect(words('Narrated by a synthetic voice')).toEqual(['synthetic']);
    expect(words('1 groups undefined')).toEqual(['undefined']);
    expect(words('{count} people')).toEqual(['{count}']);
    expect(words('Built with React')).toEqual(['React']);
  });

  it('matches Latin words whole, and names only in their own case', () => {
    expect(words('Visitors reacted with joy; electronic maps; a nullable idea')).toEqual([]);
    expect(words('an electron microscope')).toEqual([]);
    expect(words('PLACEHOLDER text')).toEqual(['placeholder']);
    expect(words('Synthesised narration')).toEqual(['synthesised']);
  });

  it('passes an ordinary exhibit text', () => {
    expect(words('1926年，西夏墅建立了常州最早的农村党支部。')).toEqual([]);
    expect(words('In 1926 the first rural Party branch of Changzhou was founded at Xixiashu.')).toEqual([]);
  });

  it('gives every word a reason', () => {
    for (const w of FORBIDDEN_VISITOR_WORDS) expect(w.why.length).toBeGreaterThan(3);
  });
});
