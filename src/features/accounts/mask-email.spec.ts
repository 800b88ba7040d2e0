import { maskEmail } from './mask-email';

describe('maskEmail', () => {
  it.each([
    ['demo@junction.dev', 'de**@junction.dev'],
    ['jeongtae.kim@nueyne.com', 'je**@nueyne.com'],
    ['abc@x.io', 'a**@x.io'],
    ['a@x.io', 'a**@x.io'],
    ['we@ird@host.kr', 'we**@host.kr'],
    ['no-at-sign', '**'],
  ])('%s -> %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('does not tell the length of the local part', () => {
    expect(maskEmail('abcd@x.io')).toHaveLength(maskEmail('abcdefghijk@x.io').length);
  });
});
