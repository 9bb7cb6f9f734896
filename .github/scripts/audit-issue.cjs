// The audit workflow's last step (run by actions/github-script): one issue says that the
// latest audit failed — opened the first time, updated by every later failed audit. It is
// recognised by a hidden marker in its body, its label, and its author (the workflow).
'use strict';

const fs = require('node:fs');

const LABEL = 'audit';
const BOT = 'github-actions[bot]';
const MARKER = '<!-- drivercert-audit -->';
const TITLE = 'The weekly audit of the results failed';
const MAX_BODY = 60000;

/** The issue body: the marker, the merged report (drivercert made it inert), the run's link. */
function auditBody(report, runUrl) {
  const link = /^https:\/\/[\w.-]+\/[\w.-]+\/[\w.-]+\/actions\/runs\/\d+$/.test(runUrl || '') ? runUrl : undefined;
  const text = report.split(MARKER).join('').slice(0, MAX_BODY);
  return `${MARKER}\n${text}${link ? `\n\n[The audit run](${link})` : ''}\n`;
}

/** Open the audit issue, or update the open one; returns what it did. */
async function reportAudit({ github, context, core }, file, runUrl) {
  const body = auditBody(fs.readFileSync(file, 'utf8'), runUrl);
  const { owner, repo } = context.repo;
  const open = await github.paginate(github.rest.issues.listForRepo, {
    owner,
    repo,
    state: 'open',
    labels: LABEL,
    per_page: 100,
  });
  const mine = open.find((i) => !i.pull_request && i.user && i.user.login === BOT && (i.body || '').startsWith(MARKER));
  if (mine) {
    await github.rest.issues.update({ owner, repo, issue_number: mine.number, body });
    core.info(`updated issue #${mine.number}`);
    return { updated: mine.number };
  }
  const made = await github.rest.issues.create({ owner, repo, title: TITLE, body, labels: [LABEL] });
  core.info(`opened issue #${made.data.number}`);
  return { opened: made.data.number };
}

module.exports = { reportAudit, auditBody, MARKER, LABEL, TITLE };
