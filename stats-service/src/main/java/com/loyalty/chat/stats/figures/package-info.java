/** Reads the stats tables into the contract's figures, for today or a range of days. */
@NullMarked
package com.loyalty.chat.stats.figures;

import org.jspecify.annotations.NullMarked;
