// The missing workflow's second step (run by actions/github-script): one tracking issue
// per driver without results in the current cycle — opened when it goes missing, updated
// while it stays missing, closed when it no longer is. Issues are recognised by a hidden
// marker in their body, a label, and their author (the workflow itself).
'use strict';

const fs = require('node:fs');

const LABEL = 'missing results';
const BOT = 'github-actions[bot]';
const ID = /^[a-z0-9][a-z0-9_-]*$/;
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const MARKER = /^<!-- drivercert-missing driver=([a-z0-9][a-z0-9_-]*) -->/;

/** The hidden first line that ties an issue to its driver. */
function marker(driver) {
  return `<!-- drivercert-missing driver=${driver} -->`;
}

/** `drivercert missing --format json`, checked: [{ driver, cycle, title, body, labels, maintainers }]. */
function parseMissing(text) {
  const list = JSON.parse(text);
  if (!Array.isArray(list)) throw new Error('drivercert missing --format json did not print a list');
  const seen = new Set();
  const out = [];
  for (const [i, m] of list.entries()) {
    const bad = (what) => new Error(`entry ${i} of the missing list: ${what}`);
    if (typeof m !== 'object' || m === null) throw bad('not an object');
    if (typeof m.driver !== 'string' || !ID.test(m.driver)) throw bad('driver is not a driver id');
    if (typeof m.title !== 'string' || m.title.trim() === '' || m.title.length > 256)
      throw bad('title must be text of at most 256 characters');
    if (typeof m.body !== 'string' || m.body.length > 60000)
      throw bad('body must be text of at most 60,000 characters');
    const labels = m.labels === undefined ? [] : m.labels;
    if (!Array.isArray(labels) || labels.some((l) => typeof l !== 'string' || l.trim() === '' || l.length > 50))
      throw bad('labels must be a list of label names');
    const maintainers = m.maintainers === undefined ? [] : m.maintainers;
    if (!Array.isArray(maintainers) || maintainers.some((l) => typeof l !== 'string' || !LOGIN.test(l)))
      throw bad('maintainers must be a list of GitHub logins');
    if (seen.has(m.driver)) continue;
    seen.add(m.driver);
    out.push({ driver: m.driver, title: m.title, body: m.body, labels, maintainers });
  }
  return out;
}

/** The issue body: the marker, drivercert's text, and the maintainers to notify. */
function issueBody(m) {
  const cc = m.maintainers.length ? `\n\ncc ${m.maintainers.map((l) => `@${l}`).join(' ')}` : '';
  return `${marker(m.driver)}\n${m.body}${cc}`;
}

/** Open, update and close the tracking issues; returns what it did. */
async function trackMissing({ github, context, core }, file) {
  const missing = parseMissing(fs.readFileSync(file, 'utf8'));
  const { owner, repo } = context.repo;
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    owner,
    repo,
    state: 'open',
    labels: LABEL,
    per_page: 100,
  });
  const tracked = new Map();
  for (const issue of issues) {
    const m = MARKER.exec(issue.body || '');
    if (issue.pull_request || !m || !issue.user || issue.user.login !== BOT || tracked.has(m[1])) continue;
    tracked.set(m[1], issue);
  }
  const done = { opened: [], updated: [], closed: [] };
  for (const m of missing) {
    const body = issueBody(m);
    const labels = [...new Set([LABEL, ...m.labels])];
    const issue = tracked.get(m.driver);
    if (!issue) {
      await github.rest.issues.create({ owner, repo, title: m.title, body, labels });
      done.opened.push(m.driver);
    } else if (issue.title !== m.title || issue.body !== body) {
      await github.rest.issues.update({ owner, repo, issue_number: issue.number, title: m.title, body, labels });
      done.updated.push(m.driver);
    }
    tracked.delete(m.driver);
  }
  for (const [driver, issue] of tracked) {
    await github.rest.issues.createComment({
      owner,
      repo,
      issue_number: issue.number,
      body: `\`${driver}\` is no longer missing results in the current cycle (\`drivercert missing\` stopped listing it): closing.`,
    });
    await github.rest.issues.update({
      owner,
      repo,
      issue_number: issue.number,
      state: 'closed',
      state_reason: 'completed',
    });
    done.closed.push(driver);
  }
  core.info(
    `tracking issues: ${done.opened.length} opened, ${done.updated.length} updated, ${done.closed.length} closed`,
  );
  return done;
}

module.exports = { trackMissing, parseMissing, issueBody, marker, LABEL };
