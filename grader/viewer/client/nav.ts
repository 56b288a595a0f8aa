// What the views may ask of the page: open another view, or jump to an event in the lanes.

export type ViewName = 'lanes' | 'state' | 'clients' | 'chain';

export const VIEW_NAMES: readonly ViewName[] = ['lanes', 'state', 'clients', 'chain'];

export interface Nav {
  open(view: ViewName): void;
  /** Opens the lanes at event `seq` and selects it (shown even if the filters hide its kind). */
  jump(seq: number): void;
}
