/**
 * The benchmark: `npm run bench` (tsx bench/run.ts). The model's SQL files are imported as `?raw`,
 * as Vite does: the command line's loader hook is registered first, then the bench itself loads.
 */
import { register } from 'node:module';

register('../bin/raw-loader.js', import.meta.url);
const { main } = await import('./main');
process.exitCode = await main(process.argv.slice(2));
