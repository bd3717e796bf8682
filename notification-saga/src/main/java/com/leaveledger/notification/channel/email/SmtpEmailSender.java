package com.leaveledger.notification.channel.email;

import com.leaveledger.notification.channel.ChannelSender;
import com.leaveledger.notification.channel.OutgoingMessage;
import com.leaveledger.notification.channel.ProviderException;
import com.leaveledger.notification.channel.ProviderReceipt;
import com.leaveledger.support.web.CorrelationIdFilter;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * Email over SMTP (Jakarta Mail). SMTP is a blocking protocol, so sends run on a bounded executor: its threads cap
 * the SMTP connections, its queue the backlog (a full queue is a retryable refusal). The delivery id is the
 * {@code Message-ID} ({@code <id@leave-ledger>}) and the {@code X-Idempotency-Key} header, so a resent message is
 * recognisable as the same message downstream; {@code X-Correlation-Id} names the HTTP request behind it.
 */
public class SmtpEmailSender implements ChannelSender {

    public static final String IDEMPOTENCY_HEADER = "X-Idempotency-Key";
    /** The correlation id of the HTTP request behind the notification, as for the HTTP providers. */
    public static final String CORRELATION_HEADER = CorrelationIdFilter.HEADER;
    public static final String MESSAGE_ID_DOMAIN = "leave-ledger";

    private final JavaMailSender mail;
    private final Executor executor;
    private final InternetAddress from;

    public SmtpEmailSender(JavaMailSender mail, Executor executor, String from) {
        this.mail = mail;
        this.executor = executor;
        try {
            this.from = new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("invalid sender address " + from, e);
        }
    }

    public static String messageId(String idempotencyKey) {
        return "<" + idempotencyKey + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    @Override
    public CompletableFuture<ProviderReceipt> send(OutgoingMessage message) {
        try {
            return CompletableFuture.supplyAsync(() -> sendNow(message), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(
                    new ProviderException("smtp-queue-full", "the SMTP send queue is full", false, e));
        }
    }

    private ProviderReceipt sendNow(OutgoingMessage message) {
        String messageId = messageId(message.idempotencyKey());
        try {
            MimeMessage mime = new FixedIdMimeMessage(mail.createMimeMessage(), messageId);
            mime.setFrom(from);
            mime.setRecipients(jakarta.mail.Message.RecipientType.TO, InternetAddress.parse(message.address(), true));
            mime.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            mime.setText(message.body(), StandardCharsets.UTF_8.name());
            mime.setHeader(IDEMPOTENCY_HEADER, message.idempotencyKey());
            if (message.correlationId() != null) {
                mime.setHeader(CORRELATION_HEADER, message.correlationId());
            }
            for (Map.Entry<String, String> header : message.traceContext().entrySet()) {
                mime.setHeader(header.getKey(), header.getValue());
            }
            mail.send(mime);
            return new ProviderReceipt(messageId);
        } catch (AddressException e) {
            // the address itself stays out of the error: errors are logged and kept longer than the address
            throw new ProviderException("invalid-address", "not a valid email address", true, e);
        } catch (MessagingException | MailPreparationException | MailParseException e) {
            throw new ProviderException("invalid-message", String.valueOf(e.getMessage()), true, e);
        } catch (MailException e) {
            throw classify(e);
        }
    }

    private static ProviderException classify(MailException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AddressException) {
                return new ProviderException("invalid-address", String.valueOf(cause.getMessage()), true, e);
            }
            if (cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                    && failed.getInvalidAddresses().length > 0) {
                return new ProviderException("smtp-rejected-recipient", String.valueOf(cause.getMessage()), true, e);
            }
        }
        return new ProviderException("smtp", String.valueOf(e.getMostSpecificCause().getMessage()), false, e);
    }

    /** Keeps the Message-ID we set: Jakarta Mail would replace it with a random one on save. */
    private static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(MimeMessage base, String messageId) throws MessagingException {
            super(base.getSession());
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
