import { describe, expect, test } from 'vitest';
import { maskIdNumber, maskPersonName, maskPhone } from '../../src/lib/mask.ts';

describe('maskIdNumber', () => {
  test('keeps the 6-digit region and the last 4 characters of an 18-character number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  test('hides the whole birth date', () => {
    const masked = maskIdNumber('440524188001010014');
    expect(masked).toBe('440524********0014');
    expect(masked).not.toContain('18800101');
  });

  test('keeps the length of a 15-digit number', () => {
    expect(maskIdNumber('110105491231002')).toBe('110105*****1002');
  });

  test.each([
    ['', ''],
    ['1', '*'],
    ['123456789', '*********'],
  ])('masks %j, shorter than 10 characters, entirely', (id, masked) => {
    expect(maskIdNumber(id)).toBe(masked);
  });
});

describe('maskPhone', () => {
  test('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  test('drops separators before masking', () => {
    expect(maskPhone('138-1234 5678')).toBe('138****5678');
    expect(maskPhone('(0571) 8765-4321')).toBe('057*****4321');
  });

  test('keeps a leading + as one of the first 3 characters', () => {
    expect(maskPhone('+86 138 1234 5678')).toBe('+86*******5678');
  });

  test('masks numbers shorter than 8 digits entirely', () => {
    expect(maskPhone('1234567')).toBe('*******');
    expect(maskPhone('12-34')).toBe('****');
  });

  test('never returns the middle digits of a mobile number', () => {
    expect(maskPhone('13812345678')).not.toContain('1234');
  });
});

describe('maskPersonName', () => {
  test.each([
    ['张三', '张*'],
    ['王小明', '王**'],
    ['欧阳娜娜', '欧***'],
    ['  李四  ', '李*'],
  ])('%j -> %j', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });

  test('counts characters outside the BMP as one character each', () => {
    expect(maskPersonName('𠀀𠀁𠀂')).toBe('𠀀**');
  });

  test('masks a one-character or empty name as a single *', () => {
    expect(maskPersonName('张')).toBe('*');
    expect(maskPersonName('')).toBe('*');
    expect(maskPersonName('   ')).toBe('*');
  });
});
