import { createApp } from './app';

/** The Worker: one app per isolate (so the JWKS cache lives as long as the isolate). */
const app = createApp();

export type { AppType } from './app';
export default app;
