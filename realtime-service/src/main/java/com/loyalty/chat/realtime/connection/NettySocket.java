package com.loyalty.chat.realtime.connection;

import java.io.IOException;
import java.time.Duration;

import org.springframework.web.reactive.socket.CloseStatus;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * A connection's Netty channel. Frames are written straight to the channel, one at a time by the connection's writer,
 * which waits on a virtual thread until the channel has flushed each one: Netty's own outbound buffer then never holds
 * more than one frame per connection, and the connection's queue stays where the node bounds it.
 */
final class NettySocket implements ClientSocket {

    private final Channel channel;
    private final WebsocketOutbound outbound;
    private final long sendTimeLimitMillis;

    NettySocket(Channel channel, WebsocketOutbound outbound, Duration sendTimeLimit) {
        this.channel = channel;
        this.outbound = outbound;
        this.sendTimeLimitMillis = sendTimeLimit.toMillis();
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

    @Override
    public void sendPing() throws IOException {
        write(new PingWebSocketFrame());
    }

    private void write(WebSocketFrame frame) throws IOException {
        ChannelFuture written = channel.writeAndFlush(frame);
        try {
            if (!written.await(sendTimeLimitMillis)) {
                throw new IOException("the socket took no frame for " + sendTimeLimitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing", e);
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
            outbound.sendClose(status.getCode(), status.getReason()).block(Duration.ofMillis(sendTimeLimitMillis));
        } catch (RuntimeException e) {
            channel.close();
        }
    }
}
