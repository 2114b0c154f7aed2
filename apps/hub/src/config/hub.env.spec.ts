import { loadEnv } from '@skp/platform';
import { HubEnv } from './hub.env';

/** The settings every hub needs anyway (only their presence is checked here). */
const BASE = { TRUST_ANCHORS: 'anchors.pem', PARTY_CERT: 'hub.pem', PARTY_KEY: 'hub.key' };

describe('HubEnv: HUB_INSPECTION_WORKERS', () => {
  it('defaults to inspecting on the main thread', () => {
    expect(loadEnv(HubEnv, BASE).HUB_INSPECTION_WORKERS).toBe(0);
  });

  it('takes 0 (inspect on the main thread) to 4, and refuses anything else with its name', () => {
    expect(loadEnv(HubEnv, { ...BASE, HUB_INSPECTION_WORKERS: '0' }).HUB_INSPECTION_WORKERS).toBe(0);
    expect(loadEnv(HubEnv, { ...BASE, HUB_INSPECTION_WORKERS: '4' }).HUB_INSPECTION_WORKERS).toBe(4);
    for (const bad of ['5', '-1', '1.5', 'two']) {
      expect(() => loadEnv(HubEnv, { ...BASE, HUB_INSPECTION_WORKERS: bad })).toThrow(
        /HUB_INSPECTION_WORKERS/,
      );
    }
  });
});
