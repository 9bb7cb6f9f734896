// A driver's badge: badges/ID.json in the shields.io endpoint format, and badges/ID.svg drawn here
// (a flat two-part badge, text widths estimated from a fixed table, so the bytes never depend on
// the machine's fonts).
import { renderToString } from 'preact-render-to-string';
import type { MatrixDriver } from '../matrix/model.js';
import { badgeFacts, type BadgeFacts } from './facts.js';

const COLORS: Record<BadgeFacts['color'], string> = {
  brightgreen: '#1a7f37',
  red: '#cf222e',
  orange: '#9a6700',
  lightgrey: '#57606a',
};

/** badges/ID.json: `{ schemaVersion, label, message, color }` for https://shields.io/badges/endpoint-badge. */
export function badgeJson(d: MatrixDriver): { schemaVersion: 1; label: string; message: string; color: string } {
  const { label, message, color } = badgeFacts(d);
  return { schemaVersion: 1, label, message, color };
}

/** Roughly how wide `text` is in 11-pixel Verdana, in pixels. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    if ("il.,:;|!'`".includes(ch)) w += 3.5;
    else if ('ftjrI() -/'.includes(ch)) w += 4.5;
    else if ('mwMW'.includes(ch)) w += 10;
    else if (/[A-Z]/.test(ch)) w += 7.5;
    else w += 6.5;
  }
  return Math.ceil(w);
}

/** badges/ID.svg, with its accessible name. */
export function badgeSvg(d: MatrixDriver): string {
  const { label, message, color } = badgeFacts(d);
  const lw = textWidth(label) + 10;
  const mw = textWidth(message) + 10;
  const title = `${label}: ${message}`;
  const svg = (
    <svg xmlns="http://www.w3.org/2000/svg" width={lw + mw} height="20" role="img" aria-label={title}>
      <title>{title}</title>
      <rect width={lw} height="20" fill="#555" />
      <rect x={lw} width={mw} height="20" fill={COLORS[color]} />
      <g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">
        <text x={lw / 2} y="14">
          {label}
        </text>
        <text x={lw + mw / 2} y="14">
          {message}
        </text>
      </g>
    </svg>
  );
  return renderToString(svg) + '\n';
}
