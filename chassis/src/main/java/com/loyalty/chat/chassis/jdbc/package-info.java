/** What services that keep state in their own database share: recognising a redelivered event, UTC DATETIME columns. */
@NullMarked
package com.loyalty.chat.chassis.jdbc;

import org.jspecify.annotations.NullMarked;
