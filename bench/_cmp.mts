import { compareBench } from './runtime.ts';
await compareBench();
await compareBench();
