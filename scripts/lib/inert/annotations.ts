// Text inside a GitHub Actions workflow command (`::error file=…,title=…::message`): the
// runner reads one command per line and decodes `%25`, `%0D` and `%0A` in the message (and
// `%3A`, `%2C` in a property), so contributor text is made printable (./terminal.ts) and then
// percent-escaped: it can neither end the command, start a new line with `::`, nor carry a
// control character into the annotation.
import { redactSecrets } from '../bundle/redact.js';
import { printable } from './terminal.js';

/** The message part of a workflow command: secrets redacted, printable (so no CR is left), then `%` and LF escaped. */
export function annotationMessage(text: string): string {
  return printable(redactSecrets(text)).replace(/%/g, '%25').replace(/\n/g, '%0A');
}

/** A property value of a workflow command (file, title): the message escapes, and `:` and `,` too. */
export function annotationProperty(text: string): string {
  return annotationMessage(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
