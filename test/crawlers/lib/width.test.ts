import { describe, expect, test } from 'vitest';
import { compactCode, foldFullWidth } from '../../../crawlers/lib/width.ts';

describe('foldFullWidth', () => {
  test('folds the whole full-width ASCII block U+FF01-U+FF5E to U+0021-U+007E', () => {
    let fullWidth = '';
    let ascii = '';
    for (let cp = 0xff01; cp <= 0xff5e; cp++) {
      fullWidth += String.fromCodePoint(cp);
      ascii += String.fromCodePoint(cp - 0xfee0);
    }
    expect(foldFullWidth(fullWidth)).toBe(ascii);
  });

  test('turns the ideographic space U+3000 into an ASCII space', () => {
    expect(foldFullWidth('a\u3000b')).toBe('a b');
  });

  test('folds full-width punctuation too: （） become ()', () => {
    expect(foldFullWidth('（有限合伙）')).toBe('(有限合伙)');
  });

  test('leaves characters just outside the block alone', () => {
    expect(foldFullWidth('\uff00\uff5f\uff61\uffe5')).toBe('\uff00\uff5f\uff61\uffe5');
  });

  test('leaves CJK text, ASCII and characters outside the BMP alone', () => {
    expect(foldFullWidth('杭州 shop 😀 𠀀')).toBe('杭州 shop 😀 𠀀');
  });

  test('folds inside mixed text without touching its neighbours', () => {
    expect(foldFullWidth('示例【ＡＢＣ】、１２３。')).toBe('示例【ABC】、123。');
  });

  test('does not change case or remove anything', () => {
    expect(foldFullWidth('ａＢ　ｃ')).toBe('aB c');
  });
});

describe('compactCode', () => {
  test('folds full-width, removes all white space and upper-cases', () => {
    expect(compactCode(' ９１ｐ\u3000x\t\r\n-y ')).toBe('91PX-Y');
  });

  test('removes Unicode white space such as the no-break space', () => {
    expect(compactCode('91\u00a033\u2003ab')).toBe('9133AB');
  });

  test('is idempotent', () => {
    const once = compactCode(' ９１ｐ\u3000x ');
    expect(compactCode(once)).toBe(once);
  });

  test('gives the empty string for white space only', () => {
    expect(compactCode(' \u3000\t')).toBe('');
  });
});
