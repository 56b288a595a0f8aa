// onHeader never compares the header's region and peer with this store's peer.
import { mistake } from '../mistake.js';

export default mistake({
  row: 'no address check',
  caughtBy: { 'lab4b.header.misaddressed': /a header of another region: the receiver aborts the transfer/ },
  edits: [
    {
      file: 'store/snap-receiver.ts',
      part: 'lab4b',
      find: `    if (\n      Number(rm.regionId ?? 0) !== p.regionId ||\n      Number(toPeer?.id ?? 0) !== p.peerId ||\n      Number(toPeer?.storeId ?? 0) !== this.o.storeId ||\n      Number(m.to ?? 0) !== p.peerId\n    ) {\n      throw new SnapshotTransferError(\n        \`not addressed to peer \${p.peerId} of region \${p.regionId} on store \${this.o.storeId}\`,\n      );\n    }\n`,
      replace: '',
    },
  ],
});
