// What the product accepts as a Salesforce username, in one place: the rule
// client-credentials-user-format, the scaffold and migration commands and the client's input boxes
// all test this, so a username one of them accepts is never flagged by another. Salesforce
// usernames have the form of an email address (a sandbox copy appends `.<sandbox>`).
export const USERNAME_RE = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export function isSalesforceUsername(s: string): boolean {
  return USERNAME_RE.test(s);
}
