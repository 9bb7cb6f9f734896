// The site's two static files: its stylesheet and the index's filter script (an external file,
// so the Content-Security-Policy can forbid inline script). Both are plain text, the same bytes
// on every build.

export const STYLE_PATH = 'assets/site.css';
export const SCRIPT_PATH = 'assets/filters.js';
export const ICON_PATH = 'assets/favicon.svg';

/** The site's icon: served by the site, so a browser never asks the host's root for /favicon.ico. */
export const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#1a7f37"/>' +
  '<path d="M4 8.5l2.5 2.5L12 5.5" stroke="#fff" stroke-width="2" fill="none"/></svg>\n';

/** The stylesheet: readable tables, colours with AA contrast, no web font. */
export const STYLE = `:root { color-scheme: light; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; }
[hidden] { display: none !important; }
body { font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; margin: 0 auto;
  max-width: 72rem; padding: 0 1rem; }
a { color: #0550ae; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: #fff; padding: .25rem .5rem; }
header nav { padding: .75rem 0; border-bottom: 1px solid var(--line); }
footer { margin-top: 2rem; padding: .75rem 0; border-top: 1px solid var(--line); color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
th { background: #f6f8fa; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
code { font-size: .9em; overflow-wrap: anywhere; }
.passed { color: #116329; font-weight: 600; }
.failed { color: #a40e26; font-weight: 600; }
.withdrawn { color: #7d4e00; font-weight: 600; }
.not-submitted, .muted { color: var(--muted); }
form#filters { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: 1rem 0; }
form#filters label { display: flex; flex-direction: column; font-size: .9rem; }
form#filters select, form#filters button { font: inherit; padding: .2rem; }
.strip { display: block; margin: .5rem 0; }
ul.tests { font-size: .9rem; max-height: 20rem; overflow: auto; }
.notes { white-space: pre-line; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dd { margin: 0; }
dd ul { margin: 0; padding-left: 1.2rem; }
th .desc { font-weight: normal; }
.legend { font-size: .9rem; color: var(--muted); }
.legend svg { vertical-align: middle; margin: 0 .25rem 0 .75rem; }
`;

/**
 * The filters of the index: `?protocol=`, `?vendor=`, `?verdict=` and `?feature=` (AND, case-
 * insensitive) hide the rows that do not match; the controls show the URL's filters and write
 * theirs back to it. Without this script every row stays visible.
 */
export const SCRIPT = `// drivercert: the driver table's filters, read from and written to the URL.
(function () {
  'use strict';
  var KEYS = ['protocol', 'vendor', 'verdict', 'feature'];
  var form = document.getElementById('filters');
  var table = document.getElementById('drivers');
  var count = document.getElementById('filter-count');
  var share = document.getElementById('filter-link');
  if (!form || !table || !count || !share) return;
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var norm = function (s) { return s.trim().toLowerCase(); };
  var field = function (key) { return form.elements.namedItem(key); };
  var rowValues = function (row, key) {
    var v = row.getAttribute('data-' + key) || '';
    return v.split('|').filter(Boolean).map(norm);
  };
  var wanted = function (params) {
    var out = [];
    KEYS.forEach(function (key) {
      params.getAll(key).forEach(function (v) { if (norm(v)) out.push([key, norm(v)]); });
    });
    return out;
  };
  var apply = function (params) {
    var filters = wanted(params);
    var shown = 0;
    rows.forEach(function (row) {
      var ok = filters.every(function (f) { return rowValues(row, f[0]).indexOf(f[1]) >= 0; });
      row.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = filters.length
      ? shown + ' of ' + rows.length + ' drivers match the filters.'
      : 'All ' + rows.length + ' drivers are shown.';
    var query = params.toString();
    share.setAttribute('href', query ? '?' + query : 'index.html');
  };
  var showInControls = function (params) {
    KEYS.forEach(function (key) {
      var select = field(key);
      var value = params.get(key) || '';
      var match = Array.prototype.find.call(select.options, function (o) { return norm(o.value) === norm(value); });
      if (!match && value) {
        match = new Option(value, value);
        select.add(match);
      }
      select.value = match ? match.value : '';
    });
  };
  var fromControls = function () {
    var params = new URLSearchParams();
    KEYS.forEach(function (key) { if (field(key).value) params.append(key, field(key).value); });
    return params;
  };
  var update = function () {
    var params = fromControls();
    var query = params.toString();
    try {
      history.replaceState(null, '', query ? '?' + query : location.pathname);
    } catch (e) {
      // A page opened from file:// may refuse; the filters still apply.
    }
    apply(params);
  };
  var initial = new URLSearchParams(location.search);
  showInControls(initial);
  apply(initial);
  form.hidden = false;
  form.addEventListener('change', update);
  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  form.addEventListener('reset', function () { setTimeout(update, 0); });
})();
`;
