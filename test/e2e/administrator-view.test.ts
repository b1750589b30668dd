// An administrator of two clusters in two accounts sees exactly those clusters, no user administration, and
// a direct URL to a Manage dialog is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, expectNoHorizontalScroll, launch, newContext, type ViewportName } from './support/browser.ts';
import { login } from './support/journey.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe.each<ViewportName>(['desktop', 'phone'])('administrator overview (%s)', (viewport) => {
  it('shows only the assigned clusters, without Manage buttons', async () => {
    const ctx = await newContext(browser, viewport);
    const page = await ctx.newPage();
    await login(page, 'eva@ops.example', 'demo-password');
    await page.getByTestId('cluster-C-2002').waitFor();
    await page.getByTestId('cluster-C-2003').waitFor();
    expect(await page.getByTestId('cluster-C-2001').count()).toBe(0);
    expect(await page.locator('[data-testid^="account-"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Manage (managers|administrators)/ }).count()).toBe(0);
    await expectAccessible(page, `administrator overview (${viewport})`);
    await expectNoHorizontalScroll(page, `administrator overview (${viewport})`);

    await page.goto('/clusters/00000000-0000-4000-8000-000000002002/administrators');
    await page.getByRole('dialog').getByText('You are not allowed to do this.').waitFor();
    expect(await page.getByRole('button', { name: 'Invite administrator' }).count()).toBe(0);
    await ctx.close();
  });
});
