// Entry of the filing writer's thread: registers tsx's loader, then loads the TypeScript.
import { register } from 'tsx/esm/api';

register();
await import('./writer-worker.ts');
