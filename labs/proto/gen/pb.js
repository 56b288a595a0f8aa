/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const raftpb = $root.raftpb = (() => {

    /**
     * Namespace raftpb.
     * @exports raftpb
     * @namespace
     */
    const raftpb = {};

    /**
     * EntryType enum.
     * @name raftpb.EntryType
     * @enum {number}
     * @property {number} EntryNormal=0 EntryNormal value
     * @property {number} EntryConfChange=1 EntryConfChange value
     */
    raftpb.EntryType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "EntryNormal"] = 0;
        values[valuesById[1] = "EntryConfChange"] = 1;
        return values;
    })();

    raftpb.Entry = (function() {

        /**
         * Properties of an Entry.
         * @typedef {Object} raftpb.Entry.$Properties
         * @property {raftpb.EntryType|null} [entryType] Entry entryType
         * @property {number|null} [term] Entry term
         * @property {number|null} [index] Entry index
         * @property {Uint8Array|null} [data] Entry data
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Entry.
         * @memberof raftpb
         * @interface IEntry
         * @augments raftpb.Entry.$Properties
         * @deprecated Use raftpb.Entry.$Properties instead.
         */

        /**
         * Shape of an Entry.
         * @typedef {raftpb.Entry.$Properties} raftpb.Entry.$Shape
         */

        /**
         * Constructs a new Entry.
         * @memberof raftpb
         * @classdesc Represents an Entry.
         * @constructor
         * @param {raftpb.Entry.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Entry = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Entry entryType.
         * @member {raftpb.EntryType} entryType
         * @memberof raftpb.Entry
         * @instance
         */
        Entry.prototype.entryType = 0;

        /**
         * Entry term.
         * @member {number} term
         * @memberof raftpb.Entry
         * @instance
         */
        Entry.prototype.term = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Entry index.
         * @member {number} index
         * @memberof raftpb.Entry
         * @instance
         */
        Entry.prototype.index = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Entry data.
         * @member {Uint8Array} data
         * @memberof raftpb.Entry
         * @instance
         */
        Entry.prototype.data = $util.newBuffer([]);

        /**
         * Creates a new Entry instance using the specified properties.
         * @function create
         * @memberof raftpb.Entry
         * @static
         * @param {raftpb.Entry.$Properties=} [properties] Properties to set
         * @returns {raftpb.Entry} Entry instance
         * @type {{
         *   (properties: raftpb.Entry.$Shape): raftpb.Entry & raftpb.Entry.$Shape;
         *   (properties?: raftpb.Entry.$Properties): raftpb.Entry;
         * }}
         */
        Entry.create = function(properties) {
            return new Entry(properties);
        };

        /**
         * Encodes the specified Entry message. Does not implicitly {@link raftpb.Entry.verify|verify} messages.
         * @function encode
         * @memberof raftpb.Entry
         * @static
         * @param {raftpb.Entry.$Properties} message Entry message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Entry.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.entryType != null && $Object.hasOwnProperty.call(message, "entryType") && message.entryType !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.entryType);
            if (message.term != null && $Object.hasOwnProperty.call(message, "term") && (typeof message.term === "object" ? message.term.low || message.term.high : message.term !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.term);
            if (message.index != null && $Object.hasOwnProperty.call(message, "index") && (typeof message.index === "object" ? message.index.low || message.index.high : message.index !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.index);
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.data);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Entry message from the specified reader or buffer.
         * @function decode
         * @memberof raftpb.Entry
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {raftpb.Entry & raftpb.Entry.$Shape} Entry
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Entry.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.raftpb.Entry();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.entryType = value;
                        else
                            delete message.entryType;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.term = value;
                        else
                            delete message.term;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.index = value;
                        else
                            delete message.index;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Entry;
    })();

    /**
     * MessageType enum.
     * @name raftpb.MessageType
     * @enum {number}
     * @property {number} MsgHup=0 MsgHup value
     * @property {number} MsgBeat=1 MsgBeat value
     * @property {number} MsgPropose=2 MsgPropose value
     * @property {number} MsgAppend=3 MsgAppend value
     * @property {number} MsgAppendResponse=4 MsgAppendResponse value
     * @property {number} MsgRequestVote=5 MsgRequestVote value
     * @property {number} MsgRequestVoteResponse=6 MsgRequestVoteResponse value
     * @property {number} MsgSnapshot=7 MsgSnapshot value
     * @property {number} MsgHeartbeat=8 MsgHeartbeat value
     * @property {number} MsgHeartbeatResponse=9 MsgHeartbeatResponse value
     */
    raftpb.MessageType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "MsgHup"] = 0;
        values[valuesById[1] = "MsgBeat"] = 1;
        values[valuesById[2] = "MsgPropose"] = 2;
        values[valuesById[3] = "MsgAppend"] = 3;
        values[valuesById[4] = "MsgAppendResponse"] = 4;
        values[valuesById[5] = "MsgRequestVote"] = 5;
        values[valuesById[6] = "MsgRequestVoteResponse"] = 6;
        values[valuesById[7] = "MsgSnapshot"] = 7;
        values[valuesById[8] = "MsgHeartbeat"] = 8;
        values[valuesById[9] = "MsgHeartbeatResponse"] = 9;
        return values;
    })();

    raftpb.Message = (function() {

        /**
         * Properties of a Message.
         * @typedef {Object} raftpb.Message.$Properties
         * @property {raftpb.MessageType|null} [msgType] Message msgType
         * @property {number|null} [to] Message to
         * @property {number|null} [from] Message from
         * @property {number|null} [term] Message term
         * @property {number|null} [logTerm] Message logTerm
         * @property {number|null} [index] Message index
         * @property {Array.<raftpb.Entry.$Properties>|null} [entries] Message entries
         * @property {number|null} [commit] Message commit
         * @property {raftpb.Snapshot.$Properties|null} [snapshot] Message snapshot
         * @property {boolean|null} [reject] Message reject
         * @property {number|null} [rejectHint] Message rejectHint
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Message.
         * @memberof raftpb
         * @interface IMessage
         * @augments raftpb.Message.$Properties
         * @deprecated Use raftpb.Message.$Properties instead.
         */

        /**
         * Shape of a Message.
         * @typedef {raftpb.Message.$Properties} raftpb.Message.$Shape
         */

        /**
         * Constructs a new Message.
         * @memberof raftpb
         * @classdesc Represents a Message.
         * @constructor
         * @param {raftpb.Message.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Message = function (properties) {
            this.entries = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Message msgType.
         * @member {raftpb.MessageType} msgType
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.msgType = 0;

        /**
         * Message to.
         * @member {number} to
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.to = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Message from.
         * @member {number} from
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.from = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Message term.
         * @member {number} term
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.term = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Message logTerm.
         * @member {number} logTerm
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.logTerm = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Message index.
         * @member {number} index
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.index = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Message entries.
         * @member {Array.<raftpb.Entry.$Properties>} entries
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.entries = $util.emptyArray;

        /**
         * Message commit.
         * @member {number} commit
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.commit = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Message snapshot.
         * @member {raftpb.Snapshot.$Properties|null|undefined} snapshot
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.snapshot = null;

        /**
         * Message reject.
         * @member {boolean} reject
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.reject = false;

        /**
         * Message rejectHint.
         * @member {number} rejectHint
         * @memberof raftpb.Message
         * @instance
         */
        Message.prototype.rejectHint = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new Message instance using the specified properties.
         * @function create
         * @memberof raftpb.Message
         * @static
         * @param {raftpb.Message.$Properties=} [properties] Properties to set
         * @returns {raftpb.Message} Message instance
         * @type {{
         *   (properties: raftpb.Message.$Shape): raftpb.Message & raftpb.Message.$Shape;
         *   (properties?: raftpb.Message.$Properties): raftpb.Message;
         * }}
         */
        Message.create = function(properties) {
            return new Message(properties);
        };

        /**
         * Encodes the specified Message message. Does not implicitly {@link raftpb.Message.verify|verify} messages.
         * @function encode
         * @memberof raftpb.Message
         * @static
         * @param {raftpb.Message.$Properties} message Message message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Message.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.msgType != null && $Object.hasOwnProperty.call(message, "msgType") && message.msgType !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.msgType);
            if (message.to != null && $Object.hasOwnProperty.call(message, "to") && (typeof message.to === "object" ? message.to.low || message.to.high : message.to !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.to);
            if (message.from != null && $Object.hasOwnProperty.call(message, "from") && (typeof message.from === "object" ? message.from.low || message.from.high : message.from !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.from);
            if (message.term != null && $Object.hasOwnProperty.call(message, "term") && (typeof message.term === "object" ? message.term.low || message.term.high : message.term !== 0))
                writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.term);
            if (message.logTerm != null && $Object.hasOwnProperty.call(message, "logTerm") && (typeof message.logTerm === "object" ? message.logTerm.low || message.logTerm.high : message.logTerm !== 0))
                writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.logTerm);
            if (message.index != null && $Object.hasOwnProperty.call(message, "index") && (typeof message.index === "object" ? message.index.low || message.index.high : message.index !== 0))
                writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.index);
            if (message.entries != null && message.entries.length)
                for (let i = 0; i < message.entries.length; ++i)
                    $root.raftpb.Entry.encode(message.entries[i], writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
            if (message.commit != null && $Object.hasOwnProperty.call(message, "commit") && (typeof message.commit === "object" ? message.commit.low || message.commit.high : message.commit !== 0))
                writer.uint32(/* id 8, wireType 0 =*/64).uint64(message.commit);
            if (message.snapshot != null && $Object.hasOwnProperty.call(message, "snapshot"))
                $root.raftpb.Snapshot.encode(message.snapshot, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
            if (message.reject != null && $Object.hasOwnProperty.call(message, "reject") && message.reject !== false)
                writer.uint32(/* id 10, wireType 0 =*/80).bool(message.reject);
            if (message.rejectHint != null && $Object.hasOwnProperty.call(message, "rejectHint") && (typeof message.rejectHint === "object" ? message.rejectHint.low || message.rejectHint.high : message.rejectHint !== 0))
                writer.uint32(/* id 11, wireType 0 =*/88).uint64(message.rejectHint);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Message message from the specified reader or buffer.
         * @function decode
         * @memberof raftpb.Message
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {raftpb.Message & raftpb.Message.$Shape} Message
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Message.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.raftpb.Message();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.msgType = value;
                        else
                            delete message.msgType;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.to = value;
                        else
                            delete message.to;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.from = value;
                        else
                            delete message.from;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.term = value;
                        else
                            delete message.term;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.logTerm = value;
                        else
                            delete message.logTerm;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.index = value;
                        else
                            delete message.index;
                        continue;
                    }
                case 7: {
                        if (wireType !== 2)
                            break;
                        if (!(message.entries && message.entries.length))
                            message.entries = [];
                        message.entries.push($root.raftpb.Entry.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.commit = value;
                        else
                            delete message.commit;
                        continue;
                    }
                case 9: {
                        if (wireType !== 2)
                            break;
                        message.snapshot = $root.raftpb.Snapshot.decode(reader, reader.size(), $undefined, _depth + 1, message.snapshot);
                        continue;
                    }
                case 10: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.reject = value;
                        else
                            delete message.reject;
                        continue;
                    }
                case 11: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.rejectHint = value;
                        else
                            delete message.rejectHint;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Message;
    })();

    raftpb.HardState = (function() {

        /**
         * Properties of a HardState.
         * @typedef {Object} raftpb.HardState.$Properties
         * @property {number|null} [term] HardState term
         * @property {number|null} [vote] HardState vote
         * @property {number|null} [commit] HardState commit
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a HardState.
         * @memberof raftpb
         * @interface IHardState
         * @augments raftpb.HardState.$Properties
         * @deprecated Use raftpb.HardState.$Properties instead.
         */

        /**
         * Shape of a HardState.
         * @typedef {raftpb.HardState.$Properties} raftpb.HardState.$Shape
         */

        /**
         * Constructs a new HardState.
         * @memberof raftpb
         * @classdesc Represents a HardState.
         * @constructor
         * @param {raftpb.HardState.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const HardState = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * HardState term.
         * @member {number} term
         * @memberof raftpb.HardState
         * @instance
         */
        HardState.prototype.term = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * HardState vote.
         * @member {number} vote
         * @memberof raftpb.HardState
         * @instance
         */
        HardState.prototype.vote = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * HardState commit.
         * @member {number} commit
         * @memberof raftpb.HardState
         * @instance
         */
        HardState.prototype.commit = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new HardState instance using the specified properties.
         * @function create
         * @memberof raftpb.HardState
         * @static
         * @param {raftpb.HardState.$Properties=} [properties] Properties to set
         * @returns {raftpb.HardState} HardState instance
         * @type {{
         *   (properties: raftpb.HardState.$Shape): raftpb.HardState & raftpb.HardState.$Shape;
         *   (properties?: raftpb.HardState.$Properties): raftpb.HardState;
         * }}
         */
        HardState.create = function(properties) {
            return new HardState(properties);
        };

        /**
         * Encodes the specified HardState message. Does not implicitly {@link raftpb.HardState.verify|verify} messages.
         * @function encode
         * @memberof raftpb.HardState
         * @static
         * @param {raftpb.HardState.$Properties} message HardState message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        HardState.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.term != null && $Object.hasOwnProperty.call(message, "term") && (typeof message.term === "object" ? message.term.low || message.term.high : message.term !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.term);
            if (message.vote != null && $Object.hasOwnProperty.call(message, "vote") && (typeof message.vote === "object" ? message.vote.low || message.vote.high : message.vote !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.vote);
            if (message.commit != null && $Object.hasOwnProperty.call(message, "commit") && (typeof message.commit === "object" ? message.commit.low || message.commit.high : message.commit !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.commit);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a HardState message from the specified reader or buffer.
         * @function decode
         * @memberof raftpb.HardState
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {raftpb.HardState & raftpb.HardState.$Shape} HardState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        HardState.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.raftpb.HardState();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.term = value;
                        else
                            delete message.term;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.vote = value;
                        else
                            delete message.vote;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.commit = value;
                        else
                            delete message.commit;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return HardState;
    })();

    raftpb.ConfState = (function() {

        /**
         * Properties of a ConfState.
         * @typedef {Object} raftpb.ConfState.$Properties
         * @property {Array.<number>|null} [nodes] ConfState nodes
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ConfState.
         * @memberof raftpb
         * @interface IConfState
         * @augments raftpb.ConfState.$Properties
         * @deprecated Use raftpb.ConfState.$Properties instead.
         */

        /**
         * Shape of a ConfState.
         * @typedef {raftpb.ConfState.$Properties} raftpb.ConfState.$Shape
         */

        /**
         * Constructs a new ConfState.
         * @memberof raftpb
         * @classdesc Represents a ConfState.
         * @constructor
         * @param {raftpb.ConfState.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ConfState = function (properties) {
            this.nodes = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * ConfState nodes.
         * @member {Array.<number>} nodes
         * @memberof raftpb.ConfState
         * @instance
         */
        ConfState.prototype.nodes = $util.emptyArray;

        /**
         * Creates a new ConfState instance using the specified properties.
         * @function create
         * @memberof raftpb.ConfState
         * @static
         * @param {raftpb.ConfState.$Properties=} [properties] Properties to set
         * @returns {raftpb.ConfState} ConfState instance
         * @type {{
         *   (properties: raftpb.ConfState.$Shape): raftpb.ConfState & raftpb.ConfState.$Shape;
         *   (properties?: raftpb.ConfState.$Properties): raftpb.ConfState;
         * }}
         */
        ConfState.create = function(properties) {
            return new ConfState(properties);
        };

        /**
         * Encodes the specified ConfState message. Does not implicitly {@link raftpb.ConfState.verify|verify} messages.
         * @function encode
         * @memberof raftpb.ConfState
         * @static
         * @param {raftpb.ConfState.$Properties} message ConfState message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ConfState.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.nodes != null && message.nodes.length)
                writer.uint32(/* id 1, wireType 2 =*/10).uint64s(message.nodes);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a ConfState message from the specified reader or buffer.
         * @function decode
         * @memberof raftpb.ConfState
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {raftpb.ConfState & raftpb.ConfState.$Shape} ConfState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ConfState.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.raftpb.ConfState();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType === 2) {
                            if (!(message.nodes && message.nodes.length))
                                message.nodes = [];
                            reader.uint64s(message.nodes);
                            continue;
                        }
                        if (wireType !== 0)
                            break;
                        if (!(message.nodes && message.nodes.length))
                            message.nodes = [];
                        message.nodes.push(reader.uint64());
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return ConfState;
    })();

    raftpb.SnapshotMetadata = (function() {

        /**
         * Properties of a SnapshotMetadata.
         * @typedef {Object} raftpb.SnapshotMetadata.$Properties
         * @property {raftpb.ConfState.$Properties|null} [confState] SnapshotMetadata confState
         * @property {number|null} [index] SnapshotMetadata index
         * @property {number|null} [term] SnapshotMetadata term
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SnapshotMetadata.
         * @memberof raftpb
         * @interface ISnapshotMetadata
         * @augments raftpb.SnapshotMetadata.$Properties
         * @deprecated Use raftpb.SnapshotMetadata.$Properties instead.
         */

        /**
         * Shape of a SnapshotMetadata.
         * @typedef {raftpb.SnapshotMetadata.$Properties} raftpb.SnapshotMetadata.$Shape
         */

        /**
         * Constructs a new SnapshotMetadata.
         * @memberof raftpb
         * @classdesc Represents a SnapshotMetadata.
         * @constructor
         * @param {raftpb.SnapshotMetadata.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SnapshotMetadata = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SnapshotMetadata confState.
         * @member {raftpb.ConfState.$Properties|null|undefined} confState
         * @memberof raftpb.SnapshotMetadata
         * @instance
         */
        SnapshotMetadata.prototype.confState = null;

        /**
         * SnapshotMetadata index.
         * @member {number} index
         * @memberof raftpb.SnapshotMetadata
         * @instance
         */
        SnapshotMetadata.prototype.index = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotMetadata term.
         * @member {number} term
         * @memberof raftpb.SnapshotMetadata
         * @instance
         */
        SnapshotMetadata.prototype.term = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new SnapshotMetadata instance using the specified properties.
         * @function create
         * @memberof raftpb.SnapshotMetadata
         * @static
         * @param {raftpb.SnapshotMetadata.$Properties=} [properties] Properties to set
         * @returns {raftpb.SnapshotMetadata} SnapshotMetadata instance
         * @type {{
         *   (properties: raftpb.SnapshotMetadata.$Shape): raftpb.SnapshotMetadata & raftpb.SnapshotMetadata.$Shape;
         *   (properties?: raftpb.SnapshotMetadata.$Properties): raftpb.SnapshotMetadata;
         * }}
         */
        SnapshotMetadata.create = function(properties) {
            return new SnapshotMetadata(properties);
        };

        /**
         * Encodes the specified SnapshotMetadata message. Does not implicitly {@link raftpb.SnapshotMetadata.verify|verify} messages.
         * @function encode
         * @memberof raftpb.SnapshotMetadata
         * @static
         * @param {raftpb.SnapshotMetadata.$Properties} message SnapshotMetadata message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SnapshotMetadata.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.confState != null && $Object.hasOwnProperty.call(message, "confState"))
                $root.raftpb.ConfState.encode(message.confState, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.index != null && $Object.hasOwnProperty.call(message, "index") && (typeof message.index === "object" ? message.index.low || message.index.high : message.index !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.index);
            if (message.term != null && $Object.hasOwnProperty.call(message, "term") && (typeof message.term === "object" ? message.term.low || message.term.high : message.term !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.term);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SnapshotMetadata message from the specified reader or buffer.
         * @function decode
         * @memberof raftpb.SnapshotMetadata
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {raftpb.SnapshotMetadata & raftpb.SnapshotMetadata.$Shape} SnapshotMetadata
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SnapshotMetadata.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.raftpb.SnapshotMetadata();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.confState = $root.raftpb.ConfState.decode(reader, reader.size(), $undefined, _depth + 1, message.confState);
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.index = value;
                        else
                            delete message.index;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.term = value;
                        else
                            delete message.term;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return SnapshotMetadata;
    })();

    raftpb.Snapshot = (function() {

        /**
         * Properties of a Snapshot.
         * @typedef {Object} raftpb.Snapshot.$Properties
         * @property {Uint8Array|null} [data] Snapshot data
         * @property {raftpb.SnapshotMetadata.$Properties|null} [metadata] Snapshot metadata
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Snapshot.
         * @memberof raftpb
         * @interface ISnapshot
         * @augments raftpb.Snapshot.$Properties
         * @deprecated Use raftpb.Snapshot.$Properties instead.
         */

        /**
         * Shape of a Snapshot.
         * @typedef {raftpb.Snapshot.$Properties} raftpb.Snapshot.$Shape
         */

        /**
         * Constructs a new Snapshot.
         * @memberof raftpb
         * @classdesc Represents a Snapshot.
         * @constructor
         * @param {raftpb.Snapshot.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Snapshot = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Snapshot data.
         * @member {Uint8Array} data
         * @memberof raftpb.Snapshot
         * @instance
         */
        Snapshot.prototype.data = $util.newBuffer([]);

        /**
         * Snapshot metadata.
         * @member {raftpb.SnapshotMetadata.$Properties|null|undefined} metadata
         * @memberof raftpb.Snapshot
         * @instance
         */
        Snapshot.prototype.metadata = null;

        /**
         * Creates a new Snapshot instance using the specified properties.
         * @function create
         * @memberof raftpb.Snapshot
         * @static
         * @param {raftpb.Snapshot.$Properties=} [properties] Properties to set
         * @returns {raftpb.Snapshot} Snapshot instance
         * @type {{
         *   (properties: raftpb.Snapshot.$Shape): raftpb.Snapshot & raftpb.Snapshot.$Shape;
         *   (properties?: raftpb.Snapshot.$Properties): raftpb.Snapshot;
         * }}
         */
        Snapshot.create = function(properties) {
            return new Snapshot(properties);
        };

        /**
         * Encodes the specified Snapshot message. Does not implicitly {@link raftpb.Snapshot.verify|verify} messages.
         * @function encode
         * @memberof raftpb.Snapshot
         * @static
         * @param {raftpb.Snapshot.$Properties} message Snapshot message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Snapshot.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.data);
            if (message.metadata != null && $Object.hasOwnProperty.call(message, "metadata"))
                $root.raftpb.SnapshotMetadata.encode(message.metadata, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Snapshot message from the specified reader or buffer.
         * @function decode
         * @memberof raftpb.Snapshot
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {raftpb.Snapshot & raftpb.Snapshot.$Shape} Snapshot
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Snapshot.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.raftpb.Snapshot();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.metadata = $root.raftpb.SnapshotMetadata.decode(reader, reader.size(), $undefined, _depth + 1, message.metadata);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Snapshot;
    })();

    return raftpb;
})();

export const storepb = $root.storepb = (() => {

    /**
     * Namespace storepb.
     * @exports storepb
     * @namespace
     */
    const storepb = {};

    storepb.Peer = (function() {

        /**
         * Properties of a Peer.
         * @typedef {Object} storepb.Peer.$Properties
         * @property {number|null} [id] Peer id
         * @property {number|null} [storeId] Peer storeId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Peer.
         * @memberof storepb
         * @interface IPeer
         * @augments storepb.Peer.$Properties
         * @deprecated Use storepb.Peer.$Properties instead.
         */

        /**
         * Shape of a Peer.
         * @typedef {storepb.Peer.$Properties} storepb.Peer.$Shape
         */

        /**
         * Constructs a new Peer.
         * @memberof storepb
         * @classdesc Represents a Peer.
         * @constructor
         * @param {storepb.Peer.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Peer = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Peer id.
         * @member {number} id
         * @memberof storepb.Peer
         * @instance
         */
        Peer.prototype.id = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Peer storeId.
         * @member {number} storeId
         * @memberof storepb.Peer
         * @instance
         */
        Peer.prototype.storeId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new Peer instance using the specified properties.
         * @function create
         * @memberof storepb.Peer
         * @static
         * @param {storepb.Peer.$Properties=} [properties] Properties to set
         * @returns {storepb.Peer} Peer instance
         * @type {{
         *   (properties: storepb.Peer.$Shape): storepb.Peer & storepb.Peer.$Shape;
         *   (properties?: storepb.Peer.$Properties): storepb.Peer;
         * }}
         */
        Peer.create = function(properties) {
            return new Peer(properties);
        };

        /**
         * Encodes the specified Peer message. Does not implicitly {@link storepb.Peer.verify|verify} messages.
         * @function encode
         * @memberof storepb.Peer
         * @static
         * @param {storepb.Peer.$Properties} message Peer message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Peer.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.id != null && $Object.hasOwnProperty.call(message, "id") && (typeof message.id === "object" ? message.id.low || message.id.high : message.id !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.id);
            if (message.storeId != null && $Object.hasOwnProperty.call(message, "storeId") && (typeof message.storeId === "object" ? message.storeId.low || message.storeId.high : message.storeId !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.storeId);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Peer message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.Peer
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.Peer & storepb.Peer.$Shape} Peer
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Peer.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.Peer();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.id = value;
                        else
                            delete message.id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.storeId = value;
                        else
                            delete message.storeId;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Peer;
    })();

    storepb.Region = (function() {

        /**
         * Properties of a Region.
         * @typedef {Object} storepb.Region.$Properties
         * @property {number|null} [id] Region id
         * @property {Uint8Array|null} [startKey] Region startKey
         * @property {Uint8Array|null} [endKey] Region endKey
         * @property {Array.<storepb.Peer.$Properties>|null} [peers] Region peers
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Region.
         * @memberof storepb
         * @interface IRegion
         * @augments storepb.Region.$Properties
         * @deprecated Use storepb.Region.$Properties instead.
         */

        /**
         * Shape of a Region.
         * @typedef {storepb.Region.$Properties} storepb.Region.$Shape
         */

        /**
         * Constructs a new Region.
         * @memberof storepb
         * @classdesc Represents a Region.
         * @constructor
         * @param {storepb.Region.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Region = function (properties) {
            this.peers = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Region id.
         * @member {number} id
         * @memberof storepb.Region
         * @instance
         */
        Region.prototype.id = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Region startKey.
         * @member {Uint8Array} startKey
         * @memberof storepb.Region
         * @instance
         */
        Region.prototype.startKey = $util.newBuffer([]);

        /**
         * Region endKey.
         * @member {Uint8Array} endKey
         * @memberof storepb.Region
         * @instance
         */
        Region.prototype.endKey = $util.newBuffer([]);

        /**
         * Region peers.
         * @member {Array.<storepb.Peer.$Properties>} peers
         * @memberof storepb.Region
         * @instance
         */
        Region.prototype.peers = $util.emptyArray;

        /**
         * Creates a new Region instance using the specified properties.
         * @function create
         * @memberof storepb.Region
         * @static
         * @param {storepb.Region.$Properties=} [properties] Properties to set
         * @returns {storepb.Region} Region instance
         * @type {{
         *   (properties: storepb.Region.$Shape): storepb.Region & storepb.Region.$Shape;
         *   (properties?: storepb.Region.$Properties): storepb.Region;
         * }}
         */
        Region.create = function(properties) {
            return new Region(properties);
        };

        /**
         * Encodes the specified Region message. Does not implicitly {@link storepb.Region.verify|verify} messages.
         * @function encode
         * @memberof storepb.Region
         * @static
         * @param {storepb.Region.$Properties} message Region message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Region.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.id != null && $Object.hasOwnProperty.call(message, "id") && (typeof message.id === "object" ? message.id.low || message.id.high : message.id !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.id);
            if (message.startKey != null && $Object.hasOwnProperty.call(message, "startKey") && message.startKey.length)
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.startKey);
            if (message.endKey != null && $Object.hasOwnProperty.call(message, "endKey") && message.endKey.length)
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.endKey);
            if (message.peers != null && message.peers.length)
                for (let i = 0; i < message.peers.length; ++i)
                    $root.storepb.Peer.encode(message.peers[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Region message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.Region
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.Region & storepb.Region.$Shape} Region
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Region.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.Region();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.id = value;
                        else
                            delete message.id;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.startKey = value;
                        else
                            delete message.startKey;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.endKey = value;
                        else
                            delete message.endKey;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if (!(message.peers && message.peers.length))
                            message.peers = [];
                        message.peers.push($root.storepb.Peer.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Region;
    })();

    storepb.RaftLocalState = (function() {

        /**
         * Properties of a RaftLocalState.
         * @typedef {Object} storepb.RaftLocalState.$Properties
         * @property {raftpb.HardState.$Properties|null} [hardState] RaftLocalState hardState
         * @property {number|null} [lastIndex] RaftLocalState lastIndex
         * @property {number|null} [lastTerm] RaftLocalState lastTerm
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RaftLocalState.
         * @memberof storepb
         * @interface IRaftLocalState
         * @augments storepb.RaftLocalState.$Properties
         * @deprecated Use storepb.RaftLocalState.$Properties instead.
         */

        /**
         * Shape of a RaftLocalState.
         * @typedef {storepb.RaftLocalState.$Properties} storepb.RaftLocalState.$Shape
         */

        /**
         * Constructs a new RaftLocalState.
         * @memberof storepb
         * @classdesc Represents a RaftLocalState.
         * @constructor
         * @param {storepb.RaftLocalState.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RaftLocalState = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RaftLocalState hardState.
         * @member {raftpb.HardState.$Properties|null|undefined} hardState
         * @memberof storepb.RaftLocalState
         * @instance
         */
        RaftLocalState.prototype.hardState = null;

        /**
         * RaftLocalState lastIndex.
         * @member {number} lastIndex
         * @memberof storepb.RaftLocalState
         * @instance
         */
        RaftLocalState.prototype.lastIndex = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * RaftLocalState lastTerm.
         * @member {number} lastTerm
         * @memberof storepb.RaftLocalState
         * @instance
         */
        RaftLocalState.prototype.lastTerm = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new RaftLocalState instance using the specified properties.
         * @function create
         * @memberof storepb.RaftLocalState
         * @static
         * @param {storepb.RaftLocalState.$Properties=} [properties] Properties to set
         * @returns {storepb.RaftLocalState} RaftLocalState instance
         * @type {{
         *   (properties: storepb.RaftLocalState.$Shape): storepb.RaftLocalState & storepb.RaftLocalState.$Shape;
         *   (properties?: storepb.RaftLocalState.$Properties): storepb.RaftLocalState;
         * }}
         */
        RaftLocalState.create = function(properties) {
            return new RaftLocalState(properties);
        };

        /**
         * Encodes the specified RaftLocalState message. Does not implicitly {@link storepb.RaftLocalState.verify|verify} messages.
         * @function encode
         * @memberof storepb.RaftLocalState
         * @static
         * @param {storepb.RaftLocalState.$Properties} message RaftLocalState message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RaftLocalState.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.hardState != null && $Object.hasOwnProperty.call(message, "hardState"))
                $root.raftpb.HardState.encode(message.hardState, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.lastIndex != null && $Object.hasOwnProperty.call(message, "lastIndex") && (typeof message.lastIndex === "object" ? message.lastIndex.low || message.lastIndex.high : message.lastIndex !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.lastIndex);
            if (message.lastTerm != null && $Object.hasOwnProperty.call(message, "lastTerm") && (typeof message.lastTerm === "object" ? message.lastTerm.low || message.lastTerm.high : message.lastTerm !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.lastTerm);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RaftLocalState message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.RaftLocalState
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.RaftLocalState & storepb.RaftLocalState.$Shape} RaftLocalState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RaftLocalState.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.RaftLocalState();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.hardState = $root.raftpb.HardState.decode(reader, reader.size(), $undefined, _depth + 1, message.hardState);
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.lastIndex = value;
                        else
                            delete message.lastIndex;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.lastTerm = value;
                        else
                            delete message.lastTerm;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return RaftLocalState;
    })();

    storepb.RaftTruncatedState = (function() {

        /**
         * Properties of a RaftTruncatedState.
         * @typedef {Object} storepb.RaftTruncatedState.$Properties
         * @property {number|null} [index] RaftTruncatedState index
         * @property {number|null} [term] RaftTruncatedState term
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RaftTruncatedState.
         * @memberof storepb
         * @interface IRaftTruncatedState
         * @augments storepb.RaftTruncatedState.$Properties
         * @deprecated Use storepb.RaftTruncatedState.$Properties instead.
         */

        /**
         * Shape of a RaftTruncatedState.
         * @typedef {storepb.RaftTruncatedState.$Properties} storepb.RaftTruncatedState.$Shape
         */

        /**
         * Constructs a new RaftTruncatedState.
         * @memberof storepb
         * @classdesc Represents a RaftTruncatedState.
         * @constructor
         * @param {storepb.RaftTruncatedState.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RaftTruncatedState = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RaftTruncatedState index.
         * @member {number} index
         * @memberof storepb.RaftTruncatedState
         * @instance
         */
        RaftTruncatedState.prototype.index = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * RaftTruncatedState term.
         * @member {number} term
         * @memberof storepb.RaftTruncatedState
         * @instance
         */
        RaftTruncatedState.prototype.term = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new RaftTruncatedState instance using the specified properties.
         * @function create
         * @memberof storepb.RaftTruncatedState
         * @static
         * @param {storepb.RaftTruncatedState.$Properties=} [properties] Properties to set
         * @returns {storepb.RaftTruncatedState} RaftTruncatedState instance
         * @type {{
         *   (properties: storepb.RaftTruncatedState.$Shape): storepb.RaftTruncatedState & storepb.RaftTruncatedState.$Shape;
         *   (properties?: storepb.RaftTruncatedState.$Properties): storepb.RaftTruncatedState;
         * }}
         */
        RaftTruncatedState.create = function(properties) {
            return new RaftTruncatedState(properties);
        };

        /**
         * Encodes the specified RaftTruncatedState message. Does not implicitly {@link storepb.RaftTruncatedState.verify|verify} messages.
         * @function encode
         * @memberof storepb.RaftTruncatedState
         * @static
         * @param {storepb.RaftTruncatedState.$Properties} message RaftTruncatedState message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RaftTruncatedState.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.index != null && $Object.hasOwnProperty.call(message, "index") && (typeof message.index === "object" ? message.index.low || message.index.high : message.index !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.index);
            if (message.term != null && $Object.hasOwnProperty.call(message, "term") && (typeof message.term === "object" ? message.term.low || message.term.high : message.term !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.term);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RaftTruncatedState message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.RaftTruncatedState
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.RaftTruncatedState & storepb.RaftTruncatedState.$Shape} RaftTruncatedState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RaftTruncatedState.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.RaftTruncatedState();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.index = value;
                        else
                            delete message.index;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.term = value;
                        else
                            delete message.term;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return RaftTruncatedState;
    })();

    storepb.RaftApplyState = (function() {

        /**
         * Properties of a RaftApplyState.
         * @typedef {Object} storepb.RaftApplyState.$Properties
         * @property {number|null} [appliedIndex] RaftApplyState appliedIndex
         * @property {storepb.RaftTruncatedState.$Properties|null} [truncatedState] RaftApplyState truncatedState
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RaftApplyState.
         * @memberof storepb
         * @interface IRaftApplyState
         * @augments storepb.RaftApplyState.$Properties
         * @deprecated Use storepb.RaftApplyState.$Properties instead.
         */

        /**
         * Shape of a RaftApplyState.
         * @typedef {storepb.RaftApplyState.$Properties} storepb.RaftApplyState.$Shape
         */

        /**
         * Constructs a new RaftApplyState.
         * @memberof storepb
         * @classdesc Represents a RaftApplyState.
         * @constructor
         * @param {storepb.RaftApplyState.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RaftApplyState = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RaftApplyState appliedIndex.
         * @member {number} appliedIndex
         * @memberof storepb.RaftApplyState
         * @instance
         */
        RaftApplyState.prototype.appliedIndex = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * RaftApplyState truncatedState.
         * @member {storepb.RaftTruncatedState.$Properties|null|undefined} truncatedState
         * @memberof storepb.RaftApplyState
         * @instance
         */
        RaftApplyState.prototype.truncatedState = null;

        /**
         * Creates a new RaftApplyState instance using the specified properties.
         * @function create
         * @memberof storepb.RaftApplyState
         * @static
         * @param {storepb.RaftApplyState.$Properties=} [properties] Properties to set
         * @returns {storepb.RaftApplyState} RaftApplyState instance
         * @type {{
         *   (properties: storepb.RaftApplyState.$Shape): storepb.RaftApplyState & storepb.RaftApplyState.$Shape;
         *   (properties?: storepb.RaftApplyState.$Properties): storepb.RaftApplyState;
         * }}
         */
        RaftApplyState.create = function(properties) {
            return new RaftApplyState(properties);
        };

        /**
         * Encodes the specified RaftApplyState message. Does not implicitly {@link storepb.RaftApplyState.verify|verify} messages.
         * @function encode
         * @memberof storepb.RaftApplyState
         * @static
         * @param {storepb.RaftApplyState.$Properties} message RaftApplyState message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RaftApplyState.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.appliedIndex != null && $Object.hasOwnProperty.call(message, "appliedIndex") && (typeof message.appliedIndex === "object" ? message.appliedIndex.low || message.appliedIndex.high : message.appliedIndex !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.appliedIndex);
            if (message.truncatedState != null && $Object.hasOwnProperty.call(message, "truncatedState"))
                $root.storepb.RaftTruncatedState.encode(message.truncatedState, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RaftApplyState message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.RaftApplyState
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.RaftApplyState & storepb.RaftApplyState.$Shape} RaftApplyState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RaftApplyState.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.RaftApplyState();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.appliedIndex = value;
                        else
                            delete message.appliedIndex;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.truncatedState = $root.storepb.RaftTruncatedState.decode(reader, reader.size(), $undefined, _depth + 1, message.truncatedState);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return RaftApplyState;
    })();

    /**
     * PeerState enum.
     * @name storepb.PeerState
     * @enum {number}
     * @property {number} Normal=0 Normal value
     * @property {number} Applying=1 Applying value
     * @property {number} Tombstone=2 Tombstone value
     */
    storepb.PeerState = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "Normal"] = 0;
        values[valuesById[1] = "Applying"] = 1;
        values[valuesById[2] = "Tombstone"] = 2;
        return values;
    })();

    storepb.RegionLocalState = (function() {

        /**
         * Properties of a RegionLocalState.
         * @typedef {Object} storepb.RegionLocalState.$Properties
         * @property {storepb.PeerState|null} [state] RegionLocalState state
         * @property {storepb.Region.$Properties|null} [region] RegionLocalState region
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RegionLocalState.
         * @memberof storepb
         * @interface IRegionLocalState
         * @augments storepb.RegionLocalState.$Properties
         * @deprecated Use storepb.RegionLocalState.$Properties instead.
         */

        /**
         * Shape of a RegionLocalState.
         * @typedef {storepb.RegionLocalState.$Properties} storepb.RegionLocalState.$Shape
         */

        /**
         * Constructs a new RegionLocalState.
         * @memberof storepb
         * @classdesc Represents a RegionLocalState.
         * @constructor
         * @param {storepb.RegionLocalState.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RegionLocalState = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RegionLocalState state.
         * @member {storepb.PeerState} state
         * @memberof storepb.RegionLocalState
         * @instance
         */
        RegionLocalState.prototype.state = 0;

        /**
         * RegionLocalState region.
         * @member {storepb.Region.$Properties|null|undefined} region
         * @memberof storepb.RegionLocalState
         * @instance
         */
        RegionLocalState.prototype.region = null;

        /**
         * Creates a new RegionLocalState instance using the specified properties.
         * @function create
         * @memberof storepb.RegionLocalState
         * @static
         * @param {storepb.RegionLocalState.$Properties=} [properties] Properties to set
         * @returns {storepb.RegionLocalState} RegionLocalState instance
         * @type {{
         *   (properties: storepb.RegionLocalState.$Shape): storepb.RegionLocalState & storepb.RegionLocalState.$Shape;
         *   (properties?: storepb.RegionLocalState.$Properties): storepb.RegionLocalState;
         * }}
         */
        RegionLocalState.create = function(properties) {
            return new RegionLocalState(properties);
        };

        /**
         * Encodes the specified RegionLocalState message. Does not implicitly {@link storepb.RegionLocalState.verify|verify} messages.
         * @function encode
         * @memberof storepb.RegionLocalState
         * @static
         * @param {storepb.RegionLocalState.$Properties} message RegionLocalState message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RegionLocalState.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.state);
            if (message.region != null && $Object.hasOwnProperty.call(message, "region"))
                $root.storepb.Region.encode(message.region, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RegionLocalState message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.RegionLocalState
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.RegionLocalState & storepb.RegionLocalState.$Shape} RegionLocalState
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RegionLocalState.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.RegionLocalState();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.state = value;
                        else
                            delete message.state;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.region = $root.storepb.Region.decode(reader, reader.size(), $undefined, _depth + 1, message.region);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return RegionLocalState;
    })();

    storepb.RaftMessage = (function() {

        /**
         * Properties of a RaftMessage.
         * @typedef {Object} storepb.RaftMessage.$Properties
         * @property {number|null} [regionId] RaftMessage regionId
         * @property {storepb.Peer.$Properties|null} [fromPeer] RaftMessage fromPeer
         * @property {storepb.Peer.$Properties|null} [toPeer] RaftMessage toPeer
         * @property {raftpb.Message.$Properties|null} [message] RaftMessage message
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RaftMessage.
         * @memberof storepb
         * @interface IRaftMessage
         * @augments storepb.RaftMessage.$Properties
         * @deprecated Use storepb.RaftMessage.$Properties instead.
         */

        /**
         * Shape of a RaftMessage.
         * @typedef {storepb.RaftMessage.$Properties} storepb.RaftMessage.$Shape
         */

        /**
         * Constructs a new RaftMessage.
         * @memberof storepb
         * @classdesc Represents a RaftMessage.
         * @constructor
         * @param {storepb.RaftMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RaftMessage = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RaftMessage regionId.
         * @member {number} regionId
         * @memberof storepb.RaftMessage
         * @instance
         */
        RaftMessage.prototype.regionId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * RaftMessage fromPeer.
         * @member {storepb.Peer.$Properties|null|undefined} fromPeer
         * @memberof storepb.RaftMessage
         * @instance
         */
        RaftMessage.prototype.fromPeer = null;

        /**
         * RaftMessage toPeer.
         * @member {storepb.Peer.$Properties|null|undefined} toPeer
         * @memberof storepb.RaftMessage
         * @instance
         */
        RaftMessage.prototype.toPeer = null;

        /**
         * RaftMessage message.
         * @member {raftpb.Message.$Properties|null|undefined} message
         * @memberof storepb.RaftMessage
         * @instance
         */
        RaftMessage.prototype.message = null;

        /**
         * Creates a new RaftMessage instance using the specified properties.
         * @function create
         * @memberof storepb.RaftMessage
         * @static
         * @param {storepb.RaftMessage.$Properties=} [properties] Properties to set
         * @returns {storepb.RaftMessage} RaftMessage instance
         * @type {{
         *   (properties: storepb.RaftMessage.$Shape): storepb.RaftMessage & storepb.RaftMessage.$Shape;
         *   (properties?: storepb.RaftMessage.$Properties): storepb.RaftMessage;
         * }}
         */
        RaftMessage.create = function(properties) {
            return new RaftMessage(properties);
        };

        /**
         * Encodes the specified RaftMessage message. Does not implicitly {@link storepb.RaftMessage.verify|verify} messages.
         * @function encode
         * @memberof storepb.RaftMessage
         * @static
         * @param {storepb.RaftMessage.$Properties} message RaftMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RaftMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.regionId != null && $Object.hasOwnProperty.call(message, "regionId") && (typeof message.regionId === "object" ? message.regionId.low || message.regionId.high : message.regionId !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.regionId);
            if (message.fromPeer != null && $Object.hasOwnProperty.call(message, "fromPeer"))
                $root.storepb.Peer.encode(message.fromPeer, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.toPeer != null && $Object.hasOwnProperty.call(message, "toPeer"))
                $root.storepb.Peer.encode(message.toPeer, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                $root.raftpb.Message.encode(message.message, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RaftMessage message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.RaftMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.RaftMessage & storepb.RaftMessage.$Shape} RaftMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RaftMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.RaftMessage();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.regionId = value;
                        else
                            delete message.regionId;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.fromPeer = $root.storepb.Peer.decode(reader, reader.size(), $undefined, _depth + 1, message.fromPeer);
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.toPeer = $root.storepb.Peer.decode(reader, reader.size(), $undefined, _depth + 1, message.toPeer);
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        message.message = $root.raftpb.Message.decode(reader, reader.size(), $undefined, _depth + 1, message.message);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return RaftMessage;
    })();

    /**
     * CmdType enum.
     * @name storepb.CmdType
     * @enum {number}
     * @property {number} Invalid=0 Invalid value
     * @property {number} Get=1 Get value
     * @property {number} Put=2 Put value
     * @property {number} Delete=3 Delete value
     * @property {number} Scan=4 Scan value
     */
    storepb.CmdType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "Invalid"] = 0;
        values[valuesById[1] = "Get"] = 1;
        values[valuesById[2] = "Put"] = 2;
        values[valuesById[3] = "Delete"] = 3;
        values[valuesById[4] = "Scan"] = 4;
        return values;
    })();

    storepb.Request = (function() {

        /**
         * Properties of a Request.
         * @typedef {Object} storepb.Request.$Properties
         * @property {storepb.CmdType|null} [cmdType] Request cmdType
         * @property {Uint8Array|null} [key] Request key
         * @property {Uint8Array|null} [value] Request value
         * @property {Uint8Array|null} [endKey] Request endKey
         * @property {number|null} [limit] Request limit
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Request.
         * @memberof storepb
         * @interface IRequest
         * @augments storepb.Request.$Properties
         * @deprecated Use storepb.Request.$Properties instead.
         */

        /**
         * Shape of a Request.
         * @typedef {storepb.Request.$Properties} storepb.Request.$Shape
         */

        /**
         * Constructs a new Request.
         * @memberof storepb
         * @classdesc Represents a Request.
         * @constructor
         * @param {storepb.Request.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Request = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Request cmdType.
         * @member {storepb.CmdType} cmdType
         * @memberof storepb.Request
         * @instance
         */
        Request.prototype.cmdType = 0;

        /**
         * Request key.
         * @member {Uint8Array} key
         * @memberof storepb.Request
         * @instance
         */
        Request.prototype.key = $util.newBuffer([]);

        /**
         * Request value.
         * @member {Uint8Array} value
         * @memberof storepb.Request
         * @instance
         */
        Request.prototype.value = $util.newBuffer([]);

        /**
         * Request endKey.
         * @member {Uint8Array} endKey
         * @memberof storepb.Request
         * @instance
         */
        Request.prototype.endKey = $util.newBuffer([]);

        /**
         * Request limit.
         * @member {number} limit
         * @memberof storepb.Request
         * @instance
         */
        Request.prototype.limit = 0;

        /**
         * Creates a new Request instance using the specified properties.
         * @function create
         * @memberof storepb.Request
         * @static
         * @param {storepb.Request.$Properties=} [properties] Properties to set
         * @returns {storepb.Request} Request instance
         * @type {{
         *   (properties: storepb.Request.$Shape): storepb.Request & storepb.Request.$Shape;
         *   (properties?: storepb.Request.$Properties): storepb.Request;
         * }}
         */
        Request.create = function(properties) {
            return new Request(properties);
        };

        /**
         * Encodes the specified Request message. Does not implicitly {@link storepb.Request.verify|verify} messages.
         * @function encode
         * @memberof storepb.Request
         * @static
         * @param {storepb.Request.$Properties} message Request message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Request.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.cmdType != null && $Object.hasOwnProperty.call(message, "cmdType") && message.cmdType !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.cmdType);
            if (message.key != null && $Object.hasOwnProperty.call(message, "key") && message.key.length)
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.key);
            if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value.length)
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.value);
            if (message.endKey != null && $Object.hasOwnProperty.call(message, "endKey") && message.endKey.length)
                writer.uint32(/* id 4, wireType 2 =*/34).bytes(message.endKey);
            if (message.limit != null && $Object.hasOwnProperty.call(message, "limit") && message.limit !== 0)
                writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.limit);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Request message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.Request
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.Request & storepb.Request.$Shape} Request
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Request.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.Request();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.cmdType = value;
                        else
                            delete message.cmdType;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.key = value;
                        else
                            delete message.key;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.value = value;
                        else
                            delete message.value;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.endKey = value;
                        else
                            delete message.endKey;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.limit = value;
                        else
                            delete message.limit;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Request;
    })();

    storepb.KeyValue = (function() {

        /**
         * Properties of a KeyValue.
         * @typedef {Object} storepb.KeyValue.$Properties
         * @property {Uint8Array|null} [key] KeyValue key
         * @property {Uint8Array|null} [value] KeyValue value
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a KeyValue.
         * @memberof storepb
         * @interface IKeyValue
         * @augments storepb.KeyValue.$Properties
         * @deprecated Use storepb.KeyValue.$Properties instead.
         */

        /**
         * Shape of a KeyValue.
         * @typedef {storepb.KeyValue.$Properties} storepb.KeyValue.$Shape
         */

        /**
         * Constructs a new KeyValue.
         * @memberof storepb
         * @classdesc Represents a KeyValue.
         * @constructor
         * @param {storepb.KeyValue.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const KeyValue = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * KeyValue key.
         * @member {Uint8Array} key
         * @memberof storepb.KeyValue
         * @instance
         */
        KeyValue.prototype.key = $util.newBuffer([]);

        /**
         * KeyValue value.
         * @member {Uint8Array} value
         * @memberof storepb.KeyValue
         * @instance
         */
        KeyValue.prototype.value = $util.newBuffer([]);

        /**
         * Creates a new KeyValue instance using the specified properties.
         * @function create
         * @memberof storepb.KeyValue
         * @static
         * @param {storepb.KeyValue.$Properties=} [properties] Properties to set
         * @returns {storepb.KeyValue} KeyValue instance
         * @type {{
         *   (properties: storepb.KeyValue.$Shape): storepb.KeyValue & storepb.KeyValue.$Shape;
         *   (properties?: storepb.KeyValue.$Properties): storepb.KeyValue;
         * }}
         */
        KeyValue.create = function(properties) {
            return new KeyValue(properties);
        };

        /**
         * Encodes the specified KeyValue message. Does not implicitly {@link storepb.KeyValue.verify|verify} messages.
         * @function encode
         * @memberof storepb.KeyValue
         * @static
         * @param {storepb.KeyValue.$Properties} message KeyValue message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        KeyValue.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.key != null && $Object.hasOwnProperty.call(message, "key") && message.key.length)
                writer.uint32(/* id 1, wireType 2 =*/10).bytes(message.key);
            if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value.length)
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.value);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a KeyValue message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.KeyValue
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.KeyValue & storepb.KeyValue.$Shape} KeyValue
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        KeyValue.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.KeyValue();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.key = value;
                        else
                            delete message.key;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.value = value;
                        else
                            delete message.value;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return KeyValue;
    })();

    storepb.Response = (function() {

        /**
         * Properties of a Response.
         * @typedef {Object} storepb.Response.$Properties
         * @property {storepb.CmdType|null} [cmdType] Response cmdType
         * @property {Uint8Array|null} [value] Response value
         * @property {boolean|null} [found] Response found
         * @property {Array.<storepb.KeyValue.$Properties>|null} [kvs] Response kvs
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Response.
         * @memberof storepb
         * @interface IResponse
         * @augments storepb.Response.$Properties
         * @deprecated Use storepb.Response.$Properties instead.
         */

        /**
         * Shape of a Response.
         * @typedef {storepb.Response.$Properties} storepb.Response.$Shape
         */

        /**
         * Constructs a new Response.
         * @memberof storepb
         * @classdesc Represents a Response.
         * @constructor
         * @param {storepb.Response.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Response = function (properties) {
            this.kvs = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Response cmdType.
         * @member {storepb.CmdType} cmdType
         * @memberof storepb.Response
         * @instance
         */
        Response.prototype.cmdType = 0;

        /**
         * Response value.
         * @member {Uint8Array} value
         * @memberof storepb.Response
         * @instance
         */
        Response.prototype.value = $util.newBuffer([]);

        /**
         * Response found.
         * @member {boolean} found
         * @memberof storepb.Response
         * @instance
         */
        Response.prototype.found = false;

        /**
         * Response kvs.
         * @member {Array.<storepb.KeyValue.$Properties>} kvs
         * @memberof storepb.Response
         * @instance
         */
        Response.prototype.kvs = $util.emptyArray;

        /**
         * Creates a new Response instance using the specified properties.
         * @function create
         * @memberof storepb.Response
         * @static
         * @param {storepb.Response.$Properties=} [properties] Properties to set
         * @returns {storepb.Response} Response instance
         * @type {{
         *   (properties: storepb.Response.$Shape): storepb.Response & storepb.Response.$Shape;
         *   (properties?: storepb.Response.$Properties): storepb.Response;
         * }}
         */
        Response.create = function(properties) {
            return new Response(properties);
        };

        /**
         * Encodes the specified Response message. Does not implicitly {@link storepb.Response.verify|verify} messages.
         * @function encode
         * @memberof storepb.Response
         * @static
         * @param {storepb.Response.$Properties} message Response message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Response.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.cmdType != null && $Object.hasOwnProperty.call(message, "cmdType") && message.cmdType !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.cmdType);
            if (message.value != null && $Object.hasOwnProperty.call(message, "value") && message.value.length)
                writer.uint32(/* id 2, wireType 2 =*/18).bytes(message.value);
            if (message.found != null && $Object.hasOwnProperty.call(message, "found") && message.found !== false)
                writer.uint32(/* id 3, wireType 0 =*/24).bool(message.found);
            if (message.kvs != null && message.kvs.length)
                for (let i = 0; i < message.kvs.length; ++i)
                    $root.storepb.KeyValue.encode(message.kvs[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a Response message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.Response
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.Response & storepb.Response.$Shape} Response
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Response.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.Response();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.cmdType = value;
                        else
                            delete message.cmdType;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.value = value;
                        else
                            delete message.value;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.found = value;
                        else
                            delete message.found;
                        continue;
                    }
                case 4: {
                        if (wireType !== 2)
                            break;
                        if (!(message.kvs && message.kvs.length))
                            message.kvs = [];
                        message.kvs.push($root.storepb.KeyValue.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Response;
    })();

    /**
     * AdminCmdType enum.
     * @name storepb.AdminCmdType
     * @enum {number}
     * @property {number} InvalidAdmin=0 InvalidAdmin value
     * @property {number} CompactLog=1 CompactLog value
     */
    storepb.AdminCmdType = (function() {
        const valuesById = $Object.create(null), values = $Object.create(valuesById);
        values[valuesById[0] = "InvalidAdmin"] = 0;
        values[valuesById[1] = "CompactLog"] = 1;
        return values;
    })();

    storepb.CompactLogRequest = (function() {

        /**
         * Properties of a CompactLogRequest.
         * @typedef {Object} storepb.CompactLogRequest.$Properties
         * @property {number|null} [compactIndex] CompactLogRequest compactIndex
         * @property {number|null} [compactTerm] CompactLogRequest compactTerm
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CompactLogRequest.
         * @memberof storepb
         * @interface ICompactLogRequest
         * @augments storepb.CompactLogRequest.$Properties
         * @deprecated Use storepb.CompactLogRequest.$Properties instead.
         */

        /**
         * Shape of a CompactLogRequest.
         * @typedef {storepb.CompactLogRequest.$Properties} storepb.CompactLogRequest.$Shape
         */

        /**
         * Constructs a new CompactLogRequest.
         * @memberof storepb
         * @classdesc Represents a CompactLogRequest.
         * @constructor
         * @param {storepb.CompactLogRequest.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const CompactLogRequest = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * CompactLogRequest compactIndex.
         * @member {number} compactIndex
         * @memberof storepb.CompactLogRequest
         * @instance
         */
        CompactLogRequest.prototype.compactIndex = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * CompactLogRequest compactTerm.
         * @member {number} compactTerm
         * @memberof storepb.CompactLogRequest
         * @instance
         */
        CompactLogRequest.prototype.compactTerm = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new CompactLogRequest instance using the specified properties.
         * @function create
         * @memberof storepb.CompactLogRequest
         * @static
         * @param {storepb.CompactLogRequest.$Properties=} [properties] Properties to set
         * @returns {storepb.CompactLogRequest} CompactLogRequest instance
         * @type {{
         *   (properties: storepb.CompactLogRequest.$Shape): storepb.CompactLogRequest & storepb.CompactLogRequest.$Shape;
         *   (properties?: storepb.CompactLogRequest.$Properties): storepb.CompactLogRequest;
         * }}
         */
        CompactLogRequest.create = function(properties) {
            return new CompactLogRequest(properties);
        };

        /**
         * Encodes the specified CompactLogRequest message. Does not implicitly {@link storepb.CompactLogRequest.verify|verify} messages.
         * @function encode
         * @memberof storepb.CompactLogRequest
         * @static
         * @param {storepb.CompactLogRequest.$Properties} message CompactLogRequest message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CompactLogRequest.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.compactIndex != null && $Object.hasOwnProperty.call(message, "compactIndex") && (typeof message.compactIndex === "object" ? message.compactIndex.low || message.compactIndex.high : message.compactIndex !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.compactIndex);
            if (message.compactTerm != null && $Object.hasOwnProperty.call(message, "compactTerm") && (typeof message.compactTerm === "object" ? message.compactTerm.low || message.compactTerm.high : message.compactTerm !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.compactTerm);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a CompactLogRequest message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.CompactLogRequest
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.CompactLogRequest & storepb.CompactLogRequest.$Shape} CompactLogRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CompactLogRequest.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.CompactLogRequest();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.compactIndex = value;
                        else
                            delete message.compactIndex;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.compactTerm = value;
                        else
                            delete message.compactTerm;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return CompactLogRequest;
    })();

    storepb.AdminRequest = (function() {

        /**
         * Properties of an AdminRequest.
         * @typedef {Object} storepb.AdminRequest.$Properties
         * @property {storepb.AdminCmdType|null} [cmdType] AdminRequest cmdType
         * @property {storepb.CompactLogRequest.$Properties|null} [compactLog] AdminRequest compactLog
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an AdminRequest.
         * @memberof storepb
         * @interface IAdminRequest
         * @augments storepb.AdminRequest.$Properties
         * @deprecated Use storepb.AdminRequest.$Properties instead.
         */

        /**
         * Shape of an AdminRequest.
         * @typedef {storepb.AdminRequest.$Properties} storepb.AdminRequest.$Shape
         */

        /**
         * Constructs a new AdminRequest.
         * @memberof storepb
         * @classdesc Represents an AdminRequest.
         * @constructor
         * @param {storepb.AdminRequest.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const AdminRequest = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * AdminRequest cmdType.
         * @member {storepb.AdminCmdType} cmdType
         * @memberof storepb.AdminRequest
         * @instance
         */
        AdminRequest.prototype.cmdType = 0;

        /**
         * AdminRequest compactLog.
         * @member {storepb.CompactLogRequest.$Properties|null|undefined} compactLog
         * @memberof storepb.AdminRequest
         * @instance
         */
        AdminRequest.prototype.compactLog = null;

        /**
         * Creates a new AdminRequest instance using the specified properties.
         * @function create
         * @memberof storepb.AdminRequest
         * @static
         * @param {storepb.AdminRequest.$Properties=} [properties] Properties to set
         * @returns {storepb.AdminRequest} AdminRequest instance
         * @type {{
         *   (properties: storepb.AdminRequest.$Shape): storepb.AdminRequest & storepb.AdminRequest.$Shape;
         *   (properties?: storepb.AdminRequest.$Properties): storepb.AdminRequest;
         * }}
         */
        AdminRequest.create = function(properties) {
            return new AdminRequest(properties);
        };

        /**
         * Encodes the specified AdminRequest message. Does not implicitly {@link storepb.AdminRequest.verify|verify} messages.
         * @function encode
         * @memberof storepb.AdminRequest
         * @static
         * @param {storepb.AdminRequest.$Properties} message AdminRequest message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        AdminRequest.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.cmdType != null && $Object.hasOwnProperty.call(message, "cmdType") && message.cmdType !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.cmdType);
            if (message.compactLog != null && $Object.hasOwnProperty.call(message, "compactLog"))
                $root.storepb.CompactLogRequest.encode(message.compactLog, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an AdminRequest message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.AdminRequest
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.AdminRequest & storepb.AdminRequest.$Shape} AdminRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        AdminRequest.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.AdminRequest();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.cmdType = value;
                        else
                            delete message.cmdType;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.compactLog = $root.storepb.CompactLogRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.compactLog);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return AdminRequest;
    })();

    storepb.AdminResponse = (function() {

        /**
         * Properties of an AdminResponse.
         * @typedef {Object} storepb.AdminResponse.$Properties
         * @property {storepb.AdminCmdType|null} [cmdType] AdminResponse cmdType
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an AdminResponse.
         * @memberof storepb
         * @interface IAdminResponse
         * @augments storepb.AdminResponse.$Properties
         * @deprecated Use storepb.AdminResponse.$Properties instead.
         */

        /**
         * Shape of an AdminResponse.
         * @typedef {storepb.AdminResponse.$Properties} storepb.AdminResponse.$Shape
         */

        /**
         * Constructs a new AdminResponse.
         * @memberof storepb
         * @classdesc Represents an AdminResponse.
         * @constructor
         * @param {storepb.AdminResponse.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const AdminResponse = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * AdminResponse cmdType.
         * @member {storepb.AdminCmdType} cmdType
         * @memberof storepb.AdminResponse
         * @instance
         */
        AdminResponse.prototype.cmdType = 0;

        /**
         * Creates a new AdminResponse instance using the specified properties.
         * @function create
         * @memberof storepb.AdminResponse
         * @static
         * @param {storepb.AdminResponse.$Properties=} [properties] Properties to set
         * @returns {storepb.AdminResponse} AdminResponse instance
         * @type {{
         *   (properties: storepb.AdminResponse.$Shape): storepb.AdminResponse & storepb.AdminResponse.$Shape;
         *   (properties?: storepb.AdminResponse.$Properties): storepb.AdminResponse;
         * }}
         */
        AdminResponse.create = function(properties) {
            return new AdminResponse(properties);
        };

        /**
         * Encodes the specified AdminResponse message. Does not implicitly {@link storepb.AdminResponse.verify|verify} messages.
         * @function encode
         * @memberof storepb.AdminResponse
         * @static
         * @param {storepb.AdminResponse.$Properties} message AdminResponse message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        AdminResponse.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.cmdType != null && $Object.hasOwnProperty.call(message, "cmdType") && message.cmdType !== 0)
                writer.uint32(/* id 1, wireType 0 =*/8).int32(message.cmdType);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an AdminResponse message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.AdminResponse
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.AdminResponse & storepb.AdminResponse.$Shape} AdminResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        AdminResponse.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.AdminResponse();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.int32())
                            message.cmdType = value;
                        else
                            delete message.cmdType;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return AdminResponse;
    })();

    storepb.RaftRequestHeader = (function() {

        /**
         * Properties of a RaftRequestHeader.
         * @typedef {Object} storepb.RaftRequestHeader.$Properties
         * @property {number|null} [regionId] RaftRequestHeader regionId
         * @property {number|null} [peerId] RaftRequestHeader peerId
         * @property {number|null} [term] RaftRequestHeader term
         * @property {number|null} [requestId] RaftRequestHeader requestId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RaftRequestHeader.
         * @memberof storepb
         * @interface IRaftRequestHeader
         * @augments storepb.RaftRequestHeader.$Properties
         * @deprecated Use storepb.RaftRequestHeader.$Properties instead.
         */

        /**
         * Shape of a RaftRequestHeader.
         * @typedef {storepb.RaftRequestHeader.$Properties} storepb.RaftRequestHeader.$Shape
         */

        /**
         * Constructs a new RaftRequestHeader.
         * @memberof storepb
         * @classdesc Represents a RaftRequestHeader.
         * @constructor
         * @param {storepb.RaftRequestHeader.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RaftRequestHeader = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RaftRequestHeader regionId.
         * @member {number} regionId
         * @memberof storepb.RaftRequestHeader
         * @instance
         */
        RaftRequestHeader.prototype.regionId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * RaftRequestHeader peerId.
         * @member {number} peerId
         * @memberof storepb.RaftRequestHeader
         * @instance
         */
        RaftRequestHeader.prototype.peerId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * RaftRequestHeader term.
         * @member {number} term
         * @memberof storepb.RaftRequestHeader
         * @instance
         */
        RaftRequestHeader.prototype.term = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * RaftRequestHeader requestId.
         * @member {number} requestId
         * @memberof storepb.RaftRequestHeader
         * @instance
         */
        RaftRequestHeader.prototype.requestId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new RaftRequestHeader instance using the specified properties.
         * @function create
         * @memberof storepb.RaftRequestHeader
         * @static
         * @param {storepb.RaftRequestHeader.$Properties=} [properties] Properties to set
         * @returns {storepb.RaftRequestHeader} RaftRequestHeader instance
         * @type {{
         *   (properties: storepb.RaftRequestHeader.$Shape): storepb.RaftRequestHeader & storepb.RaftRequestHeader.$Shape;
         *   (properties?: storepb.RaftRequestHeader.$Properties): storepb.RaftRequestHeader;
         * }}
         */
        RaftRequestHeader.create = function(properties) {
            return new RaftRequestHeader(properties);
        };

        /**
         * Encodes the specified RaftRequestHeader message. Does not implicitly {@link storepb.RaftRequestHeader.verify|verify} messages.
         * @function encode
         * @memberof storepb.RaftRequestHeader
         * @static
         * @param {storepb.RaftRequestHeader.$Properties} message RaftRequestHeader message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RaftRequestHeader.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.regionId != null && $Object.hasOwnProperty.call(message, "regionId") && (typeof message.regionId === "object" ? message.regionId.low || message.regionId.high : message.regionId !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.regionId);
            if (message.peerId != null && $Object.hasOwnProperty.call(message, "peerId") && (typeof message.peerId === "object" ? message.peerId.low || message.peerId.high : message.peerId !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.peerId);
            if (message.term != null && $Object.hasOwnProperty.call(message, "term") && (typeof message.term === "object" ? message.term.low || message.term.high : message.term !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.term);
            if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && (typeof message.requestId === "object" ? message.requestId.low || message.requestId.high : message.requestId !== 0))
                writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.requestId);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RaftRequestHeader message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.RaftRequestHeader
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.RaftRequestHeader & storepb.RaftRequestHeader.$Shape} RaftRequestHeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RaftRequestHeader.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.RaftRequestHeader();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.regionId = value;
                        else
                            delete message.regionId;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.peerId = value;
                        else
                            delete message.peerId;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.term = value;
                        else
                            delete message.term;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.requestId = value;
                        else
                            delete message.requestId;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return RaftRequestHeader;
    })();

    storepb.RaftCmdRequest = (function() {

        /**
         * Properties of a RaftCmdRequest.
         * @typedef {Object} storepb.RaftCmdRequest.$Properties
         * @property {storepb.RaftRequestHeader.$Properties|null} [header] RaftCmdRequest header
         * @property {Array.<storepb.Request.$Properties>|null} [requests] RaftCmdRequest requests
         * @property {storepb.AdminRequest.$Properties|null} [adminRequest] RaftCmdRequest adminRequest
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RaftCmdRequest.
         * @memberof storepb
         * @interface IRaftCmdRequest
         * @augments storepb.RaftCmdRequest.$Properties
         * @deprecated Use storepb.RaftCmdRequest.$Properties instead.
         */

        /**
         * Shape of a RaftCmdRequest.
         * @typedef {storepb.RaftCmdRequest.$Properties} storepb.RaftCmdRequest.$Shape
         */

        /**
         * Constructs a new RaftCmdRequest.
         * @memberof storepb
         * @classdesc Represents a RaftCmdRequest.
         * @constructor
         * @param {storepb.RaftCmdRequest.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RaftCmdRequest = function (properties) {
            this.requests = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RaftCmdRequest header.
         * @member {storepb.RaftRequestHeader.$Properties|null|undefined} header
         * @memberof storepb.RaftCmdRequest
         * @instance
         */
        RaftCmdRequest.prototype.header = null;

        /**
         * RaftCmdRequest requests.
         * @member {Array.<storepb.Request.$Properties>} requests
         * @memberof storepb.RaftCmdRequest
         * @instance
         */
        RaftCmdRequest.prototype.requests = $util.emptyArray;

        /**
         * RaftCmdRequest adminRequest.
         * @member {storepb.AdminRequest.$Properties|null|undefined} adminRequest
         * @memberof storepb.RaftCmdRequest
         * @instance
         */
        RaftCmdRequest.prototype.adminRequest = null;

        /**
         * Creates a new RaftCmdRequest instance using the specified properties.
         * @function create
         * @memberof storepb.RaftCmdRequest
         * @static
         * @param {storepb.RaftCmdRequest.$Properties=} [properties] Properties to set
         * @returns {storepb.RaftCmdRequest} RaftCmdRequest instance
         * @type {{
         *   (properties: storepb.RaftCmdRequest.$Shape): storepb.RaftCmdRequest & storepb.RaftCmdRequest.$Shape;
         *   (properties?: storepb.RaftCmdRequest.$Properties): storepb.RaftCmdRequest;
         * }}
         */
        RaftCmdRequest.create = function(properties) {
            return new RaftCmdRequest(properties);
        };

        /**
         * Encodes the specified RaftCmdRequest message. Does not implicitly {@link storepb.RaftCmdRequest.verify|verify} messages.
         * @function encode
         * @memberof storepb.RaftCmdRequest
         * @static
         * @param {storepb.RaftCmdRequest.$Properties} message RaftCmdRequest message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RaftCmdRequest.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.header != null && $Object.hasOwnProperty.call(message, "header"))
                $root.storepb.RaftRequestHeader.encode(message.header, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.requests != null && message.requests.length)
                for (let i = 0; i < message.requests.length; ++i)
                    $root.storepb.Request.encode(message.requests[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.adminRequest != null && $Object.hasOwnProperty.call(message, "adminRequest"))
                $root.storepb.AdminRequest.encode(message.adminRequest, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RaftCmdRequest message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.RaftCmdRequest
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.RaftCmdRequest & storepb.RaftCmdRequest.$Shape} RaftCmdRequest
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RaftCmdRequest.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.RaftCmdRequest();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.header = $root.storepb.RaftRequestHeader.decode(reader, reader.size(), $undefined, _depth + 1, message.header);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.requests && message.requests.length))
                            message.requests = [];
                        message.requests.push($root.storepb.Request.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.adminRequest = $root.storepb.AdminRequest.decode(reader, reader.size(), $undefined, _depth + 1, message.adminRequest);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return RaftCmdRequest;
    })();

    storepb.NotLeader = (function() {

        /**
         * Properties of a NotLeader.
         * @typedef {Object} storepb.NotLeader.$Properties
         * @property {number|null} [regionId] NotLeader regionId
         * @property {number|null} [leaderStoreId] NotLeader leaderStoreId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a NotLeader.
         * @memberof storepb
         * @interface INotLeader
         * @augments storepb.NotLeader.$Properties
         * @deprecated Use storepb.NotLeader.$Properties instead.
         */

        /**
         * Shape of a NotLeader.
         * @typedef {storepb.NotLeader.$Properties} storepb.NotLeader.$Shape
         */

        /**
         * Constructs a new NotLeader.
         * @memberof storepb
         * @classdesc Represents a NotLeader.
         * @constructor
         * @param {storepb.NotLeader.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const NotLeader = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * NotLeader regionId.
         * @member {number} regionId
         * @memberof storepb.NotLeader
         * @instance
         */
        NotLeader.prototype.regionId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * NotLeader leaderStoreId.
         * @member {number} leaderStoreId
         * @memberof storepb.NotLeader
         * @instance
         */
        NotLeader.prototype.leaderStoreId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new NotLeader instance using the specified properties.
         * @function create
         * @memberof storepb.NotLeader
         * @static
         * @param {storepb.NotLeader.$Properties=} [properties] Properties to set
         * @returns {storepb.NotLeader} NotLeader instance
         * @type {{
         *   (properties: storepb.NotLeader.$Shape): storepb.NotLeader & storepb.NotLeader.$Shape;
         *   (properties?: storepb.NotLeader.$Properties): storepb.NotLeader;
         * }}
         */
        NotLeader.create = function(properties) {
            return new NotLeader(properties);
        };

        /**
         * Encodes the specified NotLeader message. Does not implicitly {@link storepb.NotLeader.verify|verify} messages.
         * @function encode
         * @memberof storepb.NotLeader
         * @static
         * @param {storepb.NotLeader.$Properties} message NotLeader message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        NotLeader.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.regionId != null && $Object.hasOwnProperty.call(message, "regionId") && (typeof message.regionId === "object" ? message.regionId.low || message.regionId.high : message.regionId !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.regionId);
            if (message.leaderStoreId != null && $Object.hasOwnProperty.call(message, "leaderStoreId") && (typeof message.leaderStoreId === "object" ? message.leaderStoreId.low || message.leaderStoreId.high : message.leaderStoreId !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.leaderStoreId);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a NotLeader message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.NotLeader
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.NotLeader & storepb.NotLeader.$Shape} NotLeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        NotLeader.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.NotLeader();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.regionId = value;
                        else
                            delete message.regionId;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.leaderStoreId = value;
                        else
                            delete message.leaderStoreId;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return NotLeader;
    })();

    storepb.Error = (function() {

        /**
         * Properties of an Error.
         * @typedef {Object} storepb.Error.$Properties
         * @property {string|null} [message] Error message
         * @property {storepb.NotLeader.$Properties|null} [notLeader] Error notLeader
         * @property {boolean|null} [staleCommand] Error staleCommand
         * @property {boolean|null} [timeout] Error timeout
         * @property {boolean|null} [storeStopped] Error storeStopped
         * @property {boolean|null} [indeterminate] Error indeterminate
         * @property {boolean|null} [regionNotFound] Error regionNotFound
         * @property {boolean|null} [invalidRequest] Error invalidRequest
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an Error.
         * @memberof storepb
         * @interface IError
         * @augments storepb.Error.$Properties
         * @deprecated Use storepb.Error.$Properties instead.
         */

        /**
         * Shape of an Error.
         * @typedef {storepb.Error.$Properties} storepb.Error.$Shape
         */

        /**
         * Constructs a new Error.
         * @memberof storepb
         * @classdesc Represents an Error.
         * @constructor
         * @param {storepb.Error.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Error = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * Error message.
         * @member {string} message
         * @memberof storepb.Error
         * @instance
         */
        Error.prototype.message = "";

        /**
         * Error notLeader.
         * @member {storepb.NotLeader.$Properties|null|undefined} notLeader
         * @memberof storepb.Error
         * @instance
         */
        Error.prototype.notLeader = null;

        /**
         * Error staleCommand.
         * @member {boolean} staleCommand
         * @memberof storepb.Error
         * @instance
         */
        Error.prototype.staleCommand = false;

        /**
         * Error timeout.
         * @member {boolean} timeout
         * @memberof storepb.Error
         * @instance
         */
        Error.prototype.timeout = false;

        /**
         * Error storeStopped.
         * @member {boolean} storeStopped
         * @memberof storepb.Error
         * @instance
         */
        Error.prototype.storeStopped = false;

        /**
         * Error indeterminate.
         * @member {boolean} indeterminate
         * @memberof storepb.Error
         * @instance
         */
        Error.prototype.indeterminate = false;

        /**
         * Error regionNotFound.
         * @member {boolean} regionNotFound
         * @memberof storepb.Error
         * @instance
         */
        Error.prototype.regionNotFound = false;

        /**
         * Error invalidRequest.
         * @member {boolean} invalidRequest
         * @memberof storepb.Error
         * @instance
         */
        Error.prototype.invalidRequest = false;

        /**
         * Creates a new Error instance using the specified properties.
         * @function create
         * @memberof storepb.Error
         * @static
         * @param {storepb.Error.$Properties=} [properties] Properties to set
         * @returns {storepb.Error} Error instance
         * @type {{
         *   (properties: storepb.Error.$Shape): storepb.Error & storepb.Error.$Shape;
         *   (properties?: storepb.Error.$Properties): storepb.Error;
         * }}
         */
        Error.create = function(properties) {
            return new Error(properties);
        };

        /**
         * Encodes the specified Error message. Does not implicitly {@link storepb.Error.verify|verify} messages.
         * @function encode
         * @memberof storepb.Error
         * @static
         * @param {storepb.Error.$Properties} message Error message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Error.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                writer.uint32(/* id 1, wireType 2 =*/10).string(message.message);
            if (message.notLeader != null && $Object.hasOwnProperty.call(message, "notLeader"))
                $root.storepb.NotLeader.encode(message.notLeader, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.staleCommand != null && $Object.hasOwnProperty.call(message, "staleCommand") && message.staleCommand !== false)
                writer.uint32(/* id 3, wireType 0 =*/24).bool(message.staleCommand);
            if (message.timeout != null && $Object.hasOwnProperty.call(message, "timeout") && message.timeout !== false)
                writer.uint32(/* id 4, wireType 0 =*/32).bool(message.timeout);
            if (message.storeStopped != null && $Object.hasOwnProperty.call(message, "storeStopped") && message.storeStopped !== false)
                writer.uint32(/* id 5, wireType 0 =*/40).bool(message.storeStopped);
            if (message.indeterminate != null && $Object.hasOwnProperty.call(message, "indeterminate") && message.indeterminate !== false)
                writer.uint32(/* id 6, wireType 0 =*/48).bool(message.indeterminate);
            if (message.regionNotFound != null && $Object.hasOwnProperty.call(message, "regionNotFound") && message.regionNotFound !== false)
                writer.uint32(/* id 7, wireType 0 =*/56).bool(message.regionNotFound);
            if (message.invalidRequest != null && $Object.hasOwnProperty.call(message, "invalidRequest") && message.invalidRequest !== false)
                writer.uint32(/* id 8, wireType 0 =*/64).bool(message.invalidRequest);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes an Error message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.Error
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.Error & storepb.Error.$Shape} Error
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Error.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.Error();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.message = value;
                        else
                            delete message.message;
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.notLeader = $root.storepb.NotLeader.decode(reader, reader.size(), $undefined, _depth + 1, message.notLeader);
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.staleCommand = value;
                        else
                            delete message.staleCommand;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.timeout = value;
                        else
                            delete message.timeout;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.storeStopped = value;
                        else
                            delete message.storeStopped;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.indeterminate = value;
                        else
                            delete message.indeterminate;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.regionNotFound = value;
                        else
                            delete message.regionNotFound;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.invalidRequest = value;
                        else
                            delete message.invalidRequest;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return Error;
    })();

    storepb.RaftResponseHeader = (function() {

        /**
         * Properties of a RaftResponseHeader.
         * @typedef {Object} storepb.RaftResponseHeader.$Properties
         * @property {storepb.Error.$Properties|null} [error] RaftResponseHeader error
         * @property {number|null} [currentTerm] RaftResponseHeader currentTerm
         * @property {number|null} [requestId] RaftResponseHeader requestId
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RaftResponseHeader.
         * @memberof storepb
         * @interface IRaftResponseHeader
         * @augments storepb.RaftResponseHeader.$Properties
         * @deprecated Use storepb.RaftResponseHeader.$Properties instead.
         */

        /**
         * Shape of a RaftResponseHeader.
         * @typedef {storepb.RaftResponseHeader.$Properties} storepb.RaftResponseHeader.$Shape
         */

        /**
         * Constructs a new RaftResponseHeader.
         * @memberof storepb
         * @classdesc Represents a RaftResponseHeader.
         * @constructor
         * @param {storepb.RaftResponseHeader.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RaftResponseHeader = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RaftResponseHeader error.
         * @member {storepb.Error.$Properties|null|undefined} error
         * @memberof storepb.RaftResponseHeader
         * @instance
         */
        RaftResponseHeader.prototype.error = null;

        /**
         * RaftResponseHeader currentTerm.
         * @member {number} currentTerm
         * @memberof storepb.RaftResponseHeader
         * @instance
         */
        RaftResponseHeader.prototype.currentTerm = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * RaftResponseHeader requestId.
         * @member {number} requestId
         * @memberof storepb.RaftResponseHeader
         * @instance
         */
        RaftResponseHeader.prototype.requestId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * Creates a new RaftResponseHeader instance using the specified properties.
         * @function create
         * @memberof storepb.RaftResponseHeader
         * @static
         * @param {storepb.RaftResponseHeader.$Properties=} [properties] Properties to set
         * @returns {storepb.RaftResponseHeader} RaftResponseHeader instance
         * @type {{
         *   (properties: storepb.RaftResponseHeader.$Shape): storepb.RaftResponseHeader & storepb.RaftResponseHeader.$Shape;
         *   (properties?: storepb.RaftResponseHeader.$Properties): storepb.RaftResponseHeader;
         * }}
         */
        RaftResponseHeader.create = function(properties) {
            return new RaftResponseHeader(properties);
        };

        /**
         * Encodes the specified RaftResponseHeader message. Does not implicitly {@link storepb.RaftResponseHeader.verify|verify} messages.
         * @function encode
         * @memberof storepb.RaftResponseHeader
         * @static
         * @param {storepb.RaftResponseHeader.$Properties} message RaftResponseHeader message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RaftResponseHeader.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.error != null && $Object.hasOwnProperty.call(message, "error"))
                $root.storepb.Error.encode(message.error, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.currentTerm != null && $Object.hasOwnProperty.call(message, "currentTerm") && (typeof message.currentTerm === "object" ? message.currentTerm.low || message.currentTerm.high : message.currentTerm !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.currentTerm);
            if (message.requestId != null && $Object.hasOwnProperty.call(message, "requestId") && (typeof message.requestId === "object" ? message.requestId.low || message.requestId.high : message.requestId !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.requestId);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RaftResponseHeader message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.RaftResponseHeader
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.RaftResponseHeader & storepb.RaftResponseHeader.$Shape} RaftResponseHeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RaftResponseHeader.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.RaftResponseHeader();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.error = $root.storepb.Error.decode(reader, reader.size(), $undefined, _depth + 1, message.error);
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.currentTerm = value;
                        else
                            delete message.currentTerm;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.requestId = value;
                        else
                            delete message.requestId;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return RaftResponseHeader;
    })();

    storepb.RaftCmdResponse = (function() {

        /**
         * Properties of a RaftCmdResponse.
         * @typedef {Object} storepb.RaftCmdResponse.$Properties
         * @property {storepb.RaftResponseHeader.$Properties|null} [header] RaftCmdResponse header
         * @property {Array.<storepb.Response.$Properties>|null} [responses] RaftCmdResponse responses
         * @property {storepb.AdminResponse.$Properties|null} [adminResponse] RaftCmdResponse adminResponse
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RaftCmdResponse.
         * @memberof storepb
         * @interface IRaftCmdResponse
         * @augments storepb.RaftCmdResponse.$Properties
         * @deprecated Use storepb.RaftCmdResponse.$Properties instead.
         */

        /**
         * Shape of a RaftCmdResponse.
         * @typedef {storepb.RaftCmdResponse.$Properties} storepb.RaftCmdResponse.$Shape
         */

        /**
         * Constructs a new RaftCmdResponse.
         * @memberof storepb
         * @classdesc Represents a RaftCmdResponse.
         * @constructor
         * @param {storepb.RaftCmdResponse.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RaftCmdResponse = function (properties) {
            this.responses = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * RaftCmdResponse header.
         * @member {storepb.RaftResponseHeader.$Properties|null|undefined} header
         * @memberof storepb.RaftCmdResponse
         * @instance
         */
        RaftCmdResponse.prototype.header = null;

        /**
         * RaftCmdResponse responses.
         * @member {Array.<storepb.Response.$Properties>} responses
         * @memberof storepb.RaftCmdResponse
         * @instance
         */
        RaftCmdResponse.prototype.responses = $util.emptyArray;

        /**
         * RaftCmdResponse adminResponse.
         * @member {storepb.AdminResponse.$Properties|null|undefined} adminResponse
         * @memberof storepb.RaftCmdResponse
         * @instance
         */
        RaftCmdResponse.prototype.adminResponse = null;

        /**
         * Creates a new RaftCmdResponse instance using the specified properties.
         * @function create
         * @memberof storepb.RaftCmdResponse
         * @static
         * @param {storepb.RaftCmdResponse.$Properties=} [properties] Properties to set
         * @returns {storepb.RaftCmdResponse} RaftCmdResponse instance
         * @type {{
         *   (properties: storepb.RaftCmdResponse.$Shape): storepb.RaftCmdResponse & storepb.RaftCmdResponse.$Shape;
         *   (properties?: storepb.RaftCmdResponse.$Properties): storepb.RaftCmdResponse;
         * }}
         */
        RaftCmdResponse.create = function(properties) {
            return new RaftCmdResponse(properties);
        };

        /**
         * Encodes the specified RaftCmdResponse message. Does not implicitly {@link storepb.RaftCmdResponse.verify|verify} messages.
         * @function encode
         * @memberof storepb.RaftCmdResponse
         * @static
         * @param {storepb.RaftCmdResponse.$Properties} message RaftCmdResponse message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RaftCmdResponse.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.header != null && $Object.hasOwnProperty.call(message, "header"))
                $root.storepb.RaftResponseHeader.encode(message.header, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.responses != null && message.responses.length)
                for (let i = 0; i < message.responses.length; ++i)
                    $root.storepb.Response.encode(message.responses[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.adminResponse != null && $Object.hasOwnProperty.call(message, "adminResponse"))
                $root.storepb.AdminResponse.encode(message.adminResponse, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a RaftCmdResponse message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.RaftCmdResponse
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.RaftCmdResponse & storepb.RaftCmdResponse.$Shape} RaftCmdResponse
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RaftCmdResponse.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.RaftCmdResponse();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.header = $root.storepb.RaftResponseHeader.decode(reader, reader.size(), $undefined, _depth + 1, message.header);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.responses && message.responses.length))
                            message.responses = [];
                        message.responses.push($root.storepb.Response.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.adminResponse = $root.storepb.AdminResponse.decode(reader, reader.size(), $undefined, _depth + 1, message.adminResponse);
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return RaftCmdResponse;
    })();

    storepb.SnapshotData = (function() {

        /**
         * Properties of a SnapshotData.
         * @typedef {Object} storepb.SnapshotData.$Properties
         * @property {storepb.Region.$Properties|null} [region] SnapshotData region
         * @property {Array.<storepb.KeyValue.$Properties>|null} [kvs] SnapshotData kvs
         * @property {number|null} [crc32] SnapshotData crc32
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SnapshotData.
         * @memberof storepb
         * @interface ISnapshotData
         * @augments storepb.SnapshotData.$Properties
         * @deprecated Use storepb.SnapshotData.$Properties instead.
         */

        /**
         * Shape of a SnapshotData.
         * @typedef {storepb.SnapshotData.$Properties} storepb.SnapshotData.$Shape
         */

        /**
         * Constructs a new SnapshotData.
         * @memberof storepb
         * @classdesc Represents a SnapshotData.
         * @constructor
         * @param {storepb.SnapshotData.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SnapshotData = function (properties) {
            this.kvs = [];
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SnapshotData region.
         * @member {storepb.Region.$Properties|null|undefined} region
         * @memberof storepb.SnapshotData
         * @instance
         */
        SnapshotData.prototype.region = null;

        /**
         * SnapshotData kvs.
         * @member {Array.<storepb.KeyValue.$Properties>} kvs
         * @memberof storepb.SnapshotData
         * @instance
         */
        SnapshotData.prototype.kvs = $util.emptyArray;

        /**
         * SnapshotData crc32.
         * @member {number} crc32
         * @memberof storepb.SnapshotData
         * @instance
         */
        SnapshotData.prototype.crc32 = 0;

        /**
         * Creates a new SnapshotData instance using the specified properties.
         * @function create
         * @memberof storepb.SnapshotData
         * @static
         * @param {storepb.SnapshotData.$Properties=} [properties] Properties to set
         * @returns {storepb.SnapshotData} SnapshotData instance
         * @type {{
         *   (properties: storepb.SnapshotData.$Shape): storepb.SnapshotData & storepb.SnapshotData.$Shape;
         *   (properties?: storepb.SnapshotData.$Properties): storepb.SnapshotData;
         * }}
         */
        SnapshotData.create = function(properties) {
            return new SnapshotData(properties);
        };

        /**
         * Encodes the specified SnapshotData message. Does not implicitly {@link storepb.SnapshotData.verify|verify} messages.
         * @function encode
         * @memberof storepb.SnapshotData
         * @static
         * @param {storepb.SnapshotData.$Properties} message SnapshotData message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SnapshotData.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.region != null && $Object.hasOwnProperty.call(message, "region"))
                $root.storepb.Region.encode(message.region, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.kvs != null && message.kvs.length)
                for (let i = 0; i < message.kvs.length; ++i)
                    $root.storepb.KeyValue.encode(message.kvs[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.crc32 != null && $Object.hasOwnProperty.call(message, "crc32") && message.crc32 !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.crc32);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SnapshotData message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.SnapshotData
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.SnapshotData & storepb.SnapshotData.$Shape} SnapshotData
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SnapshotData.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.SnapshotData();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.region = $root.storepb.Region.decode(reader, reader.size(), $undefined, _depth + 1, message.region);
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        if (!(message.kvs && message.kvs.length))
                            message.kvs = [];
                        message.kvs.push($root.storepb.KeyValue.decode(reader, reader.size(), $undefined, _depth + 1));
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.crc32 = value;
                        else
                            delete message.crc32;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return SnapshotData;
    })();

    storepb.SnapshotHeader = (function() {

        /**
         * Properties of a SnapshotHeader.
         * @typedef {Object} storepb.SnapshotHeader.$Properties
         * @property {storepb.RaftMessage.$Properties|null} [message] SnapshotHeader message
         * @property {number|null} [totalSize] SnapshotHeader totalSize
         * @property {number|null} [crc32] SnapshotHeader crc32
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SnapshotHeader.
         * @memberof storepb
         * @interface ISnapshotHeader
         * @augments storepb.SnapshotHeader.$Properties
         * @deprecated Use storepb.SnapshotHeader.$Properties instead.
         */

        /**
         * Shape of a SnapshotHeader.
         * @typedef {storepb.SnapshotHeader.$Properties} storepb.SnapshotHeader.$Shape
         */

        /**
         * Constructs a new SnapshotHeader.
         * @memberof storepb
         * @classdesc Represents a SnapshotHeader.
         * @constructor
         * @param {storepb.SnapshotHeader.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SnapshotHeader = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SnapshotHeader message.
         * @member {storepb.RaftMessage.$Properties|null|undefined} message
         * @memberof storepb.SnapshotHeader
         * @instance
         */
        SnapshotHeader.prototype.message = null;

        /**
         * SnapshotHeader totalSize.
         * @member {number} totalSize
         * @memberof storepb.SnapshotHeader
         * @instance
         */
        SnapshotHeader.prototype.totalSize = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotHeader crc32.
         * @member {number} crc32
         * @memberof storepb.SnapshotHeader
         * @instance
         */
        SnapshotHeader.prototype.crc32 = 0;

        /**
         * Creates a new SnapshotHeader instance using the specified properties.
         * @function create
         * @memberof storepb.SnapshotHeader
         * @static
         * @param {storepb.SnapshotHeader.$Properties=} [properties] Properties to set
         * @returns {storepb.SnapshotHeader} SnapshotHeader instance
         * @type {{
         *   (properties: storepb.SnapshotHeader.$Shape): storepb.SnapshotHeader & storepb.SnapshotHeader.$Shape;
         *   (properties?: storepb.SnapshotHeader.$Properties): storepb.SnapshotHeader;
         * }}
         */
        SnapshotHeader.create = function(properties) {
            return new SnapshotHeader(properties);
        };

        /**
         * Encodes the specified SnapshotHeader message. Does not implicitly {@link storepb.SnapshotHeader.verify|verify} messages.
         * @function encode
         * @memberof storepb.SnapshotHeader
         * @static
         * @param {storepb.SnapshotHeader.$Properties} message SnapshotHeader message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SnapshotHeader.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.message != null && $Object.hasOwnProperty.call(message, "message"))
                $root.storepb.RaftMessage.encode(message.message, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.totalSize != null && $Object.hasOwnProperty.call(message, "totalSize") && (typeof message.totalSize === "object" ? message.totalSize.low || message.totalSize.high : message.totalSize !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.totalSize);
            if (message.crc32 != null && $Object.hasOwnProperty.call(message, "crc32") && message.crc32 !== 0)
                writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.crc32);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SnapshotHeader message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.SnapshotHeader
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.SnapshotHeader & storepb.SnapshotHeader.$Shape} SnapshotHeader
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SnapshotHeader.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.SnapshotHeader();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.message = $root.storepb.RaftMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.message);
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.totalSize = value;
                        else
                            delete message.totalSize;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.crc32 = value;
                        else
                            delete message.crc32;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return SnapshotHeader;
    })();

    storepb.SnapshotChunk = (function() {

        /**
         * Properties of a SnapshotChunk.
         * @typedef {Object} storepb.SnapshotChunk.$Properties
         * @property {storepb.SnapshotHeader.$Properties|null} [header] SnapshotChunk header
         * @property {number|null} [offset] SnapshotChunk offset
         * @property {Uint8Array|null} [data] SnapshotChunk data
         * @property {boolean|null} [last] SnapshotChunk last
         * @property {number|null} [fromStore] SnapshotChunk fromStore
         * @property {number|null} [toStore] SnapshotChunk toStore
         * @property {number|null} [streamId] SnapshotChunk streamId
         * @property {number|null} [crc32] SnapshotChunk crc32
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SnapshotChunk.
         * @memberof storepb
         * @interface ISnapshotChunk
         * @augments storepb.SnapshotChunk.$Properties
         * @deprecated Use storepb.SnapshotChunk.$Properties instead.
         */

        /**
         * Shape of a SnapshotChunk.
         * @typedef {storepb.SnapshotChunk.$Properties} storepb.SnapshotChunk.$Shape
         */

        /**
         * Constructs a new SnapshotChunk.
         * @memberof storepb
         * @classdesc Represents a SnapshotChunk.
         * @constructor
         * @param {storepb.SnapshotChunk.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SnapshotChunk = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SnapshotChunk header.
         * @member {storepb.SnapshotHeader.$Properties|null|undefined} header
         * @memberof storepb.SnapshotChunk
         * @instance
         */
        SnapshotChunk.prototype.header = null;

        /**
         * SnapshotChunk offset.
         * @member {number} offset
         * @memberof storepb.SnapshotChunk
         * @instance
         */
        SnapshotChunk.prototype.offset = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotChunk data.
         * @member {Uint8Array} data
         * @memberof storepb.SnapshotChunk
         * @instance
         */
        SnapshotChunk.prototype.data = $util.newBuffer([]);

        /**
         * SnapshotChunk last.
         * @member {boolean} last
         * @memberof storepb.SnapshotChunk
         * @instance
         */
        SnapshotChunk.prototype.last = false;

        /**
         * SnapshotChunk fromStore.
         * @member {number} fromStore
         * @memberof storepb.SnapshotChunk
         * @instance
         */
        SnapshotChunk.prototype.fromStore = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotChunk toStore.
         * @member {number} toStore
         * @memberof storepb.SnapshotChunk
         * @instance
         */
        SnapshotChunk.prototype.toStore = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotChunk streamId.
         * @member {number} streamId
         * @memberof storepb.SnapshotChunk
         * @instance
         */
        SnapshotChunk.prototype.streamId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotChunk crc32.
         * @member {number} crc32
         * @memberof storepb.SnapshotChunk
         * @instance
         */
        SnapshotChunk.prototype.crc32 = 0;

        /**
         * Creates a new SnapshotChunk instance using the specified properties.
         * @function create
         * @memberof storepb.SnapshotChunk
         * @static
         * @param {storepb.SnapshotChunk.$Properties=} [properties] Properties to set
         * @returns {storepb.SnapshotChunk} SnapshotChunk instance
         * @type {{
         *   (properties: storepb.SnapshotChunk.$Shape): storepb.SnapshotChunk & storepb.SnapshotChunk.$Shape;
         *   (properties?: storepb.SnapshotChunk.$Properties): storepb.SnapshotChunk;
         * }}
         */
        SnapshotChunk.create = function(properties) {
            return new SnapshotChunk(properties);
        };

        /**
         * Encodes the specified SnapshotChunk message. Does not implicitly {@link storepb.SnapshotChunk.verify|verify} messages.
         * @function encode
         * @memberof storepb.SnapshotChunk
         * @static
         * @param {storepb.SnapshotChunk.$Properties} message SnapshotChunk message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SnapshotChunk.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.header != null && $Object.hasOwnProperty.call(message, "header"))
                $root.storepb.SnapshotHeader.encode(message.header, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.offset != null && $Object.hasOwnProperty.call(message, "offset") && (typeof message.offset === "object" ? message.offset.low || message.offset.high : message.offset !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.offset);
            if (message.data != null && $Object.hasOwnProperty.call(message, "data") && message.data.length)
                writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.data);
            if (message.last != null && $Object.hasOwnProperty.call(message, "last") && message.last !== false)
                writer.uint32(/* id 4, wireType 0 =*/32).bool(message.last);
            if (message.fromStore != null && $Object.hasOwnProperty.call(message, "fromStore") && (typeof message.fromStore === "object" ? message.fromStore.low || message.fromStore.high : message.fromStore !== 0))
                writer.uint32(/* id 5, wireType 0 =*/40).uint64(message.fromStore);
            if (message.toStore != null && $Object.hasOwnProperty.call(message, "toStore") && (typeof message.toStore === "object" ? message.toStore.low || message.toStore.high : message.toStore !== 0))
                writer.uint32(/* id 6, wireType 0 =*/48).uint64(message.toStore);
            if (message.streamId != null && $Object.hasOwnProperty.call(message, "streamId") && (typeof message.streamId === "object" ? message.streamId.low || message.streamId.high : message.streamId !== 0))
                writer.uint32(/* id 7, wireType 0 =*/56).uint64(message.streamId);
            if (message.crc32 != null && $Object.hasOwnProperty.call(message, "crc32") && message.crc32 !== 0)
                writer.uint32(/* id 8, wireType 0 =*/64).uint32(message.crc32);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SnapshotChunk message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.SnapshotChunk
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.SnapshotChunk & storepb.SnapshotChunk.$Shape} SnapshotChunk
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SnapshotChunk.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.SnapshotChunk();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.header = $root.storepb.SnapshotHeader.decode(reader, reader.size(), $undefined, _depth + 1, message.header);
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.offset = value;
                        else
                            delete message.offset;
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.bytes()).length)
                            message.data = value;
                        else
                            delete message.data;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.last = value;
                        else
                            delete message.last;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.fromStore = value;
                        else
                            delete message.fromStore;
                        continue;
                    }
                case 6: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.toStore = value;
                        else
                            delete message.toStore;
                        continue;
                    }
                case 7: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.streamId = value;
                        else
                            delete message.streamId;
                        continue;
                    }
                case 8: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.crc32 = value;
                        else
                            delete message.crc32;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return SnapshotChunk;
    })();

    storepb.SnapshotAck = (function() {

        /**
         * Properties of a SnapshotAck.
         * @typedef {Object} storepb.SnapshotAck.$Properties
         * @property {number|null} [fromStore] SnapshotAck fromStore
         * @property {number|null} [toStore] SnapshotAck toStore
         * @property {number|null} [streamId] SnapshotAck streamId
         * @property {number|null} [received] SnapshotAck received
         * @property {boolean|null} [done] SnapshotAck done
         * @property {string|null} [error] SnapshotAck error
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SnapshotAck.
         * @memberof storepb
         * @interface ISnapshotAck
         * @augments storepb.SnapshotAck.$Properties
         * @deprecated Use storepb.SnapshotAck.$Properties instead.
         */

        /**
         * Shape of a SnapshotAck.
         * @typedef {storepb.SnapshotAck.$Properties} storepb.SnapshotAck.$Shape
         */

        /**
         * Constructs a new SnapshotAck.
         * @memberof storepb
         * @classdesc Represents a SnapshotAck.
         * @constructor
         * @param {storepb.SnapshotAck.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SnapshotAck = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SnapshotAck fromStore.
         * @member {number} fromStore
         * @memberof storepb.SnapshotAck
         * @instance
         */
        SnapshotAck.prototype.fromStore = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotAck toStore.
         * @member {number} toStore
         * @memberof storepb.SnapshotAck
         * @instance
         */
        SnapshotAck.prototype.toStore = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotAck streamId.
         * @member {number} streamId
         * @memberof storepb.SnapshotAck
         * @instance
         */
        SnapshotAck.prototype.streamId = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotAck received.
         * @member {number} received
         * @memberof storepb.SnapshotAck
         * @instance
         */
        SnapshotAck.prototype.received = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotAck done.
         * @member {boolean} done
         * @memberof storepb.SnapshotAck
         * @instance
         */
        SnapshotAck.prototype.done = false;

        /**
         * SnapshotAck error.
         * @member {string} error
         * @memberof storepb.SnapshotAck
         * @instance
         */
        SnapshotAck.prototype.error = "";

        /**
         * Creates a new SnapshotAck instance using the specified properties.
         * @function create
         * @memberof storepb.SnapshotAck
         * @static
         * @param {storepb.SnapshotAck.$Properties=} [properties] Properties to set
         * @returns {storepb.SnapshotAck} SnapshotAck instance
         * @type {{
         *   (properties: storepb.SnapshotAck.$Shape): storepb.SnapshotAck & storepb.SnapshotAck.$Shape;
         *   (properties?: storepb.SnapshotAck.$Properties): storepb.SnapshotAck;
         * }}
         */
        SnapshotAck.create = function(properties) {
            return new SnapshotAck(properties);
        };

        /**
         * Encodes the specified SnapshotAck message. Does not implicitly {@link storepb.SnapshotAck.verify|verify} messages.
         * @function encode
         * @memberof storepb.SnapshotAck
         * @static
         * @param {storepb.SnapshotAck.$Properties} message SnapshotAck message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SnapshotAck.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.fromStore != null && $Object.hasOwnProperty.call(message, "fromStore") && (typeof message.fromStore === "object" ? message.fromStore.low || message.fromStore.high : message.fromStore !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.fromStore);
            if (message.toStore != null && $Object.hasOwnProperty.call(message, "toStore") && (typeof message.toStore === "object" ? message.toStore.low || message.toStore.high : message.toStore !== 0))
                writer.uint32(/* id 2, wireType 0 =*/16).uint64(message.toStore);
            if (message.streamId != null && $Object.hasOwnProperty.call(message, "streamId") && (typeof message.streamId === "object" ? message.streamId.low || message.streamId.high : message.streamId !== 0))
                writer.uint32(/* id 3, wireType 0 =*/24).uint64(message.streamId);
            if (message.received != null && $Object.hasOwnProperty.call(message, "received") && (typeof message.received === "object" ? message.received.low || message.received.high : message.received !== 0))
                writer.uint32(/* id 4, wireType 0 =*/32).uint64(message.received);
            if (message.done != null && $Object.hasOwnProperty.call(message, "done") && message.done !== false)
                writer.uint32(/* id 5, wireType 0 =*/40).bool(message.done);
            if (message.error != null && $Object.hasOwnProperty.call(message, "error") && message.error !== "")
                writer.uint32(/* id 6, wireType 2 =*/50).string(message.error);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SnapshotAck message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.SnapshotAck
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.SnapshotAck & storepb.SnapshotAck.$Shape} SnapshotAck
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SnapshotAck.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.SnapshotAck();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.fromStore = value;
                        else
                            delete message.fromStore;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.toStore = value;
                        else
                            delete message.toStore;
                        continue;
                    }
                case 3: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.streamId = value;
                        else
                            delete message.streamId;
                        continue;
                    }
                case 4: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.received = value;
                        else
                            delete message.received;
                        continue;
                    }
                case 5: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.bool())
                            message.done = value;
                        else
                            delete message.done;
                        continue;
                    }
                case 6: {
                        if (wireType !== 2)
                            break;
                        if ((value = reader.stringVerify()).length)
                            message.error = value;
                        else
                            delete message.error;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return SnapshotAck;
    })();

    storepb.SnapshotFileMeta = (function() {

        /**
         * Properties of a SnapshotFileMeta.
         * @typedef {Object} storepb.SnapshotFileMeta.$Properties
         * @property {number|null} [size] SnapshotFileMeta size
         * @property {number|null} [crc32] SnapshotFileMeta crc32
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SnapshotFileMeta.
         * @memberof storepb
         * @interface ISnapshotFileMeta
         * @augments storepb.SnapshotFileMeta.$Properties
         * @deprecated Use storepb.SnapshotFileMeta.$Properties instead.
         */

        /**
         * Shape of a SnapshotFileMeta.
         * @typedef {storepb.SnapshotFileMeta.$Properties} storepb.SnapshotFileMeta.$Shape
         */

        /**
         * Constructs a new SnapshotFileMeta.
         * @memberof storepb
         * @classdesc Represents a SnapshotFileMeta.
         * @constructor
         * @param {storepb.SnapshotFileMeta.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SnapshotFileMeta = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * SnapshotFileMeta size.
         * @member {number} size
         * @memberof storepb.SnapshotFileMeta
         * @instance
         */
        SnapshotFileMeta.prototype.size = $util.Long ? $util.Long.fromBits(0,0,true) : 0;

        /**
         * SnapshotFileMeta crc32.
         * @member {number} crc32
         * @memberof storepb.SnapshotFileMeta
         * @instance
         */
        SnapshotFileMeta.prototype.crc32 = 0;

        /**
         * Creates a new SnapshotFileMeta instance using the specified properties.
         * @function create
         * @memberof storepb.SnapshotFileMeta
         * @static
         * @param {storepb.SnapshotFileMeta.$Properties=} [properties] Properties to set
         * @returns {storepb.SnapshotFileMeta} SnapshotFileMeta instance
         * @type {{
         *   (properties: storepb.SnapshotFileMeta.$Shape): storepb.SnapshotFileMeta & storepb.SnapshotFileMeta.$Shape;
         *   (properties?: storepb.SnapshotFileMeta.$Properties): storepb.SnapshotFileMeta;
         * }}
         */
        SnapshotFileMeta.create = function(properties) {
            return new SnapshotFileMeta(properties);
        };

        /**
         * Encodes the specified SnapshotFileMeta message. Does not implicitly {@link storepb.SnapshotFileMeta.verify|verify} messages.
         * @function encode
         * @memberof storepb.SnapshotFileMeta
         * @static
         * @param {storepb.SnapshotFileMeta.$Properties} message SnapshotFileMeta message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SnapshotFileMeta.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.size != null && $Object.hasOwnProperty.call(message, "size") && (typeof message.size === "object" ? message.size.low || message.size.high : message.size !== 0))
                writer.uint32(/* id 1, wireType 0 =*/8).uint64(message.size);
            if (message.crc32 != null && $Object.hasOwnProperty.call(message, "crc32") && message.crc32 !== 0)
                writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.crc32);
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a SnapshotFileMeta message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.SnapshotFileMeta
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.SnapshotFileMeta & storepb.SnapshotFileMeta.$Shape} SnapshotFileMeta
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SnapshotFileMeta.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message, value;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.SnapshotFileMeta();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 0)
                            break;
                        if (typeof (value = reader.uint64()) === "object" ? value.low || value.high : value !== 0)
                            message.size = value;
                        else
                            delete message.size;
                        continue;
                    }
                case 2: {
                        if (wireType !== 0)
                            break;
                        if (value = reader.uint32())
                            message.crc32 = value;
                        else
                            delete message.crc32;
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return SnapshotFileMeta;
    })();

    storepb.StoreMessage = (function() {

        /**
         * Properties of a StoreMessage.
         * @typedef {Object} storepb.StoreMessage.$Properties
         * @property {storepb.RaftMessage.$Properties|null} [raft] StoreMessage raft
         * @property {storepb.SnapshotChunk.$Properties|null} [chunk] StoreMessage chunk
         * @property {storepb.SnapshotAck.$Properties|null} [ack] StoreMessage ack
         * @property {"raft"|"chunk"|"ack"} [payload] StoreMessage payload
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a StoreMessage.
         * @memberof storepb
         * @interface IStoreMessage
         * @augments storepb.StoreMessage.$Properties
         * @deprecated Use storepb.StoreMessage.$Properties instead.
         */

        /**
         * Narrowed shape of a StoreMessage.
         * @typedef {{
         *   raft?: storepb.RaftMessage.$Shape|null;
         *   chunk?: storepb.SnapshotChunk.$Shape|null;
         *   ack?: storepb.SnapshotAck.$Shape|null;
         *   $unknowns?: Array.<Uint8Array>;
         * } & (
         *   ({ payload?: undefined; raft?: null; chunk?: null; ack?: null }|{ payload?: "raft"; raft: storepb.RaftMessage.$Shape; chunk?: null; ack?: null }|{ payload?: "chunk"; raft?: null; chunk: storepb.SnapshotChunk.$Shape; ack?: null }|{ payload?: "ack"; raft?: null; chunk?: null; ack: storepb.SnapshotAck.$Shape })
         * )} storepb.StoreMessage.$Shape
         */

        /**
         * Constructs a new StoreMessage.
         * @memberof storepb
         * @classdesc Represents a StoreMessage.
         * @constructor
         * @param {storepb.StoreMessage.$Properties=} [properties] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const StoreMessage = function (properties) {
            if (properties)
                for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                    if (properties[keys[i]] != null && keys[i] !== "__proto__")
                        this[keys[i]] = properties[keys[i]];
        };

        /**
         * StoreMessage raft.
         * @member {storepb.RaftMessage.$Properties|null|undefined} raft
         * @memberof storepb.StoreMessage
         * @instance
         */
        StoreMessage.prototype.raft = null;

        /**
         * StoreMessage chunk.
         * @member {storepb.SnapshotChunk.$Properties|null|undefined} chunk
         * @memberof storepb.StoreMessage
         * @instance
         */
        StoreMessage.prototype.chunk = null;

        /**
         * StoreMessage ack.
         * @member {storepb.SnapshotAck.$Properties|null|undefined} ack
         * @memberof storepb.StoreMessage
         * @instance
         */
        StoreMessage.prototype.ack = null;

        // OneOf field names bound to virtual getters and setters
        let $oneOfFields;

        /**
         * StoreMessage payload.
         * @member {"raft"|"chunk"|"ack"|undefined} payload
         * @memberof storepb.StoreMessage
         * @instance
         */
        $Object.defineProperty(StoreMessage.prototype, "payload", {
            get: $util.oneOfGetter($oneOfFields = ["raft", "chunk", "ack"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Creates a new StoreMessage instance using the specified properties.
         * @function create
         * @memberof storepb.StoreMessage
         * @static
         * @param {storepb.StoreMessage.$Properties=} [properties] Properties to set
         * @returns {storepb.StoreMessage} StoreMessage instance
         * @type {{
         *   (properties: storepb.StoreMessage.$Shape): storepb.StoreMessage & storepb.StoreMessage.$Shape;
         *   (properties?: storepb.StoreMessage.$Properties): storepb.StoreMessage;
         * }}
         */
        StoreMessage.create = function(properties) {
            return new StoreMessage(properties);
        };

        /**
         * Encodes the specified StoreMessage message. Does not implicitly {@link storepb.StoreMessage.verify|verify} messages.
         * @function encode
         * @memberof storepb.StoreMessage
         * @static
         * @param {storepb.StoreMessage.$Properties} message StoreMessage message or plain object to encode
         * @param {$protobuf.Writer} [writer] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        StoreMessage.encode = function (message, writer, _depth) {
            if (!writer)
                writer = $Writer.create();
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (message.raft != null && $Object.hasOwnProperty.call(message, "raft"))
                $root.storepb.RaftMessage.encode(message.raft, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
            if (message.chunk != null && $Object.hasOwnProperty.call(message, "chunk"))
                $root.storepb.SnapshotChunk.encode(message.chunk, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
            if (message.ack != null && $Object.hasOwnProperty.call(message, "ack"))
                $root.storepb.SnapshotAck.encode(message.ack, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
            if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                for (let i = 0; i < message.$unknowns.length; ++i)
                    writer.raw(message.$unknowns[i]);
            return writer;
        };

        /**
         * Decodes a StoreMessage message from the specified reader or buffer.
         * @function decode
         * @memberof storepb.StoreMessage
         * @static
         * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
         * @param {number} [length] Message length if known beforehand
         * @returns {storepb.StoreMessage & storepb.StoreMessage.$Shape} StoreMessage
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        StoreMessage.decode = function (reader, length, _end, _depth, _target) {
            if (!(reader instanceof $Reader))
                reader = $Reader.create(reader);
            if (_depth === $undefined)
                _depth = 0;
            if (_depth > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            let end, message;
            if (length === $undefined)
                end = reader.len;
            else {
                end = reader.pos + length;
                if (end > reader.len)
                    throw $RangeError("index out of range");
                length = reader.len;
                reader.len = end;
            }
            message = _target || new $root.storepb.StoreMessage();
            while (reader.pos < end) {
                let start = reader.pos;
                let tag = reader.tag();
                if (tag === _end) {
                    _end = $undefined;
                    break;
                }
                let wireType = tag & 7;
                switch (tag >>>= 3) {
                case 1: {
                        if (wireType !== 2)
                            break;
                        message.raft = $root.storepb.RaftMessage.decode(reader, reader.size(), $undefined, _depth + 1, message.raft);
                        message.payload = "raft";
                        continue;
                    }
                case 2: {
                        if (wireType !== 2)
                            break;
                        message.chunk = $root.storepb.SnapshotChunk.decode(reader, reader.size(), $undefined, _depth + 1, message.chunk);
                        message.payload = "chunk";
                        continue;
                    }
                case 3: {
                        if (wireType !== 2)
                            break;
                        message.ack = $root.storepb.SnapshotAck.decode(reader, reader.size(), $undefined, _depth + 1, message.ack);
                        message.payload = "ack";
                        continue;
                    }
                }
                reader.skipType(wireType, _depth, tag);
                if (!reader.discardUnknown) {
                    $util.makeProp(message, "$unknowns", false);
                    (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                }
            }
            if (length !== $undefined) {
                if (reader.pos !== end)
                    throw $RangeError("index out of range");
                reader.len = length;
            }
            if (_end !== $undefined)
                throw $Error("missing end group");
            return message;
        };

        return StoreMessage;
    })();

    return storepb;
})();

export {
  $root as default
};
