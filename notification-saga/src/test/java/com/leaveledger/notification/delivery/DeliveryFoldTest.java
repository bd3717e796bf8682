package com.leaveledger.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.leaveledger.kernel.employee.Channel;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeliveryFoldTest {

    private static final Instant T = Instant.parse("2027-03-01T09:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void foldsOutcomesWithTheOutcomeWritersRules() throws Exception {
        DeliveryView sms = identity(Channel.SMS, null);
        DeliveryView email = identity(Channel.EMAIL, sms.deliveryId());
        DeliveryView push = identity(Channel.PUSH, null);
        DeliveryFold fold = new DeliveryFold();
        fold.apply("NotificationRequestedEvent", sms, T, json("{}"));
        fold.apply("NotificationRequestedEvent", push, T, json("{}"));
        fold.apply("NotificationFailedEvent", sms, T.plusSeconds(5), json("{\"attempts\":3,\"cause\":\"503\"}"));
        fold.apply("NotificationRequestedEvent", email, T.plusSeconds(6), json("{}"));
        fold.apply("NotificationFellBackEvent", sms, T.plusSeconds(6), json("{}"));
        fold.apply("NotificationSentEvent", email, T.plusSeconds(7),
                json("{\"attempts\":1,\"address\":\"eli@example.com\"}"));
        fold.apply("NotificationCancelledEvent", push, T.plusSeconds(8), json("{\"reason\":\"withdrawn\"}"));
        fold.apply("NotificationArchivedEvent", push, T.plusSeconds(9), json("{}"));

        List<DeliveryView> views = fold.deliveries();

        assertThat(views).extracting(DeliveryView::channel).containsExactly(Channel.PUSH, Channel.SMS, Channel.EMAIL);
        DeliveryView cancelled = views.get(0);
        assertThat(cancelled.status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(cancelled.lastError()).isEqualTo("cancelled: withdrawn");
        DeliveryView fellBack = views.get(1);
        assertThat(fellBack.status()).isEqualTo(DeliveryStatus.FALLEN_BACK);
        assertThat(fellBack.attempts()).isEqualTo(3);
        assertThat(fellBack.lastError()).isEqualTo("503");
        assertThat(fellBack.completedAt()).isEqualTo(T.plusSeconds(5));
        DeliveryView sent = views.get(2);
        assertThat(sent.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(sent.address()).isEqualTo("eli@example.com");
        assertThat(sent.lastAttemptAt()).isEqualTo(T.plusSeconds(7));
        assertThat(sent.fallbackFor()).isEqualTo(sms.deliveryId());
        assertThat(fold.applied()).isEqualTo(7);
    }

    private static DeliveryView identity(Channel channel, UUID fallbackFor) {
        Instant requested = fallbackFor == null ? T : T.plusSeconds(6);
        return new DeliveryView(UUID.randomUUID(), "evt-1", NotificationKind.LEAVE_REQUESTED, "mia",
                RecipientRole.MANAGER, channel, DeliveryStatus.PENDING, 0, null, null, fallbackFor, requested, null,
                null, "eli", "mia", "req-1");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
