// feed.xml: an Atom feed (RFC 4287) of submissions and withdrawals, newest first, the newest
// FEED_ENTRIES of them. Its `updated` is the newest entry's date, never the build's time.
import { h, type VNode } from 'preact';
import renderXml from 'preact-render-to-string/jsx';
import { htmlText } from '../inert/index.js';
import type { Submission } from '../model.js';
import type { MatrixModel } from '../matrix/model.js';
import { compareText } from '../matrix/order.js';
import { driverPage } from './paths.js';

/** How many entries the feed keeps. */
export const FEED_ENTRIES = 200;

interface Entry {
  id: string;
  date: string;
  title: string;
  summary: string;
  href: string;
}

/** The feed's XML. */
export function renderFeed(model: MatrixModel): string {
  const entries = model.drivers
    .flatMap((d) => d.history.flatMap((s) => entriesOf(s)))
    .sort((a, b) => compareText(b.date, a.date) || compareText(a.id, b.id))
    .slice(0, FEED_ENTRIES);
  const updated = entries[0]?.date ?? model.cycles[0]?.opened ?? '1970-01-01';
  const feed = h(
    'feed',
    { xmlns: 'http://www.w3.org/2005/Atom' },
    h('id', null, 'urn:drivercert:feed'),
    h('title', null, 'Cinder volume driver certification: submissions and withdrawals'),
    h('updated', null, atomDate(updated)),
    h('author', null, h('name', null, 'drivercert')),
    h('link', { rel: 'alternate', type: 'text/html', href: 'index.html' }),
    h('link', { rel: 'self', type: 'application/atom+xml', href: 'feed.xml' }),
    ...entries.map(entryNode),
  );
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' + renderXml(feed, {}, { xml: true, pretty: false, jsx: false }) + '\n'
  );
}

function entriesOf(s: Submission): Entry[] {
  const href = driverPage(s.driver);
  const out: Entry[] = [
    {
      id: `urn:drivercert:submission:${s.cycle}:${s.driver}`,
      date: s.submitted,
      title: `${s.driver} ${s.verdict} in ${s.cycle}`,
      summary:
        `${htmlText(s.submitter)} submitted a result for ${s.driver} in cycle ${s.cycle}: ` +
        `${s.verdict}, ${s.results.passed}/${s.results.total} tests passed.`,
      href,
    },
  ];
  if (s.withdrawn)
    out.push({
      id: `urn:drivercert:withdrawal:${s.cycle}:${s.driver}`,
      date: s.withdrawn.date,
      title: `${s.driver}'s result in ${s.cycle} withdrawn`,
      summary: `Withdrawn: ${htmlText(s.withdrawn.reason, { max: 300 })}`,
      href,
    });
  return out;
}

function entryNode(e: Entry): VNode {
  return h(
    'entry',
    null,
    h('id', null, e.id),
    h('title', null, e.title),
    h('updated', null, atomDate(e.date)),
    h('link', { rel: 'alternate', type: 'text/html', href: e.href }),
    h('summary', null, e.summary),
  );
}

/** A YYYY-MM-DD date as an Atom date-time, midnight UTC. */
function atomDate(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date;
}
