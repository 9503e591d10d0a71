package com.loyalty.chat.localstack;

/** Runs every clean-up step even when an earlier one fails, then reports the first failure. */
final class Closer {

    private Closer() {
    }

    static void closeAll(AutoCloseable... steps) {
        RuntimeException failure = null;
        for (AutoCloseable step : steps) {
            try {
                step.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("Clean-up did not complete", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
