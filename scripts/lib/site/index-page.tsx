// index.html: every driver of drivers.yaml as a row `<tr data-driver="ID">`, a summary per cycle,
// and the filter controls (shown by the filter script; without it every row stays visible).
import { FEATURE_IDS, type Submission } from '../model.js';
import type { MatrixDriver, MatrixModel } from '../matrix/model.js';
import { compareText } from '../matrix/order.js';
import { htmlText } from '../inert/index.js';
import { evidencedFeatures, featureLabel, standingIn, standingLabel, VERDICT_FILTERS } from './facts.js';
import { renderPage } from './layout.js';
import { cyclePage, driverPage } from './paths.js';
import { Head, StandingWord, Text } from './parts.js';
import { SummaryBar } from './svg.js';

/** The index page's HTML. */
export function renderIndexPage(model: MatrixModel): string {
  return renderPage({
    path: 'index.html',
    root: '',
    title: 'Cinder volume driver certification',
    script: true,
    children: (
      <>
        <h1>Cinder volume driver certification</h1>
        <p>
          Every OpenStack Cinder volume driver in the registry, with its results in the current cycle (
          {model.current ?? 'none open'}) and the last one ({model.last ?? 'none closed'}).
        </p>
        <CycleSummaries model={model} />
        <h2 id="drivers-heading">Drivers</h2>
        <Filters model={model} />
        <DriverTable model={model} />
      </>
    ),
  });
}

function CycleSummaries({ model }: { model: MatrixModel }) {
  return (
    <table>
      <caption>Results per cycle (drivers not removed)</caption>
      <Head cols={['Cycle', 'State', 'Passed', 'Failed', 'Withdrawn', 'Not submitted', 'Share']} />
      <tbody>
        {model.summary.map((s) => (
          <tr key={s.cycle} data-cycle={s.cycle}>
            <th scope="row">
              <a href={cyclePage(s.cycle)}>{s.cycle}</a>
            </th>
            <td>{s.state}</td>
            <td>{s.passed}</td>
            <td>{s.failed}</td>
            <td>{s.withdrawn}</td>
            <td>{s.notSubmitted}</td>
            <td>
              <SummaryBar summary={s} width={160} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The sorted, distinct values of a list, compared case-insensitively (the first spelling kept). */
function distinct(values: string[]): string[] {
  const seen = new Map<string, string>();
  for (const v of values) if (!seen.has(v.toLowerCase())) seen.set(v.toLowerCase(), v);
  return [...seen.values()].sort((a, b) => compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b));
}

function Filters({ model }: { model: MatrixModel }) {
  const protocols = distinct(model.drivers.flatMap((d) => d.protocols.map((p) => htmlText(p))));
  const vendors = distinct(model.drivers.map((d) => htmlText(d.vendor)));
  const select = (name: string, label: string, options: [string, string][]) => (
    <label>
      {label}
      <select name={name}>
        <option value="">any</option>
        {options.map(([value, text]) => (
          <option value={value}>{text}</option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <form id="filters" hidden aria-label="Filter the drivers">
        {select(
          'protocol',
          'Protocol',
          protocols.map((p) => [p, p]),
        )}
        {select(
          'vendor',
          'Vendor',
          vendors.map((v) => [v, v]),
        )}
        {select(
          'verdict',
          `Verdict in ${model.current ?? 'the current cycle'}`,
          VERDICT_FILTERS.map((v) => [v, standingLabel(v)]),
        )}
        {select(
          'feature',
          'Claimed and evidenced feature',
          FEATURE_IDS.map((f) => [f, featureLabel(f)]),
        )}
        <button type="reset">Clear</button>
        <a id="filter-link" href="index.html">
          Link to this view
        </a>
      </form>
      <p id="filter-count" aria-live="polite">
        All {model.drivers.length} drivers are shown.
      </p>
    </>
  );
}

function DriverTable({ model }: { model: MatrixModel }) {
  return (
    <table id="drivers" aria-labelledby="drivers-heading">
      <Head
        cols={[
          'Driver',
          'Vendor',
          'Protocols',
          'Status',
          `Last cycle${model.last ? ` (${model.last})` : ''}`,
          `Current cycle${model.current ? ` (${model.current})` : ''}`,
          'Fresh',
        ]}
      />
      <tbody>
        {model.drivers.map((d) => (
          <DriverRow key={d.id} d={d} />
        ))}
      </tbody>
    </table>
  );
}

function DriverRow({ d }: { d: MatrixDriver }) {
  return (
    <tr
      data-driver={d.id}
      data-protocol={d.protocols.map((p) => htmlText(p)).join('|')}
      data-vendor={htmlText(d.vendor)}
      data-verdict={standingIn(d.current)}
      data-feature={evidencedFeatures(d).join('|')}
    >
      <th scope="row">
        <a href={driverPage(d.id)}>
          <Text value={d.name} max={120} />
        </a>{' '}
        <code>{d.id}</code>
      </th>
      <td>
        <Text value={d.vendor} max={80} />
      </td>
      <td>
        {d.protocols.map((p, i) => (
          <>
            {i > 0 ? ', ' : ''}
            <Text value={p} />
          </>
        ))}
      </td>
      <td>{d.status}</td>
      <td>
        <Verdict s={d.last} />
      </td>
      <td>
        <Verdict s={d.current} />
      </td>
      <td>{d.stale ? <span class="failed">stale</span> : d.status === 'supported' ? 'yes' : '—'}</td>
    </tr>
  );
}

function Verdict({ s }: { s: Submission | null }) {
  if (!s) return <StandingWord standing="not-submitted" />;
  return (
    <>
      <StandingWord standing={standingIn(s)} />
      {s.withdrawn ? null : (
        <span class="muted">
          {' '}
          · {s.results.passed}/{s.results.total} · {htmlText(s.submitted)}
        </span>
      )}
    </>
  );
}
