// Makes protobufjs decode uint64 as plain JS numbers instead of Long objects. Must be evaluated
// before the generated code (pb.ts imports it first): `--force-number` alone only changes the types.
import $protobuf from 'protobufjs/minimal.js';

($protobuf.util as { Long: unknown }).Long = undefined;
$protobuf.configure();
