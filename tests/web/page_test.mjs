// The web page, end to end: analyses the bundled examples into a fresh
// store, serves it with `isnad serve --port 0`, and drives the page in
// headless Chromium (Debian's /usr/bin/chromium, through playwright-core):
// search, a report with its actors and claims marked, the network with an
// edge's evidence, the timeline, the actors, the stories, a bad filter.
// Screenshots of each view go to --out for a person to look at.
//
//   node page_test.mjs --isnad build/isnad --examples examples --out build/web-test
//
// Exit status 77 (ctest's skip) when Chromium or playwright-core is absent:
// .ci/run installs both; scripts/setup.sh does not.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) =>
  a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs, []));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const SKIP = 77;

if (!existsSync(chromiumPath)) {
  console.log(`SKIP: no Chromium at ${chromiumPath} (apt-get install chromium; .ci/run does)`);
  process.exit(SKIP);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.log('SKIP: playwright-core is not installed (cd tests/web && npm ci; .ci/run does)');
  process.exit(SKIP);
}

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

const work = mkdtempSync(join(tmpdir(), 'isnad-page-'));
const db = join(work, 'page.db');
const out = args.out || work;
mkdirSync(out, { recursive: true });
// A republished copy of one example (another headline, the same body), so
// that the stories view has a story.
const original = readFileSync(join(args.examples, 'd07_ec5d9d8005.txt'), 'utf8');
const body = original.slice(original.indexOf('\n', original.indexOf('\n') + 1));
mkdirSync(join(work, 'copies'));
writeFileSync(join(work, 'copies', 'copy.txt'), 'هيومن رايتس ووتش تتهم الحوثيين بقصف عدن\n01/08/2015\n' + body);
// A hostile report: markup in its title and text, a javascript: address.
writeFileSync(join(work, 'copies', 'hostile.jsonl'), JSON.stringify({
  id: 'hostile', title: '<img src=x onerror="window.pwned=1">عنوان', url: 'javascript:window.pwned=1',
  date: '2015-08-02', text: 'قال مسؤول إن <script>window.pwned=1</script> الجيش قصف حلب.',
}) + '\n');
const analyzed = spawnSync(args.isnad, ['analyze', '-q', '--db', db, args.examples, join(work, 'copies')],
  { encoding: 'utf8' });
if (analyzed.status !== 0) {
  console.log(`FAIL isnad analyze: ${analyzed.stderr}`);
  process.exit(1);
}

// The server says where it listens on standard error.
const server = spawn(args.isnad, ['serve', '--db', db, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let said = '';
  const timer = setTimeout(() => reject(new Error('isnad serve did not start: ' + said)), 20000);
  server.stderr.on('data', (chunk) => {
    said += chunk;
    const m = said.match(/at (http:\/\/[^ ]+\/)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on('exit', (code) => reject(new Error(`isnad serve ended (${code}): ${said}`)));
});

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(base)) foreign.push(r.url()); });

  // Search: a word with a clitic finds the name; hits are marked.
  await page.goto(base + '#/search?q=' + encodeURIComponent('وحفتر'));
  await page.waitForSelector('.hit');
  check(await page.getAttribute('html', 'dir') === 'rtl', 'the page reads right to left');
  check(await page.locator('.hit').count() >= 2, 'searching wa-Haftar finds the reports on Haftar');
  const marked = await page.locator('.hit mark').allTextContents();
  check(marked.length > 0 && marked.every((t) => t.includes('حفتر')), `hits are marked in the snippets (${marked.slice(0, 3)})`);
  check((await page.textContent('#summary')).includes('التقارير 12'), 'the header counts the reports of the store');
  await page.screenshot({ path: join(out, 'search.png'), fullPage: true });

  // A report: actors marked by type, claims listed, a claim lights its evidence.
  await page.locator('.hit .title').first().click();
  await page.waitForSelector('#report-text .ent');
  check(/#\/report\/\d+/.test(page.url()), 'a hit opens its report');
  const haftar = await page.locator('#report-text .ent[data-actor="per:khalifa_haftar"]').allTextContents();
  check(haftar.length > 0 && haftar.every((t) => t.includes('حفتر')), `Haftar's mentions are marked as one actor (${haftar.length})`);
  check(await page.locator('#report-text .ent-LOC').count() > 0, 'places are marked');
  const claims = page.locator('#claims .claim');
  check(await claims.count() > 0, `the report's claims are listed (${await claims.count()})`);
  await claims.first().hover();
  check(await page.locator('#report-text .ev-on').count() > 0, 'pointing at a claim lights its evidence in the text');
  check(await page.locator('#quotes .quote').count() > 0, "the report's quotes are listed with their speakers");
  await page.screenshot({ path: join(out, 'report.png'), fullPage: true });

  // The network: nodes and edges drawn inside the picture; an edge's claims.
  await page.goto(base + '#/network');
  await page.waitForSelector('#graph .node');
  const nodes = await page.locator('#graph .node').count();
  const edges = await page.locator('#graph .edge').count();
  check(nodes >= 3 && edges >= 2, `the network is drawn (${nodes} actors, ${edges} edges)`);
  const inside = await page.$$eval('#graph circle', (cs) => cs.every((c) => {
    const box = c.ownerSVGElement.viewBox.baseVal, x = +c.getAttribute('cx'), y = +c.getAttribute('cy');
    return x >= 0 && y >= 0 && x <= box.width && y <= box.height;
  }));
  check(inside, 'every actor lies inside the drawing');
  await page.locator('#graph .edge').first().dispatchEvent('click');
  await page.waitForSelector('#details .claim');
  check(await page.locator('#details .claim .evidence').count() > 0, "an edge's claims come with their evidence and report");
  await page.screenshot({ path: join(out, 'network.png'), fullPage: true });
  const csvHref = await page.getAttribute('.exports a[href*="format=csv"]', 'href');
  const csv = await page.evaluate(async (href) => (await fetch(href)).text(), csvHref);
  check(csv.startsWith('source,source_name,type'), 'the network downloads as CSV');

  // A node narrows the network to its actor.
  await page.locator('#graph .node').first().dispatchEvent('click');
  await page.waitForFunction(() => location.hash.includes('actor='));
  await page.waitForSelector('#graph .node.focus');
  check(true, 'clicking an actor shows its own network');

  // Who says so: the network as one claimant tells it.
  await page.goto(base + '#/network?claimant=' + encodeURIComponent('per:khalifa_haftar'));
  await page.waitForSelector('#graph .edge', { state: 'attached' });
  await page.locator('#graph .edge').first().dispatchEvent('click');
  await page.waitForSelector('#details .claim');
  const chains = await page.locator('#details .claim .chain').allTextContents();
  check(chains.length > 0 && chains.every((t) => t.includes('حفتر')),
    `the claims of a claimant's network are his (${chains.slice(0, 2)})`);
  check(await page.inputValue('#f-claimant') === 'per:khalifa_haftar', 'the form shows the claimant asked for');

  // From the keyboard: focus an edge, press Enter.
  await page.goto(base + '#/network');
  await page.waitForSelector('#graph .edge', { state: 'attached' });
  await page.locator('#graph .edge').nth(1).focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('#details .claim');
  check(true, "Enter on a focused edge lists its claims");

  // The timeline: bars per month; a month's claims.
  await page.goto(base + '#/timeline');
  await page.waitForSelector('#timeline .bar');
  check(await page.locator('#timeline .bar').count() >= 2, 'the timeline has a bar per month');
  await page.locator('#timeline .bar').first().dispatchEvent('click');
  await page.waitForSelector('#details .claim');
  check(true, "a month's claims are listed");
  await page.screenshot({ path: join(out, 'timeline.png'), fullPage: true });

  // The actors, most named first.
  await page.goto(base + '#/actors');
  await page.waitForSelector('#actor-list tbody tr');
  check(await page.locator('#actor-list tbody tr').count() >= 5, 'the actors are listed');

  check(pageErrors.length === 0, `no script errors (${pageErrors.join('; ')})`);

  // Stories: the copy beside its original, marked as a copy; both open.
  await page.goto(base + '#/stories');
  await page.waitForSelector('#story-list .story');
  const storyLinks = await page.locator('#story-list .story a').allTextContents();
  check(storyLinks.length === 2, `the story lists its two reports (${storyLinks})`);
  check(await page.locator('#story-list .badge').count() === 1, 'the republished copy is marked as a copy');
  await page.locator('#story-list .story a').first().click();
  await page.waitForSelector('#same-story li');
  check(await page.locator('#same-story li').count() === 1, 'a report of the story links the other');

  // Markup in a stored report is shown as text and runs nothing.
  await page.goto(base + '#/search?q=' + encodeURIComponent('عنوان'));
  await page.waitForSelector('.hit .title');
  await page.locator('.hit .title').first().click();
  await page.waitForSelector('#report-text');
  check((await page.textContent('.report h2')).includes('<img'), 'markup in a title is shown as text');
  check(await page.locator('#view img, #view script').count() === 0, 'no element comes from a report');
  check(await page.locator('a[href^="javascript"]').count() === 0, 'a javascript: address is not linked');
  check(await page.evaluate(() => window.pwned === undefined), 'nothing from a report ran');

  // A bad filter is said, not swallowed.
  await page.goto(base + '#/network?from=2017');
  await page.waitForSelector('.error');
  check((await page.textContent('.error')).includes('YYYY-MM-DD'), 'a malformed date is named in an error');

  check(foreign.length === 0, `nothing is loaded from elsewhere (${foreign.join(', ')})`);
} catch (e) {
  failures.push(String(e));
  console.log('FAIL ' + e);
} finally {
  await browser.close();
  server.kill();
  rmSync(work, { recursive: true, force: true });
}
console.log(failures.length ? `${failures.length} failed` : 'all passed');
process.exit(failures.length ? 1 : 0);
