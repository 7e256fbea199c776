import { chromium, type Browser } from 'playwright-core';

/**
 * Headless Debian Chromium (never a downloaded one), without the background work that would
 * compete with the page. Each new context is a new window, and Chromium 156 gives every window two
 * omnibox popups drawn by web pages of its own (chrome://omnibox-popup.top-chrome): two renderer
 * processes started and run during every cold load, about a second of CPU on a 2-core machine. A
 * browser in an office made them once when it started, so they are turned off here.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
    ],
  });
}
