/**
 * The gateway monitor's history file at its bound: 300 targets (the sweep bench's size) × MAX_SAMPLES
 * samples, written whole through the atomic write and read back. Why writes are debounced: one write
 * per probe result of a 300-target sweep would be 300 writes of this file per sweep.
 *   node --import tsx bench/monitor-history.ts
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMonitorHistoryStore } from '../main/services/sip/monitor-history-store';
import { MAX_SAMPLES, type TargetHistory } from '../shared/sip/monitor-model';
import { measure, note } from './bench-output';

const TARGETS = 300;
const ROUNDS = 5;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'umc-bench-monitor-'));
  try {
    const now = Date.now();
    const histories = new Map<string, TargetHistory>();
    for (let t = 0; t < TARGETS; t++) {
      const address = `10.1.${t >> 8}.${t & 255}`;
      const samples = Array.from({ length: MAX_SAMPLES }, (_, i) => ({
        at: now - (MAX_SAMPLES - i) * 5000,
        status: i % 7 ? ('ok' as const) : ('timeout' as const),
        rttMs: i % 7 ? 12.345 + i : null,
        address,
      }));
      histories.set(`sips:gw${t}.litwareinc.com:5061`, { samples, firstAddresses: [address], firstSeenAt: samples[0]!.at, lastAddresses: [address] });
    }
    const path = join(dir, 'monitor-history.json');
    const store = createMonitorHistoryStore({ path, current: () => ({ histories, typed: [] }), now: () => now });
    const writes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      store.changed();
      const t0 = performance.now();
      await store.flush();
      writes.push(performance.now() - t0);
    }
    const t1 = performance.now();
    const loaded = await store.load();
    const load = performance.now() - t1;
    await store.dispose();
    writes.sort((a, b) => a - b);
    note(`monitor history ${TARGETS} targets × ${MAX_SAMPLES} samples: ${(statSync(path).size / 1e6).toFixed(2)} MB`);
    measure({ name: 'monitor-history', label: `monitor history: write (median of ${ROUNDS})`, value: writes[ROUNDS >> 1]!, unit: 'ms', target: null, targetText: 'measured' });
    measure({ name: 'monitor-history', label: `monitor history: read and bound (${loaded.kind})`, value: load, unit: 'ms', target: null, targetText: 'measured' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
