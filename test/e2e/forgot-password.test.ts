// "I have forgotten my password": the reset link comes by e-mail, the new password works, the old one not.
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

describe.each<ViewportName>(['desktop', 'phone'])('forgotten password (%s)', (viewport) => {
  it('request a link, choose a new password, sign in with it', async () => {
    const person = await createPerson(`e2e-forgot-${viewport}`);
    const ctx = await newContext(browser, viewport);
    const page = await ctx.newPage();
    await page.goto('/login');
    await expectAccessible(page, `login (${viewport})`);
    await page.getByRole('link', { name: 'Forgotten password?' }).click();
    // the page is its own chunk: wait for it before typing, or the text lands in the sign-in form
    await page.getByRole('heading', { name: 'Forgotten password', level: 1 }).waitFor();
    await page.getByLabel('E-mail').fill(person.email);
    await expectAccessible(page, `forgotten password (${viewport})`);
    // the FAQ's cases for support are on the page, with the support contact from configuration
    await page.getByText('No access to your e-mail address any more?').waitFor();
    await page.getByRole('button', { name: 'Send link' }).click();
    await page.getByText('If a user account exists for', { exact: false }).waitFor();

    const mail = await waitForMail(person.email);
    await page.goto(firstLink(mail));
    await page.getByLabel('New password').fill('a-new-password-1');
    await expectAccessible(page, `reset password (${viewport})`);
    await expectNoHorizontalScroll(page, `reset password (${viewport})`);
    await page.getByRole('button', { name: 'Save password' }).click();
    await page.getByTestId('overview-empty').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill('demo-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: /invalid|incorrect|wrong/i }).waitFor();
    await login(page, person.email, 'a-new-password-1');
    expect(await page.getByTestId('overview-empty').isVisible()).toBe(true);
    await ctx.close();
  });
});
