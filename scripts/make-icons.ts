/**
 * Draws the extension's icon (a timeline: a line with three dates on a blue square) as
 * PNGs in public/icon/. Run once after changing the drawing: `tsx scripts/make-icons.ts`.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x1d, 0x70, 0xb8];
const WHITE = [0xff, 0xff, 0xff];
const YELLOW = [0xff, 0xdd, 0x00];

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function pixel(x: number, y: number): number[] {
  // Unit square coordinates, so every size draws the same picture.
  const inLine = Math.abs(x - 0.3) < 0.06 && y > 0.15 && y < 0.85;
  const dots = [0.25, 0.5, 0.75].map((cy) => Math.hypot(x - 0.3, y - cy) < 0.11);
  const bars = [0.25, 0.5, 0.75].map((cy) => Math.abs(y - cy) < 0.06 && x > 0.45 && x < (cy === 0.5 ? 0.85 : 0.72));
  if (dots[1]) return YELLOW;
  if (inLine || dots.some(Boolean) || bars.some(Boolean)) return WHITE;
  return BLUE;
}

function png(size: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) row.push(...pixel((x + 0.5) / size, (y + 0.5) / size));
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 48, 96, 128]) writeFileSync(new URL(`../public/icon/${size}.png`, import.meta.url), png(size));
