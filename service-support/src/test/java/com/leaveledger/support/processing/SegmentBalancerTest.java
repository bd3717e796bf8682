package com.leaveledger.support.processing;

import static org.assertj.core.api.Assertions.assertThat;

import com.leaveledger.support.processing.SegmentBalancer.Claim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentBalancerTest {

    @Test
    void anInstanceHoldingEverythingReleasesAllButItsShareWhenASecondInstanceIsUp() {
        List<Claim> mine = claims("saga", 0, 1, 2, 3, 4, 5, 6, 7);

        List<Claim> released = SegmentBalancer.surplus("a", mine, 8, Set.of("a", "b"), Map.of("a", 8));

        assertThat(released).hasSize(4).allMatch(c -> c.processor().equals("saga"));
        assertThat(released).extracting(Claim::segment).containsExactly(7, 6, 5, 4);
    }

    @Test
    void releasesFromTheProcessorsItHoldsMostSegmentsOf() {
        List<Claim> mine = new ArrayList<>(claims("saga", 0, 1, 2, 3));
        mine.addAll(claims("inbox", 0));
        mine.addAll(claims("directory", 0));
        mine.addAll(claims("replay", 0, 1));

        List<Claim> released = SegmentBalancer.surplus("a", mine, 8, Set.of("a", "b"), Map.of("a", 8));

        // a tie goes to the processor first by name
        assertThat(released).containsExactly(new Claim("saga", 3), new Claim("saga", 2), new Claim("replay", 1),
                new Claim("saga", 1));
    }

    @Test
    void singleSegmentProcessorsAreSpreadOverInstances() {
        List<Claim> mine = new ArrayList<>();
        for (String projection : List.of("employees", "leave-requests", "balances", "audit-log")) {
            mine.addAll(claims(projection, 0));
        }

        List<Claim> released = SegmentBalancer.surplus("a", mine, 4, Set.of("a", "b"), Map.of("a", 4));

        assertThat(released).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aBalancedInstanceKeepsWhatItHas() {
        assertThat(SegmentBalancer.surplus("a", claims("saga", 0, 1, 2, 3), 8, Set.of("a", "b"),
                Map.of("a", 4, "b", 4))).isEmpty();
        assertThat(SegmentBalancer.surplus("a", claims("saga", 0, 1, 2), 5, Set.of("a", "b"),
                Map.of("a", 3, "b", 2))).isEmpty();
        assertThat(SegmentBalancer.surplus("a", claims("saga", 0, 1, 2, 3), 4, Set.of("a"),
                Map.of("a", 4))).as("alone").isEmpty();
    }

    @Test
    void givesOneToAnInstanceTwoBehindEvenWithinItsShare() {
        // 4 segments over 3 instances: the share is 2, but 2 / 2 / 0 is not balanced.
        List<Claim> released = SegmentBalancer.surplus("a", claims("p", 0, 1), 4, Set.of("a", "b", "c"),
                Map.of("a", 2, "b", 2));

        assertThat(released).containsExactly(new Claim("p", 1));
    }

    @Test
    void countsItselfEvenBeforeItsFirstHeartbeatIsVisible() {
        assertThat(SegmentBalancer.surplus("a", claims("p", 0, 1, 2, 3), 4, Set.of("b"), Map.of("b", 0)))
                .hasSize(2);
    }

    private static List<Claim> claims(String processor, int... segments) {
        List<Claim> claims = new ArrayList<>();
        for (int segment : segments) {
            claims.add(new Claim(processor, segment));
        }
        return claims;
    }
}
