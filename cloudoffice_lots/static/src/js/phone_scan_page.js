/* Phone pages with a scan field: the Camera button reads a barcode into it
   and sends the form. */
(function () {
    'use strict';
    var button = document.getElementById('scan_camera');
    var video = document.getElementById('scan_video');
    var input = document.getElementById('scan_code');
    var form = document.getElementById('scan_form');
    var status = document.getElementById('scan_status');
    if (!button || !form) {
        return;
    }
    var say = function (key) {
        var message = document.querySelector('#scan_messages [data-message="' + key + '"]');
        status.textContent = message ? message.textContent : '';
    };

    if (/[?&]detector=polyfill(&|$)/.test(window.location.search)) {
        // keep the choice across the look-up's reload
        var keep = document.createElement('input');
        keep.type = 'hidden';
        keep.name = 'detector';
        keep.value = 'polyfill';
        form.appendChild(keep);
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        return;
    }
    button.hidden = false;
    button.addEventListener('click', function () {
        button.disabled = true;
        say('starting');
        window.CloudofficeCamera.start(video, function (text) {
            input.value = text;
            form.submit();
        }, function (reason) {
            say(reason);
            video.hidden = true;
            button.disabled = false;
        }).then(function (kind) {
            if (kind && !video.hidden) {
                say('looking');
            }
        });
    });
})();
