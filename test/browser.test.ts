/**
 * The explorer in a real browser: Debian's Chromium driven by playwright-core, against the server
 * on a real port over the seeded graph. Search as you type with the keyboard, the lineage picture
 * and its links, the depth selector, an editor's correction, and no error in the console on any
 * page (a script or style the Content-Security-Policy refused would be one). Screenshots are
 * saved under reports/screenshots/ (CI keeps them as artifacts).
 *
 * Chromium is not an npm package: `.ci/run` installs it (apt-get install chromium fonts-noto-cjk)
 * where it is missing. Without it, this file says so and is skipped; set CHROMIUM_PATH to use
 * another Chromium.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../src/auth/tokens.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(executablePath);
if (!available)
  console.warn(
    `browser tests skipped: no Chromium at ${executablePath} (apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH)`,
  );

const SCREENSHOTS = join('reports', 'screenshots');

let server: TestServer;
let browser: Browser;
let editor: string;
/** What each page printed as an error in the console, or threw. */
const problems: string[] = [];

beforeAll(async () => {
  if (!available) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startTestServer('browser');
  editor = (await createToken(server.prisma, { name: 'editor', role: 'EDITOR' })).token;
  browser = await chromium.launch({
    executablePath,
    // As root in a sandbox, without the network: no sandbox, no GPU, nothing fetched in the background.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${path}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${path}: ${error.message}`));
  await page.goto(`${server.url}${path}`);
  return page;
}

// CI installs Chromium and sets REQUIRE_BROWSER: there, a missing browser is a failure, not a skip.
it.runIf(!available && process.env.REQUIRE_BROWSER === '1')('finds Chromium where CI installed it', () => {
  expect(existsSync(executablePath), `no Chromium at ${executablePath}`).toBe(true);
});

describe.skipIf(!available)('the explorer in Chromium', () => {
  it('finds Baidu as you type 百度, and opens it from the keyboard', async () => {
    const page = await open('/');
    await page.screenshot({ path: join(SCREENSHOTS, 'home.png') });
    await page.locator('#q').fill('百度');
    const first = page.locator('#live-results a').first();
    await first.waitFor();
    expect(await first.textContent()).toContain('百度');
    expect(await page.locator('#q').getAttribute('aria-expanded')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOTS, 'search.png') });
    // The combobox pattern: focus stays in the box, the arrow makes the first match the active option.
    await page.locator('#q').press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    const activeId = await page.locator('#q').getAttribute('aria-activedescendant');
    expect(activeId).toBe('live-result-0');
    expect(await page.locator(`#${activeId}`).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator(`#${activeId} a`).getAttribute('href')).toBe('/organizations/baidu');
    expect(await page.locator('#live-status').textContent()).toMatch(/^\d+ matches; arrow down to choose$/);
    await Promise.all([page.waitForURL('**/organizations/baidu'), page.keyboard.press('Enter')]);
    expect(await page.locator('h1').textContent()).toBe('Baidu 百度');
    expect(await page.locator('h1 [lang="zh"]').textContent()).toBe('百度');
    await page.locator('svg.timeline').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'organization.png'), fullPage: true });
    await page.close();
  });

  it("draws ChatGPT's lineage, each model a link, and redraws it at the depth chosen", async () => {
    const page = await open('/models/chatgpt');
    const picture = page.locator('svg.lineage');
    const box = await picture.boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    const nodes = picture.locator('a.node');
    const atThree = await nodes.count();
    expect(atThree).toBeGreaterThan(3);
    await page.locator('#lineage').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOTS, 'model-page.png'), fullPage: true });
    // Choosing a depth changes nothing until "Show": arrowing through the options must not reload.
    await page.locator('#depth').selectOption('1');
    await Promise.all([page.waitForURL(/depth=1/), page.locator('form.depth button').click()]);
    expect(await page.locator('svg.lineage a.node').count()).toBeLessThan(atThree);
    await Promise.all([
      page.waitForURL('**/models/gpt-3-5**'),
      page.locator('svg.lineage a.node[href="/models/gpt-3-5"]').click(),
    ]);
    expect(await page.locator('h1 span').first().textContent()).toBe('GPT-3.5');
    await page.close();
  });

  it('starts keyboard navigation at the skip link, which leads to the content', async () => {
    const page = await open('/models/gpt-3');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(page.url()).toMatch(/#main$/);
    await page.close();
  });

  it("lets an editor add a claim from the model's page; a wrong token is refused and says so", async () => {
    const page = await open('/models/gopher');
    await page.locator('details.edit summary').click();
    const form = page.locator('form.add-claim');
    await form.locator('select[name="property"]').selectOption('ARCHITECTURE');
    await form.locator('input[name="value"]').fill('Transformer with relative position encodings (browser test)');
    await form.locator('input[name="source"]').fill('user-note');
    // Enter in the token field submits nothing: the token never goes into the address.
    await page.locator('#edit-token').fill('not-a-token');
    await page.locator('#edit-token').press('Enter');
    expect(page.url()).toBe(`${server.url}/models/gopher`);
    await form.locator('button').click();
    await expect.poll(() => page.locator('.edit-result').textContent()).toContain('Refused');
    await page.locator('#edit-token').fill(editor);
    await Promise.all([page.waitForEvent('load'), form.locator('button').click()]);
    expect(await page.locator('table.claims').textContent()).toContain(
      'Transformer with relative position encodings (browser test)',
    );
    await page.close();
  });

  it('printed no error in the console on any page', () => {
    // The refused token's 401-free typed error is not a console error; a CSP refusal or a script error would be.
    expect(problems).toEqual([]);
  });
});
