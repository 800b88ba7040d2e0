import { markdownTable } from '../markdown-table';
import { ERROR_CODES, ErrorCode } from './error-code';
import { ERROR_SCREENS } from './error-screens';

/** docs/errors.md: every problem code, its status, its meaning and what a screen should do. */
export function renderErrorsReference(): string {
  const rows = Object.values(ErrorCode).map((code) => [
    `\`${code}\``,
    String(ERROR_CODES[code].status),
    ERROR_CODES[code].title,
    ERROR_SCREENS[code],
  ]);
  return [
    '# Problem codes',
    '',
    '<!-- Generated from src/common/problem/error-code.ts and error-screens.ts by `npm run errors-doc`. -->',
    '',
    'Every error of the gateway is an RFC 9457 `application/problem+json` whose `code` is one of these (the token and revocation endpoints answer RFC 6749 errors instead). Branch on `code`, never on `title` or `detail`; the OpenAPI document declares `code` as this enum (`ErrorCode`), so the SDK\u2019s `ProblemError.code` is their union. `status` is what the code is answered with (a problem may say otherwise in rare cases, e.g. 414 for an over-long path).',
    '',
    ...markdownTable(['code', 'status', 'meaning', 'what a screen should do'], rows),
    '',
  ].join('\n');
}
