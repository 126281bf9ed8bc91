// Lets Node run the TypeScript sources directly: tsx for .ts, raw-loader for `?raw` imports.
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

registerTsx();
register('./raw-loader.js', import.meta.url);
