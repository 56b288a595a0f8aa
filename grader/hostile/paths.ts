// Class 9 of issue 10, the determinism guard depending on the path: the solution with one Math.random()
// call in the lab2a region must be caught wherever the tree sits: a plain folder, a folder whose name has
// spaces and parentheses, a symlink to the tree.
import { before, type HostileCase, type Placement } from './case.js';

function randomIn(place: Placement, quick: boolean): HostileCase {
  return {
    id: `9.random-${place}`,
    title: `the solution, plus Math.random() in the lab2a region, graded from a ${place === 'plain' ? 'plain folder' : place === 'spaces' ? "folder named 'with spaces (1)'" : 'symlinked target'}`,
    base: 'solution',
    edits: [before('if (Math.random() < 0) return;')],
    place,
    expect: { score: 'zero', statuses: ['failed'] },
    quick,
  };
}

export const pathCases: HostileCase[] = [
  randomIn('plain', false),
  randomIn('spaces', true),
  randomIn('symlink', false),
];
