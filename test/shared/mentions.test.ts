/** `@handle` mentions as both ends read them (shared/mentions.ts): what counts, and the text cut around them. */
import { describe, expect, it } from 'vitest';
import { mentionParts } from '../../shared/mentions.js';

const handles = (text: string) => mentionParts(text).flatMap((p) => ('handle' in p ? [p.handle] : []));

describe('mentions', () => {
  it('finds handles after a space, punctuation or Chinese text, lowercased, and keeps the text whole', () => {
    const text = 'Hi @Lin_Hua, 你好@wen_jing! (@abc)';
    expect(handles(text)).toEqual(['lin_hua', 'wen_jing', 'abc']);
    expect(
      mentionParts(text)
        .map((p) => p.text)
        .join(''),
    ).toBe(text);
    expect(mentionParts(text)[1]).toEqual({ handle: 'lin_hua', text: '@Lin_Hua' });
  });

  it('ignores e-mail addresses, doubled @, too short or too long names', () => {
    expect(handles('write to me@example.com or @@twice or @ab or @' + 'x'.repeat(33))).toEqual([]);
  });

  it('a text without mentions is one plain part; an empty one has none', () => {
    expect(mentionParts('no one here')).toEqual([{ text: 'no one here' }]);
    expect(mentionParts('')).toEqual([]);
  });
});
