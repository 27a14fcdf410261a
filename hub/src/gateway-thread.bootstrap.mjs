// Worker threads do not run the parent's `--import tsx` (privatenumber/tsx#354), so the gateway thread
// registers the TypeScript loader itself before loading its entry.
import { register } from 'tsx/esm/api';

register();
await import('./gateway-thread.ts');
