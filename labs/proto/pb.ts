// The generated protobuf namespaces (raftpb, storepb), loaded so that uint64 fields decode to numbers.
// Import protobuf code only through this module.
import './nolong.js';

export { raftpb, storepb } from './gen/pb.js';
