// Steps several journeys share.
import type { Page } from 'playwright-core';

export async function login(page: Page, email: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-testid^="account-"], [data-testid^="cluster-"], [data-testid="overview-empty"]').first().waitFor();
}
