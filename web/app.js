// isnad's web page: search the store, read a report with its actors and
// claims marked, explore the actor network and its timeline. Plain DOM, no
// framework and nothing loaded from elsewhere; every string from the store
// goes in as text, never as markup. Views are addressed by the URL's hash
// (#/search?q=..., #/report/12, #/network?actor=..., #/timeline, #/actors,
// #/stories),
// so any view can be bookmarked or sent.
'use strict';

const PLOVER = {
  AGREE: 'اتفاق', CONSULT: 'تشاور', SUPPORT: 'دعم', CONCEDE: 'تنازل', COOPERATE: 'تعاون',
  AID: 'مساعدة', RETREAT: 'انسحاب', REQUEST: 'طلب', ACCUSE: 'اتهام', REJECT: 'رفض',
  THREATEN: 'تهديد', PROTEST: 'احتجاج', SANCTION: 'عقوبات', MOBILIZE: 'تعبئة',
  COERCE: 'إكراه', ASSAULT: 'هجوم',
};
// PLOVER's four classes of events, one colour each in the network.
const PLOVER_CLASS = {
  AGREE: 'vcoop', CONSULT: 'vcoop', SUPPORT: 'vcoop', CONCEDE: 'vcoop',
  COOPERATE: 'mcoop', AID: 'mcoop', RETREAT: 'mcoop',
  REQUEST: 'vconf', ACCUSE: 'vconf', REJECT: 'vconf', THREATEN: 'vconf',
  PROTEST: 'mconf', SANCTION: 'mconf', MOBILIZE: 'mconf', COERCE: 'mconf', ASSAULT: 'mconf',
};
const POLARITY = { asserted: 'مؤكَّد', alleged: 'مزعوم', denied: 'منفي' };
const ENTITY_TYPE = { PER: 'شخص', ORG: 'منظمة', LOC: 'مكان' };

// h('a', {href: '#/'}, 'text', child...): an element; attributes starting
// with "on" are listeners.
function h(tag, attrs, ...children) {
  const isSvg = ['svg', 'g', 'line', 'circle', 'text', 'rect', 'path', 'marker', 'defs', 'title'].includes(tag);
  const el = isSvg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v) query.set(k, v);
  const response = await fetch('api/' + path + (query.toString() ? '?' + query : ''));
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  return { parts: path.split('/').filter(Boolean), params: Object.fromEntries(new URLSearchParams(query || '')) };
}

function go(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v) query.set(k, v);
  location.hash = '#/' + path + (query.toString() ? '?' + query : '');
}

const app = document.getElementById('app');

// A date, kept left to right inside Arabic text (else 2017-03-11 can read
// as 11-03-2017).
function date(iso) {
  return iso ? h('bdi', { dir: 'ltr', class: 'date' }, iso) : null;
}

function layout(active, ...content) {
  const tab = (name, label) => h('a', { href: '#/' + name, class: active === name ? 'tab on' : 'tab' }, label);
  app.replaceChildren(
    h('header', {},
      h('h1', {}, h('a', { href: '#/' }, 'إسناد'), h('span', { class: 'latin' }, ' isnad')),
      h('nav', {}, tab('search', 'بحث'), tab('network', 'الشبكة'), tab('timeline', 'الخط الزمني'),
        tab('actors', 'الفاعلون'), tab('stories', 'القصص')),
      h('p', { id: 'summary', class: 'muted' })),
    h('section', { id: 'view' }, ...content));
  showSummary();
}

let summaryCache = null;
async function showSummary() {
  try {
    summaryCache = summaryCache || await api('summary');
    const s = summaryCache;
    const el = document.getElementById('summary');
    if (el) el.replaceChildren(`التقارير ${s.reports} · الفاعلون ${s.actors} · الادعاءات ${s.claims} · الأقوال ${s.quotes}`,
      ...(s.first_date ? [' · من ', date(s.first_date), ' إلى ', date(s.last_date)] : []));
  } catch (e) { /* the summary is a courtesy; the view says what failed */ }
}

function failure(error) {
  return h('p', { class: 'error', role: 'alert' }, 'تعذّر الطلب: ' + error.message);
}

// The form of filters shared by search, network and timeline.
function filterForm(view, params, fields) {
  const input = (name, label, attrs) =>
    h('label', {}, label, h('input', Object.assign({ name, id: 'f-' + name, value: params[name] || '' }, attrs || {})));
  const typeSelect = h('select', { name: 'type', id: 'f-type' }, h('option', { value: '' }, 'كل الأنواع'),
    Object.entries(PLOVER).map(([k, v]) => h('option', { value: k, selected: params.type === k }, v + ' ' + k)));
  const polaritySelect = h('select', { name: 'polarity', id: 'f-polarity' }, h('option', { value: '' }, 'الكل'),
    Object.entries(POLARITY).map(([k, v]) => h('option', { value: k, selected: params.polarity === k }, v)));
  const actors = h('datalist', { id: 'actor-names' });
  const form = h('form', {
    class: 'filters',
    onsubmit: (e) => {
      e.preventDefault();
      go(view, Object.fromEntries(new FormData(form)));
    },
  },
  fields.includes('q') ? input('q', 'كلمات', { type: 'search', required: true, placeholder: 'مثلًا: حفتر داعش' }) : null,
  input('actor', 'فاعل', { list: 'actor-names', placeholder: 'اسم أو مفتاح' }),
  fields.includes('type') ? h('label', {}, 'النوع', typeSelect) : null,
  // Who says so: the claims one actor makes, at any depth of the chain.
  fields.includes('type') ? input('claimant', 'بحسب', { list: 'actor-names', placeholder: 'من يقول ذلك' }) : null,
  fields.includes('type') ? h('label', {}, 'الصفة', polaritySelect) : null,
  input('from', 'من', { type: 'date' }), input('to', 'إلى', { type: 'date' }),
  h('button', { type: 'submit' }, fields.includes('q') ? 'ابحث' : 'اعرض'), actors);
  // Actor names to choose from, as the user types.
  let pending = 0;
  for (const field of form.querySelectorAll('[list=actor-names]')) {
    field.addEventListener('input', async () => {
      const ticket = ++pending;
      try {
        const r = await api('actors', { q: field.value, limit: 15 });
        if (ticket !== pending) return;
        actors.replaceChildren(...r.actors.map((a) => h('option', { value: a.key }, a.name)));
      } catch (e) { /* suggestions only */ }
    });
  }
  return form;
}

// The filter the network, its claims and the timeline share, from the
// view's address.
function filterOf(params) {
  const { actor, type, from, to, claimant, polarity } = params;
  return { actor, type, from, to, claimant, polarity };
}

// ---- search ----

async function searchView(params) {
  const results = h('div', { id: 'results' });
  layout('search', filterForm('search', params, ['q']), results);
  if (!params.q) {
    results.append(h('p', { class: 'muted' },
      'ابحث في التقارير بكلماتها: يطابق البحث الكلمة مع لواحقها وتهجئاتها (وللحوثيين تجد الحوثيين).'));
    return;
  }
  try {
    const r = await api('search', { q: params.q, actor: params.actor, from: params.from, to: params.to, limit: 50 });
    if (!r.hits.length) {
      results.append(h('p', { class: 'muted' }, 'لا نتائج.'));
      return;
    }
    results.append(h('p', { class: 'muted' }, `النتائج: ${r.hits.length}`),
      h('ol', { class: 'hits' }, r.hits.map((hit) => h('li', { class: 'hit' },
        h('a', { href: '#/report/' + hit.report, class: 'title' }, hit.title || hit.doc_id),
        h('span', { class: 'meta' }, date(hit.date), hit.source ? ' · ' + hit.source : ''),
        h('p', { class: 'snippet' }, hit.snippet.cut_before ? '… ' : '',
          hit.snippet.words.map((w, i) => [i ? ' ' : '', w.hit ? h('mark', {}, w.text) : w.text]),
          hit.snippet.cut_after ? ' …' : '')))));
  } catch (e) {
    results.append(failure(e));
  }
}

// ---- a report ----

function claimLine(c, withReport) {
  const side = (name, key) => name ? h('a', { href: '#/network?actor=' + encodeURIComponent(key), class: 'actor' }, name)
    : h('span', { class: 'muted' }, 'غير مسمّى');
  return [
    side(c.source_name, c.source),
    h('span', { class: 'type ' + PLOVER_CLASS[c.type], title: c.type }, ' ← ' + (PLOVER[c.type] || c.type) + ' ← '),
    side(c.target_name, c.target),
    ' ', h('span', { class: 'polarity ' + c.polarity }, POLARITY[c.polarity] || c.polarity),
    c.claimed_by.length ? h('span', { class: 'chain' }, ' بحسب ' + c.claimed_by.join(' ‹ ')) : null,
    c.location ? h('span', { class: 'meta' }, ' · في ' + c.location) : null,
    c.date ? h('span', { class: 'meta' }, ' · ', date(c.date)) : null,
    withReport ? h('div', { class: 'evidence' }, '«' + c.evidence.text + '» ',
      h('a', { href: '#/report/' + c.report + '?claim=' + c.evidence.start }, c.report_title || c.doc_id),
      h('span', { class: 'meta' }, ' ', date(c.report_date), c.outlet ? ' · ' + c.outlet : '')) : null,
  ];
}

// The report's text cut where any mention, quote or evidence span begins
// or ends; each piece knows what covers it. Offsets are code points.
function markedText(r) {
  const chars = Array.from(r.text);
  const cuts = new Set([0, chars.length]);
  const spans = [];
  r.mentions.forEach((m) => spans.push({ kind: 'mention', start: m.start, end: m.end, m }));
  r.quotes.forEach((q) => spans.push({ kind: 'quote', start: q.start, end: q.end }));
  r.claims.forEach((c, i) => spans.push({ kind: 'claim', start: c.evidence.start, end: c.evidence.end, i }));
  for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(chars.length, s.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const out = h('div', { id: 'report-text', class: 'text' });
  for (let k = 0; k + 1 < points.length; ++k) {
    const a = points[k], b = points[k + 1];
    const covering = spans.filter((s) => s.start <= a && s.end >= b);
    const mention = covering.find((s) => s.kind === 'mention');
    const claims = covering.filter((s) => s.kind === 'claim').map((s) => s.i);
    const classes = [];
    if (mention) classes.push('ent', 'ent-' + mention.m.type);
    if (covering.some((s) => s.kind === 'quote')) classes.push('quoted');
    if (claims.length) classes.push('ev');
    // Runs of empty lines (common in pasted reports) are drawn as one.
    const text = chars.slice(a, b).join('').replace(/\n\s*\n(\s*\n)+/g, '\n\n');
    if (!classes.length) { out.append(text); continue; }
    out.append(h('span', {
      class: classes.join(' '),
      'data-claims': claims.length ? claims.join(' ') : null,
      'data-actor': mention ? mention.m.actor : null,
      title: mention ? `${mention.m.name} (${ENTITY_TYPE[mention.m.type] || mention.m.type})` : null,
      onclick: mention ? () => go('network', { actor: mention.m.actor }) : null,
    }, text));
  }
  return out;
}

function lightClaim(i, on) {
  for (const el of document.querySelectorAll('#report-text .ev')) {
    const has = (el.dataset.claims || '').split(' ').includes(String(i));
    el.classList.toggle('ev-on', on && has);
  }
  const first = document.querySelector('#report-text .ev-on');
  if (on && first) first.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
}

async function reportView(id, params) {
  layout('');
  const view = document.getElementById('view');
  let r;
  try {
    r = await api('report', { id });
  } catch (e) {
    view.append(failure(e));
    return;
  }
  // The report's actors: one line each, with how often they are named.
  const actors = new Map();
  for (const m of r.mentions) {
    const a = actors.get(m.actor) || { name: m.name, type: m.type, count: 0 };
    a.count++;
    actors.set(m.actor, a);
  }
  view.append(
    h('article', { class: 'report' },
      h('h2', {}, r.title || r.doc_id),
      h('p', { class: 'meta' }, r.date ? date(r.date) : 'بلا تاريخ', r.source ? ' · ' + r.source : '', ' · ',
        h('span', { class: 'latin' }, r.doc_id), ' ',
        // Only web addresses link out: a javascript: address in a stored
        // report must not run.
        /^https?:\/\//i.test(r.url || '') ? h('a', { href: r.url, rel: 'noreferrer noopener', target: '_blank' }, 'المصدر') : null),
      h('p', { class: 'legend' }, h('span', { class: 'ent ent-PER' }, 'شخص'), ' ', h('span', { class: 'ent ent-ORG' }, 'منظمة'),
        ' ', h('span', { class: 'ent ent-LOC' }, 'مكان'), ' ', h('span', { class: 'quoted' }, 'قول'), ' ',
        h('span', { class: 'ev' }, 'دليل ادعاء')),
      markedText(r)),
    h('aside', { class: 'panels' },
      h('h3', {}, `الادعاءات (${r.claims.length})`),
      h('ol', { id: 'claims' }, r.claims.map((c, i) => h('li', {
        class: 'claim', tabindex: 0,
        onmouseenter: () => lightClaim(i, true), onmouseleave: () => lightClaim(i, false),
        onfocus: () => lightClaim(i, true), onblur: () => lightClaim(i, false),
      }, claimLine(c, false)))),
      h('h3', {}, `الأقوال (${r.quotes.length})`),
      h('ol', { id: 'quotes' }, r.quotes.map((q) => h('li', { class: 'quote' },
        h('b', {}, q.speaker_name || 'مصدر غير مسمّى'), ' — ', h('span', { class: 'muted' }, q.cue), ': ', q.text))),
      r.same_story.length ? [
        h('h3', {}, `عن الخبر نفسه (${r.same_story.length})`),
        h('ol', { id: 'same-story' }, r.same_story.map((o) => h('li', {},
          h('a', { href: '#/report/' + o.report }, o.title || o.doc_id), ' ',
          o.duplicate ? h('span', { class: 'badge' }, 'نسخة') : null, ' ',
          h('span', { class: 'meta' }, date(o.date), o.source ? ' · ' + o.source : '')))),
      ] : null,
      h('h3', {}, `الفاعلون (${actors.size})`),
      h('ul', { id: 'actors' }, [...actors.entries()].sort((a, b) => b[1].count - a[1].count).map(([key, a]) =>
        h('li', {}, h('span', { class: 'ent ent-' + a.type }, a.name), ' ',
          h('span', { class: 'muted' }, `×${a.count} · `),
          h('a', { href: '#/network?actor=' + encodeURIComponent(key) }, 'شبكته'))))));
  // A claim named in the address (from the claims list) is lit.
  if (params.claim !== undefined) {
    const i = r.claims.findIndex((c) => String(c.evidence.start) === params.claim);
    if (i >= 0) lightClaim(i, true);
  }
}

// ---- the network ----

// A force-directed layout: nodes repel, edges pull, gravity keeps the
// drawing centred. A few hundred nodes at most: the page shows the
// strongest edges, the download has them all.
function layoutGraph(nodes, links, width, height) {
  const n = nodes.length;
  nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    node.x = width / 2 + (width / 3) * Math.cos(angle);
    node.y = height / 2 + (height / 3) * Math.sin(angle);
  });
  const k = Math.sqrt((width * height) / Math.max(1, n)) * 0.6;
  let temperature = width / 8;
  for (let step = 0; step < 300; ++step) {
    for (const a of nodes) { a.dx = 0; a.dy = 0; }
    for (let i = 0; i < n; ++i) {
      for (let j = i + 1; j < n; ++j) {
        const a = nodes[i], b = nodes[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const d2 = Math.max(0.01, dx * dx + dy * dy), d = Math.sqrt(d2);
        const f = (k * k) / d;
        dx /= d; dy /= d;
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const l of links) {
      const a = l.from, b = l.to;
      if (a === b) continue;
      let dx = a.x - b.x, dy = a.y - b.y;
      const d = Math.max(0.1, Math.sqrt(dx * dx + dy * dy));
      const f = (d * d) / k;
      dx /= d; dy /= d;
      a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
    }
    // Gravity grows with the distance from the centre, so that small
    // unconnected groups stay near the rest instead of on the border.
    for (const a of nodes) {
      a.dx += (width / 2 - a.x) * k / 70;
      a.dy += (height / 2 - a.y) * k / 70;
      const d = Math.max(0.01, Math.sqrt(a.dx * a.dx + a.dy * a.dy));
      a.x += (a.dx / d) * Math.min(d, temperature);
      a.y += (a.dy / d) * Math.min(d, temperature);
      a.x = Math.min(width - 20, Math.max(20, a.x));
      a.y = Math.min(height - 20, Math.max(20, a.y));
    }
    temperature = Math.max(0.5, temperature * 0.98);
  }
  // Fit the drawing to the box, keeping its proportions: a star of one hub
  // ends small, a chain long.
  const margin = 40;
  const xs = nodes.map((a) => a.x), ys = nodes.map((a) => a.y);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const scale = Math.min((width - 2 * margin) / Math.max(1, maxX - minX), (height - 2 * margin) / Math.max(1, maxY - minY));
  const offX = (width - scale * (maxX - minX)) / 2, offY = (height - scale * (maxY - minY)) / 2;
  for (const a of nodes) {
    a.x = offX + (a.x - minX) * scale;
    a.y = offY + (a.y - minY) * scale;
  }
}

function exportLinks(params) {
  // JSON comes from the page's own question, which draws the strongest
  // edges only: the download asks for all of them.
  const href = (format) => 'api/network?' + new URLSearchParams(Object.entries(
    Object.assign(filterOf(params), { format, limit: format === 'json' ? 100000 : '' })).filter(([, v]) => v));
  return h('p', { class: 'exports' }, 'تنزيل الشبكة كاملة: ',
    h('a', { href: href('csv'), download: 'isnad-network.csv' }, 'CSV'), ' · ',
    h('a', { href: href('graphml'), download: 'isnad-network.graphml' }, 'GraphML'), ' · ',
    h('a', { href: href('json'), download: 'isnad-network.json' }, 'JSON'));
}

async function showClaims(target, query, heading) {
  target.replaceChildren(h('h3', {}, heading), h('p', { class: 'muted' }, '…'));
  try {
    const r = await api('claims', Object.assign({ limit: 100 }, query));
    target.replaceChildren(h('h3', {}, `${heading} (${r.claims.length})`),
      h('ol', { class: 'claim-list' }, r.claims.map((c) => h('li', { class: 'claim' }, claimLine(c, true)))));
  } catch (e) {
    target.replaceChildren(failure(e));
  }
}

async function networkView(params) {
  const drawing = h('div', { id: 'graph-box' });
  const details = h('div', { id: 'details' });
  layout('network', filterForm('network', params, ['type']), exportLinks(params), drawing, details);
  let r;
  try {
    r = await api('network', Object.assign(filterOf(params), { limit: 150 }));
  } catch (e) {
    drawing.append(failure(e));
    return;
  }
  if (!r.edges.length) {
    drawing.append(h('p', { class: 'muted' }, 'لا علاقات بهذه الشروط.'));
    return;
  }
  drawing.append(h('p', { class: 'muted' }, r.total > r.edges.length
    ? `أقوى ${r.edges.length} علاقة من ${r.total}` : `العلاقات: ${r.edges.length}`),
  h('p', { class: 'legend' }, ['vcoop', 'mcoop', 'vconf', 'mconf'].map((cls) => h('span', { class: 'swatch ' + cls },
    { vcoop: 'تعاون لفظي', mcoop: 'تعاون مادي', vconf: 'نزاع لفظي', mconf: 'نزاع مادي' }[cls])), ' ',
  h('span', { class: 'muted' }, 'الخط المتقطع: أغلبه مزعوم أو منفي')));
  const byKey = new Map();
  const node = (key, name, type) => {
    if (!byKey.has(key)) byKey.set(key, { key, name, type, degree: 0 });
    return byKey.get(key);
  };
  const links = r.edges.map((e) => {
    const link = { e, from: node(e.source, e.source_name, e.source_type), to: node(e.target, e.target_name, e.target_type) };
    link.from.degree += e.claims; link.to.degree += e.claims;
    return link;
  });
  const nodes = [...byKey.values()];
  const width = 960, height = Math.max(480, Math.min(900, 60 * Math.sqrt(nodes.length) * 4));
  layoutGraph(nodes, links, width, height);
  const svg = h('svg', { id: 'graph', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'شبكة الفاعلين' },
    h('defs', {}, ['vcoop', 'mcoop', 'vconf', 'mconf'].map((cls) => h('marker', {
      id: 'arrow-' + cls, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, orient: 'auto',
      markerUnits: 'userSpaceOnUse',
    }, h('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrowhead ' + cls })))));
  const edgeLayer = h('g', {}), nodeLayer = h('g', {});
  svg.append(edgeLayer, nodeLayer);
  const radius = (nd) => Math.min(22, 5 + 2.5 * Math.sqrt(nd.degree));
  // Edges between the same two actors (they cooperate and fight, each way)
  // bend apart, each by its place among them.
  const pairs = new Map();
  for (const l of links) {
    const pair = [l.from.key, l.to.key].sort().join('\u0000');
    if (!pairs.has(pair)) pairs.set(pair, []);
    pairs.get(pair).push(l);
  }
  for (const group of pairs.values()) group.forEach((l, k) => { l.bend = (k - (group.length - 1) / 2) * 22; });
  for (const l of links) {
    const e = l.e, cls = PLOVER_CLASS[e.type] || 'vcoop';
    const doubtful = e.alleged + e.denied > e.asserted;
    // The bend is measured on one direction of the pair, so A->B and B->A
    // part instead of lying on each other.
    const [p, q] = l.from.key < l.to.key ? [l.from, l.to] : [l.to, l.from];
    const len = Math.max(1, Math.hypot(q.x - p.x, q.y - p.y));
    const nx = -(q.y - p.y) / len, ny = (q.x - p.x) / len;
    const cx = (l.from.x + l.to.x) / 2 + nx * l.bend * 2, cy = (l.from.y + l.to.y) / 2 + ny * l.bend * 2;
    // The curve stops at the target's circle, so its arrowhead shows.
    const dx = l.to.x - cx, dy = l.to.y - cy, d = Math.max(1, Math.hypot(dx, dy));
    const cut = Math.min(d / 2, radius(l.to) + 2);
    const x2 = l.to.x - (dx / d) * cut, y2 = l.to.y - (dy / d) * cut;
    edgeLayer.append(h('path', {
      class: 'edge ' + cls + (doubtful ? ' doubtful' : ''), d: `M${l.from.x},${l.from.y} Q${cx},${cy} ${x2},${y2}`,
      'stroke-width': Math.min(8, 1 + Math.log2(e.claims)), 'marker-end': `url(#arrow-${cls})`, tabindex: 0,
      onclick: () => showClaims(details, Object.assign(filterOf(params), { actor: '', source: e.source, target: e.target, type: e.type }),
        `${e.source_name} ← ${PLOVER[e.type] || e.type} ← ${e.target_name}`),
    }, h('title', {}, `${e.source_name} ← ${PLOVER[e.type] || e.type} ← ${e.target_name}: ${e.claims} ادعاء في ${e.reports} تقرير` +
      ` (مؤكَّد ${e.asserted}، مزعوم ${e.alleged}، منفي ${e.denied})` + (e.first_date ? ` ${e.first_date} – ${e.last_date}` : ''))));
  }
  for (const nd of nodes) {
    const r = radius(nd);
    nodeLayer.append(h('g', { class: 'node' + (nd.key === params.actor ? ' focus' : ''), tabindex: 0,
      onclick: () => go('network', Object.assign({}, params, { actor: nd.key })) },
    h('circle', { cx: nd.x, cy: nd.y, r, class: 'node-' + nd.type }),
    h('text', { x: nd.x, y: nd.y - r - 4, 'text-anchor': 'middle' }, nd.name),
    h('title', {}, `${nd.name} (${ENTITY_TYPE[nd.type] || nd.type}، ${nd.key}) — ${nd.degree} ادعاء`)));
  }
  drawing.append(svg);
  if (params.actor) showClaims(details, filterOf(params), 'ادعاءات هذا الفاعل');
  else details.append(h('p', { class: 'muted' }, 'انقر على علاقة لترى ادعاءاتها وأدلتها، أو على فاعل لترى شبكته.'));
}

// ---- the timeline ----

async function timelineView(params) {
  const chart = h('div', { id: 'timeline-box' });
  const details = h('div', { id: 'details' });
  layout('timeline', filterForm('timeline', params, ['type']), chart, details);
  let r;
  try {
    r = await api('timeline', filterOf(params));
  } catch (e) {
    chart.append(failure(e));
    return;
  }
  if (!r.months.length) {
    chart.append(h('p', { class: 'muted' }, 'لا ادعاءات مؤرخة بهذه الشروط.'));
    return;
  }
  const barWidth = 28, gap = 6, height = 260, top = 20, bottom = 50;
  const max = Math.max(...r.months.map((m) => m.claims));
  const width = Math.max(400, r.months.length * (barWidth + gap) + 40);
  const svg = h('svg', { id: 'timeline', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'الادعاءات شهريًا' });
  // Months run right to left, as the page reads.
  r.months.forEach((m, i) => {
    const x = width - 20 - (i + 1) * (barWidth + gap);
    let y = height - bottom;
    const bar = h('g', { class: 'bar', tabindex: 0,
      onclick: () => showClaims(details, Object.assign(filterOf(params), { from: m.month + '-01', to: m.month + '-31' }),
        'ادعاءات ' + m.month) });
    for (const p of ['asserted', 'alleged', 'denied']) {
      const hgt = ((height - top - bottom) * m[p]) / max;
      y -= hgt;
      if (hgt > 0) bar.append(h('rect', { x, y, width: barWidth, height: hgt, class: 'seg ' + p }));
    }
    bar.append(h('title', {}, `${m.month}: ${m.claims} ادعاء في ${m.reports} تقرير (مؤكَّد ${m.asserted}، مزعوم ${m.alleged}، منفي ${m.denied})`),
      h('text', { x: x + barWidth / 2, y: height - bottom + 16, 'text-anchor': 'middle', class: 'axis' }, m.month.slice(2)),
      h('text', { x: x + barWidth / 2, y: y - 4, 'text-anchor': 'middle', class: 'axis' }, m.claims));
    svg.append(bar);
  });
  chart.append(h('p', { class: 'legend' }, h('span', { class: 'swatch asserted' }, 'مؤكَّد'), h('span', { class: 'swatch alleged' }, 'مزعوم'),
    h('span', { class: 'swatch denied' }, 'منفي'), ' ', h('span', { class: 'muted' }, 'انقر على شهر لترى ادعاءاته.')), svg);
}

// ---- actors ----

async function actorsView(params) {
  const list = h('div', { id: 'actor-list' });
  const form = h('form', { class: 'filters', onsubmit: (e) => { e.preventDefault(); go('actors', { q: form.q.value }); } },
    h('label', {}, 'اسم', h('input', { name: 'q', type: 'search', value: params.q || '' })), h('button', { type: 'submit' }, 'ابحث'));
  layout('actors', form, list);
  try {
    const r = await api('actors', { q: params.q, limit: 200 });
    list.append(h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'الفاعل'), h('th', {}, 'النوع'), h('th', {}, 'التقارير'),
      h('th', {}, 'الادعاءات'), h('th', {}, 'المفتاح'))),
    h('tbody', {}, r.actors.map((a) => h('tr', {},
      h('td', {}, h('a', { href: '#/network?actor=' + encodeURIComponent(a.key) }, a.name)),
      h('td', {}, ENTITY_TYPE[a.type] || a.type), h('td', {}, a.reports), h('td', {}, a.claims),
      h('td', { class: 'latin' }, a.key))))));
  } catch (e) {
    list.append(failure(e));
  }
}

// ---- stories ----

async function storiesView() {
  const list = h('div', { id: 'story-list' });
  layout('stories', h('p', { class: 'muted' },
    'تقارير عن الخبر نفسه: نسخ متطابقة (إعادة نشر) وتقارير تتشارك الصياغة وفاعلَين على الأقل وتواريخ متقاربة.'), list);
  list.append(h('p', { class: 'muted' }, '…'));
  try {
    const r = await api('stories', { limit: 100 });
    list.replaceChildren(h('p', { class: 'muted' }, r.total > r.stories.length
      ? `أكبر ${r.stories.length} قصة من ${r.total}` : `القصص: ${r.total}`),
    h('ol', { class: 'stories' }, r.stories.map((story) => h('li', { class: 'story' },
      h('p', { class: 'meta' }, `التقارير: ${story.reports.length}`, story.actors.length ? ' · ' + story.actors.join('، ') : ''),
      h('ul', {}, story.reports.map((rep) => h('li', {},
        h('a', { href: '#/report/' + rep.report }, rep.title || rep.doc_id), ' ',
        rep.duplicate_of ? h('span', { class: 'badge' }, 'نسخة') : null, ' ',
        h('span', { class: 'meta' }, date(rep.date), rep.source ? ' · ' + rep.source : ''))))))));
  } catch (e) {
    list.replaceChildren(failure(e));
  }
}

function render() {
  const { parts, params } = route();
  window.scrollTo(0, 0);
  if (parts[0] === 'report' && parts[1]) return reportView(parts[1], params);
  if (parts[0] === 'network') return networkView(params);
  if (parts[0] === 'timeline') return timelineView(params);
  if (parts[0] === 'actors') return actorsView(params);
  if (parts[0] === 'stories') return storiesView();
  return searchView(params);
}

// Edges, actors and months are focusable: Enter or Space does what a click
// does, so the network and the timeline work from the keyboard.
document.addEventListener('keydown', (e) => {
  const el = e.target;
  if ((e.key === 'Enter' || e.key === ' ') && el instanceof SVGElement && el.getAttribute('tabindex') === '0') {
    e.preventDefault();
    el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
  }
});

window.addEventListener('hashchange', render);
render();
