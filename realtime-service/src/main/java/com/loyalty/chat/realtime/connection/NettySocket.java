package com.loyalty.chat.realtime.connection;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.web.reactive.socket.CloseStatus;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A connection's Netty channel. Frames are written straight to the channel by the connection's writer, a batch of
 * what queued at a time as one task on the channel's event loop with one flush, and the writer hears back from the
 * channel once it flushed them: Netty's own outbound buffer then never holds more than one batch per connection, and
 * the connection's queue stays where the node bounds it.
 */
final class NettySocket implements ClientSocket {

    private final Channel channel;
    private final WebsocketOutbound outbound;
    private final Duration sendTimeLimit;

    NettySocket(Channel channel, WebsocketOutbound outbound, Duration sendTimeLimit) {
        this.channel = channel;
        this.outbound = outbound;
        this.sendTimeLimit = sendTimeLimit;
    }

    @Override
    public String id() {
        return channel.id().asShortText();
    }

    /** Netty completes a channel's writes in order, so the last one's outcome is the batch's. */
    @Override
    public CompletableFuture<Void> send(List<byte[]> texts, boolean ping) {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        ChannelPromise last = channel.newPromise();
        last.addListener(written -> {
            if (written.isSuccess()) {
                taken.complete(null);
            } else {
                taken.completeExceptionally(written.cause());
            }
        });
        if (channel.eventLoop().inEventLoop()) {
            write(texts, ping, last);
        } else {
            channel.eventLoop().execute(() -> write(texts, ping, last));
        }
        return taken;
    }

    private void write(List<byte[]> texts, boolean ping, ChannelPromise last) {
        int frames = texts.size() + (ping ? 1 : 0);
        for (int i = 0; i < frames; i++) {
            // The bytes are shared by every connection that gets the frame; Netty only reads them.
            WebSocketFrame frame = i < texts.size()
                    ? new TextWebSocketFrame(Unpooled.wrappedBuffer(texts.get(i)))
                    : new PingWebSocketFrame();
            if (i == frames - 1) {
                channel.write(frame, last);
            } else {
                channel.write(frame);
            }
        }
        channel.flush();
    }

    /**
     * Reactor Netty's close: the close frame, then the channel closes once it is flushed. A client that takes nothing
     * would hold that flush forever; past the send time limit the channel is closed without it.
     */
    @Override
    public void close(CloseStatus status) {
        try {
            outbound.sendClose(status.getCode(), status.getReason()).block(sendTimeLimit);
        } catch (RuntimeException e) {
            channel.close();
        }
    }
}
