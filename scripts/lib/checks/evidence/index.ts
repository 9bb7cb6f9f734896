// The rules on whether a bundle's run is what it claims to be: this driver's run, in this cycle,
// plausible, and not another submission's (docs/design.md, "What a result proves").
export { enabledBackendDriver } from './backends.js';
export { TIME_ZONE_SLACK_MS, runInCycle, runTimesAgree } from './dated.js';
export { DURATION_TOLERANCE_S, MIN_TIMED_TESTS, durationsAgree, runPlausible } from './plausible.js';
export { runNotCopied, runRecorded } from './copies.js';
