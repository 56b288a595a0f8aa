import * as $protobuf from "protobufjs/minimal.js";
import Long = require("long");

/** Namespace raftpb. */
export namespace raftpb {

    /** EntryType enum. */
    enum EntryType {

        /** EntryNormal value */
        EntryNormal = 0,

        /** EntryConfChange value */
        EntryConfChange = 1
    }

    /**
     * Properties of an Entry.
     * @deprecated Use raftpb.Entry.$Properties instead.
     */
    interface IEntry extends raftpb.Entry.$Properties {
    }

    /** Represents an Entry. */
    class Entry {

        /**
         * Constructs a new Entry.
         * @param [properties] Properties to set
         */
        constructor(properties?: raftpb.Entry.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Entry entryType. */
        entryType: raftpb.EntryType;

        /** Entry term. */
        term: number;

        /** Entry index. */
        index: number;

        /** Entry data. */
        data: Uint8Array;

        /**
         * Creates a new Entry instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Entry instance
         */
        static create(properties: raftpb.Entry.$Shape): raftpb.Entry & raftpb.Entry.$Shape;
        static create(properties?: raftpb.Entry.$Properties): raftpb.Entry;

        /**
         * Encodes the specified Entry message. Does not implicitly {@link raftpb.Entry.verify|verify} messages.
         * @param message Entry message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: raftpb.Entry.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Entry message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {raftpb.Entry & raftpb.Entry.$Shape} Entry
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftpb.Entry & raftpb.Entry.$Shape;
    }

    namespace Entry {

        /** Properties of an Entry. */
        interface $Properties {

            /** Entry entryType */
            entryType?: (raftpb.EntryType|null);

            /** Entry term */
            term?: (number|null);

            /** Entry index */
            index?: (number|null);

            /** Entry data */
            data?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Entry. */
        type $Shape = raftpb.Entry.$Properties;
    }

    /** MessageType enum. */
    enum MessageType {

        /** MsgHup value */
        MsgHup = 0,

        /** MsgBeat value */
        MsgBeat = 1,

        /** MsgPropose value */
        MsgPropose = 2,

        /** MsgAppend value */
        MsgAppend = 3,

        /** MsgAppendResponse value */
        MsgAppendResponse = 4,

        /** MsgRequestVote value */
        MsgRequestVote = 5,

        /** MsgRequestVoteResponse value */
        MsgRequestVoteResponse = 6,

        /** MsgSnapshot value */
        MsgSnapshot = 7,

        /** MsgHeartbeat value */
        MsgHeartbeat = 8,

        /** MsgHeartbeatResponse value */
        MsgHeartbeatResponse = 9
    }

    /**
     * Properties of a Message.
     * @deprecated Use raftpb.Message.$Properties instead.
     */
    interface IMessage extends raftpb.Message.$Properties {
    }

    /** Represents a Message. */
    class Message {

        /**
         * Constructs a new Message.
         * @param [properties] Properties to set
         */
        constructor(properties?: raftpb.Message.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Message msgType. */
        msgType: raftpb.MessageType;

        /** Message to. */
        to: number;

        /** Message from. */
        from: number;

        /** Message term. */
        term: number;

        /** Message logTerm. */
        logTerm: number;

        /** Message index. */
        index: number;

        /** Message entries. */
        entries: raftpb.Entry.$Properties[];

        /** Message commit. */
        commit: number;

        /** Message snapshot. */
        snapshot?: (raftpb.Snapshot.$Properties|null);

        /** Message reject. */
        reject: boolean;

        /** Message rejectHint. */
        rejectHint: number;

        /**
         * Creates a new Message instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Message instance
         */
        static create(properties: raftpb.Message.$Shape): raftpb.Message & raftpb.Message.$Shape;
        static create(properties?: raftpb.Message.$Properties): raftpb.Message;

        /**
         * Encodes the specified Message message. Does not implicitly {@link raftpb.Message.verify|verify} messages.
         * @param message Message message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: raftpb.Message.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Message message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {raftpb.Message & raftpb.Message.$Shape} Message
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftpb.Message & raftpb.Message.$Shape;
    }

    namespace Message {

        /** Properties of a Message. */
        interface $Properties {

            /** Message msgType */
            msgType?: (raftpb.MessageType|null);

            /** Message to */
            to?: (number|null);

            /** Message from */
            from?: (number|null);

            /** Message term */
            term?: (number|null);

            /** Message logTerm */
            logTerm?: (number|null);

            /** Message index */
            index?: (number|null);

            /** Message entries */
            entries?: (raftpb.Entry.$Properties[]|null);

            /** Message commit */
            commit?: (number|null);

            /** Message snapshot */
            snapshot?: (raftpb.Snapshot.$Properties|null);

            /** Message reject */
            reject?: (boolean|null);

            /** Message rejectHint */
            rejectHint?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Message. */
        type $Shape = raftpb.Message.$Properties;
    }

    /**
     * Properties of a HardState.
     * @deprecated Use raftpb.HardState.$Properties instead.
     */
    interface IHardState extends raftpb.HardState.$Properties {
    }

    /** Represents a HardState. */
    class HardState {

        /**
         * Constructs a new HardState.
         * @param [properties] Properties to set
         */
        constructor(properties?: raftpb.HardState.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** HardState term. */
        term: number;

        /** HardState vote. */
        vote: number;

        /** HardState commit. */
        commit: number;

        /**
         * Creates a new HardState instance using the specified properties.
         * @param [properties] Properties to set
         * @returns HardState instance
         */
        static create(properties: raftpb.HardState.$Shape): raftpb.HardState & raftpb.HardState.$Shape;
        static create(properties?: raftpb.HardState.$Properties): raftpb.HardState;

        /**
         * Encodes the specified HardState message. Does not implicitly {@link raftpb.HardState.verify|verify} messages.
         * @param message HardState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: raftpb.HardState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a HardState message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {raftpb.HardState & raftpb.HardState.$Shape} HardState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftpb.HardState & raftpb.HardState.$Shape;
    }

    namespace HardState {

        /** Properties of a HardState. */
        interface $Properties {

            /** HardState term */
            term?: (number|null);

            /** HardState vote */
            vote?: (number|null);

            /** HardState commit */
            commit?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a HardState. */
        type $Shape = raftpb.HardState.$Properties;
    }

    /**
     * Properties of a ConfState.
     * @deprecated Use raftpb.ConfState.$Properties instead.
     */
    interface IConfState extends raftpb.ConfState.$Properties {
    }

    /** Represents a ConfState. */
    class ConfState {

        /**
         * Constructs a new ConfState.
         * @param [properties] Properties to set
         */
        constructor(properties?: raftpb.ConfState.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** ConfState nodes. */
        nodes: number[];

        /**
         * Creates a new ConfState instance using the specified properties.
         * @param [properties] Properties to set
         * @returns ConfState instance
         */
        static create(properties: raftpb.ConfState.$Shape): raftpb.ConfState & raftpb.ConfState.$Shape;
        static create(properties?: raftpb.ConfState.$Properties): raftpb.ConfState;

        /**
         * Encodes the specified ConfState message. Does not implicitly {@link raftpb.ConfState.verify|verify} messages.
         * @param message ConfState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: raftpb.ConfState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a ConfState message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {raftpb.ConfState & raftpb.ConfState.$Shape} ConfState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftpb.ConfState & raftpb.ConfState.$Shape;
    }

    namespace ConfState {

        /** Properties of a ConfState. */
        interface $Properties {

            /** ConfState nodes */
            nodes?: (number[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a ConfState. */
        type $Shape = raftpb.ConfState.$Properties;
    }

    /**
     * Properties of a SnapshotMetadata.
     * @deprecated Use raftpb.SnapshotMetadata.$Properties instead.
     */
    interface ISnapshotMetadata extends raftpb.SnapshotMetadata.$Properties {
    }

    /** Represents a SnapshotMetadata. */
    class SnapshotMetadata {

        /**
         * Constructs a new SnapshotMetadata.
         * @param [properties] Properties to set
         */
        constructor(properties?: raftpb.SnapshotMetadata.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SnapshotMetadata confState. */
        confState?: (raftpb.ConfState.$Properties|null);

        /** SnapshotMetadata index. */
        index: number;

        /** SnapshotMetadata term. */
        term: number;

        /**
         * Creates a new SnapshotMetadata instance using the specified properties.
         * @param [properties] Properties to set
         * @returns SnapshotMetadata instance
         */
        static create(properties: raftpb.SnapshotMetadata.$Shape): raftpb.SnapshotMetadata & raftpb.SnapshotMetadata.$Shape;
        static create(properties?: raftpb.SnapshotMetadata.$Properties): raftpb.SnapshotMetadata;

        /**
         * Encodes the specified SnapshotMetadata message. Does not implicitly {@link raftpb.SnapshotMetadata.verify|verify} messages.
         * @param message SnapshotMetadata message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: raftpb.SnapshotMetadata.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SnapshotMetadata message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {raftpb.SnapshotMetadata & raftpb.SnapshotMetadata.$Shape} SnapshotMetadata
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftpb.SnapshotMetadata & raftpb.SnapshotMetadata.$Shape;
    }

    namespace SnapshotMetadata {

        /** Properties of a SnapshotMetadata. */
        interface $Properties {

            /** SnapshotMetadata confState */
            confState?: (raftpb.ConfState.$Properties|null);

            /** SnapshotMetadata index */
            index?: (number|null);

            /** SnapshotMetadata term */
            term?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SnapshotMetadata. */
        type $Shape = raftpb.SnapshotMetadata.$Properties;
    }

    /**
     * Properties of a Snapshot.
     * @deprecated Use raftpb.Snapshot.$Properties instead.
     */
    interface ISnapshot extends raftpb.Snapshot.$Properties {
    }

    /** Represents a Snapshot. */
    class Snapshot {

        /**
         * Constructs a new Snapshot.
         * @param [properties] Properties to set
         */
        constructor(properties?: raftpb.Snapshot.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Snapshot data. */
        data: Uint8Array;

        /** Snapshot metadata. */
        metadata?: (raftpb.SnapshotMetadata.$Properties|null);

        /**
         * Creates a new Snapshot instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Snapshot instance
         */
        static create(properties: raftpb.Snapshot.$Shape): raftpb.Snapshot & raftpb.Snapshot.$Shape;
        static create(properties?: raftpb.Snapshot.$Properties): raftpb.Snapshot;

        /**
         * Encodes the specified Snapshot message. Does not implicitly {@link raftpb.Snapshot.verify|verify} messages.
         * @param message Snapshot message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: raftpb.Snapshot.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Snapshot message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {raftpb.Snapshot & raftpb.Snapshot.$Shape} Snapshot
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): raftpb.Snapshot & raftpb.Snapshot.$Shape;
    }

    namespace Snapshot {

        /** Properties of a Snapshot. */
        interface $Properties {

            /** Snapshot data */
            data?: (Uint8Array|null);

            /** Snapshot metadata */
            metadata?: (raftpb.SnapshotMetadata.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Snapshot. */
        type $Shape = raftpb.Snapshot.$Properties;
    }
}

/** Namespace storepb. */
export namespace storepb {

    /**
     * Properties of a Peer.
     * @deprecated Use storepb.Peer.$Properties instead.
     */
    interface IPeer extends storepb.Peer.$Properties {
    }

    /** Represents a Peer. */
    class Peer {

        /**
         * Constructs a new Peer.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.Peer.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Peer id. */
        id: number;

        /** Peer storeId. */
        storeId: number;

        /**
         * Creates a new Peer instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Peer instance
         */
        static create(properties: storepb.Peer.$Shape): storepb.Peer & storepb.Peer.$Shape;
        static create(properties?: storepb.Peer.$Properties): storepb.Peer;

        /**
         * Encodes the specified Peer message. Does not implicitly {@link storepb.Peer.verify|verify} messages.
         * @param message Peer message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.Peer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Peer message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.Peer & storepb.Peer.$Shape} Peer
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.Peer & storepb.Peer.$Shape;
    }

    namespace Peer {

        /** Properties of a Peer. */
        interface $Properties {

            /** Peer id */
            id?: (number|null);

            /** Peer storeId */
            storeId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Peer. */
        type $Shape = storepb.Peer.$Properties;
    }

    /**
     * Properties of a Region.
     * @deprecated Use storepb.Region.$Properties instead.
     */
    interface IRegion extends storepb.Region.$Properties {
    }

    /** Represents a Region. */
    class Region {

        /**
         * Constructs a new Region.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.Region.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Region id. */
        id: number;

        /** Region startKey. */
        startKey: Uint8Array;

        /** Region endKey. */
        endKey: Uint8Array;

        /** Region peers. */
        peers: storepb.Peer.$Properties[];

        /**
         * Creates a new Region instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Region instance
         */
        static create(properties: storepb.Region.$Shape): storepb.Region & storepb.Region.$Shape;
        static create(properties?: storepb.Region.$Properties): storepb.Region;

        /**
         * Encodes the specified Region message. Does not implicitly {@link storepb.Region.verify|verify} messages.
         * @param message Region message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.Region.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Region message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.Region & storepb.Region.$Shape} Region
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.Region & storepb.Region.$Shape;
    }

    namespace Region {

        /** Properties of a Region. */
        interface $Properties {

            /** Region id */
            id?: (number|null);

            /** Region startKey */
            startKey?: (Uint8Array|null);

            /** Region endKey */
            endKey?: (Uint8Array|null);

            /** Region peers */
            peers?: (storepb.Peer.$Properties[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Region. */
        type $Shape = storepb.Region.$Properties;
    }

    /**
     * Properties of a RaftLocalState.
     * @deprecated Use storepb.RaftLocalState.$Properties instead.
     */
    interface IRaftLocalState extends storepb.RaftLocalState.$Properties {
    }

    /** Represents a RaftLocalState. */
    class RaftLocalState {

        /**
         * Constructs a new RaftLocalState.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.RaftLocalState.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RaftLocalState hardState. */
        hardState?: (raftpb.HardState.$Properties|null);

        /** RaftLocalState lastIndex. */
        lastIndex: number;

        /** RaftLocalState lastTerm. */
        lastTerm: number;

        /**
         * Creates a new RaftLocalState instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RaftLocalState instance
         */
        static create(properties: storepb.RaftLocalState.$Shape): storepb.RaftLocalState & storepb.RaftLocalState.$Shape;
        static create(properties?: storepb.RaftLocalState.$Properties): storepb.RaftLocalState;

        /**
         * Encodes the specified RaftLocalState message. Does not implicitly {@link storepb.RaftLocalState.verify|verify} messages.
         * @param message RaftLocalState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.RaftLocalState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RaftLocalState message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.RaftLocalState & storepb.RaftLocalState.$Shape} RaftLocalState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.RaftLocalState & storepb.RaftLocalState.$Shape;
    }

    namespace RaftLocalState {

        /** Properties of a RaftLocalState. */
        interface $Properties {

            /** RaftLocalState hardState */
            hardState?: (raftpb.HardState.$Properties|null);

            /** RaftLocalState lastIndex */
            lastIndex?: (number|null);

            /** RaftLocalState lastTerm */
            lastTerm?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RaftLocalState. */
        type $Shape = storepb.RaftLocalState.$Properties;
    }

    /**
     * Properties of a RaftTruncatedState.
     * @deprecated Use storepb.RaftTruncatedState.$Properties instead.
     */
    interface IRaftTruncatedState extends storepb.RaftTruncatedState.$Properties {
    }

    /** Represents a RaftTruncatedState. */
    class RaftTruncatedState {

        /**
         * Constructs a new RaftTruncatedState.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.RaftTruncatedState.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RaftTruncatedState index. */
        index: number;

        /** RaftTruncatedState term. */
        term: number;

        /**
         * Creates a new RaftTruncatedState instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RaftTruncatedState instance
         */
        static create(properties: storepb.RaftTruncatedState.$Shape): storepb.RaftTruncatedState & storepb.RaftTruncatedState.$Shape;
        static create(properties?: storepb.RaftTruncatedState.$Properties): storepb.RaftTruncatedState;

        /**
         * Encodes the specified RaftTruncatedState message. Does not implicitly {@link storepb.RaftTruncatedState.verify|verify} messages.
         * @param message RaftTruncatedState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.RaftTruncatedState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RaftTruncatedState message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.RaftTruncatedState & storepb.RaftTruncatedState.$Shape} RaftTruncatedState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.RaftTruncatedState & storepb.RaftTruncatedState.$Shape;
    }

    namespace RaftTruncatedState {

        /** Properties of a RaftTruncatedState. */
        interface $Properties {

            /** RaftTruncatedState index */
            index?: (number|null);

            /** RaftTruncatedState term */
            term?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RaftTruncatedState. */
        type $Shape = storepb.RaftTruncatedState.$Properties;
    }

    /**
     * Properties of a RaftApplyState.
     * @deprecated Use storepb.RaftApplyState.$Properties instead.
     */
    interface IRaftApplyState extends storepb.RaftApplyState.$Properties {
    }

    /** Represents a RaftApplyState. */
    class RaftApplyState {

        /**
         * Constructs a new RaftApplyState.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.RaftApplyState.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RaftApplyState appliedIndex. */
        appliedIndex: number;

        /** RaftApplyState truncatedState. */
        truncatedState?: (storepb.RaftTruncatedState.$Properties|null);

        /**
         * Creates a new RaftApplyState instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RaftApplyState instance
         */
        static create(properties: storepb.RaftApplyState.$Shape): storepb.RaftApplyState & storepb.RaftApplyState.$Shape;
        static create(properties?: storepb.RaftApplyState.$Properties): storepb.RaftApplyState;

        /**
         * Encodes the specified RaftApplyState message. Does not implicitly {@link storepb.RaftApplyState.verify|verify} messages.
         * @param message RaftApplyState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.RaftApplyState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RaftApplyState message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.RaftApplyState & storepb.RaftApplyState.$Shape} RaftApplyState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.RaftApplyState & storepb.RaftApplyState.$Shape;
    }

    namespace RaftApplyState {

        /** Properties of a RaftApplyState. */
        interface $Properties {

            /** RaftApplyState appliedIndex */
            appliedIndex?: (number|null);

            /** RaftApplyState truncatedState */
            truncatedState?: (storepb.RaftTruncatedState.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RaftApplyState. */
        type $Shape = storepb.RaftApplyState.$Properties;
    }

    /** PeerState enum. */
    enum PeerState {

        /** Normal value */
        Normal = 0,

        /** Applying value */
        Applying = 1,

        /** Tombstone value */
        Tombstone = 2
    }

    /**
     * Properties of a RegionLocalState.
     * @deprecated Use storepb.RegionLocalState.$Properties instead.
     */
    interface IRegionLocalState extends storepb.RegionLocalState.$Properties {
    }

    /** Represents a RegionLocalState. */
    class RegionLocalState {

        /**
         * Constructs a new RegionLocalState.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.RegionLocalState.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RegionLocalState state. */
        state: storepb.PeerState;

        /** RegionLocalState region. */
        region?: (storepb.Region.$Properties|null);

        /**
         * Creates a new RegionLocalState instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RegionLocalState instance
         */
        static create(properties: storepb.RegionLocalState.$Shape): storepb.RegionLocalState & storepb.RegionLocalState.$Shape;
        static create(properties?: storepb.RegionLocalState.$Properties): storepb.RegionLocalState;

        /**
         * Encodes the specified RegionLocalState message. Does not implicitly {@link storepb.RegionLocalState.verify|verify} messages.
         * @param message RegionLocalState message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.RegionLocalState.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RegionLocalState message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.RegionLocalState & storepb.RegionLocalState.$Shape} RegionLocalState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.RegionLocalState & storepb.RegionLocalState.$Shape;
    }

    namespace RegionLocalState {

        /** Properties of a RegionLocalState. */
        interface $Properties {

            /** RegionLocalState state */
            state?: (storepb.PeerState|null);

            /** RegionLocalState region */
            region?: (storepb.Region.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RegionLocalState. */
        type $Shape = storepb.RegionLocalState.$Properties;
    }

    /**
     * Properties of a RaftMessage.
     * @deprecated Use storepb.RaftMessage.$Properties instead.
     */
    interface IRaftMessage extends storepb.RaftMessage.$Properties {
    }

    /** Represents a RaftMessage. */
    class RaftMessage {

        /**
         * Constructs a new RaftMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.RaftMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RaftMessage regionId. */
        regionId: number;

        /** RaftMessage fromPeer. */
        fromPeer?: (storepb.Peer.$Properties|null);

        /** RaftMessage toPeer. */
        toPeer?: (storepb.Peer.$Properties|null);

        /** RaftMessage message. */
        message?: (raftpb.Message.$Properties|null);

        /**
         * Creates a new RaftMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RaftMessage instance
         */
        static create(properties: storepb.RaftMessage.$Shape): storepb.RaftMessage & storepb.RaftMessage.$Shape;
        static create(properties?: storepb.RaftMessage.$Properties): storepb.RaftMessage;

        /**
         * Encodes the specified RaftMessage message. Does not implicitly {@link storepb.RaftMessage.verify|verify} messages.
         * @param message RaftMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.RaftMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RaftMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.RaftMessage & storepb.RaftMessage.$Shape} RaftMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.RaftMessage & storepb.RaftMessage.$Shape;
    }

    namespace RaftMessage {

        /** Properties of a RaftMessage. */
        interface $Properties {

            /** RaftMessage regionId */
            regionId?: (number|null);

            /** RaftMessage fromPeer */
            fromPeer?: (storepb.Peer.$Properties|null);

            /** RaftMessage toPeer */
            toPeer?: (storepb.Peer.$Properties|null);

            /** RaftMessage message */
            message?: (raftpb.Message.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RaftMessage. */
        type $Shape = storepb.RaftMessage.$Properties;
    }

    /** CmdType enum. */
    enum CmdType {

        /** Invalid value */
        Invalid = 0,

        /** Get value */
        Get = 1,

        /** Put value */
        Put = 2,

        /** Delete value */
        Delete = 3,

        /** Scan value */
        Scan = 4
    }

    /**
     * Properties of a Request.
     * @deprecated Use storepb.Request.$Properties instead.
     */
    interface IRequest extends storepb.Request.$Properties {
    }

    /** Represents a Request. */
    class Request {

        /**
         * Constructs a new Request.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.Request.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Request cmdType. */
        cmdType: storepb.CmdType;

        /** Request key. */
        key: Uint8Array;

        /** Request value. */
        value: Uint8Array;

        /** Request endKey. */
        endKey: Uint8Array;

        /** Request limit. */
        limit: number;

        /**
         * Creates a new Request instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Request instance
         */
        static create(properties: storepb.Request.$Shape): storepb.Request & storepb.Request.$Shape;
        static create(properties?: storepb.Request.$Properties): storepb.Request;

        /**
         * Encodes the specified Request message. Does not implicitly {@link storepb.Request.verify|verify} messages.
         * @param message Request message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.Request.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Request message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.Request & storepb.Request.$Shape} Request
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.Request & storepb.Request.$Shape;
    }

    namespace Request {

        /** Properties of a Request. */
        interface $Properties {

            /** Request cmdType */
            cmdType?: (storepb.CmdType|null);

            /** Request key */
            key?: (Uint8Array|null);

            /** Request value */
            value?: (Uint8Array|null);

            /** Request endKey */
            endKey?: (Uint8Array|null);

            /** Request limit */
            limit?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Request. */
        type $Shape = storepb.Request.$Properties;
    }

    /**
     * Properties of a KeyValue.
     * @deprecated Use storepb.KeyValue.$Properties instead.
     */
    interface IKeyValue extends storepb.KeyValue.$Properties {
    }

    /** Represents a KeyValue. */
    class KeyValue {

        /**
         * Constructs a new KeyValue.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.KeyValue.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** KeyValue key. */
        key: Uint8Array;

        /** KeyValue value. */
        value: Uint8Array;

        /**
         * Creates a new KeyValue instance using the specified properties.
         * @param [properties] Properties to set
         * @returns KeyValue instance
         */
        static create(properties: storepb.KeyValue.$Shape): storepb.KeyValue & storepb.KeyValue.$Shape;
        static create(properties?: storepb.KeyValue.$Properties): storepb.KeyValue;

        /**
         * Encodes the specified KeyValue message. Does not implicitly {@link storepb.KeyValue.verify|verify} messages.
         * @param message KeyValue message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.KeyValue.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a KeyValue message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.KeyValue & storepb.KeyValue.$Shape} KeyValue
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.KeyValue & storepb.KeyValue.$Shape;
    }

    namespace KeyValue {

        /** Properties of a KeyValue. */
        interface $Properties {

            /** KeyValue key */
            key?: (Uint8Array|null);

            /** KeyValue value */
            value?: (Uint8Array|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a KeyValue. */
        type $Shape = storepb.KeyValue.$Properties;
    }

    /**
     * Properties of a Response.
     * @deprecated Use storepb.Response.$Properties instead.
     */
    interface IResponse extends storepb.Response.$Properties {
    }

    /** Represents a Response. */
    class Response {

        /**
         * Constructs a new Response.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.Response.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Response cmdType. */
        cmdType: storepb.CmdType;

        /** Response value. */
        value: Uint8Array;

        /** Response found. */
        found: boolean;

        /** Response kvs. */
        kvs: storepb.KeyValue.$Properties[];

        /**
         * Creates a new Response instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Response instance
         */
        static create(properties: storepb.Response.$Shape): storepb.Response & storepb.Response.$Shape;
        static create(properties?: storepb.Response.$Properties): storepb.Response;

        /**
         * Encodes the specified Response message. Does not implicitly {@link storepb.Response.verify|verify} messages.
         * @param message Response message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.Response.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a Response message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.Response & storepb.Response.$Shape} Response
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.Response & storepb.Response.$Shape;
    }

    namespace Response {

        /** Properties of a Response. */
        interface $Properties {

            /** Response cmdType */
            cmdType?: (storepb.CmdType|null);

            /** Response value */
            value?: (Uint8Array|null);

            /** Response found */
            found?: (boolean|null);

            /** Response kvs */
            kvs?: (storepb.KeyValue.$Properties[]|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a Response. */
        type $Shape = storepb.Response.$Properties;
    }

    /** AdminCmdType enum. */
    enum AdminCmdType {

        /** InvalidAdmin value */
        InvalidAdmin = 0,

        /** CompactLog value */
        CompactLog = 1
    }

    /**
     * Properties of a CompactLogRequest.
     * @deprecated Use storepb.CompactLogRequest.$Properties instead.
     */
    interface ICompactLogRequest extends storepb.CompactLogRequest.$Properties {
    }

    /** Represents a CompactLogRequest. */
    class CompactLogRequest {

        /**
         * Constructs a new CompactLogRequest.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.CompactLogRequest.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** CompactLogRequest compactIndex. */
        compactIndex: number;

        /** CompactLogRequest compactTerm. */
        compactTerm: number;

        /**
         * Creates a new CompactLogRequest instance using the specified properties.
         * @param [properties] Properties to set
         * @returns CompactLogRequest instance
         */
        static create(properties: storepb.CompactLogRequest.$Shape): storepb.CompactLogRequest & storepb.CompactLogRequest.$Shape;
        static create(properties?: storepb.CompactLogRequest.$Properties): storepb.CompactLogRequest;

        /**
         * Encodes the specified CompactLogRequest message. Does not implicitly {@link storepb.CompactLogRequest.verify|verify} messages.
         * @param message CompactLogRequest message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.CompactLogRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a CompactLogRequest message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.CompactLogRequest & storepb.CompactLogRequest.$Shape} CompactLogRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.CompactLogRequest & storepb.CompactLogRequest.$Shape;
    }

    namespace CompactLogRequest {

        /** Properties of a CompactLogRequest. */
        interface $Properties {

            /** CompactLogRequest compactIndex */
            compactIndex?: (number|null);

            /** CompactLogRequest compactTerm */
            compactTerm?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a CompactLogRequest. */
        type $Shape = storepb.CompactLogRequest.$Properties;
    }

    /**
     * Properties of an AdminRequest.
     * @deprecated Use storepb.AdminRequest.$Properties instead.
     */
    interface IAdminRequest extends storepb.AdminRequest.$Properties {
    }

    /** Represents an AdminRequest. */
    class AdminRequest {

        /**
         * Constructs a new AdminRequest.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.AdminRequest.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** AdminRequest cmdType. */
        cmdType: storepb.AdminCmdType;

        /** AdminRequest compactLog. */
        compactLog?: (storepb.CompactLogRequest.$Properties|null);

        /**
         * Creates a new AdminRequest instance using the specified properties.
         * @param [properties] Properties to set
         * @returns AdminRequest instance
         */
        static create(properties: storepb.AdminRequest.$Shape): storepb.AdminRequest & storepb.AdminRequest.$Shape;
        static create(properties?: storepb.AdminRequest.$Properties): storepb.AdminRequest;

        /**
         * Encodes the specified AdminRequest message. Does not implicitly {@link storepb.AdminRequest.verify|verify} messages.
         * @param message AdminRequest message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.AdminRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an AdminRequest message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.AdminRequest & storepb.AdminRequest.$Shape} AdminRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.AdminRequest & storepb.AdminRequest.$Shape;
    }

    namespace AdminRequest {

        /** Properties of an AdminRequest. */
        interface $Properties {

            /** AdminRequest cmdType */
            cmdType?: (storepb.AdminCmdType|null);

            /** AdminRequest compactLog */
            compactLog?: (storepb.CompactLogRequest.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an AdminRequest. */
        type $Shape = storepb.AdminRequest.$Properties;
    }

    /**
     * Properties of an AdminResponse.
     * @deprecated Use storepb.AdminResponse.$Properties instead.
     */
    interface IAdminResponse extends storepb.AdminResponse.$Properties {
    }

    /** Represents an AdminResponse. */
    class AdminResponse {

        /**
         * Constructs a new AdminResponse.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.AdminResponse.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** AdminResponse cmdType. */
        cmdType: storepb.AdminCmdType;

        /**
         * Creates a new AdminResponse instance using the specified properties.
         * @param [properties] Properties to set
         * @returns AdminResponse instance
         */
        static create(properties: storepb.AdminResponse.$Shape): storepb.AdminResponse & storepb.AdminResponse.$Shape;
        static create(properties?: storepb.AdminResponse.$Properties): storepb.AdminResponse;

        /**
         * Encodes the specified AdminResponse message. Does not implicitly {@link storepb.AdminResponse.verify|verify} messages.
         * @param message AdminResponse message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.AdminResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an AdminResponse message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.AdminResponse & storepb.AdminResponse.$Shape} AdminResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.AdminResponse & storepb.AdminResponse.$Shape;
    }

    namespace AdminResponse {

        /** Properties of an AdminResponse. */
        interface $Properties {

            /** AdminResponse cmdType */
            cmdType?: (storepb.AdminCmdType|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an AdminResponse. */
        type $Shape = storepb.AdminResponse.$Properties;
    }

    /**
     * Properties of a RaftRequestHeader.
     * @deprecated Use storepb.RaftRequestHeader.$Properties instead.
     */
    interface IRaftRequestHeader extends storepb.RaftRequestHeader.$Properties {
    }

    /** Represents a RaftRequestHeader. */
    class RaftRequestHeader {

        /**
         * Constructs a new RaftRequestHeader.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.RaftRequestHeader.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RaftRequestHeader regionId. */
        regionId: number;

        /** RaftRequestHeader peerId. */
        peerId: number;

        /** RaftRequestHeader term. */
        term: number;

        /** RaftRequestHeader requestId. */
        requestId: number;

        /**
         * Creates a new RaftRequestHeader instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RaftRequestHeader instance
         */
        static create(properties: storepb.RaftRequestHeader.$Shape): storepb.RaftRequestHeader & storepb.RaftRequestHeader.$Shape;
        static create(properties?: storepb.RaftRequestHeader.$Properties): storepb.RaftRequestHeader;

        /**
         * Encodes the specified RaftRequestHeader message. Does not implicitly {@link storepb.RaftRequestHeader.verify|verify} messages.
         * @param message RaftRequestHeader message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.RaftRequestHeader.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RaftRequestHeader message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.RaftRequestHeader & storepb.RaftRequestHeader.$Shape} RaftRequestHeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.RaftRequestHeader & storepb.RaftRequestHeader.$Shape;
    }

    namespace RaftRequestHeader {

        /** Properties of a RaftRequestHeader. */
        interface $Properties {

            /** RaftRequestHeader regionId */
            regionId?: (number|null);

            /** RaftRequestHeader peerId */
            peerId?: (number|null);

            /** RaftRequestHeader term */
            term?: (number|null);

            /** RaftRequestHeader requestId */
            requestId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RaftRequestHeader. */
        type $Shape = storepb.RaftRequestHeader.$Properties;
    }

    /**
     * Properties of a RaftCmdRequest.
     * @deprecated Use storepb.RaftCmdRequest.$Properties instead.
     */
    interface IRaftCmdRequest extends storepb.RaftCmdRequest.$Properties {
    }

    /** Represents a RaftCmdRequest. */
    class RaftCmdRequest {

        /**
         * Constructs a new RaftCmdRequest.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.RaftCmdRequest.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RaftCmdRequest header. */
        header?: (storepb.RaftRequestHeader.$Properties|null);

        /** RaftCmdRequest requests. */
        requests: storepb.Request.$Properties[];

        /** RaftCmdRequest adminRequest. */
        adminRequest?: (storepb.AdminRequest.$Properties|null);

        /**
         * Creates a new RaftCmdRequest instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RaftCmdRequest instance
         */
        static create(properties: storepb.RaftCmdRequest.$Shape): storepb.RaftCmdRequest & storepb.RaftCmdRequest.$Shape;
        static create(properties?: storepb.RaftCmdRequest.$Properties): storepb.RaftCmdRequest;

        /**
         * Encodes the specified RaftCmdRequest message. Does not implicitly {@link storepb.RaftCmdRequest.verify|verify} messages.
         * @param message RaftCmdRequest message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.RaftCmdRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RaftCmdRequest message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.RaftCmdRequest & storepb.RaftCmdRequest.$Shape} RaftCmdRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.RaftCmdRequest & storepb.RaftCmdRequest.$Shape;
    }

    namespace RaftCmdRequest {

        /** Properties of a RaftCmdRequest. */
        interface $Properties {

            /** RaftCmdRequest header */
            header?: (storepb.RaftRequestHeader.$Properties|null);

            /** RaftCmdRequest requests */
            requests?: (storepb.Request.$Properties[]|null);

            /** RaftCmdRequest adminRequest */
            adminRequest?: (storepb.AdminRequest.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RaftCmdRequest. */
        type $Shape = storepb.RaftCmdRequest.$Properties;
    }

    /**
     * Properties of a NotLeader.
     * @deprecated Use storepb.NotLeader.$Properties instead.
     */
    interface INotLeader extends storepb.NotLeader.$Properties {
    }

    /** Represents a NotLeader. */
    class NotLeader {

        /**
         * Constructs a new NotLeader.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.NotLeader.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** NotLeader regionId. */
        regionId: number;

        /** NotLeader leaderStoreId. */
        leaderStoreId: number;

        /**
         * Creates a new NotLeader instance using the specified properties.
         * @param [properties] Properties to set
         * @returns NotLeader instance
         */
        static create(properties: storepb.NotLeader.$Shape): storepb.NotLeader & storepb.NotLeader.$Shape;
        static create(properties?: storepb.NotLeader.$Properties): storepb.NotLeader;

        /**
         * Encodes the specified NotLeader message. Does not implicitly {@link storepb.NotLeader.verify|verify} messages.
         * @param message NotLeader message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.NotLeader.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a NotLeader message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.NotLeader & storepb.NotLeader.$Shape} NotLeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.NotLeader & storepb.NotLeader.$Shape;
    }

    namespace NotLeader {

        /** Properties of a NotLeader. */
        interface $Properties {

            /** NotLeader regionId */
            regionId?: (number|null);

            /** NotLeader leaderStoreId */
            leaderStoreId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a NotLeader. */
        type $Shape = storepb.NotLeader.$Properties;
    }

    /**
     * Properties of an Error.
     * @deprecated Use storepb.Error.$Properties instead.
     */
    interface IError extends storepb.Error.$Properties {
    }

    /** Represents an Error. */
    class Error {

        /**
         * Constructs a new Error.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.Error.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** Error message. */
        message: string;

        /** Error notLeader. */
        notLeader?: (storepb.NotLeader.$Properties|null);

        /** Error staleCommand. */
        staleCommand: boolean;

        /** Error timeout. */
        timeout: boolean;

        /** Error storeStopped. */
        storeStopped: boolean;

        /** Error indeterminate. */
        indeterminate: boolean;

        /** Error regionNotFound. */
        regionNotFound: boolean;

        /** Error invalidRequest. */
        invalidRequest: boolean;

        /**
         * Creates a new Error instance using the specified properties.
         * @param [properties] Properties to set
         * @returns Error instance
         */
        static create(properties: storepb.Error.$Shape): storepb.Error & storepb.Error.$Shape;
        static create(properties?: storepb.Error.$Properties): storepb.Error;

        /**
         * Encodes the specified Error message. Does not implicitly {@link storepb.Error.verify|verify} messages.
         * @param message Error message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.Error.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes an Error message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.Error & storepb.Error.$Shape} Error
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.Error & storepb.Error.$Shape;
    }

    namespace Error {

        /** Properties of an Error. */
        interface $Properties {

            /** Error message */
            message?: (string|null);

            /** Error notLeader */
            notLeader?: (storepb.NotLeader.$Properties|null);

            /** Error staleCommand */
            staleCommand?: (boolean|null);

            /** Error timeout */
            timeout?: (boolean|null);

            /** Error storeStopped */
            storeStopped?: (boolean|null);

            /** Error indeterminate */
            indeterminate?: (boolean|null);

            /** Error regionNotFound */
            regionNotFound?: (boolean|null);

            /** Error invalidRequest */
            invalidRequest?: (boolean|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of an Error. */
        type $Shape = storepb.Error.$Properties;
    }

    /**
     * Properties of a RaftResponseHeader.
     * @deprecated Use storepb.RaftResponseHeader.$Properties instead.
     */
    interface IRaftResponseHeader extends storepb.RaftResponseHeader.$Properties {
    }

    /** Represents a RaftResponseHeader. */
    class RaftResponseHeader {

        /**
         * Constructs a new RaftResponseHeader.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.RaftResponseHeader.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RaftResponseHeader error. */
        error?: (storepb.Error.$Properties|null);

        /** RaftResponseHeader currentTerm. */
        currentTerm: number;

        /** RaftResponseHeader requestId. */
        requestId: number;

        /**
         * Creates a new RaftResponseHeader instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RaftResponseHeader instance
         */
        static create(properties: storepb.RaftResponseHeader.$Shape): storepb.RaftResponseHeader & storepb.RaftResponseHeader.$Shape;
        static create(properties?: storepb.RaftResponseHeader.$Properties): storepb.RaftResponseHeader;

        /**
         * Encodes the specified RaftResponseHeader message. Does not implicitly {@link storepb.RaftResponseHeader.verify|verify} messages.
         * @param message RaftResponseHeader message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.RaftResponseHeader.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RaftResponseHeader message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.RaftResponseHeader & storepb.RaftResponseHeader.$Shape} RaftResponseHeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.RaftResponseHeader & storepb.RaftResponseHeader.$Shape;
    }

    namespace RaftResponseHeader {

        /** Properties of a RaftResponseHeader. */
        interface $Properties {

            /** RaftResponseHeader error */
            error?: (storepb.Error.$Properties|null);

            /** RaftResponseHeader currentTerm */
            currentTerm?: (number|null);

            /** RaftResponseHeader requestId */
            requestId?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RaftResponseHeader. */
        type $Shape = storepb.RaftResponseHeader.$Properties;
    }

    /**
     * Properties of a RaftCmdResponse.
     * @deprecated Use storepb.RaftCmdResponse.$Properties instead.
     */
    interface IRaftCmdResponse extends storepb.RaftCmdResponse.$Properties {
    }

    /** Represents a RaftCmdResponse. */
    class RaftCmdResponse {

        /**
         * Constructs a new RaftCmdResponse.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.RaftCmdResponse.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** RaftCmdResponse header. */
        header?: (storepb.RaftResponseHeader.$Properties|null);

        /** RaftCmdResponse responses. */
        responses: storepb.Response.$Properties[];

        /** RaftCmdResponse adminResponse. */
        adminResponse?: (storepb.AdminResponse.$Properties|null);

        /**
         * Creates a new RaftCmdResponse instance using the specified properties.
         * @param [properties] Properties to set
         * @returns RaftCmdResponse instance
         */
        static create(properties: storepb.RaftCmdResponse.$Shape): storepb.RaftCmdResponse & storepb.RaftCmdResponse.$Shape;
        static create(properties?: storepb.RaftCmdResponse.$Properties): storepb.RaftCmdResponse;

        /**
         * Encodes the specified RaftCmdResponse message. Does not implicitly {@link storepb.RaftCmdResponse.verify|verify} messages.
         * @param message RaftCmdResponse message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.RaftCmdResponse.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a RaftCmdResponse message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.RaftCmdResponse & storepb.RaftCmdResponse.$Shape} RaftCmdResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.RaftCmdResponse & storepb.RaftCmdResponse.$Shape;
    }

    namespace RaftCmdResponse {

        /** Properties of a RaftCmdResponse. */
        interface $Properties {

            /** RaftCmdResponse header */
            header?: (storepb.RaftResponseHeader.$Properties|null);

            /** RaftCmdResponse responses */
            responses?: (storepb.Response.$Properties[]|null);

            /** RaftCmdResponse adminResponse */
            adminResponse?: (storepb.AdminResponse.$Properties|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a RaftCmdResponse. */
        type $Shape = storepb.RaftCmdResponse.$Properties;
    }

    /**
     * Properties of a SnapshotData.
     * @deprecated Use storepb.SnapshotData.$Properties instead.
     */
    interface ISnapshotData extends storepb.SnapshotData.$Properties {
    }

    /** Represents a SnapshotData. */
    class SnapshotData {

        /**
         * Constructs a new SnapshotData.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.SnapshotData.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SnapshotData region. */
        region?: (storepb.Region.$Properties|null);

        /** SnapshotData kvs. */
        kvs: storepb.KeyValue.$Properties[];

        /** SnapshotData crc32. */
        crc32: number;

        /**
         * Creates a new SnapshotData instance using the specified properties.
         * @param [properties] Properties to set
         * @returns SnapshotData instance
         */
        static create(properties: storepb.SnapshotData.$Shape): storepb.SnapshotData & storepb.SnapshotData.$Shape;
        static create(properties?: storepb.SnapshotData.$Properties): storepb.SnapshotData;

        /**
         * Encodes the specified SnapshotData message. Does not implicitly {@link storepb.SnapshotData.verify|verify} messages.
         * @param message SnapshotData message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.SnapshotData.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SnapshotData message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.SnapshotData & storepb.SnapshotData.$Shape} SnapshotData
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.SnapshotData & storepb.SnapshotData.$Shape;
    }

    namespace SnapshotData {

        /** Properties of a SnapshotData. */
        interface $Properties {

            /** SnapshotData region */
            region?: (storepb.Region.$Properties|null);

            /** SnapshotData kvs */
            kvs?: (storepb.KeyValue.$Properties[]|null);

            /** SnapshotData crc32 */
            crc32?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SnapshotData. */
        type $Shape = storepb.SnapshotData.$Properties;
    }

    /**
     * Properties of a SnapshotHeader.
     * @deprecated Use storepb.SnapshotHeader.$Properties instead.
     */
    interface ISnapshotHeader extends storepb.SnapshotHeader.$Properties {
    }

    /** Represents a SnapshotHeader. */
    class SnapshotHeader {

        /**
         * Constructs a new SnapshotHeader.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.SnapshotHeader.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SnapshotHeader message. */
        message?: (storepb.RaftMessage.$Properties|null);

        /** SnapshotHeader totalSize. */
        totalSize: number;

        /** SnapshotHeader crc32. */
        crc32: number;

        /**
         * Creates a new SnapshotHeader instance using the specified properties.
         * @param [properties] Properties to set
         * @returns SnapshotHeader instance
         */
        static create(properties: storepb.SnapshotHeader.$Shape): storepb.SnapshotHeader & storepb.SnapshotHeader.$Shape;
        static create(properties?: storepb.SnapshotHeader.$Properties): storepb.SnapshotHeader;

        /**
         * Encodes the specified SnapshotHeader message. Does not implicitly {@link storepb.SnapshotHeader.verify|verify} messages.
         * @param message SnapshotHeader message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.SnapshotHeader.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SnapshotHeader message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.SnapshotHeader & storepb.SnapshotHeader.$Shape} SnapshotHeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.SnapshotHeader & storepb.SnapshotHeader.$Shape;
    }

    namespace SnapshotHeader {

        /** Properties of a SnapshotHeader. */
        interface $Properties {

            /** SnapshotHeader message */
            message?: (storepb.RaftMessage.$Properties|null);

            /** SnapshotHeader totalSize */
            totalSize?: (number|null);

            /** SnapshotHeader crc32 */
            crc32?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SnapshotHeader. */
        type $Shape = storepb.SnapshotHeader.$Properties;
    }

    /**
     * Properties of a SnapshotChunk.
     * @deprecated Use storepb.SnapshotChunk.$Properties instead.
     */
    interface ISnapshotChunk extends storepb.SnapshotChunk.$Properties {
    }

    /** Represents a SnapshotChunk. */
    class SnapshotChunk {

        /**
         * Constructs a new SnapshotChunk.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.SnapshotChunk.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SnapshotChunk header. */
        header?: (storepb.SnapshotHeader.$Properties|null);

        /** SnapshotChunk offset. */
        offset: number;

        /** SnapshotChunk data. */
        data: Uint8Array;

        /** SnapshotChunk last. */
        last: boolean;

        /** SnapshotChunk fromStore. */
        fromStore: number;

        /** SnapshotChunk toStore. */
        toStore: number;

        /** SnapshotChunk streamId. */
        streamId: number;

        /** SnapshotChunk crc32. */
        crc32: number;

        /**
         * Creates a new SnapshotChunk instance using the specified properties.
         * @param [properties] Properties to set
         * @returns SnapshotChunk instance
         */
        static create(properties: storepb.SnapshotChunk.$Shape): storepb.SnapshotChunk & storepb.SnapshotChunk.$Shape;
        static create(properties?: storepb.SnapshotChunk.$Properties): storepb.SnapshotChunk;

        /**
         * Encodes the specified SnapshotChunk message. Does not implicitly {@link storepb.SnapshotChunk.verify|verify} messages.
         * @param message SnapshotChunk message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.SnapshotChunk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SnapshotChunk message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.SnapshotChunk & storepb.SnapshotChunk.$Shape} SnapshotChunk
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.SnapshotChunk & storepb.SnapshotChunk.$Shape;
    }

    namespace SnapshotChunk {

        /** Properties of a SnapshotChunk. */
        interface $Properties {

            /** SnapshotChunk header */
            header?: (storepb.SnapshotHeader.$Properties|null);

            /** SnapshotChunk offset */
            offset?: (number|null);

            /** SnapshotChunk data */
            data?: (Uint8Array|null);

            /** SnapshotChunk last */
            last?: (boolean|null);

            /** SnapshotChunk fromStore */
            fromStore?: (number|null);

            /** SnapshotChunk toStore */
            toStore?: (number|null);

            /** SnapshotChunk streamId */
            streamId?: (number|null);

            /** SnapshotChunk crc32 */
            crc32?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SnapshotChunk. */
        type $Shape = storepb.SnapshotChunk.$Properties;
    }

    /**
     * Properties of a SnapshotAck.
     * @deprecated Use storepb.SnapshotAck.$Properties instead.
     */
    interface ISnapshotAck extends storepb.SnapshotAck.$Properties {
    }

    /** Represents a SnapshotAck. */
    class SnapshotAck {

        /**
         * Constructs a new SnapshotAck.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.SnapshotAck.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SnapshotAck fromStore. */
        fromStore: number;

        /** SnapshotAck toStore. */
        toStore: number;

        /** SnapshotAck streamId. */
        streamId: number;

        /** SnapshotAck received. */
        received: number;

        /** SnapshotAck done. */
        done: boolean;

        /** SnapshotAck error. */
        error: string;

        /**
         * Creates a new SnapshotAck instance using the specified properties.
         * @param [properties] Properties to set
         * @returns SnapshotAck instance
         */
        static create(properties: storepb.SnapshotAck.$Shape): storepb.SnapshotAck & storepb.SnapshotAck.$Shape;
        static create(properties?: storepb.SnapshotAck.$Properties): storepb.SnapshotAck;

        /**
         * Encodes the specified SnapshotAck message. Does not implicitly {@link storepb.SnapshotAck.verify|verify} messages.
         * @param message SnapshotAck message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.SnapshotAck.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SnapshotAck message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.SnapshotAck & storepb.SnapshotAck.$Shape} SnapshotAck
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.SnapshotAck & storepb.SnapshotAck.$Shape;
    }

    namespace SnapshotAck {

        /** Properties of a SnapshotAck. */
        interface $Properties {

            /** SnapshotAck fromStore */
            fromStore?: (number|null);

            /** SnapshotAck toStore */
            toStore?: (number|null);

            /** SnapshotAck streamId */
            streamId?: (number|null);

            /** SnapshotAck received */
            received?: (number|null);

            /** SnapshotAck done */
            done?: (boolean|null);

            /** SnapshotAck error */
            error?: (string|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SnapshotAck. */
        type $Shape = storepb.SnapshotAck.$Properties;
    }

    /**
     * Properties of a SnapshotFileMeta.
     * @deprecated Use storepb.SnapshotFileMeta.$Properties instead.
     */
    interface ISnapshotFileMeta extends storepb.SnapshotFileMeta.$Properties {
    }

    /** Represents a SnapshotFileMeta. */
    class SnapshotFileMeta {

        /**
         * Constructs a new SnapshotFileMeta.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.SnapshotFileMeta.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** SnapshotFileMeta size. */
        size: number;

        /** SnapshotFileMeta crc32. */
        crc32: number;

        /**
         * Creates a new SnapshotFileMeta instance using the specified properties.
         * @param [properties] Properties to set
         * @returns SnapshotFileMeta instance
         */
        static create(properties: storepb.SnapshotFileMeta.$Shape): storepb.SnapshotFileMeta & storepb.SnapshotFileMeta.$Shape;
        static create(properties?: storepb.SnapshotFileMeta.$Properties): storepb.SnapshotFileMeta;

        /**
         * Encodes the specified SnapshotFileMeta message. Does not implicitly {@link storepb.SnapshotFileMeta.verify|verify} messages.
         * @param message SnapshotFileMeta message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.SnapshotFileMeta.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a SnapshotFileMeta message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.SnapshotFileMeta & storepb.SnapshotFileMeta.$Shape} SnapshotFileMeta
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.SnapshotFileMeta & storepb.SnapshotFileMeta.$Shape;
    }

    namespace SnapshotFileMeta {

        /** Properties of a SnapshotFileMeta. */
        interface $Properties {

            /** SnapshotFileMeta size */
            size?: (number|null);

            /** SnapshotFileMeta crc32 */
            crc32?: (number|null);

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Shape of a SnapshotFileMeta. */
        type $Shape = storepb.SnapshotFileMeta.$Properties;
    }

    /**
     * Properties of a StoreMessage.
     * @deprecated Use storepb.StoreMessage.$Properties instead.
     */
    interface IStoreMessage extends storepb.StoreMessage.$Properties {
    }

    /** Represents a StoreMessage. */
    class StoreMessage {

        /**
         * Constructs a new StoreMessage.
         * @param [properties] Properties to set
         */
        constructor(properties?: storepb.StoreMessage.$Properties);

        /** Unknown fields preserved while decoding when enabled */
        $unknowns?: Uint8Array[];

        /** StoreMessage raft. */
        raft?: (storepb.RaftMessage.$Properties|null);

        /** StoreMessage chunk. */
        chunk?: (storepb.SnapshotChunk.$Properties|null);

        /** StoreMessage ack. */
        ack?: (storepb.SnapshotAck.$Properties|null);

        /** StoreMessage payload. */
        payload?: ("raft"|"chunk"|"ack");

        /**
         * Creates a new StoreMessage instance using the specified properties.
         * @param [properties] Properties to set
         * @returns StoreMessage instance
         */
        static create(properties: storepb.StoreMessage.$Shape): storepb.StoreMessage & storepb.StoreMessage.$Shape;
        static create(properties?: storepb.StoreMessage.$Properties): storepb.StoreMessage;

        /**
         * Encodes the specified StoreMessage message. Does not implicitly {@link storepb.StoreMessage.verify|verify} messages.
         * @param message StoreMessage message or plain object to encode
         * @param [writer] Writer to encode to
         * @returns Writer
         */
        static encode(message: storepb.StoreMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;

        /**
         * Decodes a StoreMessage message from the specified reader or buffer.
         * @param reader Reader or buffer to decode from
         * @param [length] Message length if known beforehand
         * @returns {storepb.StoreMessage & storepb.StoreMessage.$Shape} StoreMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): storepb.StoreMessage & storepb.StoreMessage.$Shape;
    }

    namespace StoreMessage {

        /** Properties of a StoreMessage. */
        interface $Properties {

            /** StoreMessage raft */
            raft?: (storepb.RaftMessage.$Properties|null);

            /** StoreMessage chunk */
            chunk?: (storepb.SnapshotChunk.$Properties|null);

            /** StoreMessage ack */
            ack?: (storepb.SnapshotAck.$Properties|null);

            /** StoreMessage payload */
            payload?: ("raft"|"chunk"|"ack");

            /** Unknown fields preserved while decoding when enabled */
            $unknowns?: Uint8Array[];
        }

        /** Narrowed shape of a StoreMessage. */
        type $Shape = {
          raft?: storepb.RaftMessage.$Shape|null;
          chunk?: storepb.SnapshotChunk.$Shape|null;
          ack?: storepb.SnapshotAck.$Shape|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ payload?: undefined; raft?: null; chunk?: null; ack?: null }|{ payload?: "raft"; raft: storepb.RaftMessage.$Shape; chunk?: null; ack?: null }|{ payload?: "chunk"; raft?: null; chunk: storepb.SnapshotChunk.$Shape; ack?: null }|{ payload?: "ack"; raft?: null; chunk?: null; ack: storepb.SnapshotAck.$Shape })
        );
    }
}
