// Entry point of the newsroom worker thread. A worker starts without the TypeScript loader of the
// thread that created it when that loader came from tsx's `register()` (the `newsbot` bin) or from
// vitest's transform, so it registers tsx itself before importing the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
