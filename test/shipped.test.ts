// What users run: each built entry, loaded alone in a page (no src/, no dev-mode Lit), goes
// through the elements' main features. The npm build is checked as a bundler consumes it: a Vite
// app built from the packed tarball by scripts/pack-consumer.mjs (`npm run pack:consumer`).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { openPage, pageEval, type OpenedPage } from './helpers.js';

type Feature = 'chat' | 'file' | 'room' | 'pairing' | 'call' | 'errors';

const CHAT: Feature[] = ['chat', 'file', 'room', 'pairing', 'errors'];
const ARTIFACTS: Array<{ name: string; entry: string; registers: { chat: boolean; call: boolean }; features: Feature[] }> = [
  { name: 'dist/rtc-elements.js (script tag, both)', entry: '/dist/rtc-elements.js', registers: { chat: true, call: true }, features: [...CHAT, 'call'] },
  { name: 'dist/cdn/rtc-chat.js (script tag, chat only)', entry: '/dist/cdn/rtc-chat.js', registers: { chat: true, call: false }, features: CHAT },
  { name: 'dist/cdn/rtc-call.js (script tag, call only)', entry: '/dist/cdn/rtc-call.js', registers: { chat: false, call: true }, features: ['call'] },
  {
    name: 'npm package through Vite (import "rtc-elements")',
    entry: '/.pack/consumer/dist/app.js',
    registers: { chat: true, call: true },
    features: [...CHAT, 'call'],
  },
];

function expectFeature(feature: Feature, r: Record<string, unknown>): void {
  switch (feature) {
    case 'chat':
      expect(r.atAlice).to.deep.equal(['hello <b>alice</b>']);
      expect(r.atBob).to.deep.equal([{ json: [1, 2] }]);
      expect(r.drawnAtAlice).to.include('hello <b>alice</b>');
      expect(r.boldElements, 'remote text is never markup').to.equal(0);
      expect(r.status).to.match(/^Connected to /);
      break;
    case 'file':
      expect(r.size).to.equal(300000);
      expect(r.same).to.equal(true);
      expect(r.name)
        .to.be.a('string')
        .and.not.match(/[/\\<>]/);
      expect(r.link).to.equal(true);
      break;
    case 'room':
      expect(r.members).to.deep.equal([3, 3, 3]);
      expect(r.atB).to.deep.equal(['to the room']);
      expect(r.atC).to.deep.equal(['to the room']);
      break;
    case 'pairing':
      expect(r.panel).to.equal(true);
      expect(r.atBob).to.deep.equal(['no broker at all']);
      break;
    case 'call':
      expect(r.outcome).to.equal('connected');
      expect(r.remoteVideo).to.equal(true);
      expect(r.icons as number).to.be.above(3);
      expect(r.misplacedShapes, 'icon shapes nested inside other shapes draw nothing').to.equal(0);
      expect(r.endReason).to.equal('remote-hangup');
      break;
    case 'errors':
      expect(r.invalidAttribute).to.equal('invalid-ice-servers: true');
      expect(r.unreachable).to.be.oneOf(['network', 'server-error', 'socket-error', 'broker-timeout']);
      expect(r.sendAlone).to.equal('not-connected');
      expect(r.dialNobody).to.equal('peer-unavailable');
      break;
  }
}

for (const artifact of ARTIFACTS) {
  describe(`shipped: ${artifact.name}`, () => {
    let page: OpenedPage;
    before(async function () {
      this.timeout(30000);
      const probe = await fetch(artifact.entry, { method: 'HEAD' });
      if (!probe.ok) {
        throw new Error(
          `${artifact.entry} is missing (HTTP ${probe.status}): run \`npm run build\`${artifact.entry.startsWith('/.pack/') ? ' and `npm run pack:consumer`' : ''} first`,
        );
      }
      page = await openPage(`/test/pages/shipped.html?entry=${encodeURIComponent(artifact.entry)}`);
      expect(page.status, 'the entry loads').to.equal('open');
      const ready = await pageEval<{ chat: boolean; call: boolean; devLit: boolean }>(page.handle, 'window.__ready');
      expect({ chat: ready.chat, call: ready.call }, 'elements it registers').to.deep.equal(artifact.registers);
      expect(ready.devLit, 'production Lit').to.equal(false);
    });
    after(() => executeServerCommand('close-pages'));
    afterEach(async () => {
      if (page) expect(await pageEval<string[]>(page.handle, 'window.__errors'), 'uncaught errors in the page').to.deep.equal([]);
    });

    for (const feature of artifact.features) {
      it(feature, async function () {
        this.timeout(60000);
        expectFeature(feature, await pageEval<Record<string, unknown>>(page.handle, `window.__checks.${feature}()`));
      });
    }
  });
}
