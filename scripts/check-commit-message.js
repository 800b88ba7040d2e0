// The commit-msg hook (.husky/commit-msg): refuses a commit whose subject is longer than 72
// characters, is empty, or runs straight into the body. The subject says what changed; the reason
// goes in the body, after a blank line (CONTRIBUTING.md, "Commits").
// `node scripts/check-commit-message.js <file>` exits 1 and says why on stderr; 0 otherwise.
const { readFileSync } = require('node:fs');

const MAX_SUBJECT = 72;

/** The lines git keeps: comment lines dropped, everything below a scissors line dropped. */
function keptLines(message) {
  const lines = [];
  for (const line of message.replace(/\r\n/g, '\n').split('\n')) {
    if (/^# -+ >8 -+$/.test(line)) break;
    if (line.startsWith('#')) continue;
    lines.push(line);
  }
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  return lines;
}

/** Why `message` is refused, or undefined when it is fine. */
function commitMessageProblem(message) {
  const lines = keptLines(message);
  const subject = (lines[0] ?? '').trimEnd();
  if (subject === '') return 'the commit message is empty: write a subject line';
  // git's own messages (merges, reverts) and autosquash markers carry someone else's subject.
  if (/^(Merge |Revert "|fixup! |squash! |amend! )/.test(subject)) return undefined;
  const length = [...subject].length;
  if (length > MAX_SUBJECT)
    return `the subject is ${length} characters, at most ${MAX_SUBJECT}: say what changed in it, and why in the body`;
  if (lines.length > 1 && lines[1].trim() !== '')
    return 'leave a blank line between the subject and the body';
  return undefined;
}

module.exports = { commitMessageProblem, MAX_SUBJECT };

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/check-commit-message.js <commit message file>');
    process.exit(2);
  }
  const problem = commitMessageProblem(readFileSync(file, 'utf8'));
  if (problem) {
    console.error(`commit-msg: ${problem}`);
    process.exit(1);
  }
}
