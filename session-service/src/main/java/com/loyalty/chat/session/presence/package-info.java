/** Who is connected where, as the realtime nodes announce it; admins' online/busy/offline status and their load. */
@NullMarked
package com.loyalty.chat.session.presence;

import org.jspecify.annotations.NullMarked;
