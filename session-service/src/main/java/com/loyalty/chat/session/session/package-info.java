/** Customer sessions: opening one per user, reading them for users and admins, and following message activity. */
package com.loyalty.chat.session.session;
