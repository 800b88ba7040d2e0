import { fromLegacyPhone, parsePhone, toLegacyPhone } from './nueyne-phone';

describe('phone numbers between the public API and Nueyne', () => {
  it.each([
    ['+821012345678', '+821012345678', 'KR'],
    // A national trunk 0 typed after the country code is dropped.
    ['+8201012345678', '+821012345678', 'KR'],
    ['+14155552671', '+14155552671', 'US'],
    ['+4915123456789', '+4915123456789', 'DE'],
  ])('reads %s as %s (%s)', (text, e164, region) => {
    expect(parsePhone(text)).toEqual({ e164, region });
  });

  it.each([
    ['01012345678', 'no +'],
    ['+82 10 1234 5678', 'spaces'],
    ['+82-10-1234-5678', 'dashes'],
    ['+1012345678', 'not a number of any plan (the docs example)'],
    ['+441234', 'too short for its plan'],
    ['+8210123456789012', 'more than 15 digits'],
    ['', 'empty'],
  ])('refuses %j (%s)', (text) => {
    expect(parsePhone(text)).toBeUndefined();
  });

  it.each([
    ['+821012345678', '010-1234-5678'],
    ['+821112345678', '011-1234-5678'],
    ['+82111234567', '011-123-4567'],
  ])('writes %s for Legacy as %s, and reads it back', (e164, legacy) => {
    expect(toLegacyPhone(e164)).toBe(legacy);
    expect(fromLegacyPhone(legacy)).toBe(e164);
  });

  it.each([
    ['+14155552671', 'not Korean'],
    ['+82212345678', 'a Seoul landline (02-1234-5678), not the 3-4-4 mobile form'],
    ['+8210', 'not a number'],
  ])('has no Legacy form for %s (%s)', (e164) => {
    expect(toLegacyPhone(e164)).toBeUndefined();
  });

  it('reads only the dashed Legacy form', () => {
    expect(fromLegacyPhone('01012345678')).toBeUndefined();
    expect(fromLegacyPhone('+821012345678')).toBeUndefined();
  });
});
