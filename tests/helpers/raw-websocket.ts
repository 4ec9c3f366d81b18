// A WebSocket client at the byte level, for hostile-input tests: it performs the handshake
// itself and then writes any frame, valid or not (oversize lengths, reserved opcodes,
// unmasked frames), which no WebSocket library would send.
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import type { ServerAddress } from "./clients.js";

export interface RawConnection {
  socket: Socket;
  /** Status line of the handshake answer, e.g. "HTTP/1.1 101 Switching Protocols". */
  status: string;
  /** Resolves when the server has closed the TCP connection (or after `close()`). */
  closed: Promise<void>;
  /** Resolves with the code of the server's close frame as soon as it arrives, or null if the connection ends without one. */
  closeCode(): Promise<number | null>;
  /** Bytes received after the handshake. */
  received(): Buffer;
  close(): void;
}

/** Opens a TCP connection and performs a WebSocket upgrade on `path` with extra headers. */
export function rawUpgrade(server: ServerAddress, path: string, headers: Record<string, string> = {}): Promise<RawConnection> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let buffer = Buffer.alloc(0);
    let after: Buffer[] = [];
    let upgraded = false;
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.on("error", () => undefined); // a reset by the server is an expected outcome here
    socket.once("close", () => !upgraded && reject(new Error("closed before the handshake answered")));
    socket.on("data", (chunk: Buffer) => {
      if (upgraded) return void after.push(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      upgraded = true;
      after = [buffer.subarray(end + 4)];
      resolve({
        socket,
        status: buffer.subarray(0, buffer.indexOf("\r\n")).toString(),
        closed,
        received: () => Buffer.concat(after),
        closeCode: () =>
          new Promise((done) => {
            const check = () => {
              const code = closeCodeIn(Buffer.concat(after));
              if (code === null) return;
              socket.off("data", check);
              done(code);
            };
            socket.on("data", check);
            void closed.then(() => done(closeCodeIn(Buffer.concat(after))));
            check();
          }),
        close: () => socket.destroy(),
      });
    });
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: ${hostname}:${port}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
      "Sec-WebSocket-Version: 13",
      ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    ];
    socket.write(lines.join("\r\n") + "\r\n\r\n");
  });
}

/** One WebSocket frame. Clients must mask; `mask: false` makes a frame the server must refuse. */
export function frame(payload: Uint8Array, options: { opcode?: number; fin?: boolean; rsv?: number; mask?: boolean; declaredLength?: number } = {}): Buffer {
  const { opcode = 2, fin = true, rsv = 0, mask = true } = options;
  const length = options.declaredLength ?? payload.length;
  const head: number[] = [(fin ? 0x80 : 0) | ((rsv & 7) << 4) | (opcode & 0x0f)];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127);
    const big = Buffer.alloc(8);
    big.writeBigUInt64BE(BigInt(length));
    head.push(...big);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), Buffer.from(payload)]);
  const key = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, i) => byte ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(head), key, masked]);
}

/** The close code in the first close frame the server sent, or null. */
export function closeCodeIn(bytes: Buffer): number | null {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      length = bytes.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(offset));
      offset += 8;
    }
    if (opcode === 8 && length >= 2 && offset + 2 <= bytes.length) return bytes.readUInt16BE(offset);
    at = offset + length;
  }
  return null;
}
