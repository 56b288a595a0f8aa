// SnapFs: the one small filesystem interface that snapshot files go through (lab 4). Two
// implementations: NodeSnapFs (node-snap-fs.ts: node:fs in a store's snapshot directory — write, fsync,
// rename) for a real store, and the simulator's VirtualFs (grader/sim/vfs.ts), whose crash semantics
// are: data written but not yet synced is lost in a crash, rename is atomic (and durable once it
// resolves), and a crash may land between any two operations. Names are plain file names inside the
// store's snapshot directory (no path separators); SnapManager (snap-manager.ts) owns the naming.

/** A file being written: bytes are appended in order. */
export interface SnapFileWriter {
  /** Appends bytes at the end of the file. */
  write(bytes: Uint8Array): Promise<void>;
  /** Makes everything written so far durable (survives a crash). */
  sync(): Promise<void>;
  /** Closes the file (it stays; unsynced bytes are still at risk until synced). */
  close(): Promise<void>;
}

/** A file being read, at any offset. */
export interface SnapFileReader {
  /** The file's size when it was opened. */
  readonly size: number;
  /** Up to `length` bytes from `offset`: fewer only at the end of the file, none past it. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface SnapFs {
  /** The names of the files in the directory, sorted. */
  list(): Promise<string[]>;
  /** The size of a file in bytes, or null when there is none of that name. */
  size(name: string): Promise<number | null>;
  /** Creates a file for writing; an existing file of that name is truncated. */
  create(name: string): Promise<SnapFileWriter>;
  /** Opens a file for reading; SnapFileMissingError when there is none of that name. */
  open(name: string): Promise<SnapFileReader>;
  /** Atomically replaces `to` (if any) with `from`; SnapFileMissingError when `from` does not exist. */
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; a missing file is not an error. */
  remove(name: string): Promise<void>;
}
