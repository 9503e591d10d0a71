/** Spring Boot auto-configuration that every chat service shares, so each service keeps only what is its own. */
@NullMarked
package com.loyalty.chat.chassis;

import org.jspecify.annotations.NullMarked;
