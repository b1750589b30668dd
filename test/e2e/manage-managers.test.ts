// "Manage managers" in German, on a desktop and a 375 px phone: a manager invites someone who already has a
// user account; they accept with the sign-in link from the e-mail and see the customer account; the manager
// removes them with the x; removing the contact person is refused with a clear message.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launch, newContext, type ViewportName } from './support/browser.ts';
import { firstLink, waitForMail } from './support/mailbox.ts';
import { login } from './support/journey.ts';
import { createPerson } from '../support/world.ts';
import { closeAdminPool } from '../support/sql.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await closeAdminPool();
});

describe.each<ViewportName>(['desktop', 'phone'])('manage managers in German (%s)', (viewport) => {
  it('invite an existing user, they accept with the sign-in link, then the x removes them', async () => {
    const existing = await createPerson(`e2e-existing-${viewport}`);

    const ctx = await newContext(browser, viewport);
    const page = await ctx.newPage();
    await login(page, 'ben@alpha.example', 'demo-password');
    await page.getByLabel('Language').selectOption('de');
    await page.getByRole('button', { name: 'Abmelden' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');

    const account = page.getByTestId('account-CN-1001');
    await account.getByRole('button', { name: 'Manager verwalten' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Manager von CN-1001' }).waitFor();
    await expectAccessible(page, `Manager verwalten (${viewport})`);
    await expectNoHorizontalScroll(page, `Manager verwalten (${viewport})`);

    // The contact person (Anna) cannot be removed.
    await dialog.getByRole('button', { name: 'anna@alpha.example entfernen' }).click();
    await dialog.getByRole('button', { name: 'Ja, entfernen' }).click();
    await dialog.getByText('Der Ansprechpartner kann nicht entfernt werden.', { exact: false }).waitFor();
    await dialog.getByTestId('member-anna@alpha.example').waitFor();

    await dialog.getByRole('button', { name: 'Manager einladen' }).click();
    await dialog.getByLabel('E-Mail').fill(existing.email);
    await dialog.getByRole('button', { name: 'Einladen', exact: true }).click();
    await dialog.getByText(existing.email).first().waitFor();

    // The existing user signs in with the link from the e-mail and accepts in one step.
    const mail = await waitForMail(existing.email);
    expect(mail.text).toContain('CN-1001');
    const guestCtx = await newContext(browser, viewport);
    const guest = await guestCtx.newPage();
    await guest.goto(firstLink(mail));
    await guest.getByRole('button', { name: 'Sign in and accept' }).waitFor();
    await expectAccessible(guest, `invitation for an existing user (${viewport})`);
    await guest.getByRole('button', { name: 'Sign in and accept' }).click();
    await guest.getByTestId('account-CN-1001').waitFor();
    await expectNoHorizontalScroll(guest, `new manager's overview (${viewport})`);

    // Ben removes the new manager with the x.
    await page.reload();
    const again = page.getByRole('dialog');
    await again.getByTestId(`member-${existing.email}`).waitFor();
    await again.getByRole('button', { name: `${existing.email} entfernen` }).click();
    await again.getByRole('button', { name: 'Ja, entfernen' }).click();
    await again.getByTestId(`member-${existing.email}`).waitFor({ state: 'detached' });

    await guest.reload();
    await guest.getByTestId('overview-empty').waitFor();
    expect(await guest.getByTestId('account-CN-1001').count()).toBe(0);
    await ctx.close();
    await guestCtx.close();
  });
});
