// cycles/NAME/index.html: a cycle's dates and state, its required and feature capabilities with
// their tests, how the cycle's standing submissions did on each, and who submitted what.
import type { Cycle } from '../model.js';
import type { MatrixModel } from '../matrix/model.js';
import { cycleOutcomes, cycleSubmissions } from './cycle-facts.js';
import { featureLabel, standingIn } from './facts.js';
import { renderPage } from './layout.js';
import { cycleApi, cyclePage, driverPage, rootOf } from './paths.js';
import { countsLine, Head, OrDash, StandingWord, Text } from './parts.js';
import { Legend, SummaryBar } from './svg.js';

/** A cycle's page. */
export function renderCyclePage(c: Cycle, model: MatrixModel): string {
  const path = cyclePage(c.name);
  const root = rootOf(path);
  const summary = model.summary.find((s) => s.cycle === c.name)!;
  const role = c.name === model.current ? ' (current)' : c.name === model.last ? ' (last)' : '';
  return renderPage({
    path,
    root,
    title: `Cycle ${c.name}: Cinder driver certification`,
    children: (
      <>
        <h1>
          Cycle {c.name}
          {c.codename ? (
            <>
              {' '}
              (<Text value={c.codename} />)
            </>
          ) : null}
        </h1>
        <p>
          {c.state === 'open' ? `Open since ${c.opened}` : `${c.opened} to ${c.closed ?? '?'}`}: {c.state}
          {role}.{c.guideline ? ` Required capabilities from interop guideline ${c.guideline.id}.` : ''} (
          <a href={root + cycleApi(c.name)}>JSON</a>)
        </p>
        <p>
          {summary.passed} passed, {summary.failed} failed, {summary.withdrawn} withdrawn, {summary.notSubmitted} not
          submitted, of {summary.drivers} drivers not removed.
        </p>
        <SummaryBar summary={summary} width={480} />
        <Legend />
        <Capabilities c={c} model={model} />
        <Submissions c={c} model={model} root={root} />
      </>
    ),
  });
}

function Capabilities({ c, model }: { c: Cycle; model: MatrixModel }) {
  return (
    <table>
      <caption>Capabilities, required first, and how the standing submissions did on each</caption>
      <Head cols={['Capability', 'Kind', 'Passed', 'Failed', 'Missing', 'Not reported', 'Tests']} />
      <tbody>
        {cycleOutcomes(c, model).map((cap) => (
          <tr data-capability={cap.id}>
            <th scope="row">
              <code>{cap.id}</code>
              <br />
              <span class="desc">
                <Text value={cap.description} max={300} />
              </span>
            </th>
            <td>{cap.required ? 'required' : cap.feature ? `feature: ${featureLabel(cap.feature)}` : 'optional'}</td>
            <td>{cap.passed}</td>
            <td>{cap.failed}</td>
            <td>{cap.missing}</td>
            <td>{cap.notReported}</td>
            <td>
              <details>
                <summary>{cap.testIds.length === 1 ? '1 test' : `${cap.testIds.length} tests`}</summary>
                <ul class="tests">
                  {cap.testIds.map((t) => (
                    <li>
                      <code>
                        <Text value={t} />
                      </code>
                    </li>
                  ))}
                </ul>
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Submissions({ c, model, root }: { c: Cycle; model: MatrixModel; root: string }) {
  const subs = cycleSubmissions(c.name, model);
  return (
    <table>
      <caption>Submissions</caption>
      <Head cols={['Driver', 'Verdict', 'Tests', 'Submitted']} />
      <tbody>
        {subs.map(({ driver: d, submission: s }) => (
          <tr data-driver={d.id}>
            <th scope="row">
              <a href={root + driverPage(d.id)}>
                <Text value={d.name} max={120} />
              </a>
            </th>
            <td>
              <StandingWord standing={standingIn(s)} />
            </td>
            <td>
              <OrDash>{s && !s.withdrawn ? countsLine(s) : ''}</OrDash>
            </td>
            <td>
              <OrDash>{s ? <Text value={s.submitted} /> : ''}</OrDash>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
