package com.loyalty.chat.stats.figures;

/** The seed's human wording of a mean response time: {@code "45秒"}, {@code "2分钟"}, {@code "1小时5分钟"}. */
final class ResponseTimes {

    static final String NO_DATA = "暂无数据";

    private ResponseTimes() {
    }

    static String describe(Long seconds) {
        if (seconds == null) {
            return NO_DATA;
        }
        if (seconds < 60) {
            return seconds + "秒";
        }
        long minutes = Math.round(seconds / 60.0);
        if (minutes < 60) {
            return minutes + "分钟";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return rest == 0 ? hours + "小时" : hours + "小时" + rest + "分钟";
    }
}
