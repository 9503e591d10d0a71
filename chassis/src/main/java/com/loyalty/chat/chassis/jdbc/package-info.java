/** What consumers that keep state in their own database share: recognising a redelivered event. */
@NullMarked
package com.loyalty.chat.chassis.jdbc;

import org.jspecify.annotations.NullMarked;
