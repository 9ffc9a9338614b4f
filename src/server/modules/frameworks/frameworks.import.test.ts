import { expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { decodeUtf8 } from './frameworks.import.ts';

const faultOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return JSON.stringify((error as AppError).details);
  }
  throw new Error('expected the file to be refused');
};

it('refuses a NUL character, raw or escaped in JSON, naming its line, and keeps text in any script', () => {
  expect(faultOf(() => decodeUtf8(Buffer.from('code,title\nA1,Pla\u0000n\n'), 'csv'))).toContain('line 2');
  expect(faultOf(() => decodeUtf8(Buffer.from('{"title":"a\\u0000"}'), 'case'))).toContain('U+0000');
  expect(decodeUtf8(Buffer.from('{"title":"a\\\\u0000"}'), 'case')).toContain('title');
  expect(decodeUtf8(Buffer.from('ок नमस्ते'), 'csv')).toBe('ок नमस्ते');
});
