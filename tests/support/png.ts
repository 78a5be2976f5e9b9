// Minimal PNG decoder for screenshot checks (8-bit RGB/RGBA, non-interlaced — what Chromium writes), using
// node:zlib only: the project takes no image dependency for one test.
import zlib from 'node:zlib';

export interface Decoded {
  width: number;
  height: number;
  channels: number;
  pixels: Buffer;
}

export function decodePng(buf: Buffer): Decoded {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colour = data[9];
      if (depth !== 8 || data[12] !== 0) throw new Error(`unsupported PNG depth ${depth} / interlace`);
      channels = colour === 6 ? 4 : colour === 2 ? 3 : 0;
      if (!channels) throw new Error(`unsupported PNG colour type ${colour}`);
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = (line[x]! + pred) & 0xff;
    }
  }
  return { width, height, channels, pixels };
}

/** Pixels differing from the top-left (background) colour, and the number of distinct colours. */
export function pixelStats(img: Decoded): { nonBackground: number; colours: number; has: (rgb: number) => number } {
  const { pixels, channels } = img;
  const bg = (pixels[0]! << 16) | (pixels[1]! << 8) | pixels[2]!;
  const counts = new Map<number, number>();
  let nonBackground = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    const rgb = (pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!;
    if (rgb !== bg) nonBackground++;
    counts.set(rgb, (counts.get(rgb) ?? 0) + 1);
  }
  return { nonBackground, colours: counts.size, has: (rgb) => counts.get(rgb) ?? 0 };
}

/** Summary used by the web tests: size, distinct colours and the share of pixels that are not (near) white. */
export function pngStats(png: Buffer): {
  width: number;
  height: number;
  distinctColours: number;
  nonWhiteRatio: number;
} {
  const img = decodePng(png);
  const { pixels, channels, width, height } = img;
  let nonWhite = 0;
  for (let i = 0; i < pixels.length; i += channels) {
    if (pixels[i]! < 240 || pixels[i + 1]! < 240 || pixels[i + 2]! < 240) nonWhite++;
  }
  return { width, height, distinctColours: pixelStats(img).colours, nonWhiteRatio: nonWhite / (width * height) };
}
