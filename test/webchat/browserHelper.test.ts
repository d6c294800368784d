import { assertChromiumInstalled, CHROMIUM_ARGS } from '../support/browser';

describe('browser test helper', () => {
  it('fails (never skips) with the install command when chromium is missing', () => {
    expect(() => assertChromiumInstalled('/nonexistent/chromium')).toThrow('apt-get install -y chromium');
  });

  it('launches with the agreed flags', () => {
    expect(CHROMIUM_ARGS).toEqual(
      expect.arrayContaining(['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']),
    );
  });
});
