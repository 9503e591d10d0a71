/** Reads the stats tables into the contract's figures, for today or a range of days. */
package com.loyalty.chat.stats.figures;
