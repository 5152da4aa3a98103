// Tailguard dashboard: a dependency-free single-page app over /api/v1, charts by Chart.js (served from its WebJar).
// Every value from the API is inserted as text (never as HTML): model names and responses are user data.
'use strict';

const API = '/api/v1';
const KEY_INDICATORS = ['distinct_n', 'self_bleu', 'ref_perplexity', 'ref_coverage', 'tail_mass',
  'duplicate_rate', 'entropy_1', 'prompt_distinct_answers', 'type_token_ratio'];
const charts = [];

// ---------------------------------------------------------------------------------------------- helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function fmt(x, digits = 4) {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  if (typeof x !== 'number') return String(x);
  if (Number.isInteger(x) && Math.abs(x) >= 1) return x.toLocaleString('en-US');
  const a = Math.abs(x);
  if (a >= 1000) return x.toLocaleString('en-US', { maximumFractionDigits: 0 });
  if (a >= 100) return x.toFixed(1);
  if (a === 0) return '0';
  return Number(x.toPrecision(digits)).toString();
}

function pct(x) {
  if (x === null || x === undefined || Number.isNaN(x)) return '—';
  const s = (x * 100).toFixed(1) + '%';
  return x > 0 ? '+' + s : s;
}

function ago(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function css(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function withAlpha(color, alpha) {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m) return color;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path) {
  const r = await fetch(API + path, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => null);
  if (!r.ok) throw new HttpError(r.status, body && body.error ? body.error.message : `HTTP ${r.status}`);
  return body;
}

function enc(s) { return encodeURIComponent(s); }

function destroyCharts() {
  while (charts.length) charts.pop().destroy();
}

function baseChartOptions(extra = {}) {
  const grid = css('--line');
  const ink = css('--muted');
  return Object.assign({
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    plugins: {
      legend: { display: false, labels: { color: ink, boxWidth: 12, font: { size: 11 } } },
      tooltip: { callbacks: {} },
    },
    scales: {
      x: { grid: { color: grid }, ticks: { color: ink, font: { size: 11 }, maxRotation: 0, autoSkip: true } },
      y: { grid: { color: grid }, ticks: { color: ink, font: { size: 11 } } },
    },
  }, extra);
}

// Charts are drawn once their canvas is in the page (Chart.js sizes them from their container).
const pending = [];
function makeChart(canvas, config) {
  if (!window.Chart) return null;
  if (!canvas.isConnected) {
    pending.push([canvas, config]);
    return null;
  }
  const c = new window.Chart(canvas, config);
  charts.push(c);
  return c;
}

function setActiveNav(section) {
  for (const a of document.querySelectorAll('.nav a')) a.classList.toggle('active', a.dataset.section === section);
}

function show(...nodes) {
  const view = document.getElementById('view');
  view.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined && n !== false));
  for (const [canvas, cfg] of pending.splice(0)) makeChart(canvas, cfg);
  view.dataset.ready = 'true';
}

function failure(e) {
  return h('div', { class: 'error-box', role: 'alert', 'data-testid': 'error' }, e.message || String(e));
}

function kpi(label, value, cls) {
  return h('div', { class: 'kpi ' + (cls || '') }, h('div', { class: 'label', text: label }), h('div', { class: 'value', text: value }));
}

// ---------------------------------------------------------------------------------------------- monitor

async function monitorOverview() {
  setActiveNav('monitor');
  const models = await api('/models');
  const head = [h('h1', { text: 'Monitor' }),
    h('p', { class: 'lead', text: 'Collapse indicators of each model, version by version. A model collapsing on its own outputs grows more uniform: distinct-n and coverage fall, reference perplexity and Self-BLEU rise. Red markers are early warnings.' })];
  if (!models.length) {
    show(...head, h('div', { class: 'empty', text: 'No model outputs yet. POST JSONL records to /api/v1/ingest, or run "tailguard demo".' }));
    return;
  }
  const totalWarnings = models.reduce((s, m) => s + m.active_warnings, 0);
  const cards = h('div', { class: 'cards', 'data-testid': 'model-cards' });
  for (const m of models) {
    const canvas = h('canvas', { height: 70 });
    const card = h('a', { class: 'card', href: '#/monitor/' + enc(m.model), 'data-testid': 'model-card', 'data-model': m.model },
      h('div', { class: 'title' }, h('span', { text: m.model }),
        m.active_warnings ? h('span', { class: 'badge bad', text: `${m.active_warnings} warning${m.active_warnings === 1 ? '' : 's'}` })
          : h('span', { class: 'badge ok', text: 'quiet' })),
      h('div', { class: 'meta', text: `${m.versions} versions · ${fmt(m.records)} responses · latest ${m.latest_version || '—'}` }),
      h('div', { class: 'canvas-wrap', style: 'height:70px;position:relative' }, canvas),
      h('div', { class: 'meta spark-note', text: 'distinct-n per version' }));
    cards.append(card);
  }
  show(...head,
    h('div', { class: 'kpis' }, kpi('Models', fmt(models.length)), kpi('Versions', fmt(models.reduce((s, m) => s + m.versions, 0))),
      kpi('Responses', fmt(models.reduce((s, m) => s + m.records, 0))),
      kpi('Active warnings', fmt(totalWarnings), totalWarnings ? 'alert' : 'calm')),
    h('h2', { text: 'Models' }), cards);
  // Sparklines load after the page shows: indicators may take a moment on first use.
  for (const card of cards.children) {
    const model = card.dataset.model;
    api('/models/' + enc(model) + '/indicators').then((d) => {
      const canvas = card.querySelector('canvas');
      if (!canvas.isConnected) return;
      sparkline(canvas, d, 'distinct_n');
      const first = d.versions[0]?.values.distinct_n;
      const last = d.versions.at(-1)?.values.distinct_n;
      if (typeof first === 'number' && typeof last === 'number' && first > 0) {
        card.querySelector('.spark-note').textContent =
          `distinct-n ${fmt(first, 3)} → ${fmt(last, 3)} (${pct((last - first) / first)} since ${d.versions[0].version})`;
      }
    }).catch(() => {});
  }
}

function warningsBy(d) {
  const map = new Map();
  for (const w of d.warnings) {
    const k = w.indicator + '\u0000' + w.version;
    if (!map.has(k)) map.set(k, []);
    map.get(k).push(w);
  }
  return map;
}

function relativeRange(values) {
  const finite = values.filter((x) => typeof x === 'number');
  if (!finite.length || !(finite[0] > 0)) return {};
  return { min: Math.min(0.7 * finite[0], ...finite), max: Math.max(1.1 * finite[0], ...finite) };
}

function sparkline(canvas, d, indicator) {
  const labels = d.versions.map((v) => v.version);
  const values = d.versions.map((v) => v.values[indicator]);
  const flagged = d.versions.map((v) => d.warnings.some((w) => w.version === v.version) ? v.values[indicator] : null);
  const accent = css('--accent');
  makeChart(canvas, {
    type: 'line',
    data: { labels, datasets: [
      { data: values, borderColor: accent, backgroundColor: withAlpha(accent, .12), fill: 'start', pointRadius: 0, tension: 0, borderWidth: 2 },
      { data: flagged, showLine: false, pointStyle: 'triangle', pointRadius: 5, borderColor: css('--bad'), backgroundColor: css('--bad') },
    ] },
    // The same relative scale for every model (baseline −30% … +10%), so a wobble looks small next to a fall.
    options: baseChartOptions({ plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: { x: { display: false }, y: { display: false, ...relativeRange(values) } } }),
  });
}

async function monitorModel(model) {
  setActiveNav('monitor');
  const d = await api('/models/' + enc(model) + '/indicators');
  const byKey = warningsBy(d);
  const labels = d.versions.map((v) => v.version);
  const flaggedIndicators = new Set(d.warnings.map((w) => w.indicator));
  const catalogue = new Map(d.catalogue.map((c) => [c.id, c]));
  const present = new Set(d.versions.flatMap((v) => Object.keys(v.values)));
  const chartIds = [...new Set([...KEY_INDICATORS.filter((i) => flaggedIndicators.has(i)),
    ...[...flaggedIndicators].filter((i) => present.has(i) && !KEY_INDICATORS.includes(i)),
    ...KEY_INDICATORS])].filter((i) => present.has(i));
  const records = d.versions.reduce((s, v) => s + v.records + v.pending, 0);

  const grid = h('div', { class: 'grid-charts', 'data-testid': 'indicator-charts' });
  for (const id of chartIds) {
    const info = catalogue.get(id) || { collapse: 'none', description: '' };
    const ws = d.warnings.filter((w) => w.indicator === id);
    const canvas = h('canvas');
    const dir = info.collapse === 'down' ? '↓ under collapse' : info.collapse === 'up' ? '↑ under collapse' : '';
    grid.append(h('div', { class: 'chart-box' + (ws.length ? ' flagged' : ''), 'data-indicator': id },
      h('div', { class: 'chart-head' }, h('span', { class: 'name', text: id }),
        ws.length ? h('span', { class: 'badge bad', text: `${ws.length} warning${ws.length === 1 ? '' : 's'}` }) : h('span', { class: 'muted', text: dir })),
      h('div', { class: 'hint', title: info.description, text: info.description.length > 70 ? info.description.slice(0, 68) + '…' : info.description }),
      h('div', { class: 'canvas-wrap' }, canvas)));
    const values = d.versions.map((v) => v.values[id]);
    const markers = d.versions.map((v) => (byKey.get(id + '\u0000' + v.version) ? v.values[id] : null));
    const accent = css('--accent');
    const bad = css('--bad');
    const options = baseChartOptions();
    options.plugins.tooltip.callbacks.afterBody = (items) => {
      const v = labels[items[0].dataIndex];
      return (byKey.get(id + '\u0000' + v) || []).map((w) => '⚠ ' + w.message);
    };
    options.plugins.tooltip.filter = (item) => item.datasetIndex === 0;
    makeChart(canvas, {
      type: 'line',
      data: { labels, datasets: [
        { label: id, data: values, borderColor: accent, backgroundColor: accent, pointRadius: 3, tension: 0, borderWidth: 2 },
        { label: 'warning', data: markers, showLine: false, pointStyle: 'triangle', pointRadius: 8, pointHoverRadius: 9,
          borderColor: bad, backgroundColor: bad },
      ] },
      options,
    });
  }

  const warnList = d.warnings.length ? h('div', { class: 'warnings', 'data-testid': 'warnings' }, d.warnings.map(warningCard))
    : h('div', { class: 'quiet', 'data-testid': 'no-warnings', text: 'No active warnings: every indicator is within its rule’s threshold of the baseline.' });

  const table = indicatorTable(d, byKey, catalogue);
  show(
    h('div', { class: 'crumbs' }, h('a', { href: '#/monitor', text: 'Monitor' }), ' / '),
    h('h1', { 'data-testid': 'model-title', text: model }),
    h('div', { class: 'kpis' }, kpi('Versions', fmt(d.versions.length)), kpi('Responses', fmt(records)),
      kpi('Latest', labels.at(-1) || '—'),
      kpi('Active warnings', fmt(d.warnings.length), d.warnings.length ? 'alert' : 'calm')),
    h('h2', { text: 'Indicators per version' }),
    h('p', { class: 'legend-note', text: 'Line: the indicator per version. Red triangle: a warning raised on that version for that indicator (hover for the rule). Flagged indicators come first.' }),
    grid,
    h('h2', { text: 'Early warnings' }), warnList,
    h('h2', { text: 'All indicators' }), table,
    compareSection(model, labels),
    samplesSection(model, labels));
}

function compareSection(model, versions) {
  if (versions.length < 2) return null;
  const pick = (id, selected) => h('select', { id, 'aria-label': id }, versions.map((v) => h('option', { value: v, selected: v === selected, text: v })));
  const ref = pick('compare-reference', versions[0]);
  const cur = pick('compare-current', versions.at(-1));
  const out = h('div', { 'data-testid': 'comparison' });
  const run = async () => {
    out.replaceChildren(h('p', { class: 'muted', text: 'Comparing… (the drift test trains a classifier on both samples)' }));
    try {
      const c = await api(`/models/${enc(model)}/compare?reference=${enc(ref.value)}&current=${enc(cur.value)}`);
      out.replaceChildren(...comparison(c));
    } catch (e) {
      out.replaceChildren(failure(e));
    }
  };
  return h('div', {}, h('h2', { text: 'Compare two versions' }),
    h('div', { class: 'toolbar' }, h('label', {}, 'baseline ', ref), h('label', {}, 'current ', cur),
      h('button', { type: 'button', class: 'btn', 'data-testid': 'compare', onclick: run, text: 'Compare' })),
    out);
}

function comparison(c) {
  const d = c.drift;
  const changes = [...c.changes].filter((x) => x.change !== null)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change)).slice(0, 12);
  const dist = (name, x) => x ? h('tr', {}, h('td', { text: name }), h('td', { text: fmt(x.hellinger) }), h('td', { text: fmt(x.jensen_shannon) }),
    h('td', { text: fmt(x.psi) }), h('td', { text: fmt(x.bins) })) : null;
  const ex = c.examples || {};
  return [
    h('div', { class: 'kpis' },
      kpi('Drift AUC', d ? fmt(d.auc, 3) : '—', d && d.flagged ? 'alert' : 'calm'),
      kpi('Null 95% quantile', d ? fmt(d.threshold, 3) : '—'),
      kpi('Baseline word types kept', c.baseline_type_coverage === null ? '—' : (100 * c.baseline_type_coverage).toFixed(1) + '%'),
      kpi('Shared prompts', fmt(c.prompts ? c.prompts.shared_prompts : null))),
    d ? h('div', { class: 'evidence' }, h('span', { class: 'lbl', text: `typical of ${c.current.version}:` }),
      (d.current_words || []).slice(0, 10).map((w) => h('span', { class: 'chip up', text: w })),
      h('span', { class: 'lbl', text: ` typical of ${c.reference.version}:` }),
      (d.reference_words || []).slice(0, 10).map((w) => h('span', { class: 'chip', text: w }))) : null,
    h('div', { class: 'split', style: 'margin-top:12px' },
      h('div', { class: 'table-scroll' }, h('table', { class: 'data', 'data-testid': 'changes-table' },
        h('thead', {}, h('tr', {}, ['indicator', c.reference.version, c.current.version, 'change'].map((t) => h('th', { text: t })))),
        h('tbody', {}, changes.map((x) => h('tr', {}, h('td', { class: 'mono', text: x.indicator }), h('td', { text: fmt(x.reference) }),
          h('td', { text: fmt(x.current) }), h('td', { class: Math.abs(x.change) >= 0.1 ? 'flag' : '', text: pct(x.change) })))))),
      h('div', {},
        h('div', { class: 'table-scroll' }, h('table', { class: 'data' },
          h('thead', {}, h('tr', {}, ['n-grams', 'Hellinger', 'Jensen–Shannon', 'PSI', 'bins'].map((t) => h('th', { text: t })))),
          h('tbody', {}, dist('words', c.unigrams), dist('bigrams', c.bigrams)))),
        ex.vanished && ex.vanished.length ? h('div', { class: 'evidence' }, h('span', { class: 'lbl', text: 'vanished:' }),
          ex.vanished.slice(0, 12).map((v) => h('span', { class: 'chip gone', text: v.word }))) : null,
        ex.over_represented && ex.over_represented.length ? h('div', { class: 'evidence' }, h('span', { class: 'lbl', text: 'over-represented:' }),
          ex.over_represented.slice(0, 8).map((p) => h('span', { class: 'chip up', text: p.phrase }))) : null)),
  ];
}

function warningCard(w) {
  const ev = w.examples || {};
  const rows = [];
  if (ev.over_represented && ev.over_represented.length) {
    rows.push(h('div', { class: 'evidence' }, h('span', { class: 'lbl', text: 'over-represented:' }),
      ev.over_represented.slice(0, 6).map((p) => h('span', { class: 'chip up', title: `share ${fmt(p.baseline_share)} → ${fmt(p.share)}`, text: p.phrase }))));
  }
  if (ev.vanished && ev.vanished.length) {
    rows.push(h('div', { class: 'evidence' }, h('span', { class: 'lbl', text: 'vanished:' }),
      ev.vanished.slice(0, 10).map((v) => h('span', { class: 'chip gone', title: `expected ${fmt(v.expected)} times`, text: v.word }))));
  }
  const repeated = (ev.repeated || []).filter((r) => r.response && r.response.trim());
  if (repeated.length) {
    rows.push(h('div', { class: 'evidence' }, h('span', { class: 'lbl', text: 'repeated:' }),
      repeated.slice(0, 3).map((r) => h('span', { class: 'chip', title: `${r.count} times`, text: `${r.response.slice(0, 60)} ×${r.count}` }))));
  }
  if (ev.outputs && ev.outputs.length) {
    rows.push(h('details', {}, h('summary', { text: `${ev.outputs.length} example output${ev.outputs.length === 1 ? '' : 's'}` }),
      h('ul', { class: 'outputs' }, ev.outputs.slice(0, 5).map((o) => h('li', { text: o })))));
  }
  return h('div', { class: 'warning', 'data-testid': 'warning', 'data-rule': w.rule },
    h('div', { class: 'wtitle' }, h('strong', { text: w.indicator }), h('span', { class: 'badge bad', text: w.rule }),
      h('span', { class: 'muted', text: `version ${w.version} vs ${w.baseline_version || '—'}` }),
      w.change !== null ? h('span', { class: 'badge warn', text: pct(w.change) }) : null),
    // The message repeats the evidence shown below as chips: keep its first sentence.
    h('div', { class: 'msg', title: w.message, text: w.message.split('. Over-represented now')[0].split('; typical now')[0] + '.' }),
    w.detail ? h('div', { class: 'detail', text: w.detail }) : null,
    rows);
}

function indicatorTable(d, byKey, catalogue) {
  const ids = [...new Set(d.versions.flatMap((v) => Object.keys(v.values)))];
  const thead = h('thead', {}, h('tr', {}, h('th', { text: 'indicator' }), h('th', { text: 'collapse' }),
    d.versions.map((v) => h('th', { text: v.version }))));
  const tbody = h('tbody');
  for (const id of ids) {
    const info = catalogue.get(id) || {};
    tbody.append(h('tr', {}, h('td', { class: 'mono', title: info.description || '', text: id }),
      h('td', { class: 'muted', text: info.collapse === 'down' ? '↓' : info.collapse === 'up' ? '↑' : '' }),
      d.versions.map((v) => {
        const ws = byKey.get(id + '\u0000' + v.version);
        return h('td', { class: ws ? 'flag' : '', title: ws ? ws.map((w) => w.message).join('\n') : null, text: fmt(v.values[id]) });
      })));
  }
  return h('div', { class: 'table-scroll' }, h('table', { class: 'data', 'data-testid': 'indicator-table' }, thead, tbody));
}

function samplesSection(model, versions) {
  if (!versions.length) return null;
  const latest = versions.at(-1);
  const box = h('div', {});
  const det = h('details', {}, h('summary', { text: `Sample responses of ${latest}` }), box);
  det.addEventListener('toggle', async () => {
    if (!det.open || box.childElementCount) return;
    try {
      const rows = await api(`/models/${enc(model)}/versions/${enc(latest)}/samples?limit=12`);
      box.append(h('table', { class: 'data' }, h('thead', {}, h('tr', {}, h('th', { text: 'prompt' }), h('th', { text: 'response' }))),
        h('tbody', {}, rows.map((r) => h('tr', {}, h('td', { class: 'wrap muted', text: r.prompt || '' }), h('td', { class: 'wrap', style: 'text-align:left', text: r.response }))))));
    } catch (e) {
      box.append(failure(e));
    }
  });
  return h('div', {}, h('h2', { text: 'Outputs' }), det);
}

// ---------------------------------------------------------------------------------------------- lab runs

async function runList() {
  setActiveNav('runs');
  const runs = await api('/runs');
  const head = [h('h1', { text: 'Lab runs' }),
    h('p', { class: 'lead', text: 'Simulated generations of models trained on their predecessors’ outputs: each run’s curves show the median over chains with the 10–90% band.' })];
  if (!runs.length) {
    show(...head, h('div', { class: 'empty', text: 'No lab runs yet. Try "tailguard run examples/shumailov-gaussian-replace.yaml".' }));
    return;
  }
  const tbody = h('tbody', {}, runs.map((r) => h('tr', { 'data-testid': 'run-row' },
    h('td', {}, h('a', { href: '#/runs/' + enc(r.id), class: 'mono', text: r.id })),
    h('td', { text: r.name }), h('td', { text: r.family }), h('td', { text: r.workflow }),
    h('td', {}, h('span', { class: 'badge ' + (r.status === 'finished' ? 'ok' : r.status === 'running' ? 'neutral' : 'bad'), text: r.status })),
    h('td', { text: fmt(r.chains) }), h('td', { text: `${r.last_generation} / ${r.generations}` }), h('td', { class: 'muted', text: ago(r.created) }))));
  show(...head, h('div', { class: 'table-scroll' }, h('table', { class: 'data', 'data-testid': 'runs-table' },
    h('thead', {}, h('tr', {}, ['run', 'name', 'family', 'workflow', 'status', 'chains', 'generations', 'created'].map((t) => h('th', { text: t })))), tbody)));
}

async function runPage(id) {
  setActiveNav('runs');
  const [run, sums] = await Promise.all([api('/runs/' + enc(id)), api('/runs/' + enc(id) + '/summaries')]);
  // The seed table needs a text run's three indicators; ask only then.
  const names = new Set(run.indicators.map((i) => i.name));
  const seed = ['unique_1', 'self_bleu', 'heldout_ppl'].every((n) => names.has(n))
    ? await api('/runs/' + enc(id) + '/seed-table') : null;
  const meta = new Map(run.indicators.map((i) => [i.name, i]));
  const grid = h('div', { class: 'grid-charts wide', 'data-testid': 'run-charts' });
  const accent = css('--accent');
  for (const [name, s] of Object.entries(sums.indicators)) {
    if (!s.median.some((x) => x !== null)) continue;
    const info = meta.get(name) || { description: '', log_scale: false };
    const canvas = h('canvas');
    grid.append(h('div', { class: 'chart-box', 'data-indicator': name },
      h('div', { class: 'chart-head' }, h('span', { class: 'name', text: name }), info.log_scale ? h('span', { class: 'muted', text: 'log scale' }) : null),
      h('div', { class: 'hint', title: info.description, text: info.description.length > 70 ? info.description.slice(0, 68) + '…' : info.description }),
      h('div', { class: 'canvas-wrap' }, canvas)));
    const positive = [...s.p10, ...s.median, ...s.p90].every((x) => x === null || x > 0);
    const options = baseChartOptions();
    options.plugins.legend.display = true;
    options.plugins.legend.labels.filter = (item) => item.text !== '';
    options.scales.x.title = { display: true, text: 'generation', color: css('--muted'), font: { size: 11 } };
    if (info.log_scale && positive) options.scales.y.type = 'logarithmic';
    makeChart(canvas, {
      type: 'line',
      data: { labels: sums.generations, datasets: [
        { label: '', data: s.p90, borderWidth: 0, pointRadius: 0, fill: false, borderColor: 'transparent' },
        { label: '10–90%', data: s.p10, borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: withAlpha(accent, .18), borderColor: 'transparent' },
        { label: 'median', data: s.median, borderColor: accent, backgroundColor: accent, borderWidth: 2, pointRadius: sums.generations.length > 30 ? 0 : 2, tension: .15 },
      ] },
      options,
    });
  }
  const seedSection = seed ? [h('h2', { text: 'Seed table' }),
    h('p', { class: 'legend-note', text: 'Vocabulary diversity = unique-1 at a fixed sample; content uniqueness = 1 − Self-BLEU; quality = PPL₀ / PPLg on held-out text; all in percent of generation 0, medians over chains.' }),
    h('div', { class: 'table-scroll' }, h('table', { class: 'data', 'data-testid': 'seed-table' },
      h('thead', {}, h('tr', {}, ['generation', 'vocabulary diversity', 'content uniqueness', 'quality score', 'unique-1', 'Self-BLEU', 'perplexity'].map((t) => h('th', { text: t })))),
      h('tbody', {}, seed.rows.map((r) => h('tr', {}, h('td', { text: r.generation }),
        h('td', { text: fmt(r.vocabulary_diversity, 3) + '%' }), h('td', { text: fmt(r.content_uniqueness, 3) + '%' }),
        h('td', { text: fmt(r.quality_score, 3) + '%' }), h('td', { text: fmt(r.unique1) }), h('td', { text: fmt(r.self_bleu) }),
        h('td', { text: fmt(r.perplexity) }))))))] : [];
  show(
    h('div', { class: 'crumbs' }, h('a', { href: '#/runs', text: 'Lab runs' }), ' / '),
    h('h1', { class: 'mono', 'data-testid': 'run-title', text: run.id }),
    run.description ? h('p', { class: 'lead', text: run.description }) : null,
    h('div', { class: 'kpis' }, kpi('Family', run.family), kpi('Workflow', run.workflow), kpi('Chains', fmt(run.chains)),
      kpi('Generations', `${run.last_generation} / ${run.generations}`), kpi('Status', run.status, run.status === 'finished' ? 'calm' : '')),
    run.reproduces ? h('p', { class: 'muted', text: 'Reproduces: ' + run.reproduces }) : null,
    h('h2', { text: 'Indicators across generations' }),
    h('p', { class: 'legend-note', text: 'Median over chains, shaded 10th–90th percentile band.' }),
    grid, ...seedSection,
    h('details', {}, h('summary', { text: 'Spec (YAML, defaults filled in)' }), h('pre', { class: 'spec', text: run.spec_yaml })));
}

// ---------------------------------------------------------------------------------------------- pipelines

async function pipelineList() {
  setActiveNav('pipelines');
  const list = await api('/pipelines');
  const head = [h('h1', { text: 'Guard pipelines' }),
    h('p', { class: 'lead', text: 'Curation runs of the guard: what each filter stage kept and dropped, score histograms, and the training mixture.' })];
  if (!list.length) {
    show(...head, h('div', { class: 'empty', text: 'No pipeline runs in this data folder (pipelines/<name>/summary.json).' }));
    return;
  }
  show(...head, h('div', { class: 'cards', 'data-testid': 'pipeline-cards' }, list.map((p) => h('a', { class: 'card', href: '#/pipelines/' + enc(p.name), 'data-testid': 'pipeline-card' },
    h('div', { class: 'title' }, h('span', { text: p.name }), p.error ? h('span', { class: 'badge bad', text: 'unreadable' }) : h('span', { class: 'badge neutral', text: `${p.sources} source${p.sources === 1 ? '' : 's'}` })),
    h('div', { class: 'meta', text: p.error || `${fmt(p.documents_in)} documents in → ${fmt(p.documents_out)} kept (${p.documents_in ? (100 * p.documents_out / p.documents_in).toFixed(1) : '—'}%)` }),
    h('div', { class: 'meta', text: 'updated ' + ago(p.modified) })))));
}

function sourcesOf(s) {
  const out = [];
  if (Array.isArray(s.stages)) out.push([s.pipeline || 'pipeline', s]);
  if (s.sources && typeof s.sources === 'object' && !Array.isArray(s.sources)) {
    for (const [k, v] of Object.entries(s.sources)) if (v && Array.isArray(v.stages)) out.push([k, v]);
  }
  return out;
}

async function pipelinePage(name) {
  setActiveNav('pipelines');
  const s = await api('/pipelines/' + enc(name));
  const sections = [];
  const accent = css('--accent');
  const second = css('--series-2');
  for (const [src, run] of sourcesOf(s)) {
    const stages = run.stages;
    const counterNames = [...new Set(stages.flatMap((st) => Object.keys(st.counters || {})))].filter((c) => c !== 'total' && c !== 'kept');
    const funnel = h('canvas');
    const table = h('table', { class: 'data', 'data-testid': 'stage-table' },
      h('thead', {}, h('tr', {}, h('th', { text: 'stage' }), h('th', { text: 'in' }), h('th', { text: 'kept' }), h('th', { text: 'dropped' }), h('th', { text: 'kept %' }),
        h('th', { style: 'text-align:left', text: 'other counters' }))),
      h('tbody', {}, stages.map((st) => {
        const c = st.counters || {};
        const total = c.total ?? null;
        const kept = c.kept ?? null;
        return h('tr', {}, h('td', { class: 'mono', text: st.stage }), h('td', { text: fmt(total) }), h('td', { text: fmt(kept) }),
          h('td', { text: total !== null && kept !== null ? fmt(total - kept) : '—' }),
          h('td', { text: total ? (100 * kept / total).toFixed(1) + '%' : '—' }),
          h('td', { class: 'wrap counters' }, counterNames.filter((n) => c[n] !== undefined).map((n) =>
            h('span', { class: 'chip', text: `${n.replace(/^dropped_/, '')} ${fmt(c[n])}` }))));
      })));
    const hists = stages.filter((st) => st.histogram && Array.isArray(st.histogram.counts));
    const histGrid = h('div', { class: 'grid-charts' });
    sections.push(h('h2', { text: `Source ${src}` }),
      h('p', { class: 'legend-note', text: `${fmt(run.documents_in)} documents in, ${fmt(run.documents_out)} out${run.pipeline_sha256 ? ' · pipeline ' + run.pipeline_sha256.slice(0, 12) : ''}` }),
      h('div', { class: 'split' }, h('div', { class: 'chart-box', 'data-testid': 'stage-chart' }, h('div', { class: 'chart-head' }, h('span', { class: 'name', text: 'documents per stage' })),
        h('div', { class: 'canvas-wrap', style: `height:${Math.max(150, 56 * stages.length + 40)}px` }, funnel)), h('div', { class: 'table-scroll' }, table)),
      hists.length ? h('h3', { style: 'margin-top:16px', text: 'Histograms' }) : null, histGrid);
    const opts = baseChartOptions({ indexAxis: 'y' });
    opts.plugins.legend.display = true;
    makeChart(funnel, {
      type: 'bar',
      data: { labels: stages.map((st) => st.stage), datasets: [
        { label: 'in', data: stages.map((st) => (st.counters || {}).total ?? null), backgroundColor: withAlpha(second, .35), borderColor: second, borderWidth: 1 },
        { label: 'kept', data: stages.map((st) => (st.counters || {}).kept ?? null), backgroundColor: withAlpha(accent, .75), borderColor: accent, borderWidth: 1 },
      ] },
      options: opts,
    });
    for (const st of hists) {
      const hg = st.histogram;
      const width = (hg.hi - hg.lo) / hg.bins;
      const labels = hg.counts.map((_, i) => fmt(hg.lo + i * width, 3));
      const canvas = h('canvas');
      histGrid.append(h('div', { class: 'chart-box', 'data-testid': 'histogram' }, h('div', { class: 'chart-head' }, h('span', { class: 'name', text: hg.name }), h('span', { class: 'muted', text: st.stage })),
        h('div', { class: 'hint', text: `${hg.bins} bins on [${fmt(hg.lo)}, ${fmt(hg.hi)}]` }), h('div', { class: 'canvas-wrap' }, canvas)));
      makeChart(canvas, {
        type: 'bar',
        data: { labels, datasets: [{ label: hg.name, data: hg.counts, backgroundColor: withAlpha(accent, .7), borderWidth: 0, barPercentage: 1, categoryPercentage: .96 }] },
        options: baseChartOptions(),
      });
    }
  }
  const mix = s.mixture_result;
  if (mix && Array.isArray(mix.sources)) {
    sections.push(h('h2', { text: 'Training mixture' }),
      h('p', { class: 'legend-note', text: `Budget ${fmt(mix.budget)} ${mix.unit || ''} · selected ${fmt(mix.selected)} · seed ${mix.seed ?? '—'}` }),
      h('div', { class: 'table-scroll' }, h('table', { class: 'data', 'data-testid': 'mixture-table' },
        h('thead', {}, h('tr', {}, ['source', 'tier', 'weight', 'target', 'available', 'selected', 'shortfall'].map((t) => h('th', { text: t })))),
        h('tbody', {}, mix.sources.map((q) => h('tr', {}, h('td', { text: q.source }), h('td', { text: q.tier ?? '' }), h('td', { text: fmt(q.weight) }),
          h('td', { text: fmt(q.target) }), h('td', { text: fmt(q.available) }), h('td', { text: fmt(q.selected) }),
          h('td', { class: q.shortfall > 0 ? 'flag' : '', text: fmt(q.shortfall) })))))));
  }
  show(h('div', { class: 'crumbs' }, h('a', { href: '#/pipelines', text: 'Pipelines' }), ' / '),
    h('h1', { 'data-testid': 'pipeline-title', text: name }),
    s.mixture ? h('p', { class: 'lead', text: 'Mixture ' + s.mixture }) : null,
    ...(sections.length ? sections : [h('div', { class: 'empty', text: 'This summary has no stages.' })]));
}

// ---------------------------------------------------------------------------------------------- routing

async function route() {
  const view = document.getElementById('view');
  view.dataset.ready = 'false';
  destroyCharts();
  pending.length = 0;
  const parts = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  try {
    if (!window.Chart) throw new Error('The chart library did not load.');
    if (parts[0] === 'runs' && parts[1]) await runPage(parts[1]);
    else if (parts[0] === 'runs') await runList();
    else if (parts[0] === 'pipelines' && parts[1]) await pipelinePage(parts[1]);
    else if (parts[0] === 'pipelines') await pipelineList();
    else if (parts[0] === 'monitor' && parts[1]) await monitorModel(parts.slice(1).join('/'));
    else await monitorOverview();
  } catch (e) {
    show(h('h1', { text: 'Cannot show this page' }), failure(e));
  }
}

async function health() {
  const el = document.getElementById('health');
  try {
    const r = await api('/health');
    el.className = 'health up';
    el.querySelector('.label').textContent = `up · ${fmt(r.records_committed)} records`;
  } catch (e) {
    el.className = 'health down';
    el.querySelector('.label').textContent = 'unreachable';
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('DOMContentLoaded', () => {
  if (window.Chart) {
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  }
  route();
  health();
  setInterval(health, 15000);
});
