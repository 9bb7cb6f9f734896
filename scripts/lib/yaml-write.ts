// Writing YAML the same way everywhere, so generated files are stable byte for byte.
import { Document, stringify, type ToStringOptions } from 'yaml';

export const YAML_OUTPUT: ToStringOptions = {
  indent: 2,
  indentSeq: true,
  lineWidth: 0,
  minContentWidth: 0,
  singleQuote: false,
  defaultStringType: 'PLAIN',
  defaultKeyType: 'PLAIN',
  flowCollectionPadding: false,
};

/** Serialise a plain value as YAML, with an optional header comment. */
export function toYaml(value: unknown, header?: string): string {
  const body = stringify(value, YAML_OUTPUT);
  return header ? `${header.replace(/\n*$/, '\n')}${body}` : body;
}

/** Serialise an edited Document with the shared options. */
export function documentToString(doc: Document): string {
  return doc.toString(YAML_OUTPUT);
}
