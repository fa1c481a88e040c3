// Property tests draw new random cases on every local run; in CI (CI=true) they replay one fixed seed, so a landing
// is judged on the same cases every time. A failure prints its seed and path for replay either way.
import fc from 'fast-check';

if (process.env.CI) fc.configureGlobal({ seed: 20261125 });
