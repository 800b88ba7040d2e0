/**
 * A Markdown table padded as Prettier pads one, so a generated document (the configuration and
 * problem-code references) is already formatted and its drift test compares plain text.
 */
export function markdownTable(head: string[], rows: string[][]): string[] {
  const escaped = rows.map((row) => row.map((cell) => cell.replace(/\|/g, '\\|')));
  const widths = head.map((cell, i) =>
    Math.max(3, cell.length, ...escaped.map((row) => row[i].length)),
  );
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...escaped.map(line)];
}
