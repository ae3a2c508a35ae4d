// Draws the toolbar icons (a lens over a page) as PNGs at each size, with 4×4 supersampling for smooth edges.
// Run once after changing the design: node assets/make-icons.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};

/** Colour of a point in the unit square, or null for transparent. */
function shade(x, y) {
  const inRoundedSquare = (() => {
    const r = 0.2;
    const dx = Math.max(r - x, 0, x - (1 - r));
    const dy = Math.max(r - y, 0, y - (1 - r));
    return dx * dx + dy * dy <= r * r;
  })();
  if (!inRoundedSquare) return null;
  const d = Math.hypot(x - 0.44, y - 0.44);
  if (d >= 0.2 && d <= 0.29) return [255, 255, 255];
  // The handle: a thick segment towards the lower right.
  const t = Math.max(0, Math.min(1, (x - 0.64 + (y - 0.64)) / 2 / 0.16));
  const hx = 0.64 + t * 0.16;
  const hy = 0.64 + t * 0.16;
  if (Math.hypot(x - hx, y - hy) <= 0.065 && x + y > 1.2) return [255, 255, 255];
  if (d < 0.2) return [191, 219, 254];
  return [29, 78, 216];
}

function png(size) {
  const samples = 4;
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (colour) {
            r += colour[0];
            g += colour[1];
            b += colour[2];
            a += 1;
          }
        }
      }
      const n = samples * samples;
      const i = 1 + px * 4;
      row[i] = a ? Math.round(r / a) : 0;
      row[i + 1] = a ? Math.round(g / a) : 0;
      row[i + 2] = a ? Math.round(b / a) : 0;
      row[i + 3] = Math.round((255 * a) / n);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = new URL('./public/icon/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(new URL(`${size}.png`, dir), png(size));
console.log('icons written to', dir.pathname);
