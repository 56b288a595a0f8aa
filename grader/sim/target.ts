// The graded target's Store as a simulator driver. The only module of the simulator that imports the
// target's store implementation (through @target, which the grader points at labs/, solutions/ or a
// submission).
import { Store } from '@target/store/store.js';
import type { StoreDriver } from './types.js';

export const targetDriver: StoreDriver = {
  name: 'target',
  open: (cfg) => Store.open(cfg),
};
