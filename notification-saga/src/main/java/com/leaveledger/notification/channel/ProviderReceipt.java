package com.leaveledger.notification.channel;

/** The provider's acknowledgement; {@code providerMessageId} is its reference for the message, if it gave one. */
public record ProviderReceipt(String providerMessageId) {
}
