package com.leaveledger.notification.channel;

import java.util.concurrent.CompletableFuture;

/**
 * The port every provider adapter implements: send one rendered message, without blocking the caller. The
 * future fails with a {@link ProviderException} that says whether trying again can help.
 */
public interface ChannelSender {

    CompletableFuture<ProviderReceipt> send(OutgoingMessage message);
}
