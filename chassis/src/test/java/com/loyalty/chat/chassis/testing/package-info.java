/** Test support every service shares, published in the chassis's test-jar. */
@NullMarked
package com.loyalty.chat.chassis.testing;

import org.jspecify.annotations.NullMarked;
