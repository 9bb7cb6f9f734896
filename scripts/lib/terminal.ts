// Kept so that existing imports keep working: the terminal's rendering lives with every other
// output's in ./inert (one set of unsafe characters for all of them).
export { printable } from './inert/index.js';
