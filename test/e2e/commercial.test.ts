// The commercial area in headless Chromium, on a desktop and a 375 px phone: a manager changes the contact
// person via "Edit data" and sees the new name on the next invoice while an old invoice keeps the old name;
// an administrator's menu has no commercial entries and a direct invoice URL shows "no access".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminPool, closeAdminPool } from '../support/sql.ts';
import { addAdministrator, createAccount, createCluster, createPerson, TEST_PASSWORD } from '../support/world.ts';
import { expectAccessible, expectNoHorizontalScroll, launch, newContext, type ViewportName } from './support/browser.ts';
import { waitForMail } from './support/mailbox.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeAdminPool();
});

async function login(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('main-nav').waitFor();
}

/** A customer account of its own: two managers (the first is contact person), a cluster with an administrator, a contract and one invoice. */
async function fixture(viewport: ViewportName) {
  const [alma, bruno, admin] = await Promise.all(['e2e-alma', 'e2e-bruno', 'e2e-admin'].map(createPerson));
  const db = adminPool();
  await db.query(`update public.profiles set display_name = $2 where id = $1`, [alma.id, `Alma Alt ${viewport}`]);
  await db.query(`update public.profiles set display_name = $2 where id = $1`, [bruno.id, `Bruno Neu ${viewport}`]);
  const account = await createAccount([alma, bruno], `E2E Handel ${viewport} GmbH`);
  const cluster = await createCluster(account, 'E2E production');
  await addAdministrator(cluster, admin);
  await db.query(
    `insert into public.contracts (account_id, cluster_id, plan_code, product_name, starts_on, term_months, monthly_price_cents) values ($1, $2, 'managed-m', 'Managed Cluster M', '2026-01-01', 12, 29900)`,
    [account.id, cluster.id],
  );
  const old = (await db.query(`select id, invoice_number from public.issue_invoice($1, '2026-11-01', '2026-11-30', '2026-12-01')`, [account.id])).rows[0] as { id: string; invoice_number: string };
  return { alma, bruno, admin, account, cluster, old };
}

describe.each<ViewportName>(['desktop', 'phone'])('commercial area (%s)', (viewport) => {
  it('a manager changes the contact person via Edit data; the next invoice names the new one, the old invoice keeps the old name', async () => {
    const f = await fixture(viewport);
    const ctx = await newContext(browser, viewport);
    const page = await ctx.newPage();
    await login(page, f.alma.email);

    // The manager's menu has the commercial entries.
    const nav = page.getByTestId('main-nav');
    for (const entry of ['Contracts', 'Invoices', 'Orders']) await nav.getByRole('link', { name: entry }).waitFor();
    const card = page.getByTestId(`account-${f.account.customerNumber}`);
    await card.getByRole('link', { name: 'Managed Center' }).waitFor();
    await expectAccessible(page, `manager overview (${viewport})`);

    // Edit data: the contact person select offers the other manager.
    await card.getByRole('link', { name: 'Edit data' }).click();
    await page.getByRole('heading', { name: `Edit data of ${f.account.customerNumber}` }).waitFor();
    await expect(page.getByTestId('current-contact').textContent()).resolves.toContain(`Alma Alt ${viewport}`);
    await expectAccessible(page, `Edit data (${viewport})`);
    await expectNoHorizontalScroll(page, `Edit data (${viewport})`);
    await page.getByLabel('New contact person').selectOption({ label: `Bruno Neu ${viewport} (${f.bruno.email})` });
    await page.getByRole('button', { name: 'Change contact person' }).click();
    await page.getByText(`Bruno Neu ${viewport} is now the contact person.`, { exact: false }).waitFor();
    await expect(page.getByTestId('current-contact').textContent()).resolves.toContain(`Bruno Neu ${viewport}`);
    expect((await waitForMail(f.bruno.email)).subject).toContain(f.account.customerNumber);
    expect((await waitForMail(f.alma.email)).subject).toContain(f.account.customerNumber);

    // Billing data is saved at once (validated by the database).
    await page.getByLabel('City').fill('Paderborn');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('The customer data has been saved.').waitFor();

    // The provider issues the next invoice after the change.
    const next = (await adminPool().query(`select id, invoice_number from public.issue_invoice($1, '2026-12-01', '2026-12-31', '2026-12-02')`, [f.account.id])).rows[0] as { id: string; invoice_number: string };

    await page.getByTestId('main-nav').getByRole('link', { name: 'Invoices' }).click();
    await page.getByTestId(`invoice-${next.invoice_number}`).waitFor();
    await page.getByTestId(`invoice-${f.old.invoice_number}`).waitFor();
    await expectAccessible(page, `invoices (${viewport})`);
    await expectNoHorizontalScroll(page, `invoices (${viewport})`);

    await page.getByTestId(`invoice-${next.invoice_number}`).getByRole('link', { name: next.invoice_number }).click();
    await expect(page.getByTestId('invoice-contact-person').textContent()).resolves.toBe(`Bruno Neu ${viewport}`);
    const totals = (await page.getByTestId('invoice-totals').textContent()) ?? '';
    expect(totals).toContain('€299.00');
    expect(totals).toContain('€56.81');
    expect(totals).toContain('€355.81');
    await expect(page.getByTestId('invoice-document').textContent()).resolves.toContain('Paderborn');
    await expectAccessible(page, `new invoice (${viewport})`);
    await expectNoHorizontalScroll(page, `new invoice (${viewport})`);

    await page.goto(`/invoices/${f.old.id}`);
    await expect(page.getByTestId('invoice-contact-person').textContent()).resolves.toBe(`Alma Alt ${viewport}`);
    await page.getByRole('link', { name: 'Printable view' }).click();
    await page.getByRole('button', { name: 'Print' }).waitFor();
    await expect(page.getByTestId('invoice-contact-person').textContent()).resolves.toBe(`Alma Alt ${viewport}`);
    await expectAccessible(page, `print view (${viewport})`);

    // Contracts and orders are there too.
    await page.goto('/contracts');
    await page.getByTestId('contracts-table').getByText('Managed Cluster M').waitFor();
    await expectAccessible(page, `contracts (${viewport})`);
    await page.goto('/orders/new');
    await expect(page.getByRole('radio', { name: 'Cluster' }).isChecked()).resolves.toBe(true);
    await page.getByLabel('Name of the new cluster').fill(`Shop ${viewport}`);
    await expectAccessible(page, `order form (${viewport})`);
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.getByText(/order B-\d+ has been received/).waitFor();
    await expect(page.getByTestId('orders-table').textContent()).resolves.toContain(`Shop ${viewport}`);
    await expectAccessible(page, `orders (${viewport})`);
    await expectNoHorizontalScroll(page, `orders (${viewport})`);
    await ctx.close();
  });

  it('an administrator: no commercial menu entries, center links per cluster, a direct invoice URL shows "no access"', async () => {
    const f = await fixture(viewport);
    const ctx = await newContext(browser, viewport);
    const page = await ctx.newPage();
    await login(page, f.admin.email);
    const row = page.getByTestId(`cluster-${f.cluster.clusterNumber}`);
    await row.waitFor();
    const nav = page.getByTestId('main-nav');
    await nav.getByRole('link', { name: 'Overview' }).waitFor();
    expect(await nav.getByRole('link').allTextContents()).toEqual(['Overview']);
    expect(await row.getByRole('link', { name: 'Managed Center' }).getAttribute('href')).toBe(`https://managed.example.test/clusters/${f.cluster.clusterNumber}`);
    expect(await row.getByRole('link', { name: 'Monitoring Center' }).getAttribute('href')).toBe(`https://monitoring.example.test/clusters/${f.cluster.clusterNumber}`);
    await expectAccessible(page, `administrator overview (${viewport})`);

    await page.goto(`/invoices/${f.old.id}`);
    await page.getByRole('heading', { name: 'No access' }).waitFor();
    expect(await page.getByTestId('invoice-document').count()).toBe(0);
    expect(await page.getByText('Page not found').count()).toBe(0);
    await expectAccessible(page, `no access (${viewport})`);
    await expectNoHorizontalScroll(page, `no access (${viewport})`);
    for (const path of ['/invoices', '/contracts', '/orders', `/accounts/${f.account.id}/edit`]) {
      await page.goto(path);
      await page.getByRole('heading', { name: 'No access' }).waitFor();
    }
    await ctx.close();
  });
});
