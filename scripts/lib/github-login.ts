// What a GitHub login looks like: the one pattern the code checks logins with, equal to
// schemas/defs.schema.json's `login` (a test holds them together).

/** 1–39 letters, digits or single inner hyphens. */
export const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

/** Is S a GitHub login (letters, digits and single inner hyphens, at most 39)? */
export function isGitHubLogin(s: string): boolean {
  return GITHUB_LOGIN.test(s);
}
