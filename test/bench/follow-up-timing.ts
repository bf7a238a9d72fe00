// Benchmark 6: does the time of a follow-up look-up tell a guesser whether a receipt code exists?
// A known and an unknown code are looked up alternately through the real app (inject, no network
// noise); the figure is the ratio of their medians, the unknown code being the baseline. Both do the
// same HMAC and one indexed look-up; only the message list differs, so the ratio should stay near 1.
import path from 'node:path';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { closeContext, createContext } from '../../server/context.js';
import { isMain, median, ratio, runStandalone, tempDir, type BenchResult } from './lib.js';

const ROUNDS = 400;
const WARM_UP = 40;
const UNKNOWN_CODE = '1111-2222-3333-4444';

export async function run(): Promise<BenchResult> {
  const temp = tempDir('follow-up');
  const config = loadConfig({ DATA_DIR: path.join(temp.dir, 'data'), LOG_LEVEL: 'silent' });
  const context = await createContext(config);
  const app = await buildApp(context);
  try {
    const created = await app.inject({ method: 'POST', url: '/api/reports', payload: { role: 'self', description: 'Ze pakken steeds mijn pet af.' } });
    const { receipt } = created.json() as { receipt: string };
    // Each pair comes from its own address, so the per-address limit on look-ups never answers 429.
    const lookUp = async (code: string, pair: number): Promise<number> => {
      const remoteAddress = `10.0.${pair >> 8}.${pair & 255}`;
      const started = process.hrtime.bigint();
      const response = await app.inject({ method: 'POST', url: '/api/followup', payload: { receipt: code }, remoteAddress });
      if (response.statusCode !== 200 && response.statusCode !== 404) throw new Error(`follow-up answered ${response.statusCode}`);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    for (let i = 0; i < WARM_UP; i++) {
      await lookUp(receipt, ROUNDS + i);
      await lookUp(UNKNOWN_CODE, ROUNDS + i);
    }
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      known.push(await lookUp(receipt, i));
      unknown.push(await lookUp(UNKNOWN_CODE, i));
    }
    const r = median(known) / median(unknown);
    return {
      rows: [
        { name: '6 follow-up known / unknown code, median ratio', figure: ratio(r), target: '0.8–1.25', met: r >= 0.8 && r <= 1.25 },
        { name: '6 follow-up unknown code median', figure: `${median(unknown).toFixed(3)} ms`, target: 'baseline', met: null },
      ],
      notes: [`[6] ${ROUNDS} look-ups of each, alternating, after ${WARM_UP} warm-up pairs, through app.inject.`],
    };
  } finally {
    await app.close();
    await closeContext(context);
    temp.remove();
  }
}

if (isMain(import.meta.url)) await runStandalone(run);
