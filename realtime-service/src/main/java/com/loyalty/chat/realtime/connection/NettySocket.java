package com.loyalty.chat.realtime.connection;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import org.springframework.web.reactive.socket.CloseStatus;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A connection's Netty channel. Frames are written straight to the channel by the connection's writer, a frame or a
 * batch of what queued at a time, and the writer waits on a virtual thread until the channel has flushed them: Netty's
 * own outbound buffer then never holds more than one batch per connection, and the connection's queue stays where the
 * node bounds it.
 */
final class NettySocket implements ClientSocket {

    private final Channel channel;
    private final WebsocketOutbound outbound;
    private final long sendTimeLimitNanos;

    NettySocket(Channel channel, WebsocketOutbound outbound, Duration sendTimeLimit) {
        this.channel = channel;
        this.outbound = outbound;
        this.sendTimeLimitNanos = sendTimeLimit.toNanos();
    }

    @Override
    public String id() {
        return channel.id().asShortText();
    }

    @Override
    public void sendText(byte[] text) throws IOException {
        // The bytes are shared by every connection that gets the frame; Netty only reads them.
        write(new TextWebSocketFrame(Unpooled.wrappedBuffer(text)));
    }

    /**
     * One task on the channel's event loop, one flush and one wait for all: Netty completes a channel's writes in
     * order, so the last one's outcome is the batch's.
     */
    @Override
    public void sendTexts(List<byte[]> texts) throws IOException {
        ChannelPromise last = channel.newPromise();
        channel.eventLoop().execute(() -> {
            for (int i = 0; i < texts.size() - 1; i++) {
                channel.write(new TextWebSocketFrame(Unpooled.wrappedBuffer(texts.get(i))));
            }
            channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(texts.getLast())), last);
        });
        await(last);
    }

    @Override
    public void sendPing() throws IOException {
        write(new PingWebSocketFrame());
    }

    private void write(WebSocketFrame frame) throws IOException {
        await(channel.writeAndFlush(frame));
    }

    /**
     * Parks the writer until the event loop completes the write. Not {@code written.await}: that waits on the
     * promise's monitor, which then has to be inflated for every write and woken with {@code notifyAll} from the
     * event loop.
     */
    private void await(ChannelFuture written) throws IOException {
        if (!written.isDone()) {
            Thread writer = Thread.currentThread();
            written.addListener(done -> LockSupport.unpark(writer));
            long deadline = System.nanoTime() + sendTimeLimitNanos;
            while (!written.isDone()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("the socket took no frame for " + sendTimeLimitNanos / 1_000_000 + " ms");
                }
                LockSupport.parkNanos(written, left);
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("interrupted while writing");
                }
            }
        }
        if (!written.isSuccess()) {
            throw new IOException("write failed", written.cause());
        }
    }

    /**
     * Reactor Netty's close: the close frame, then the channel closes once it is flushed. A client that takes nothing
     * would hold that flush forever; past the send time limit the channel is closed without it.
     */
    @Override
    public void close(CloseStatus status) {
        try {
            outbound.sendClose(status.getCode(), status.getReason()).block(Duration.ofNanos(sendTimeLimitNanos));
        } catch (RuntimeException e) {
            channel.close();
        }
    }
}
