package com.loyalty.chat.bench.adminlist;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * Rows for {@code LOAD DATA LOCAL INFILE}, made as the server reads them: tab-separated, {@code \N} for NULL, one
 * row per line. Millions of rows go to the server without a file on disk or a list in memory.
 */
final class RowStream extends InputStream {

    /** Appends row {@code index} (without the line end) to {@code line}. */
    interface RowWriter {
        void write(long index, StringBuilder line);
    }

    private static final int ROWS_PER_CHUNK = 2000;

    private final long rows;
    private final RowWriter writer;
    private final LongConsumer progress;
    private final StringBuilder text = new StringBuilder(1 << 16);
    private long next;
    private byte[] chunk = new byte[0];
    private int position;

    RowStream(long rows, RowWriter writer, LongConsumer progress) {
        this.rows = rows;
        this.writer = writer;
        this.progress = progress;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position == chunk.length && !fill()) {
            return -1;
        }
        int count = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, count);
        position += count;
        return count;
    }

    private boolean fill() {
        if (next == rows) {
            return false;
        }
        text.setLength(0);
        long end = Math.min(rows, next + ROWS_PER_CHUNK);
        for (; next < end; next++) {
            writer.write(next, text);
            text.append('\n');
        }
        progress.accept(next);
        chunk = text.toString().getBytes(StandardCharsets.UTF_8);
        position = 0;
        return true;
    }
}
