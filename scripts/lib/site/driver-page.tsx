// drivers/ID/index.html: one driver's identity, claims beside evidence, every result across cycles
// (withdrawn ones marked), the latest failed and skipped tests, links to its files and its badge.
import type { Driver, Submission } from '../model.js';
import { latestStanding, type MatrixDriver, type MatrixModel } from '../matrix/model.js';
import { evidenceLabel, featureLabel, standingIn } from './facts.js';
import { renderPage } from './layout.js';
import { badgePath, cyclePage, driverApi, driverPage, rootOf, sourceLink } from './paths.js';
import { countsLine, Head, OrDash, StandingWord, Text } from './parts.js';
import { HistoryStrip, Legend } from './svg.js';
import type { SiteOptions } from './options.js';

/** A driver's page. */
export function renderDriverPage(d: MatrixDriver, entry: Driver, model: MatrixModel, opts: SiteOptions): string {
  const path = driverPage(d.id);
  const root = rootOf(path);
  return renderPage({
    path,
    root,
    title: `${d.id}: Cinder driver certification`,
    children: (
      <>
        <h1>
          <Text value={d.name} max={200} /> <code>{d.id}</code>
        </h1>
        <Identity d={d} entry={entry} />
        <h2>History</h2>
        <HistoryStrip d={d} model={model} />
        <Legend />
        <Claims d={d} root={root} />
        <Results d={d} root={root} opts={opts} />
        <LatestTests d={d} />
        <h2>Badge</h2>
        <p>
          <img src={root + badgePath(d.id, 'svg')} alt={`Certification badge of ${d.id}`} /> (
          <a href={root + badgePath(d.id, 'json')}>shields.io endpoint</a>, <a href={root + driverApi(d.id)}>JSON</a>)
        </p>
        <p id="badge-md-label">Markdown for the badge:</p>
        <pre aria-labelledby="badge-md-label" tabindex={0}>
          <code>{`![Cinder certification of ${d.id}](${opts.siteUrl ?? '<site>'}/${badgePath(d.id, 'svg')})`}</code>
        </pre>
        {opts.siteUrl ? null : <p class="muted">Replace &lt;site&gt; with the address this site is published at.</p>}
      </>
    ),
  });
}

function Identity({ d, entry }: { d: MatrixDriver; entry: Driver }) {
  return (
    <dl>
      <dt>Vendor</dt>
      <dd>
        <Text value={d.vendor} />
      </dd>
      <dt>Status</dt>
      <dd>
        {d.status}
        {d.stale ? ' (stale: no standing result in the last or the current cycle)' : ''}
      </dd>
      <dt>Protocols</dt>
      <dd>
        <Text value={d.protocols.join(', ')} />
      </dd>
      <dt>Classes</dt>
      <dd>
        <ul>
          {entry.class.map((c) => (
            <li>
              <code>{c}</code>
            </li>
          ))}
        </ul>
      </dd>
      <dt>Maintainers</dt>
      <dd>
        <OrDash>{d.maintainers.length ? d.maintainers.map((m) => `@${m}`).join(', ') : ''}</OrDash>
      </dd>
      {entry.url ? (
        <>
          <dt>Vendor documentation</dt>
          <dd>
            <Text value={entry.url} />
          </dd>
        </>
      ) : null}
      {entry.notes ? (
        <>
          <dt>Notes</dt>
          <dd class="notes">
            <Text value={entry.notes} lines max={2000} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function Claims({ d, root }: { d: MatrixDriver; root: string }) {
  return (
    <table>
      <caption>Claimed features (drivers.yaml) beside the evidence of the latest standing result</caption>
      <Head cols={['Feature', 'Claimed', 'Evidence', 'Capabilities']} />
      <tbody>
        {d.claims.map((c) => (
          <tr data-feature={c.feature}>
            <th scope="row">{featureLabel(c.feature)}</th>
            <td>{c.claimed ? 'yes' : 'no'}</td>
            <td>
              {evidenceLabel(c.evidence)}
              {c.cycle && c.evidence !== 'no-test' ? (
                <>
                  {' '}
                  in <a href={root + cyclePage(c.cycle)}>{c.cycle}</a>
                </>
              ) : null}
            </td>
            <td>
              <OrDash>{c.capabilities.join(', ')}</OrDash>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Results({ d, root, opts }: { d: MatrixDriver; root: string; opts: SiteOptions }) {
  if (d.history.length === 0) return <p>No result has been submitted for this driver.</p>;
  return (
    <table>
      <caption>Every result, newest cycle first</caption>
      <Head cols={['Cycle', 'Verdict', 'Tests', 'Run (UTC)', 'Submitted', 'Backend', 'Submitter', 'Files']} />
      <tbody>
        {d.history.map((s) => (
          <tr data-cycle={s.cycle}>
            <th scope="row">
              <a href={root + cyclePage(s.cycle)}>{s.cycle}</a>
            </th>
            <td>
              <StandingWord standing={standingIn(s)} />
              {s.withdrawn ? (
                <>
                  {' '}
                  on <Text value={s.withdrawn.date} />: <Text value={s.withdrawn.reason} max={300} /> (was {s.verdict})
                </>
              ) : null}
            </td>
            <td>{countsLine(s)}</td>
            <td>{s.run ? <RunWindow run={s.run} /> : <span class="muted">not recorded</span>}</td>
            <td>
              <Text value={s.submitted} />
            </td>
            <td>
              <Text value={`${s.environment.backend.model} ${s.environment.backend.version}`} max={160} /> over{' '}
              <Text value={s.environment.protocol} />
            </td>
            <td>
              <Text value={s.submitter} />
            </td>
            <td>
              <Files s={s} source={opts.sourceUrl} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A run's start and end as `2025-11-01 09:12 – 11:40`, the end's date shown only when it differs. */
function RunWindow({ run }: { run: { start: string; end: string } }) {
  const [d1, t1] = [run.start.slice(0, 10), run.start.slice(11, 16)];
  const [d2, t2] = [run.end.slice(0, 10), run.end.slice(11, 16)];
  return (
    <time datetime={run.start}>
      <Text value={`${d1} ${t1} – ${d2 === d1 ? '' : `${d2} `}${t2}`} />
    </time>
  );
}

function Files({ s, source }: { s: Submission; source: string | undefined }) {
  const result = sourceLink(source, `${s.path}result.yaml`);
  const bundle = sourceLink(source, `${s.path}${s.bundle.file}`);
  if (!result || !bundle) return <span class="muted">—</span>;
  return (
    <>
      <a href={result}>result.yaml</a>, <a href={bundle}>bundle</a>
    </>
  );
}

function LatestTests({ d }: { d: MatrixDriver }) {
  const s = latestStanding(d.history) ?? d.history[0];
  if (!s) return null;
  const list = (title: string, tests: string[]) => (
    <>
      <h3>
        {title} ({tests.length})
      </h3>
      {tests.length ? (
        <ul class="tests">
          {tests.map((t) => (
            <li>
              <code>
                <Text value={t} max={300} />
              </code>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">None.</p>
      )}
    </>
  );
  return (
    <section aria-labelledby="latest-tests">
      <h2 id="latest-tests">Tests of the latest result ({s.cycle})</h2>
      {list('Failed tests', s.failed_tests)}
      {list('Skipped tests', s.skipped_tests)}
    </section>
  );
}
