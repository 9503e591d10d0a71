// The login both pages share: a code by SMS, then mobile and code for a token; signing out, by hand or when the
// token expires (REST or /ws), ends in the same place.

import { $, show, toast } from './dom.js';
import { t } from './i18n.js';

/**
 * @param accept throws (with the text to show) for a user this page does not serve
 */
export function wireLogin({ auth, socket, accept = () => {}, onSignedIn, onSignedOut }) {
  $('#login-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = $('#login-error');
    show(error, false);
    try {
      accept(await auth.signIn($('#login-mobile').value.trim(), $('#login-code').value.trim()));
      onSignedIn();
    } catch (e) {
      error.textContent = e.message;
      show(error, true);
    }
  });

  $('#send-code').addEventListener('click', async () => {
    try {
      await auth.sendCode($('#login-mobile').value.trim());
      toast(t('login.codeSent'));
    } catch (e) {
      toast(e.message);
    }
  });

  $('#logout').addEventListener('click', onSignedOut);
  auth.onExpired = onSignedOut;
  socket.on('expired', onSignedOut);
}
