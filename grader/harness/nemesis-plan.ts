// The decisions of the grader's two nemeses, in one place: which partition to draw next, whom to crash
// or restart, and the bound on how many peers may be down at once. The simulator's Nemesis
// (grader/sim/chaos.ts, an async loop in virtual ms) and RawNet's chaos driver (grader/harness/
// rawnet-chaos.ts, tick by tick) keep their own loops and carry the decisions out on their own network;
// all randomness comes from the Rng they pass in, and each function documents the draws it makes.
import type { Rng } from './rng.js';

/** The default bound on peers down at once: a minority, so that a majority can always make progress. */
export function minorityOf(size: number): number {
  return Math.floor((size - 1) / 2);
}

/** Whether one more peer may go down when `down` are down (or about to be) and at most `maxDown` may. */
export function mayCrash(down: number, maxDown: number): boolean {
  return down < maxDown;
}

/** A uniform integer in [lo, hi] (one draw). */
export function between(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo + rng.int(hi - lo + 1);
}

/**
 * The network's next shape. Every plan's groups together hold every id exactly once: `heal` is one
 * group, `split` two, `isolate` the isolated id alone and the others.
 */
export type PartitionPlan =
  | { readonly kind: 'heal'; readonly groups: readonly number[][] }
  | { readonly kind: 'split'; readonly groups: readonly number[][] }
  | { readonly kind: 'isolate'; readonly id: number; readonly groups: readonly number[][] };

export interface PartitionOdds {
  /** Probability that the network is whole for the next period. */
  heal: number;
  /** Otherwise, probability that one random peer is cut off from all (0: never; no draw is made). */
  isolate?: number;
}

/**
 * Draws the next partition of `ids`: shuffles them, heals with probability odds.heal, else isolates the
 * first with probability odds.isolate, else splits them in two at a uniform cut (each side non-empty).
 * Groups are sorted. Draws: the shuffle, one chance, [one chance if odds.isolate > 0], [the cut].
 */
export function drawPartition(rng: Rng, ids: readonly number[], odds: PartitionOdds): PartitionPlan {
  const order = rng.shuffle([...ids]);
  const sorted = (xs: number[]): number[] => xs.sort((a, b) => a - b);
  if (rng.chance(odds.heal)) return { kind: 'heal', groups: [sorted([...ids])] };
  if ((odds.isolate ?? 0) > 0 && rng.chance(odds.isolate!)) {
    return { kind: 'isolate', id: order[0]!, groups: [[order[0]!], sorted(order.slice(1))] };
  }
  const cut = 1 + rng.int(order.length - 1);
  return { kind: 'split', groups: [sorted(order.slice(0, cut)), sorted(order.slice(cut))] };
}

/**
 * Draws a peer to crash among `up` (undefined when none is up, or when `down` already reach maxDown).
 * Draws: one pick when some peer is up (made before the bound is checked).
 */
export function drawCrash(
  rng: Rng,
  up: readonly number[],
  down: number,
  maxDown: number,
): number | undefined {
  if (up.length === 0) return undefined;
  const id = rng.pick(up);
  return mayCrash(down, maxDown) ? id : undefined;
}

export type CrashAction = { readonly crash: number } | { readonly restart: number };

/**
 * One crash-or-restart step: with peers down, restarts one of them when the bound is reached or with
 * probability restartChance; otherwise crashes one that is up, within the bound. Draws: [one chance],
 * one pick.
 */
export function drawCrashOrRestart(
  rng: Rng,
  up: readonly number[],
  down: readonly number[],
  maxDown: number,
  restartChance: number,
): CrashAction | undefined {
  if (down.length > 0 && (down.length >= maxDown || rng.chance(restartChance))) {
    return { restart: rng.pick(down) };
  }
  const id = drawCrash(rng, up, down.length, maxDown);
  return id === undefined ? undefined : { crash: id };
}
