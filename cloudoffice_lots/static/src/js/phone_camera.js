/* Camera scanning for the phone pages.
 *
 * The browser's own BarcodeDetector is used where it reads the symbols our
 * labels carry (Chrome on Android, ChromeOS, macOS); everywhere else (Safari
 * on iPhone, Firefox, Chrome on Linux/Windows) the ZXing WebAssembly ponyfill
 * from npm barcode-detector, served by this add-on from static/lib together
 * with its .wasm file (no CDN). ?detector=polyfill forces the ponyfill.
 */
(function () {
    'use strict';
    var LIB = '/cloudoffice_lots/static/lib/barcode-detector/';
    var FORMATS = ['data_matrix', 'qr_code', 'code_128', 'ean_13'];
    var NEEDED = ['data_matrix', 'qr_code', 'code_128'];

    function polyfillForced() {
        return /[?&]detector=polyfill(&|$)/.test(window.location.search);
    }

    function nativeDetector() {
        if (polyfillForced() || !('BarcodeDetector' in window)) {
            return Promise.resolve(null);
        }
        return Promise.resolve(window.BarcodeDetector.getSupportedFormats()).then(function (supported) {
            // some platforms have the API but no data_matrix reader: our labels need it
            var missing = NEEDED.filter(function (format) { return supported.indexOf(format) < 0; });
            if (missing.length) {
                return null;
            }
            var formats = FORMATS.filter(function (format) { return supported.indexOf(format) >= 0; });
            return {detector: new window.BarcodeDetector({formats: formats}), kind: 'native'};
        }, function () { return null; });
    }

    function polyfillDetector() {
        return new Promise(function (resolve, reject) {
            if (window.BarcodeDetectionAPI) {
                resolve(window.BarcodeDetectionAPI);
                return;
            }
            var script = document.createElement('script');
            script.src = LIB + 'barcode-detector.js';
            script.onload = function () { resolve(window.BarcodeDetectionAPI); };
            script.onerror = function () { reject(new Error('barcode reader not loaded')); };
            document.head.appendChild(script);
        }).then(function (api) {
            api.prepareZXingModule({
                overrides: {
                    locateFile: function (path, prefix) {
                        return /\.wasm$/.test(path) ? LIB + path : prefix + path;
                    },
                },
                fireImmediately: true,
            });
            return {detector: new api.BarcodeDetector({formats: FORMATS}), kind: 'polyfill'};
        });
    }

    /* Open the back camera in ``video`` and call onCode(text) with the first
       barcode read; ``status`` (an element) says what happens. Returns a
       promise of the detector's kind ('native' or 'polyfill'). */
    function start(video, onCode, onError) {
        if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
            onError('no-camera');
            return Promise.resolve(null);
        }
        return nativeDetector().then(function (found) {
            return found || polyfillDetector();
        }).then(function (found) {
            document.body.setAttribute('data-detector', found.kind);
            return navigator.mediaDevices.getUserMedia({
                video: {facingMode: 'environment'}, audio: false,
            }).then(function (stream) {
                video.srcObject = stream;
                video.hidden = false;
                var play = video.play();
                if (play && play.catch) {
                    play.catch(function () { /* autoplay refused: the user taps again */ });
                }
                var stopped = false;
                var look = function () {
                    if (stopped) {
                        return;
                    }
                    if (video.readyState < 2) {
                        setTimeout(look, 200);
                        return;
                    }
                    found.detector.detect(video).then(function (codes) {
                        if (codes.length && codes[0].rawValue) {
                            stopped = true;
                            stream.getTracks().forEach(function (track) { track.stop(); });
                            onCode(codes[0].rawValue);
                        } else {
                            setTimeout(look, 150);
                        }
                    }, function () { setTimeout(look, 400); });
                };
                look();
                return found.kind;
            }, function (error) {
                onError(error && error.name === 'NotAllowedError' ? 'denied' : 'no-camera');
                return found.kind;
            });
        }, function () {
            onError('no-reader');
            return null;
        });
    }

    window.CloudofficeCamera = {start: start};
})();
