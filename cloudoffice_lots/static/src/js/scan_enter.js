odoo.define("cloudoffice_lots.scan_enter", function () {
    "use strict";
    // A scanner ends each scan with Enter. In a window whose scan field has
    // the class o_cloudoffice_apply_on_enter, Enter presses the window's
    // Apply button: the scan is applied by a server method, not an onchange.
    document.addEventListener("keydown", function (event) {
        var target = event.target;
        if (event.key !== "Enter" || !target.closest
                || !target.closest(".o_cloudoffice_apply_on_enter")) {
            return;
        }
        var modal = target.closest(".modal");
        var button = modal && modal.querySelector(".modal-footer button[name=action_apply]");
        if (!button) {
            return;
        }
        event.preventDefault();
        event.stopPropagation();
        // let the field hand its value to the record before the button saves it
        target.dispatchEvent(new Event("change", {bubbles: true}));
        button.click();
    }, true);
});
