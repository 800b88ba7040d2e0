/**
 * `demo@junction.dev` -> `de**@junction.dev`: enough for the owner to recognise the address, too
 * little for someone who only knows a phone number, a birth date and a gender to learn it. The
 * local part keeps its first two characters (one when it has three or fewer) and always shows two
 * stars, so its length is not told either; the domain stays, to say which mailbox to look in.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '**';
  const local = email.slice(0, at);
  const keep = local.length > 3 ? 2 : 1;
  return `${local.slice(0, keep)}**${email.slice(at)}`;
}
