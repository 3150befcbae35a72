// zml's framing of one message between the watch and the side service, as the side service sees it on
// `messaging.peerSocket` (zml 0.0.43, dist/zml-side.js: buildPayload / readPayload): a 66-byte header
// (trace and span ids, sequence, total and payload lengths, payload type, op code, time stamps, content
// and data types) and the payload, here always one chunk of JSON (the project's messages are far below
// zml's 3,518-byte chunks). The fake watch end of the tests speaks it, so the side service's real zml
// reads and writes real frames.

/** zml's payload types: 1 request, 2 response, 3 call (one-way). */
export const PAYLOAD_CALL = 3;
/** zml's content/data types: 1 text, 2 JSON, 3 binary. */
const CONTENT_JSON = 2;
const HEADER_BYTES = 66;

let nextTrace = 50000;

/** One call frame carrying `json`, as zml on the watch sends it (`call`: jsonrpc added to objects). */
export function callFrame(json: unknown): ArrayBuffer {
  const data =
    json !== null && typeof json === "object" && !Array.isArray(json) ? Object.assign({ jsonrpc: "hmrpcv1" }, json as object) : json;
  const payload = Buffer.from(JSON.stringify(data), "utf-8");
  const frame = Buffer.alloc(HEADER_BYTES + payload.byteLength);
  let at = 0;
  const u32 = (v: number) => ((at = frame.writeUInt32LE(v >>> 0, at)), undefined);
  const u8 = (v: number) => ((at = frame.writeUInt8(v, at)), undefined);
  u32(nextTrace++); // traceId
  u32(0); // parentId
  u32(1000); // spanId
  u32(0); // seqId
  u32(payload.byteLength); // totalLength
  u32(payload.byteLength); // payloadLength
  u8(PAYLOAD_CALL);
  u8(1); // opCode: the last (only) chunk
  for (let i = 0; i < 7; i++) u32(0); // time stamps
  u8(CONTENT_JSON);
  u8(0); // dataType
  at = frame.writeUInt16LE(0, at);
  u32(0);
  u32(0);
  payload.copy(frame, at);
  return frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength);
}

export interface ReadFrame {
  payloadType: number;
  contentType: number;
  /** The payload's bytes (UTF-8 of JSON for calls). */
  bytes: number;
  /** Parsed JSON, or undefined when the payload is not JSON. */
  json: unknown;
}

/** Reads one single-chunk frame the side service sent (payloadType 0: a control frame, not a message). */
export function readFrame(data: ArrayBuffer | ArrayBufferView): ReadFrame {
  const buf = ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
  // zml's own control frames (the close it sends when stopped) are shorter than a data header.
  if (buf.byteLength < HEADER_BYTES) return { payloadType: 0, contentType: 0, bytes: 0, json: undefined };
  const payloadLength = buf.readUInt32LE(20);
  const payloadType = buf.readUInt8(24);
  const contentType = buf.readUInt8(54);
  const payload = buf.subarray(HEADER_BYTES, HEADER_BYTES + payloadLength);
  let json: unknown;
  try {
    json = JSON.parse(payload.toString("utf-8"));
  } catch (_) {
    json = undefined;
  }
  return { payloadType, contentType, bytes: payloadLength, json };
}
