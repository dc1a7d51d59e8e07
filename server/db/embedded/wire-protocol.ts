/**
 * MongoDB wire protocol framing: message header, legacy OP_QUERY / OP_REPLY (used only for the
 * driver's initial handshake) and OP_MSG with kind-0 body and kind-1 document sequences.
 */
import { deserialize, serialize, type Document } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MSG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_MORE_TO_COME = 1 << 1;
export const MSG_EXHAUST_ALLOWED = 1 << 16;

export const MAX_MESSAGE_SIZE = 48_000_000;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** A decoded request: one command document plus any kind-1 document sequences kept as raw bytes. */
export interface CommandRequest {
  header: MessageHeader;
  /** 'msg' for OP_MSG, 'query' for legacy OP_QUERY. */
  kind: 'msg' | 'query';
  flags: number;
  body: Document;
  /** Encoded bytes of the body document (exact client bytes). */
  bodyRaw: Buffer;
  /** Database the command targets ($db or the OP_QUERY namespace prefix). */
  db: string;
  /** kind-1 sections: identifier -> raw BSON documents (exact client bytes). */
  sequences: Map<string, Buffer[]>;
}

export class ProtocolError extends Error {}

/** Deserialization options for command bodies: numbers promoted, Long promoted when safe. */
export const commandDeserializeOptions = { promoteValues: true, promoteBuffers: false } as const;

export function readHeader(buf: Buffer, off = 0): MessageHeader {
  return {
    length: buf.readInt32LE(off),
    requestId: buf.readInt32LE(off + 4),
    responseTo: buf.readInt32LE(off + 8),
    opCode: buf.readInt32LE(off + 12),
  };
}

function readCString(buf: Buffer, off: number): [string, number] {
  const end = buf.indexOf(0, off);
  if (end < 0) throw new ProtocolError('unterminated cstring');
  return [buf.toString('utf8', off, end), end + 1];
}

/** Parses one complete message (exactly `header.length` bytes). */
export function parseMessage(msg: Buffer): CommandRequest {
  const header = readHeader(msg);
  if (header.opCode === OP_MSG) return parseOpMsg(msg, header);
  if (header.opCode === OP_QUERY) return parseOpQuery(msg, header);
  if (header.opCode === OP_COMPRESSED) throw new ProtocolError('OP_COMPRESSED is not supported (no compressors advertised)');
  throw new ProtocolError(`unsupported opCode ${header.opCode}`);
}

function parseOpMsg(msg: Buffer, header: MessageHeader): CommandRequest {
  const flags = msg.readUInt32LE(16);
  const end = flags & MSG_CHECKSUM_PRESENT ? msg.length - 4 : msg.length;
  let off = 20;
  let body: Document | undefined;
  let bodyRaw: Buffer | undefined;
  const sequences = new Map<string, Buffer[]>();
  while (off < end) {
    const kind = msg[off]!;
    off += 1;
    if (kind === 0) {
      const size = msg.readInt32LE(off);
      bodyRaw = msg.subarray(off, off + size);
      body = deserialize(bodyRaw, commandDeserializeOptions);
      off += size;
    } else if (kind === 1) {
      const size = msg.readInt32LE(off);
      const sectionEnd = off + size;
      const [id, p] = readCString(msg, off + 4);
      const docs: Buffer[] = [];
      let q = p;
      while (q < sectionEnd) {
        const dsize = msg.readInt32LE(q);
        docs.push(Buffer.from(msg.subarray(q, q + dsize)));
        q += dsize;
      }
      sequences.set(id, docs);
      off = sectionEnd;
    } else {
      throw new ProtocolError(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (!body || !bodyRaw) throw new ProtocolError('OP_MSG without a body section');
  const db = typeof body.$db === 'string' ? body.$db : 'admin';
  return { header, kind: 'msg', flags, body, bodyRaw, db, sequences };
}

function parseOpQuery(msg: Buffer, header: MessageHeader): CommandRequest {
  const flags = msg.readInt32LE(16);
  const [ns, p] = readCString(msg, 20);
  const off = p + 8; // numberToSkip, numberToReturn
  const size = msg.readInt32LE(off);
  const bodyRaw = msg.subarray(off, off + size);
  let body = deserialize(bodyRaw, commandDeserializeOptions);
  if (body.$query && typeof body.$query === 'object') body = body.$query as Document;
  const dot = ns.indexOf('.');
  const db = dot >= 0 ? ns.slice(0, dot) : ns;
  return { header, kind: 'query', flags, body, bodyRaw, db, sequences: new Map() };
}

let nextRequestId = 1;

/** OP_MSG reply with one kind-0 section; `doc` is either a document or its encoded bytes. */
export function encodeOpMsg(responseTo: number, doc: Document | Uint8Array): Buffer {
  const bytes = doc instanceof Uint8Array ? doc : serialize(doc);
  const out = Buffer.allocUnsafe(21 + bytes.length);
  out.writeInt32LE(21 + bytes.length, 0);
  out.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_MSG, 12);
  out.writeUInt32LE(0, 16);
  out[20] = 0;
  out.set(bytes, 21);
  return out;
}

/** Legacy OP_REPLY carrying a single document (answer to an OP_QUERY handshake). */
export function encodeOpReply(responseTo: number, doc: Document | Uint8Array): Buffer {
  const bytes = doc instanceof Uint8Array ? doc : serialize(doc);
  const len = 36 + bytes.length;
  const out = Buffer.allocUnsafe(len);
  out.writeInt32LE(len, 0);
  out.writeInt32LE(nextRequestId++ & 0x7fffffff, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(OP_REPLY, 12);
  out.writeInt32LE(8, 16); // AwaitCapable
  out.writeBigInt64LE(0n, 20);
  out.writeInt32LE(0, 28);
  out.writeInt32LE(1, 32);
  out.set(bytes, 36);
  return out;
}

/** Incremental framer: feed socket chunks, get complete messages back. */
export class MessageFramer {
  private chunks: Buffer[] = [];
  private buffered = 0;

  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    const out: Buffer[] = [];
    while (this.buffered >= 4) {
      let head = this.chunks[0]!;
      if (head.length < 4) {
        head = Buffer.concat(this.chunks);
        this.chunks = [head];
      }
      const len = head.readInt32LE(0);
      if (len < 16 || len > MAX_MESSAGE_SIZE) throw new ProtocolError(`invalid message length ${len}`);
      if (this.buffered < len) break;
      if (head.length < len) {
        head = Buffer.concat(this.chunks);
        this.chunks = [head];
      }
      out.push(head.subarray(0, len));
      const rest = head.subarray(len);
      this.chunks[0] = rest;
      if (rest.length === 0) this.chunks.shift();
      this.buffered -= len;
    }
    return out;
  }
}
