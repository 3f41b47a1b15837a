// Render ZPL (standard input) to PNG images as a Zebra printer would print
// them, with npm zpl-renderer-js; prints a JSON list of base64 PNGs.
// Arguments: label width and height in mm, dots per mm.
const { ready } = require('zpl-renderer-js');

(async () => {
    const { api } = await ready;
    const zpl = require('fs').readFileSync(0, 'utf8');
    const [width, height, dpmm] = process.argv.slice(2).map(Number);
    const images = await api.zplToBase64MultipleAsync(zpl, width, height, dpmm);
    process.stdout.write(JSON.stringify(images));
    process.exit(0);
})().catch((error) => {
    console.error(String(error));
    process.exit(1);
});
