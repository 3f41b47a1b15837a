odoo.define('cloudoffice_lots.download_action', function (require) {
'use strict';

/**
 * A file made by a dialog (labels, report exports) is downloaded and the
 * dialog closes once the file has come.
 *
 * Odoo 11 downloads an ``ir.actions.act_url`` with target "self" by pointing
 * the window at it: the page stays, but the action never reports that it is
 * done, so the dialog stays open with every button greyed. An action with
 * target "download" is fetched as Odoo's own report downloads are (a hidden
 * frame and the fileToken cookie), which says when the file has arrived.
 */
var ActionManager = require('web.ActionManager');
var crash_manager = require('web.crash_manager');
var framework = require('web.framework');

ActionManager.include({
    ir_actions_act_url: function (action, options) {
        if (action.target !== 'download') {
            return this._super.apply(this, arguments);
        }
        var self = this;
        var done = $.Deferred();
        framework.blockUI();
        this.getSession().get_file({
            url: action.url,
            complete: framework.unblockUI,
            error: function (error) {
                crash_manager.rpc_error(error);
                done.reject();
            },
            success: function () {
                if (self.dialog) {
                    self.do_action({type: 'ir.actions.act_window_close'}, options);
                }
                done.resolve();
            },
        });
        return done;
    },
});

});
