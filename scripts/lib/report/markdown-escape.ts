// Kept so that existing imports keep working: the reviewer's report escapes contributor text
// through ../inert, with every other output (one set of unsafe characters, one list of
// autolink forms).
export { mdCode, mdText } from '../inert/index.js';
